"""The staff menu in a real browser: a group opens with the keyboard, opening one closes the
others, Escape closes it; without JavaScript the groups still open; on a phone the header keeps
to a third of the screen and an open group makes no page wider than the screen
(docs/accessibility.md)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.browser.conftest import open_staff_page
from tests.browser.test_application_journey import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def is_open(page, label: str) -> bool:
    return bool(
        page.eval_on_selector(
            f"nav.main-nav details:has(summary:text-is('{label}'))", "d => d.open"
        )
    )


def test_a_group_opens_by_keyboard_and_closes_by_escape(new_page, live_server, office):
    page = new_page()
    log_in(page, live_server.url, office.user.username)
    page.goto(live_server.url + reverse("staff:monthly_statistics"))
    current = "nav.main-nav summary[aria-current='true']"
    assert page.inner_text(current).startswith("年报与统计")
    page.click("nav.main-nav summary:text-is('年报与统计')")
    assert is_open(page, "年报与统计")
    page.focus("nav.main-nav summary:text-is('系统')")
    page.keyboard.press("Enter")
    assert is_open(page, "系统")
    assert not is_open(page, "年报与统计")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "公开单位"
    page.keyboard.press("Escape")
    assert not is_open(page, "系统")
    assert page.evaluate("document.activeElement.textContent").startswith("系统")
    open_staff_page(page, "审计日志")
    assert page.url.endswith(reverse("staff:audit"))


def test_the_groups_open_without_javascript(browser, live_server, office):
    context = browser.new_context(locale="zh-CN", java_script_enabled=False)
    page = context.new_page()
    log_in(page, live_server.url, office.user.username)
    open_staff_page(page, "网站自查")
    assert page.url.endswith(reverse("staff:sitecheck"))
    context.close()


def test_on_a_phone_an_open_group_keeps_the_page_narrow(browser, live_server, office):
    context = browser.new_context(locale="zh-CN", viewport={"width": 375, "height": 667})
    phone = context.new_page()
    log_in(phone, live_server.url, office.user.username)
    phone.goto(live_server.url + reverse("staff:home"))
    assert phone.evaluate("document.querySelector('.site-header').offsetHeight") <= 667 / 3
    phone.click("nav.main-nav summary:text-is('主动公开')")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375
    assert phone.is_visible("nav.main-nav a:text-is('公开目录')")
    context.close()
