"""先查一查 on a district's host: the index keeps to the district's units inside the query, so
the district gets its own top five even when another district has more alike items."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from gongkai.catalog.models import Item
from gongkai.portal.lookup_views import LOOKUP_LIMIT, similar_items
from gongkai.search import engine
from gongkai.units import services as unit_services
from gongkai.units import tree
from gongkai.units.hosts import scope_for_host
from gongkai.units.models import Role, UnitKind
from tests.conftest import make_staff, make_unit
from tests.factories import columns_of, publish

HOSTS = {"a": "jq.example.gov.cn", "b": "yq.example.gov.cn"}
TYPED = "关于做好春季植树造林工作的通知"


@pytest.fixture
def districts(db, settings, django_capture_on_commit_callbacks):
    """Two districts of a city, each with a host: district b has eight items almost the text
    itself, district a seven that share only some of its pairs, so b's are all more alike."""
    settings.ALLOWED_HOSTS = [*HOSTS.values(), "testserver"]
    city = make_unit("bjs", "北京市人民政府", UnitKind.CITY, serial=101, venues=False)
    titles = {
        "a": [f"春季植树安排（第{n}批）" for n in range(7)],
        "b": [f"{TYPED}（第{n}号）" for n in range(8)],
    }
    found = {}
    with django_capture_on_commit_callbacks(execute=True):  # the index is fed on commit
        for key, host in HOSTS.items():
            government = make_unit(
                f"{key}qzf", f"北京市{key}区人民政府", UnitKind.DISTRICT,
                serial=110 + ord(key), parent=city,
            )  # fmt: skip
            unit_services.unit_update(actor=None, unit=government, data={"portal_host": host})
            unit = make_unit(
                f"{key}qfgw", f"北京市{key}区园林绿化局", serial=120 + ord(key), parent=government
            )
            clerk = make_staff(f"clerk.{key}", Role.CLERK, unit)
            reviewer = make_staff(f"reviewer.{key}", Role.REVIEWER, unit)
            news = columns_of(unit)["news"]
            found[key] = {
                "government": government,
                "items": [
                    publish(clerk.user, reviewer.user, unit, news, title=t) for t in titles[key]
                ],
            }
    return found


def test_the_deployment_wide_top_five_is_all_the_other_districts(districts):
    # the situation the filter is for: narrowing the deployment's five afterwards leaves none
    top = engine.similar(TYPED, limit=LOOKUP_LIMIT).ids
    assert set(top) <= {i.pk for i in districts["b"]["items"]}


@pytest.mark.parametrize("key", ["a", "b"])
def test_a_districts_host_gets_five_of_its_own(districts, client, key):
    own = {i.pk for i in districts[key]["items"]}
    shown = scope_for_host(HOSTS[key])
    found = similar_items(TYPED, shown=shown)
    assert len(found) == LOOKUP_LIMIT
    assert {i.pk for i in found} <= own

    data = json.loads(
        client.get(reverse("portal:similar"), {"q": TYPED}, HTTP_HOST=HOSTS[key]).content
    )
    urls = {reverse("portal:item", args=[pk]) for pk in own}
    assert len(data["items"]) == LOOKUP_LIMIT
    assert {item["url"] for item in data["items"]} <= urls


def test_the_filter_does_not_change_the_order_within_the_subtree(districts):
    # the units' terms only select (scored 0): the order is the one of the whole index
    subtree = tuple(sorted(tree.government_scope(districts["b"]["government"])))
    everywhere = engine.similar(TYPED, limit=20)
    inside = engine.similar(TYPED, limit=20, filters=engine.Filters(units=subtree))
    b_items = {i.pk for i in districts["b"]["items"]}
    assert inside.ids == [i for i in everywhere.ids if i in b_items]
    assert inside.scores == [
        s for i, s in zip(everywhere.ids, everywhere.scores, strict=True) if i in b_items
    ]
    assert Item.objects.filter(pk__in=inside.ids).count() == len(b_items)
