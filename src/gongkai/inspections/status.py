"""The states of a rectification (整改) and the only steps between them. Pure.

The office issues a rectification notice (整改通知书) to a unit: the rectification is *issued*
(待整改). The unit's clerk or reviewer reports what was done, with evidence (整改情况): it is
*responded* (待审核). The office either closes it (整改完成: *closed*, final) or returns it with
a reason (退回: *returned*), and the unit reports again. The model's check constraint lists the
states; every service asks :func:`why_not` first; the tests walk the table.

Overdue and on time are derived, never stored (docs/inspections.md):

- a rectification is **overdue** when the unit owes the next move — issued or returned — and
  the due date has passed. A response awaiting the office's review is not the unit's delay.
- it was **completed on time** when it is closed and the response the office accepted was
  reported on or before the due date: the office's own review time does not count against the
  unit.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from enum import StrEnum
from fractions import Fraction


class State(StrEnum):
    ISSUED = "issued"
    RESPONDED = "responded"
    RETURNED = "returned"
    CLOSED = "closed"

    @property
    def label(self) -> str:
        return LABELS[self]


LABELS = {
    State.ISSUED: "待整改",
    State.RESPONDED: "整改情况待审核",
    State.RETURNED: "已退回，待重新整改",
    State.CLOSED: "整改完成",
}


class Step(StrEnum):
    RESPOND = "respond"  # the unit reports its rectification (整改情况), with evidence
    CLOSE = "close"  # the office accepts it (整改完成)
    RETURN = "return"  # the office returns it with a reason (退回)

    @property
    def label(self) -> str:
        return STEP_LABELS[self]


STEP_LABELS = {
    Step.RESPOND: "报送整改情况",
    Step.CLOSE: "确认整改完成",
    Step.RETURN: "退回重新整改",
}

# Each step: the states it may be taken from, and the state it leads to.
STEPS: dict[Step, tuple[frozenset[State], State]] = {
    Step.RESPOND: (frozenset({State.ISSUED, State.RETURNED}), State.RESPONDED),
    Step.CLOSE: (frozenset({State.RESPONDED}), State.CLOSED),
    Step.RETURN: (frozenset({State.RESPONDED}), State.RETURNED),
}

# Where each state may go, derived from the steps.
TRANSITIONS: dict[State, frozenset[State]] = {
    state: frozenset(target for sources, target in STEPS.values() if state in sources)
    for state in State
}

OPEN = frozenset({State.ISSUED, State.RESPONDED, State.RETURNED})
# The states in which the unit owes the next move: only these can be overdue.
UNIT_OWES = frozenset({State.ISSUED, State.RETURNED})

# Why a step is refused, by the state the rectification is in.
_REFUSALS = {
    Step.RESPOND: {
        State.RESPONDED: "整改情况已报送，等待公开办审核",
        State.CLOSED: "整改已完成，不能再报送",
    },
    Step.CLOSE: {
        State.ISSUED: "单位尚未报送整改情况，不能确认整改完成",
        State.RETURNED: "已退回单位重新整改，须待单位再次报送",
        State.CLOSED: "整改已经确认完成",
    },
    Step.RETURN: {
        State.ISSUED: "单位尚未报送整改情况，无可退回",
        State.RETURNED: "已经退回，等待单位重新报送",
        State.CLOSED: "整改已经确认完成，不能退回",
    },
}


def can_move(source: str, target: str) -> bool:
    return State(target) in TRANSITIONS[State(source)]


def why_not(state: str, step: Step) -> str | None:
    """Why ``step`` may not be taken in ``state`` (None when it may)."""
    sources, _target = STEPS[step]
    if State(state) in sources:
        return None
    return _REFUSALS[step][State(state)]


def after(state: str, step: Step) -> State:
    """The state ``step`` leads to from ``state``; ValueError (in Chinese) when refused."""
    problem = why_not(state, step)
    if problem is not None:
        raise ValueError(problem)
    return STEPS[step][1]


def is_overdue(state: str, due: dt.date, today: dt.date) -> bool:
    return State(state) in UNIT_OWES and today > due


def completed_on_time(state: str, due: dt.date, completed_on: dt.date | None) -> bool:
    return State(state) == State.CLOSED and completed_on is not None and completed_on <= due


def on_time_share(rows: Iterable[tuple[str, dt.date, dt.date | None]]) -> Fraction | None:
    """The share of rectifications — (state, due date, completed on) — completed on time; an
    open one counts as not (yet) completed on time. None when there are none."""
    total = on_time = 0
    for state, due, completed_on in rows:
        total += 1
        on_time += completed_on_time(state, due, completed_on)
    return Fraction(on_time, total) if total else None
