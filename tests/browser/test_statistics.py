"""The office's training and monthly statistics pages in a real browser: it records a training
session and its attendance through the forms, reads the month's charts (SVG drawn on the
server) and their tables, and every page passes the axe-core accessibility check without a
serious or critical violation."""

from __future__ import annotations

import datetime as dt

import pytest

from gongkai.applications.models import Application
from tests.browser.conftest import open_staff_page
from tests.browser.test_application_journey import log_in
from tests.browser.test_portal import axe_source, violations
from tests.factories import register

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

__all__ = ["axe_source"]  # the fixture, used by name


def test_the_office_records_a_training_and_reads_the_months_charts(
    page, live_server, axe_source, office, unit_a, unit_b, clerk_a
):
    application = register(clerk_a.user, unit_a, received=dt.date(2025, 3, 3))
    Application.objects.filter(pk=application.pk).update(channel="online")
    base = live_server.url
    log_in(page, base, "office")
    checked = []

    # training: the list, a new session, its attendance, the session's page
    open_staff_page(page, "业务培训")
    checked.append(("training", violations(page, axe_source)))
    page.click("text=登记培训")
    checked.append(("training_create", violations(page, axe_source)))
    page.fill("#id_held_on", "2025-06-25")
    page.fill("#id_title", "2025年度政府信息公开业务培训")
    page.fill("#id_organiser", "区政府办")
    page.fill("#id_place", "区政务服务中心")
    page.click("main form[method=post] button[type=submit]")
    assert "请登记参训单位和人数" in page.inner_text(".messages")
    checked.append(("training_attendance", violations(page, axe_source)))
    page.fill(f"#id_people_{unit_a.pk}", "3")
    page.fill(f"#id_people_{unit_b.pk}", "-2")
    page.click("main form[method=post] button[type=submit]")
    assert "参训人数不能为负数" in page.inner_text("main")
    page.fill(f"#id_people_{unit_b.pk}", "2")
    page.click("main form[method=post] button[type=submit]")
    assert "2 家单位，5 人" in page.inner_text("main")
    checked.append(("training_session", violations(page, axe_source)))

    # statistics: the district's month, then one unit's
    page.goto(base + "/staff/statistics/monthly/?year=2025&month=3")
    main = page.inner_text("main")
    assert "全区2025年3月政府信息公开统计" in main
    charts = page.locator("svg.chart[role=img]")
    assert charts.count() == 5
    assert page.locator("#chart-channel rect.bar").count() == 6
    assert page.locator("#chart-channel title").text_content() == "全区2025年3月新收申请（按渠道）"
    checked.append(("monthly_statistics", violations(page, axe_source)))
    page.select_option("#unit", str(unit_a.pk))
    page.click("main form.filters button[type=submit]")
    assert f"{unit_a.name}2025年3月" in page.inner_text("h1")
    checked.append(("monthly_statistics unit", violations(page, axe_source)))
    assert [(name, found) for name, found in checked if found] == []
