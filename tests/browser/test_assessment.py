"""The assessment in a real browser: the office scores a manual item on a unit's sheet, reads
the ranking, and both pages pass the automated accessibility check (axe-core) without a serious
or critical violation; the unit's reviewer reads the unit's own sheet."""

from __future__ import annotations

import pytest

from gongkai.assessment import services
from tests.browser import test_portal
from tests.browser.test_application_journey import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

axe_source = test_portal.axe_source  # the fixture: axe-core's source, or a skip
violations = test_portal.violations


def test_the_office_scores_a_unit_and_reads_the_ranking(
    new_page,
    live_server,
    axe_source,
    office,
    unit_a,
    unit_b,
    reviewer_a,
):
    services.assessment_create(actor=office.user, year=2025)
    base = live_server.url
    page = new_page()
    log_in(page, base, "office")
    page.goto(f"{base}/staff/assessment/")
    page.click("a[href='/staff/assessment/2025/']")
    page.wait_for_url(f"{base}/staff/assessment/2025/")
    assert "2025年度政府信息公开和政务公开专项考核" in page.inner_text("h1")
    assert violations(page, axe_source) == []
    page.click(f"a[href='/staff/assessment/2025/units/{unit_a.pk}/']")
    page.wait_for_url(f"{base}/staff/assessment/2025/units/{unit_a.pk}/")
    assert "考核评分表" in page.inner_text("h1")
    assert violations(page, axe_source) == []
    page.click("#item-B1 a[href$='/B1/']")
    page.wait_for_url(f"{base}/staff/assessment/2025/units/{unit_a.pk}/B1/")
    page.fill("#id_score", "2")
    page.fill("#id_note", "专职人员调整后未备案，扣1分")
    page.click("main button[type=submit]")
    page.wait_for_url(f"{base}/staff/assessment/2025/units/{unit_a.pk}/#item-B1")
    assert "已保存" in page.inner_text(".messages")
    assert "专职人员调整后未备案" in page.inner_text("#item-B1")
    assert violations(page, axe_source) == []

    unit_page = new_page()
    log_in(unit_page, base, "reviewer.a")
    unit_page.goto(f"{base}/staff/assessment/")
    unit_page.click("text=本单位评分表")
    unit_page.wait_for_url(f"{base}/staff/assessment/2025/units/{unit_a.pk}/")
    assert unit_a.name in unit_page.inner_text("h1")
    assert "评分和排名" not in unit_page.inner_text("main")
