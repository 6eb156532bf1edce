"""Regional days in a real browser: the office opens the working-day calendar, goes to 地方节假日,
enters a holiday of its district with the document that set it, and withdraws it with a reason.
Every page passes the automated accessibility check (axe-core)."""

from __future__ import annotations

import pytest

from gongkai.regions.models import RegionalDay
from tests.browser import test_portal
from tests.browser.test_application_journey import log_in
from tests.browser.test_portal import violations

axe_source = test_portal.axe_source  # the portal's fixture: axe-core's source, or a skip

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_office_enters_and_withdraws_a_regional_holiday(
    new_page, live_server, axe_source, office, district
):
    base = live_server.url
    page = new_page()
    log_in(page, base, office.user.username)
    page.goto(f"{base}/staff/calendar/")
    page.click("main >> text=地方节假日")
    assert "尚未登记地方节假日" in page.inner_text("main")
    assert violations(page, axe_source) == []
    page.select_option("#id_government", str(district.pk))
    page.fill("#id_day", "2025-03-17")
    page.select_option("#id_kind", "holiday")
    page.fill("#id_name", "地方节日（测试）")
    page.fill("#id_basis", "测政办发〔2025〕1号")
    page.click("main form button[type=submit]")
    assert "已登记" in page.inner_text(".messages")
    assert "测政办发〔2025〕1号" in page.inner_text("table.data")
    assert violations(page, axe_source) == []
    entry = RegionalDay.objects.get()
    page.fill(f"#reason-{entry.pk}", "日期登记错误")
    with page.expect_navigation():
        page.click("table.data button[type=submit]")
    assert "已撤销" in page.inner_text(".messages")
    assert "已撤销（" in page.inner_text("table.data")
    assert violations(page, axe_source) == []
