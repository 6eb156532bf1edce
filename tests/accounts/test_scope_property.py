"""The scope of the office of any unit of any registry (gongkai.accounts.access.scope): the
subtree of the nearest government at or above it, or the whole registry, against a climb written
out the long way. A module of its own: the registry must hold only the tree drawn."""

from __future__ import annotations

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongkai.accounts.access import in_own_unit, visible_units
from gongkai.units.models import GOVERNMENT_KINDS, Role, Staff, Unit, UnitKind
from tests.conftest import examples

KINDS = [UnitKind.CITY, UnitKind.DISTRICT, UnitKind.COUNTY, UnitKind.DEPARTMENT, UnitKind.STREET]


@st.composite
def registries(draw):
    """A registry of up to 12 units: each unit's parent an earlier unit or none, its kind any."""
    size = draw(st.integers(1, 12))
    parents: list[int | None] = [None]
    for node in range(1, size):
        parents.append(draw(st.one_of(st.none(), st.integers(0, node - 1))))
    kinds = draw(st.lists(st.sampled_from(KINDS), min_size=size, max_size=size))
    chosen = draw(st.integers(0, size - 1))
    return parents, kinds, chosen


def _climbs_to(parents: list[int | None], node: int | None, root: int) -> bool:
    while node is not None:
        if node == root:
            return True
        node = parents[node]
    return False


@pytest.mark.django_db
@settings(
    max_examples=examples(40),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(registries())
def test_an_offices_units_are_its_governments_subtree(registry):
    """Whatever the tree: the office of a unit sees the subtree of the nearest government at
    or above it; the whole registry when that government is the only one at the top or when
    there is none above."""
    parents, kinds, chosen = registry
    with transaction.atomic():
        units: list[Unit] = []
        for n, (parent, kind) in enumerate(zip(parents, kinds, strict=True)):
            units.append(
                Unit.objects.create(
                    code=f"p{n}",
                    name=f"单位{n}",
                    short_name=f"单位{n}",
                    kind=kind,
                    uscc=f"P{n:017d}",
                    parent=units[parent] if parent is not None else None,
                )
            )
        member = Staff(role=Role.OFFICE, unit=units[chosen])
        # the long way: climb to the first government, then take every unit that climbs to it
        node: int | None = chosen
        while node is not None and kinds[node] not in GOVERNMENT_KINDS:
            node = parents[node]
        tops = [n for n, p in enumerate(parents) if p is None and kinds[n] in GOVERNMENT_KINDS]
        if node is None or tops == [node]:
            expected = {u.pk for u in units}
        else:
            expected = {units[n].pk for n in range(len(units)) if _climbs_to(parents, n, node)}
        assert set(visible_units(member).values_list("pk", flat=True)) == expected
        assert set(in_own_unit(member, Unit.objects.all(), field="pk")) == {
            u for u in units if u.pk in expected
        }
        transaction.set_rollback(True)
