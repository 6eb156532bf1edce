"""A province a level at a time (units.tree.level, units.hosts.portal_level): on a host naming no
government the home page and /units/ list the top government's own units with links down to the
governments right below, each of those a page of its own, and the search offers the governments
(each with its subtree) in place of every unit; a district's pages are unchanged
(docs/governments.md)."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from gongkai.catalog.models import Column
from gongkai.units import services as unit_services
from gongkai.units import tree
from gongkai.units.models import Role, UnitKind
from tests.conftest import examples, make_staff, make_unit
from tests.factories import columns_of, publish


# --- the pure walk ------------------------------------------------------------------------------
@st.composite
def registries(draw):
    """Up to 14 units, each under an earlier one or none, some of them governments."""
    size = draw(st.integers(1, 14))
    parents: list[int | None] = [None]
    for node in range(1, size):
        parents.append(draw(st.one_of(st.none(), st.integers(0, node - 1))))
    governments = draw(st.sets(st.integers(0, size - 1)))
    return dict(enumerate(parents)), governments


def nearest_government(parent_of, governments, node):
    """The long way: climb from ``node`` (itself included) to the first government."""
    while node is not None:
        if node in governments:
            return node
        node = parent_of[node]
    return None


@hypothesis_settings(max_examples=examples(200))
@given(registries())
def test_a_level_is_what_climbs_to_its_government_first(registry):
    parent_of, governments = registry
    for root in [None, *governments]:
        own, below = tree.level(parent_of, governments, root)
        assert own == {
            n for n in parent_of if nearest_government(parent_of, governments, n) == root
        }
        assert below == {
            g
            for g in governments
            if nearest_government(parent_of, governments, parent_of[g]) == root
        }


@hypothesis_settings(max_examples=examples(200))
@given(registries())
def test_the_levels_share_out_every_unit_once(registry):
    parent_of, governments = registry
    levels = [tree.level(parent_of, governments, root)[0] for root in [None, *governments]]
    assert sum(len(own) for own in levels) == len(parent_of)
    assert set().union(*levels) == set(parent_of)


# --- the pages ----------------------------------------------------------------------------------
HOST = "hb.example.gov.cn"  # the second city's host


@pytest.fixture
def province(db, settings, django_capture_on_commit_callbacks):
    """A province with its own department, two cities with a department each, and two
    districts under each city with two departments each (three levels below the top)."""
    settings.ALLOWED_HOSTS = [HOST, "testserver"]
    serial = iter(range(200, 300))
    top = make_unit("sheng", "河北省人民政府", UnitKind.PROVINCE, next(serial), venues=False)
    made = {"top": top}
    made["top_dept"] = make_unit(
        "shengfgw",
        "河北省发展和改革委员会",
        UnitKind.DEPARTMENT,
        next(serial),
        venues=False,
        parent=top,
        short_name="省发改委",
    )
    for c in (1, 2):
        city = make_unit(
            f"c{c}", f"第{c}市人民政府", UnitKind.CITY, next(serial), venues=False, parent=top
        )
        made[f"c{c}"] = city
        made[f"c{c}_dept"] = make_unit(
            f"c{c}fgw",
            f"第{c}市发改委",
            UnitKind.DEPARTMENT,
            next(serial),
            venues=False,
            parent=city,
            short_name=f"第{c}市发改委",
        )
        for d in (1, 2):
            district = make_unit(
                f"c{c}d{d}",
                f"第{c}市第{d}区人民政府",
                UnitKind.DISTRICT,
                next(serial),
                venues=False,
                parent=city,
            )
            made[f"c{c}d{d}"] = district
            for k in (1, 2):
                made[f"c{c}d{d}u{k}"] = make_unit(
                    f"c{c}d{d}u{k}",
                    f"第{c}市第{d}区第{k}局",
                    UnitKind.DEPARTMENT,
                    next(serial),
                    venues=False,
                    parent=district,
                    short_name=f"{c}市{d}区{k}局",
                )
    unit_services.unit_update(actor=None, unit=made["c2"], data={"portal_host": HOST})
    clerk = make_staff("clerk.c1d1", Role.CLERK, made["c1d1u1"])
    reviewer = make_staff("reviewer.c1d1", Role.REVIEWER, made["c1d1u1"])
    clerk2 = make_staff("clerk.c2d1", Role.CLERK, made["c2d1u1"])
    reviewer2 = make_staff("reviewer.c2d1", Role.REVIEWER, made["c2d1u1"])
    with django_capture_on_commit_callbacks(execute=True):
        made["item1"] = publish(
            clerk.user, reviewer.user, made["c1d1u1"], columns_of(made["c1d1u1"])["news"],
            title="第一市关于植树造林的通知",
        )  # fmt: skip
        made["item2"] = publish(
            clerk2.user, reviewer2.user, made["c2d1u1"], columns_of(made["c2d1u1"])["news"],
            title="第二市关于植树造林的通知",
        )  # fmt: skip
    return made


def units_link(unit) -> str:
    return reverse("portal:unit", args=[unit.code]) + '"'


def level_link(government) -> str:
    return f"{reverse('portal:units')}?government={government.code}"


@pytest.mark.django_db
def test_the_top_lists_its_own_units_and_the_governments_below(province):
    for page in ("portal:home", "portal:units"):
        text = Client().get(reverse(page)).content.decode()
        assert units_link(province["top"]) in text
        assert units_link(province["top_dept"]) in text
        assert level_link(province["c1"]) in text
        assert level_link(province["c2"]) in text
        for below in ("c1", "c1_dept", "c1d1", "c1d1u1", "c2d2u2"):
            assert units_link(province[below]) not in text, (page, below)
        assert level_link(province["c1d1"]) not in text  # two levels down: from the city
    home = Client().get(reverse("portal:home")).content.decode()
    assert "河北省人民政府及所属各级政府的18个公开单位" in home  # every unit counted
    assert "8个单位" in home  # 第1市: itself, its department, two districts of three units


@pytest.mark.django_db
def test_each_government_below_is_a_page_of_its_own_with_the_way_back_up(province):
    client = Client()
    city = client.get(reverse("portal:units"), {"government": "c1"}).content.decode()
    assert units_link(province["c1"]) in city
    assert units_link(province["c1_dept"]) in city
    assert level_link(province["c1d1"]) in city
    assert level_link(province["c1d2"]) in city
    assert units_link(province["c1d1u1"]) not in city
    assert units_link(province["top_dept"]) not in city
    assert "第2市" not in city
    district = client.get(reverse("portal:units"), {"government": "c1d1"}).content.decode()
    for key in ("c1d1", "c1d1u1", "c1d1u2"):
        assert units_link(province[key]) in district
    assert units_link(province["c1d2u1"]) not in district
    crumbs = district.split('class="crumbs"')[1].split("</nav>")[0]
    assert level_link(province["top"]) in crumbs
    assert level_link(province["c1"]) in crumbs
    # a department is no level; a code of nothing, no level either
    assert client.get(reverse("portal:units"), {"government": "c1fgw"}).status_code == 404
    assert client.get(reverse("portal:units"), {"government": "x<y"}).status_code == 404


@pytest.mark.django_db
def test_a_citys_host_lists_its_own_level_and_no_other_citys(province):
    client = Client(HTTP_HOST=HOST)
    text = client.get(reverse("portal:units")).content.decode()
    assert units_link(province["c2"]) in text
    assert units_link(province["c2_dept"]) in text
    assert level_link(province["c2d1"]) in text
    assert units_link(province["c2d1u1"]) not in text
    assert "第1市" not in text
    assert "河北省" not in text.split("<main")[1]  # the province is above the host's city
    assert client.get(reverse("portal:units"), {"government": "c1"}).status_code == 404
    assert client.get(reverse("portal:units"), {"government": "c2d1"}).status_code == 200


@pytest.mark.django_db
def test_the_search_offers_the_governments_each_with_its_subtree(province):
    client = Client()
    page = client.get(reverse("portal:search"))
    text = page.content.decode()
    assert 'name="government"' in text
    assert 'name="unit"' not in text  # not every unit
    offered = {g.code for g in page.context["governments"]}
    assert offered == {"c1", "c2", "c1d1", "c1d2", "c2d1", "c2d2"}
    found = client.get(reverse("portal:search"), {"q": "植树造林", "government": "c1"})
    assert [h["item"].pk for h in found.context["hits"]] == [province["item1"].pk]
    found = client.get(reverse("portal:search"), {"q": "植树造林", "government": "c2d1"})
    assert [h["item"].pk for h in found.context["hits"]] == [province["item2"].pk]
    assert client.get(reverse("portal:search"), {"q": "植树造林"}).context["total"] == 2
    # a department's code, or on the second city's host the first city: ignored and said so
    for host, code in (("testserver", "c1fgw"), (HOST, "c1")):
        found = Client(HTTP_HOST=host).get(
            reverse("portal:search"), {"q": "植树造林", "government": code}
        )
        assert "没有这个人民政府" in found.content.decode()
    on_host = Client(HTTP_HOST=HOST).get(reverse("portal:search"), {"q": "植树造林"})
    assert on_host.context["total"] == 1
    api = client.get(reverse("portal:api_items"), {"q": "植树造林", "government": "c1d1"}).json()
    assert [r["id"] for r in api["results"]] == [province["item1"].pk]


@pytest.mark.django_db
def test_a_district_without_governments_below_lists_every_unit_as_before(province, settings):
    """The last level: a district's own host, or a registry of one district, is flat."""
    unit_services.unit_update(actor=None, unit=province["c1d1"], data={"portal_host": "d.cn"})
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "d.cn"]
    page = Client(HTTP_HOST="d.cn").get(reverse("portal:search"))
    assert [u.code for u in page.context["units"]] == ["c1d1", "c1d1u1", "c1d1u2"]
    assert not page.context["governments"]
    text = Client(HTTP_HOST="d.cn").get(reverse("portal:units")).content.decode()
    assert "下级人民政府" not in text
    for key in ("c1d1", "c1d1u1", "c1d1u2"):
        assert units_link(province[key]) in text


