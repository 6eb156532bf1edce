"""The website self-check page in a real browser: the office opens it from the menu, sees the
verdict, the veto and the forecast, opens an indicator's findings, and the page passes the
automated accessibility check (axe-core) without a serious or critical violation."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from tests.browser.conftest import open_staff_page
from tests.browser.test_application_journey import log_in
from tests.browser.test_portal import axe_source, violations  # noqa: F401 - a fixture
from tests.factories import columns_of, publish

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_office_reads_the_self_check(page, live_server, unit_a, clerk_a, reviewer_a, office,
                                         axe_source):  # noqa: F811  # fmt: skip
    columns = columns_of(unit_a)
    today = timezone.localdate()
    publish(clerk_a.user, reviewer_a.user, unit_a, columns["news"],
            on=today - dt.timedelta(days=20), formed_on=today - dt.timedelta(days=20))  # fmt: skip
    base = live_server.url
    log_in(page, base, office.user.username)
    open_staff_page(page, "网站自查")
    main = page.inner_text("main")
    assert "总体结论" in main
    assert "单项否决" in main  # the home page, 20 days without news
    page.click("#home_page summary")
    assert "首页已20天未更新" in page.inner_text("#home_page")
    assert violations(page, axe_source) == []
