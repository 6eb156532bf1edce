"""The scope of the office of any unit of any registry (gongkai.accounts.access.scope): the
subtree of the nearest government at or above it, or the whole registry, against a climb written
out the long way. A module of its own: the registry must hold only the tree drawn."""

from __future__ import annotations

import pytest
from django.db import transaction
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongkai.accounts.access import in_own_unit, visible_units
from gongkai.questions.access import visible_questions
from gongkai.questions.models import Question
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


@st.composite
def submissions(draw):
    """A registry, and one to 8 submissions: each held by a unit, or of no unit and sent to a
    unit of the registry (the government of a portal host) or to none (the deployment). The
    staff member's own unit is drawn often: the edge where a unit's staff must not see what was
    sent to their unit as a government."""
    parents, kinds, chosen = draw(registries())
    some_unit = st.one_of(st.just(chosen), st.integers(0, len(parents) - 1))
    held = draw(
        st.lists(
            st.tuples(st.one_of(st.none(), some_unit), st.one_of(st.none(), some_unit)),
            min_size=1,
            max_size=8,
        )
    )
    return parents, kinds, chosen, held


@pytest.mark.django_db
@settings(
    max_examples=examples(40),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(submissions())
def test_a_submission_of_no_unit_is_seen_by_its_governments_office(case):
    """Whatever the tree and the submissions: a submission held by a unit is seen where its
    unit is; one of no unit by the office and supervisor whose scope holds the government it
    was sent to, by the whole deployment's always, by a unit's staff never — even when their
    unit is that government (docs/governments.md)."""
    parents, kinds, chosen, held = case
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
        now = timezone.now()
        rows = [
            Question.objects.create(
                tracking_number=f"LY-2026-{n:05d}",
                query_code_hash="x",
                asker_name="张三",
                subject="咨询",
                text="内容",
                unit=units[unit] if unit is not None else None,
                government=units[government] if government is not None and unit is None else None,
                status="received" if unit is None else "routed",
                received_on=now.date(),
                received_at=now,
                due_date=now.date(),
            )
            for n, (unit, government) in enumerate(held)
        ]
        for role in (Role.OFFICE, Role.SUPERVISOR, Role.CLERK):
            member = Staff(role=role, unit=units[chosen])
            # the long way: the units the member sees (the office's: test above), then the rows
            seen: set[int] | None = {chosen}
            if role != Role.CLERK:
                node: int | None = chosen
                while node is not None and kinds[node] not in GOVERNMENT_KINDS:
                    node = parents[node]
                tops = [
                    n for n, p in enumerate(parents) if p is None and kinds[n] in GOVERNMENT_KINDS
                ]
                seen = (
                    None
                    if node is None or tops == [node]
                    else {n for n in range(len(units)) if _climbs_to(parents, n, node)}
                )
            expected = set()
            for row, (unit, government) in zip(rows, held, strict=True):
                held_by_a_unit_seen = unit is not None and seen is not None and unit in seen
                sent_to_a_government_seen = (
                    unit is None and role != Role.CLERK and seen is not None and government in seen
                )
                if seen is None or held_by_a_unit_seen or sent_to_a_government_seen:
                    expected.add(row.pk)
            assert set(visible_questions(member).values_list("pk", flat=True)) == expected, role
        transaction.set_rollback(True)