def map_link(government) -> str:
    return f"{reverse('portal:sitemap_page')}?government={government.code}#units"


def column_link(unit) -> str:
    """The address of the unit's 工作动态 column (units without columns: one no page has)."""
    news = Column.objects.filter(unit=unit, code="news").first()
    return reverse("portal:column", args=[news.pk if news else 0]) + '"'


@pytest.mark.django_db
def test_the_sitemap_page_maps_a_level_at_a_time(province):
    client = Client()
    top = client.get(reverse("portal:sitemap_page")).content.decode()
    for key in ("top", "top_dept"):
        assert units_link(province[key]) in top
    assert map_link(province["c1"]) in top
    assert map_link(province["c2"]) in top
    for below in ("c1", "c1_dept", "c1d1", "c1d1u1", "c2d1u1"):
        assert units_link(province[below]) not in top, below
    # the district departments' trees are on their district's map only
    assert column_link(province["c1d1u1"]) not in top
    assert column_link(province["c2d1u1"]) not in top
    assert map_link(province["c1d1"]) not in top  # two levels down: from the city's map
    city = client.get(reverse("portal:sitemap_page"), {"government": "c1"}).content.decode()
    assert units_link(province["c1_dept"]) in city
    assert map_link(province["c1d1"]) in city
    assert units_link(province["c1d1u1"]) not in city
    district = client.get(reverse("portal:sitemap_page"), {"government": "c1d1"})
    text = district.content.decode()
    for key in ("c1d1", "c1d1u1", "c1d1u2"):
        assert units_link(province[key]) in text
    assert column_link(province["c1d1u1"]) in text  # a unit with columns: its tree
    assert "下级人民政府" not in text
    crumbs = text.split('class="crumbs"')[1].split("</nav>")[0]
    assert map_link(province["top"]) in crumbs
    assert map_link(province["c1"]) in crumbs
    for host, code in (("testserver", "c1fgw"), ("testserver", "x<y"), (HOST, "c1")):
        answer = Client(HTTP_HOST=host).get(reverse("portal:sitemap_page"), {"government": code})
        assert answer.status_code == 404, (host, code)


@pytest.mark.django_db
def test_a_districts_sitemap_page_lists_every_unit_with_its_tree_as_before(province, settings):
    unit_services.unit_update(actor=None, unit=province["c1d1"], data={"portal_host": "d.cn"})
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "d.cn"]
    text = Client(HTTP_HOST="d.cn").get(reverse("portal:sitemap_page")).content.decode()
    assert "下级人民政府" not in text
    for key in ("c1d1", "c1d1u1", "c1d1u2"):
        assert units_link(province[key]) in text
    assert column_link(province["c1d1u1"]) in text
    assert units_link(province["c1d2u1"]) not in text


@hypothesis_settings(max_examples=examples(200))
@given(registries(), st.sets(st.integers(0, 13)))
def test_subtree_sizes_count_what_each_subtree_holds(registry, counted):
    parent_of, governments = registry
    sizes = tree.subtree_sizes(parent_of, governments, counted)
    assert sizes == {g: len(tree.descendants(parent_of, [g]) & counted) for g in governments}
