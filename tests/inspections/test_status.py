"""The states of a rectification: every step from every state, the table derived from the
steps, and the derived rules (overdue, completed on time, the share on time) for all inputs."""

from __future__ import annotations

import datetime as dt
import itertools
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.inspections import status
from gongkai.inspections.status import OPEN, STEPS, TRANSITIONS, UNIT_OWES, State, Step
from tests.conftest import examples

# The whole table, written out: (state, step) → the state it leads to, or None when refused.
EXPECTED: dict[tuple[State, Step], State | None] = {
    (State.ISSUED, Step.RESPOND): State.RESPONDED,
    (State.ISSUED, Step.CLOSE): None,
    (State.ISSUED, Step.RETURN): None,
    (State.RESPONDED, Step.RESPOND): None,
    (State.RESPONDED, Step.CLOSE): State.CLOSED,
    (State.RESPONDED, Step.RETURN): State.RETURNED,
    (State.RETURNED, Step.RESPOND): State.RESPONDED,
    (State.RETURNED, Step.CLOSE): None,
    (State.RETURNED, Step.RETURN): None,
    (State.CLOSED, Step.RESPOND): None,
    (State.CLOSED, Step.CLOSE): None,
    (State.CLOSED, Step.RETURN): None,
}


def test_the_expected_table_covers_every_state_and_step():
    assert set(EXPECTED) == set(itertools.product(State, Step))


@pytest.mark.parametrize(("state", "step"), list(EXPECTED))
def test_each_step_from_each_state(state, step):
    target = EXPECTED[(state, step)]
    if target is None:
        problem = status.why_not(state, step)
        assert problem
        assert all("\u4e00" <= c <= "\u9fff" or not c.isalpha() for c in problem)
        with pytest.raises(ValueError, match=problem):
            status.after(state, step)
    else:
        assert status.why_not(state, step) is None
        assert status.after(state.value, step) == target
        assert status.can_move(state, target)


def test_the_transitions_are_those_of_the_steps():
    for source in State:
        reachable = {EXPECTED[(source, step)] for step in Step} - {None}
        assert reachable == TRANSITIONS[source]
    assert TRANSITIONS[State.CLOSED] == frozenset()  # closed is final
    assert {target for _, target in STEPS.values()} == set(State) - {State.ISSUED}


def test_every_state_and_step_has_a_chinese_label():
    assert all(s.label for s in State)
    assert all(s.label for s in Step)
    assert set(State) - {State.CLOSED} == OPEN
    assert {State.ISSUED, State.RETURNED} == UNIT_OWES


def test_a_returned_rectification_can_go_round_again_until_closed():
    state = State.ISSUED
    for step in (Step.RESPOND, Step.RETURN, Step.RESPOND, Step.RETURN, Step.RESPOND, Step.CLOSE):
        state = status.after(state, step)
    assert state == State.CLOSED


DUE = dt.date(2025, 10, 30)


@pytest.mark.parametrize(
    ("state", "today", "overdue"),
    [
        (State.ISSUED, DUE, False),  # the due date itself is still in time
        (State.ISSUED, DUE + dt.timedelta(days=1), True),
        (State.RETURNED, DUE + dt.timedelta(days=1), True),
        (State.RESPONDED, DUE + dt.timedelta(days=30), False),  # the office's to review
        (State.CLOSED, DUE + dt.timedelta(days=30), False),
    ],
)
def test_overdue_is_the_units_delay_only(state, today, overdue):
    assert status.is_overdue(state, DUE, today) is overdue


@pytest.mark.parametrize(
    ("state", "completed_on", "on_time"),
    [
        (State.CLOSED, DUE, True),
        (State.CLOSED, DUE - dt.timedelta(days=5), True),
        (State.CLOSED, DUE + dt.timedelta(days=1), False),
        (State.CLOSED, None, False),
        (State.RESPONDED, DUE, False),  # not closed yet
    ],
)
def test_completed_on_time_is_judged_by_the_accepted_report(state, completed_on, on_time):
    assert status.completed_on_time(state, DUE, completed_on) is on_time


def test_the_share_on_time():
    assert status.on_time_share([]) is None
    rows = [
        (State.CLOSED, DUE, DUE),
        (State.CLOSED, DUE, DUE + dt.timedelta(days=1)),
        (State.ISSUED, DUE, None),
        (State.CLOSED, DUE, DUE - dt.timedelta(days=3)),
    ]
    assert status.on_time_share(rows) == Fraction(1, 2)


days = st.dates(min_value=dt.date(2019, 1, 1), max_value=dt.date(2030, 12, 31))
rows = st.lists(st.tuples(st.sampled_from(list(State)), days, st.none() | days), max_size=30)


@settings(max_examples=examples(200))
@given(rows)
def test_the_share_is_the_count_on_time_over_all(rows):
    share = status.on_time_share(rows)
    if not rows:
        assert share is None
        return
    assert share is not None
    assert 0 <= share <= 1
    assert share * len(rows) == sum(status.completed_on_time(*row) for row in rows)
    if all(state != State.CLOSED for state, _, _ in rows):
        assert share == 0


@settings(max_examples=examples(200))
@given(st.sampled_from(list(State)), days, days)
def test_only_what_the_unit_owes_is_ever_overdue(state, due, today):
    overdue = status.is_overdue(state, due, today)
    assert overdue == (state in UNIT_OWES and today > due)
    if overdue:
        assert status.why_not(state, Step.RESPOND) is None  # the unit can still respond
