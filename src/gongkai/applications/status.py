"""The states of an application and the only transitions allowed between them. Pure.

The table is the single source: the model's check constraint lists the states, every service
checks ``can_move`` before it changes a status, and the tests walk the table.
"""

from __future__ import annotations

from enum import StrEnum


class Status(StrEnum):
    UNROUTED = "unrouted"  # received, no unit yet: the office routes it (申请人选择“不确定”)
    PROCESSING = "processing"  # with a unit, being handled
    AWAITING_CORRECTION = "awaiting_correction"  # correction requested (第三十条), clock stopped
    CONSULTING = "consulting"  # third party or other agency consulted (第三十二、三十四条)
    AWAITING_FEE = "awaiting_fee"  # fee notice sent, awaiting payment (国办函〔2020〕109号)
    DECISION_PENDING = "decision_pending"  # decision proposed by the clerk, awaiting the reviewer
    DECIDED = "decided"  # decision approved; the reply is to be delivered
    CLOSED = "closed"  # concluded (办结): reply delivered, or lapsed correction or fee
    WITHDRAWN = "withdrawn"  # withdrawn by the applicant (撤回)

    @property
    def label(self) -> str:
        return LABELS[self]

    @property
    def is_open(self) -> bool:
        return self not in TERMINAL


LABELS = {
    Status.UNROUTED: "待分办",
    Status.PROCESSING: "办理中",
    Status.AWAITING_CORRECTION: "待补正",
    Status.CONSULTING: "征求意见中",
    Status.AWAITING_FEE: "待缴费",
    Status.DECISION_PENDING: "待审核",
    Status.DECIDED: "待送达",
    Status.CLOSED: "已办结",
    Status.WITHDRAWN: "已撤回",
}

TERMINAL = frozenset({Status.CLOSED, Status.WITHDRAWN})
TERMINAL_VALUES = tuple(sorted(s.value for s in TERMINAL))  # stable order for constraints

# The states in which a unit is handling the case: the answer clock may run and the steps that
# do not change the state (extension, the reasons of 第三十五条) may be taken. A correction
# awaited stops the clock (第三十条); a decision proposed is the reviewer's.
HANDLING = frozenset({Status.PROCESSING, Status.CONSULTING, Status.AWAITING_FEE})

# The states in which a proposal the unit made while handling the case (an extension awaiting
# the reviewer, reasons awaiting assessment) may still be decided: the unit has the case and has
# not been answered for. A withdrawn or concluded case, one whose decision is approved, or one
# handed back to the office takes no further step on it.
PROPOSALS_OPEN = HANDLING | {Status.AWAITING_CORRECTION, Status.DECISION_PENDING}

# Where each state may go. A state not listed as a target of another cannot be reached from it.
TRANSITIONS: dict[Status, frozenset[Status]] = {
    Status.UNROUTED: frozenset({Status.PROCESSING, Status.WITHDRAWN}),
    Status.PROCESSING: frozenset(
        {
            Status.PROCESSING,  # reassigned by the office to another unit
            Status.UNROUTED,  # handed back by the unit as misrouted
            Status.AWAITING_CORRECTION,
            Status.CONSULTING,
            Status.AWAITING_FEE,
            Status.DECISION_PENDING,
            Status.WITHDRAWN,
        }
    ),
    Status.AWAITING_CORRECTION: frozenset(
        {
            Status.PROCESSING,  # corrected application received: the clock restarts
            Status.CLOSED,  # not corrected in time: 其他处理 1
            Status.WITHDRAWN,
        }
    ),
    Status.CONSULTING: frozenset({Status.PROCESSING, Status.WITHDRAWN}),
    Status.AWAITING_FEE: frozenset(
        {
            Status.PROCESSING,  # paid: the clock resumes
            Status.CLOSED,  # not paid within 20 working days: 其他处理 2
            Status.WITHDRAWN,
        }
    ),
    Status.DECISION_PENDING: frozenset(
        {
            Status.DECIDED,  # approved by the reviewer
            Status.PROCESSING,  # returned by the reviewer
            Status.WITHDRAWN,
        }
    ),
    Status.DECIDED: frozenset({Status.CLOSED}),  # delivered
    Status.CLOSED: frozenset(),
    Status.WITHDRAWN: frozenset(),
}

# States from which the applicant may withdraw (every open one before the decision is made).
WITHDRAWABLE = frozenset(s for s, targets in TRANSITIONS.items() if Status.WITHDRAWN in targets)


def can_move(source: Status | str, target: Status | str) -> bool:
    return Status(target) in TRANSITIONS[Status(source)]
