"""The open API's page in a real browser: reached from the portal's footer, it lists the
endpoints and a year's files; the CSV link downloads the year's items with a byte-order mark.
The page passes the automated accessibility check."""

from __future__ import annotations

import pytest

from tests.browser import test_portal
from tests.browser.test_portal import violations
from tests.opendata import world as world_module

axe_source = test_portal.axe_source  # the portal's fixture: axe-core's source, or a skip

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_api_page_is_reached_from_the_footer_and_downloads_a_year(
    new_page, live_server, unit_a, clerk_a, reviewer_a, office, axe_source
):
    world_module.build(unit_a, clerk_a, reviewer_a, office)
    page = new_page()
    page.goto(live_server.url + "/")
    page.click("footer >> text=开放数据接口")
    assert page.inner_text("h1") == "开放数据接口"
    assert "/api/openapi.json" in page.inner_text("main")
    assert violations(page, axe_source) == []
    with page.expect_download() as info:
        page.click("a[href='/api/items/2025.csv']")
    download = info.value
    assert download.suggested_filename == "items-2025.csv"
    with open(download.path(), "rb") as file:
        content = file.read()
    assert content.startswith("\ufeff".encode())
    assert "第一条通知" in content.decode("utf-8-sig")
