"""Each government's portal on its own host (units/hosts.py): the portal answering on a
district's host name shows that district's subtree only — home, unit list, a unit's catalog and
guide, an item, search, the application and question forms — and its name; a host naming no
government shows the whole deployment, as before (docs/governments.md)."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from gongkai.applications.models import Application
from gongkai.units import services as unit_services
from gongkai.units.hosts import portal_scope
from gongkai.units.models import Role, UnitKind
from tests.conftest import make_staff, make_unit
from tests.factories import columns_of, publish

HOST_A = "jq.example.gov.cn"
HOST_B = "yq.example.gov.cn"


@pytest.fixture
def city(db, settings, django_capture_on_commit_callbacks):
    settings.ALLOWED_HOSTS = [HOST_A, HOST_B, "city.example.gov.cn", "testserver"]
    city = make_unit("bjs", "北京市人民政府", UnitKind.CITY, serial=101, venues=False)
    a = make_unit("jqzf", "北京市甲区人民政府", UnitKind.DISTRICT, serial=102, parent=city)
    b = make_unit("yqzf", "北京市乙区人民政府", UnitKind.DISTRICT, serial=103, parent=city)
    unit_a = make_unit(
        "jqfgw", "北京市甲区发展和改革委员会", serial=104, parent=a, short_name="甲区发改委"
    )
    unit_b = make_unit(
        "yqfgw", "北京市乙区发展和改革委员会", serial=105, parent=b, short_name="乙区发改委"
    )
    for government, host in ((a, HOST_A), (b, HOST_B)):
        unit_services.unit_update(actor=None, unit=government, data={"portal_host": host})
        columns_of(government, key_areas=True)  # the shared key-area columns
    items = {}
    with django_capture_on_commit_callbacks(execute=True):
        for key, unit in (("a", unit_a), ("b", unit_b)):
            clerk = make_staff(f"clerk.{key}", Role.CLERK, unit)
            reviewer = make_staff(f"reviewer.{key}", Role.REVIEWER, unit)
            items[key] = publish(
                clerk.user,
                reviewer.user,
                unit,
                columns_of(unit)["news"],
                title=f"{unit.short_name}关于植树造林的通知",
            )
    return {"city": city, "a": a, "b": b, "unit_a": unit_a, "unit_b": unit_b, "items": items}


def on(host: str) -> Client:
    return Client(HTTP_HOST=host)


@pytest.mark.django_db
def test_a_districts_host_shows_its_own_subtree_only(city):
    a, b = on(HOST_A), city
    home = a.get(reverse("portal:home")).content.decode()
    assert "北京市甲区人民政府" in home  # the site's name
    assert city["unit_a"].short_name in home
    assert city["unit_b"].short_name not in home
    assert city["items"]["b"].title not in home
    units = a.get(reverse("portal:units")).content.decode()
    assert city["unit_a"].name in units
    assert "乙区" not in units
    assert a.get(reverse("portal:unit", args=[b["unit_b"].code])).status_code == 404
    assert a.get(reverse("portal:guide", args=[b["unit_b"].code])).status_code == 404
    assert a.get(reverse("portal:unit", args=[b["unit_a"].code])).status_code == 200
    assert a.get(reverse("portal:guide", args=[b["unit_a"].code])).status_code == 200
    assert a.get(reverse("portal:item", args=[b["items"]["b"].pk])).status_code == 404
    assert a.get(reverse("portal:item", args=[b["items"]["a"].pk])).status_code == 200
    sitemap = a.get(reverse("portal:sitemap_page")).content.decode()
    assert "乙区" not in sitemap
    key_areas = a.get(reverse("portal:key_areas"))
    assert {c.unit for c in key_areas.context["columns"]} == {city["a"]}
    assert a.get(reverse("portal:interpretations")).status_code == 200


@pytest.mark.django_db
def test_search_on_a_districts_host_finds_its_own_items_only(city):
    page = on(HOST_A).get(reverse("portal:search"), {"q": "植树造林"})
    assert page.context["total"] == 1
    assert [h["item"].pk for h in page.context["hits"]] == [city["items"]["a"].pk]
    assert "乙区" not in page.content.decode()  # nor among the units to filter by
    # a unit of the other district named in the address: ignored, and said so
    page = on(HOST_A).get(reverse("portal:search"), {"q": "植树造林", "unit": "yqfgw"})
    assert page.context["total"] == 1
    assert "没有这个公开单位" in page.content.decode()
    api = on(HOST_B).get(reverse("portal:api_items"), {"q": "植树造林"}).json()
    assert api["total"] == 1
    # no government's host: the whole deployment, as before
    assert Client().get(reverse("portal:search"), {"q": "植树造林"}).context["total"] == 2


@pytest.mark.django_db
def test_the_forms_offer_the_hosts_units_only(city):
    page = on(HOST_A).get(reverse("portal:apply")).content.decode()
    assert city["unit_a"].name in page
    assert "乙区" not in page
    page = on(HOST_A).get(reverse("portal:ask")).content.decode()
    assert city["unit_a"].name in page
    assert "乙区" not in page
    # an application sent through 甲's portal to a unit of 乙: refused, nothing stored
    response = on(HOST_A).post(
        reverse("portal:apply"),
        {"unit": city["unit_b"].pk, "token": "6f1c2f9e-9a43-4a43-8d7b-7a6b5f1f1a11"},
    )
    assert response.status_code == 400
    assert "请从列表中选择单位" in response.content.decode()
    assert not Application.objects.exists()
    # with no government's host every unit is offered
    page = Client().get(reverse("portal:apply")).content.decode()
    assert city["unit_b"].name in page


@pytest.mark.django_db
def test_a_host_naming_no_government_is_the_whole_deployment(city, rf, settings):
    settings.ALLOWED_HOSTS = ["*"]
    request = rf.get("/", HTTP_HOST="other.example.gov.cn:8443")
    assert portal_scope(request).government is None
    assert portal_scope(request).unit_ids is None
    request = rf.get("/", HTTP_HOST="JQ.Example.gov.cn:443")
    assert portal_scope(request).government == city["a"]
    assert portal_scope(request).unit_ids == {city["a"].pk, city["unit_a"].pk}
    page = on("city.example.gov.cn").get(reverse("portal:home")).content.decode()
    assert city["unit_a"].short_name in page
    assert city["unit_b"].short_name in page


@pytest.mark.django_db
def test_a_portal_host_is_a_host_name_of_one_government(city):
    unit = city["unit_a"]
    with pytest.raises(ValidationError) as caught:
        unit_services.unit_update(actor=None, unit=unit, data={"portal_host": "x.example.gov.cn"})
    assert "只有一级政府" in str(caught.value)
    with pytest.raises(ValidationError) as caught:
        unit_services.unit_update(actor=None, unit=city["b"], data={"portal_host": HOST_A})
    assert "已由其他政府使用" in str(caught.value)
    for bad in ("bad host", "http://x.cn", "x", "-a.cn", "a..cn"):
        with pytest.raises(ValidationError) as caught:
            unit_services.unit_update(actor=None, unit=city["b"], data={"portal_host": bad})
        assert "主机名格式不正确" in str(caught.value)


@pytest.mark.django_db
def test_a_clerk_files_in_the_key_area_columns_of_their_own_government_only(city):
    from gongkai.catalog.access import columns_for_items
    from gongkai.units.models import Staff

    clerk = Staff.objects.get(user__username="clerk.a")
    shared = {c.unit for c in columns_for_items(clerk).filter(shared=True)}
    assert shared == {city["a"]}
