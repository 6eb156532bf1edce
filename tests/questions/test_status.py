"""The states of a public question, pure: every step from every state, the second person, the
reply's due date on the statutory calendar (across the 2025 春节 with its 调休 days)."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.questions.status import (
    FINAL,
    FROM,
    OPEN,
    REPLIED,
    Status,
    Step,
    TransitionError,
    after,
    is_overdue,
    on_time,
    reply_due,
    why_not,
    why_not_approve,
)
from gongkai.workdays.services import baseline_calendar
from tests.conftest import examples

EXPECTED = {
    (Step.ROUTE, Status.RECEIVED): Status.ROUTED,
    (Step.ROUTE, Status.ROUTED): Status.ROUTED,
    (Step.DRAFT, Status.ROUTED): Status.DRAFTED,
    (Step.RETURN, Status.DRAFTED): Status.ROUTED,
    (Step.APPROVE, Status.DRAFTED): Status.PUBLISHED,
    (Step.CONVERT, Status.RECEIVED): Status.CONVERTED,
    (Step.CONVERT, Status.ROUTED): Status.CONVERTED,
}


@pytest.mark.parametrize(("step", "status"), list(itertools.product(Step, Status)))
def test_every_step_from_every_state(step, status):
    if (step, status) in EXPECTED:
        assert why_not(step, status) is None
        assert after(step, status) == EXPECTED[(step, status)]
    else:
        assert why_not(step, status)
        with pytest.raises(TransitionError) as raised:
            after(step, status)
        assert str(raised.value) == why_not(step, status)


def test_the_table_and_the_expectations_agree():
    assert {(s, f) for s, starts in FROM.items() for f in starts} == set(EXPECTED)


def test_an_approved_reply_is_published_only_with_the_askers_agreement():
    assert after(Step.APPROVE, Status.DRAFTED, public=True) == Status.PUBLISHED
    assert after(Step.APPROVE, Status.DRAFTED, public=False) == Status.ANSWERED


def test_the_states_are_open_or_final_never_both():
    assert set(Status) == OPEN | FINAL
    assert not OPEN & FINAL
    assert REPLIED < FINAL
    for status in FINAL:  # nothing leaves a final state
        assert all(why_not(step, status) for step in Step)
    assert all(s.label for s in Status)


def test_the_reply_is_approved_by_a_second_person():
    assert why_not_approve(drafted_by=7, approver=7) == "答复须由起草人以外的审核人审核"
    assert why_not_approve(drafted_by=7, approver=8) is None
    assert why_not_approve(drafted_by=None, approver=8) is None


CALENDAR = baseline_calendar()


def test_the_due_date_crosses_the_2025_spring_festival_and_its_makeup_saturday():
    """2025 春节: 1月28日—2月4日 off; Sunday 1月26日 and Saturday 2月8日 are working days."""
    # Received Monday 27 January, the last working day before the holiday: 5, 6, 7 February,
    # Saturday 8 February (调休上班) and Monday 10 February.
    assert reply_due(CALENDAR, dt.date(2025, 1, 27), 5) == dt.date(2025, 2, 10)
    # Received Friday 24 January: Sunday 26 (调休), Monday 27, then 5, 6, 7 February.
    assert reply_due(CALENDAR, dt.date(2025, 1, 24), 5) == dt.date(2025, 2, 7)
    # Received on a holiday: counting starts after it.
    assert reply_due(CALENDAR, dt.date(2025, 1, 30), 1) == dt.date(2025, 2, 5)
    with pytest.raises(ValueError, match="at least one"):
        reply_due(CALENDAR, dt.date(2025, 1, 27), 0)


@given(st.dates(dt.date(2020, 1, 1), dt.date(2025, 12, 1)), st.integers(1, 30))
@settings(max_examples=examples(100))
def test_the_due_date_is_the_calendars_own_count(received, days):
    due = reply_due(CALENDAR, received, days)
    assert CALENDAR.is_workday(due)
    assert CALENDAR.count(received, due) == days


@given(st.sampled_from(list(Status)), st.dates(), st.dates())
def test_overdue_is_open_and_past_its_due_date(status, due, today):
    assert is_overdue(status, due, today) == (status in OPEN and due < today)


def test_on_time_includes_the_due_day():
    day = dt.date(2025, 2, 10)
    assert on_time(day, day)
    assert not on_time(day, day + dt.timedelta(days=1))
