"""The registry as a tree (units/tree.py): subtrees and the government above a unit, for every
shape of tree, against a walk written out the long way."""

from __future__ import annotations

import itertools

import pytest
from django.core.cache import cache
from hypothesis import given
from hypothesis import strategies as st

from gongkai.units import tree
from gongkai.units.models import GOVERNMENT_KINDS, Unit, UnitKind
from tests.conftest import make_unit


@st.composite
def forests(draw):
    """A forest of up to 40 nodes: each node's parent is an earlier node or none."""
    size = draw(st.integers(1, 40))
    parent_of: dict[int, int | None] = {}
    for node in range(1, size + 1):
        parent_of[node] = draw(st.one_of(st.none(), st.integers(1, node - 1))) if node > 1 else None
    return parent_of


def _under(parent_of, node, root):
    """Whether ``root`` is ``node`` or above it, by climbing from ``node``."""
    while node is not None:
        if node == root:
            return True
        node = parent_of[node]
    return False


@given(forests(), st.data())
def test_a_subtree_is_every_node_whose_climb_meets_the_root(parent_of, data):
    roots = data.draw(st.sets(st.sampled_from(sorted(parent_of)), max_size=3))
    expected = {n for n in parent_of if any(_under(parent_of, n, r) for r in roots)}
    assert tree.descendants(parent_of, roots) == expected


@given(forests(), st.data())
def test_the_ancestors_are_the_climb_nearest_first(parent_of, data):
    node = data.draw(st.sampled_from(sorted(parent_of)))
    chain = tree.ancestors(parent_of, node)
    assert chain[0] == node
    assert all(parent_of[a] == b for a, b in itertools.pairwise(chain))
    assert parent_of[chain[-1]] is None


def test_a_cycle_in_stored_data_ends_the_walks():
    parent_of = {1: 2, 2: 1, 3: 1}
    assert tree.descendants(parent_of, [3]) == {3}
    assert tree.descendants(parent_of, [1]) == {1, 2, 3}
    assert tree.ancestors(parent_of, 3) == [3, 1, 2]


def test_an_unknown_root_has_no_subtree():
    assert tree.descendants({1: None}, [99]) == set()


@pytest.mark.django_db
def test_the_government_of_a_unit_is_the_nearest_above_it():
    city = make_unit(
        "city", "北京市人民政府", UnitKind.CITY, serial=11, short_name="市政府", venues=False
    )
    district = make_unit(
        "yq", "北京市延庆区人民政府", UnitKind.DISTRICT, serial=12, parent=city, venues=False
    )
    bureau = make_unit(
        "fgw", "北京市延庆区发展和改革委员会", serial=13, parent=district, venues=False
    )
    town = make_unit(
        "kzz",
        "北京市延庆区康庄镇人民政府",
        UnitKind.TOWNSHIP,
        serial=14,
        parent=district,
        venues=False,
    )
    other = make_unit(
        "cp", "北京市昌平区人民政府", UnitKind.DISTRICT, serial=15, parent=city, venues=False
    )
    loose = make_unit("x", "未挂接的单位", serial=16, venues=False)

    assert tree.government_of(bureau) == district
    assert tree.government_of(town) == district  # a 乡镇 reports to its county-level office
    assert tree.government_of(district) == district
    assert tree.government_of(city) == city
    assert tree.government_of(loose) is None
    assert tree.subtree_ids(district) == {district.pk, bureau.pk, town.pk}
    assert tree.subtree_ids(city.pk) == {city.pk, district.pk, bureau.pk, town.pk, other.pk}
    assert set(tree.subtree(other)) == {other}
    assert set(tree.governments()) == {city, district, other}
    assert {
        UnitKind.PROVINCE,
        UnitKind.CITY,
        UnitKind.DISTRICT,
        UnitKind.COUNTY,
    } == GOVERNMENT_KINDS


@pytest.mark.django_db
def test_the_deployment_speaks_for_its_top_government_else_the_first_in_order(client):
    district = make_unit(
        "yq", "北京市延庆区人民政府", UnitKind.DISTRICT, serial=21, sort_order=1, venues=False
    )
    assert tree.top_government() == district
    assert tree.deployment_government() == district
    city = make_unit("bj", "北京市人民政府", UnitKind.CITY, serial=22, sort_order=5, venues=False)
    Unit.objects.filter(pk=district.pk).update(parent=city)
    assert tree.top_government() == city
    assert tree.deployment_government() == city  # not the first district in the registry
    # the portal on a host naming no government carries the deployment's government's name
    cache.clear()
    assert "<title>首页 - 北京市人民政府" in client.get("/").content.decode()
    other = make_unit("tj", "天津市人民政府", UnitKind.CITY, serial=23, sort_order=0, venues=False)
    assert tree.top_government() is None  # two cities side by side
    assert tree.deployment_government() == other  # the first in the registry's order
