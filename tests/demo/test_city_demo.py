"""``gongkai demo --city`` builds a city of three districts from the demo district's templates:
each district with its portal host, its office seeing it alone, and the city's office seeing
the three; run twice, it changes nothing (docs/governments.md)."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from gongkai.accounts.access import scope, visible_units
from gongkai.catalog.models import Item
from gongkai.demo import city
from gongkai.units import tree
from gongkai.units.models import Role, Staff, Unit, UnitKind

# Some seconds: every unit's column tree, and the items published.
pytestmark = pytest.mark.slow


@pytest.fixture
def built(db, settings):
    settings.ALLOWED_HOSTS = ["*"]
    out = StringIO()
    call_command("demo", "--city", "--quiet", stdout=out)
    return out.getvalue()


def test_the_city_has_three_districts_each_with_its_host_and_its_office(built):
    assert "正在建立演示市：北京市人民政府及3个区" in built
    assert "huairou.localhost" in built
    top = Unit.objects.get(code="bjs")
    assert top.kind == UnitKind.CITY
    districts = list(Unit.objects.filter(parent=top).order_by("sort_order", "id"))
    assert [d.kind for d in districts] == [UnitKind.DISTRICT] * 3
    assert {d.portal_host for d in districts} == {d.host for d in city.DISTRICTS}
    per_district = 1 + city.DEPARTMENTS + city.TOWNSHIPS + city.STREETS
    assert Unit.objects.count() == 1 + 3 * per_district
    # not one unit of the district demo (its codes) is built
    assert not Unit.objects.filter(code="qzf").exists()
    city_office = Staff.objects.get(user__username="city.office")
    assert scope(city_office) is None  # the only government at the top: the whole deployment
    for where, government in zip(city.DISTRICTS, districts, strict=True):
        office = Staff.objects.get(user__username=f"{where.prefix}.office")
        assert office.role == Role.OFFICE
        assert office.unit == government
        seen = set(visible_units(office).values_list("pk", flat=True))
        assert seen == tree.subtree_ids(government)
        assert len(seen) == per_district
        assert Item.objects.filter(unit_id__in=seen).count() == city.ITEMS_PER_DISTRICT
        names = [u.name for u in visible_units(office)]
        assert all(where.name.removesuffix("区") in name for name in names), names


def test_each_districts_portal_and_office_see_their_district_alone(built):
    huairou, miyun = city.DISTRICTS[0], city.DISTRICTS[1]
    home = Client(HTTP_HOST=huairou.host).get(reverse("portal:home")).content.decode()
    assert "北京市怀柔区人民政府" in home
    assert miyun.name not in home
    client = Client()
    client.force_login(Staff.objects.get(user__username=f"{huairou.prefix}.office").user)
    page = client.get(reverse("staff:unit_list")).content.decode()
    assert "北京市怀柔区发展和改革委员会" in page
    assert miyun.name not in page
    client.force_login(Staff.objects.get(user__username="city.office").user)
    page = client.get(reverse("staff:unit_list")).content.decode()
    assert "北京市怀柔区发展和改革委员会" in page
    assert "北京市密云区发展和改革委员会" in page


def test_built_twice_nothing_is_duplicated(built):
    counts = (Unit.objects.count(), Staff.objects.count(), Item.objects.count())
    out = StringIO()
    call_command("demo", "--city", "--quiet", stdout=out)
    assert (Unit.objects.count(), Staff.objects.count(), Item.objects.count()) == counts
    assert "新建0个" in out.getvalue()
