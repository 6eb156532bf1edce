"""The roll-up of annual reports in a real browser: in a city of two districts the office
drafts a district's consolidated report from the dashboard and opens the roll-up progress page
of the city, which lists it beside the units' reports. Every page passes the automated
accessibility check (axe-core)."""

from __future__ import annotations

import pytest
from django.utils import timezone

from gongkai.units.models import Unit, UnitKind
from tests.browser import test_portal
from tests.browser.test_application_journey import log_in
from tests.browser.test_portal import violations
from tests.conftest import make_staff, make_unit

axe_source = test_portal.axe_source  # the portal's fixture: axe-core's source, or a skip

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_office_drafts_a_districts_consolidated_report_and_follows_the_rollup(
    new_page, live_server, axe_source, office, district, unit_a
):
    city = make_unit("city", "北京市人民政府", UnitKind.CITY, serial=40, venues=False)
    Unit.objects.filter(pk=district.pk).update(parent=city)
    make_unit("cp", "北京市昌平区人民政府", UnitKind.DISTRICT, serial=41, parent=city)
    city_office = make_staff("city_office", "office", city)
    year = timezone.localdate().year - 1
    base = live_server.url
    # the district's office (its scope: the district's subtree) drafts its district's report
    page = new_page()
    log_in(page, base, office.user.username)
    page.goto(f"{base}/staff/reports/?year={year}")
    main = page.inner_text("main")
    assert f"{district.name}（全区汇总）" in main
    assert "北京市昌平区人民政府" not in main  # another district's
    assert violations(page, axe_source) == []
    row = page.locator("tr", has_text=f"{district.name}（全区汇总）")
    row.locator("button", has_text="编制").click()
    assert district.name in page.inner_text("h1")
    assert "区级汇总报告的报送期限" in page.inner_text("main")
    assert violations(page, axe_source) == []

    # the city's office follows the roll-up of its subtree
    page = new_page()
    log_in(page, base, city_office.user.username)
    page.goto(f"{base}/staff/reports/?year={year}")
    assert "北京市昌平区人民政府（全区汇总）" in page.inner_text("main")
    page.click("text=下级报告汇总进度")
    main = page.inner_text("main")
    assert "北京市人民政府（全市汇总）" in main
    assert "北京市昌平区人民政府（全区汇总）" in main
    assert f"{district.name}（全区汇总）" in main
    assert unit_a.name in main
    assert violations(page, axe_source) == []
