"""Inspections in a real browser: the office records an inspection, a finding and the notice;
the unit's clerk reports with evidence; the office closes it. The list, the inspection and the
notice's page pass the automated accessibility check (axe-core) without a serious or critical
violation."""

from __future__ import annotations

import pytest

from gongkai.inspections.models import Rectification
from tests.browser import test_portal
from tests.browser.conftest import open_staff_page
from tests.browser.test_application_journey import log_in
from tests.browser.test_portal import violations
from tests.factories import PNG

axe_source = test_portal.axe_source  # the portal's fixture: axe-core's source, or a skip

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_inspection_from_the_finding_to_the_closed_rectification(
    new_page, live_server, axe_source, office, clerk_a, unit_a, unit_b, tmp_path
):
    base = live_server.url
    page = new_page()
    log_in(page, base, office.user.username)
    open_staff_page(page, "检查整改")
    assert violations(page, axe_source) == []
    page.click("text=登记监督检查")
    page.fill("#id_title", "2025年度全面检查")
    page.fill("#id_start_on", "2025-09-15")
    page.fill("#id_end_on", "2025-09-19")
    page.check(f"input[name=units][value='{unit_a.pk}']")
    page.check(f"input[name=units][value='{unit_b.pk}']")
    page.click("main form.card button[type=submit]")
    assert "已登记监督检查" in page.inner_text(".messages")

    page.select_option("#id_unit", str(unit_a.pk))
    page.select_option("#id_kind", "stale_column")
    page.fill("#id_description", "工作动态栏目三个月未更新")
    page.click("form[action$='/findings/'] button[type=submit]")
    assert "已登记问题" in page.inner_text(".messages")
    assert violations(page, axe_source) == []
    page.click("form[action$='/issue/'] button[type=submit]")
    assert "已下发整改通知书" in page.inner_text(".messages")
    rectification = Rectification.objects.get()
    with page.expect_download() as download:
        page.click("text=下载整改通知书（DOCX）")
    assert download.value.suggested_filename.endswith(".docx")

    clerk = new_page()
    log_in(clerk, base, clerk_a.user.username)
    clerk.goto(f"{base}/staff/rectifications/{rectification.pk}/")
    evidence = tmp_path / "佐证.png"
    evidence.write_bytes(PNG)
    clerk.fill("#id_text", "已更新栏目并明确责任人")
    clerk.set_input_files("#id_evidence", str(evidence))
    clerk.click("form[action$='/respond/'] button[type=submit]")
    assert "已报送整改情况" in clerk.inner_text(".messages")
    assert violations(clerk, axe_source) == []

    page.goto(f"{base}/staff/rectifications/{rectification.pk}/")
    page.click("form[action$='/close/'] button[type=submit]")
    assert "已确认整改完成" in page.inner_text(".messages")
    assert "按期完成" in page.inner_text("main")
    assert violations(page, axe_source) == []
