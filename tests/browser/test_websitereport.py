"""The website's annual return in a real browser: the office logs a response to a public
concern, compiles last year's return, fills one row on the entry page and opens the return with
its reconciliation; then the policy library on the portal. Every page passes the automated
accessibility check (axe-core)."""

from __future__ import annotations

import pytest

from gongkai.websitereport import services
from tests.browser import test_portal
from tests.browser.conftest import open_staff_page
from tests.browser.test_application_journey import log_in
from tests.browser.test_portal import violations

axe_source = test_portal.axe_source  # the portal's fixture: axe-core's source, or a skip

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_office_logs_a_response_and_fills_the_return(
    new_page, live_server, axe_source, office, unit_a
):
    base = live_server.url
    last_year = services.today().year - 1
    page = new_page()
    log_in(page, base, office.user.username)
    open_staff_page(page, "网站年度报表")
    assert violations(page, axe_source) == []
    page.click("text=回应关注记录")
    page.click("text=登记回应")
    page.fill("#id_responded_on", f"{last_year}-08-11")
    page.fill("#id_concern", "景区落石事件")
    page.fill("#id_response", "官方微博发布情况通报")
    page.select_option("#id_channel", "weibo")
    assert violations(page, axe_source) == []
    page.click("main form button[type=submit]")
    assert "已保存回应关注记录" in page.inner_text(".messages")
    assert violations(page, axe_source) == []

    page.goto(f"{base}/staff/website-returns/")
    page.fill("#id_year", str(last_year))
    page.click("main form button[type=submit]")
    assert "回应公众关注热点或重大舆情数量" in page.inner_text("main")
    assert violations(page, axe_source) == []
    page.click("text=填报与统计口径")
    page.fill("#id_e_site_name", "北京延庆")
    assert violations(page, axe_source) == []
    page.click("main form button[type=submit]")
    assert "已保存" in page.inner_text(".messages")
    assert "北京延庆" in page.inner_text("main")

    visitor = new_page()
    visitor.goto(f"{base}/policies/")
    assert "政策文件库" in visitor.inner_text("main")
    assert violations(visitor, axe_source) == []
