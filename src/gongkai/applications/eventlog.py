"""The kinds of step a case's event log records, and what the log says: the correction asked
for, the extension or decision awaiting the reviewer, the reasons asked for under 第三十五条 and
their assessment, the fee notice, a third party's objection. Pure.

The readers take any sequence of events with a kind, a sequence number, a date and their data —
the stored ``ApplicationEvent`` rows, oldest first, or plain objects in a test — so the rules of
the handling steps (:mod:`gongkai.applications.rules`) that read them are pure too. The event
model takes its choices from :class:`EventKind`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from enum import StrEnum
from typing import Any, Protocol, TypeVar


class EventKind(StrEnum):
    RECEIVED = "received"
    ASSIGNED = "assigned"
    HANDED_BACK = "handed_back"
    CORRECTION_REQUESTED = "correction_requested"
    CORRECTION_RECEIVED = "correction_received"
    CORRECTION_LAPSED = "correction_lapsed"
    CONSULTATION_STARTED = "consultation_started"
    CONSULTATION_ENDED = "consultation_ended"
    EXTENSION_PROPOSED = "extension_proposed"
    EXTENSION_APPROVED = "extension_approved"
    EXTENSION_REJECTED = "extension_rejected"
    FEE_NOTIFIED = "fee_notified"
    FEE_NOTICE_RECEIVED = "fee_notice_received"
    FEE_PAID = "fee_paid"
    FEE_LAPSED = "fee_lapsed"
    ART35_REASONS_REQUESTED = "art35_reasons_requested"
    ART35_REASONS_ASSESSED = "art35_reasons_assessed"
    ART35_DEADLINE = "art35_deadline"
    DECISION_PROPOSED = "decision_proposed"
    DECISION_APPROVED = "decision_approved"
    DECISION_RETURNED = "decision_returned"
    DELIVERED = "delivered"
    WITHDRAWN = "withdrawn"
    DOCUMENT_ADDED = "document_added"
    NOTICE_GENERATED = "notice_generated"
    QUERY_CODE_RESET = "query_code_reset"

    @property
    def label(self) -> str:
        return LABELS[self]


LABELS = {
    EventKind.RECEIVED: "收到申请",
    EventKind.ASSIGNED: "分办",
    EventKind.HANDED_BACK: "退回分办",
    EventKind.CORRECTION_REQUESTED: "告知补正",
    EventKind.CORRECTION_RECEIVED: "收到补正",
    EventKind.CORRECTION_LAPSED: "逾期未补正",
    EventKind.CONSULTATION_STARTED: "征求意见",
    EventKind.CONSULTATION_ENDED: "征求意见结束",
    EventKind.EXTENSION_PROPOSED: "申请延期",
    EventKind.EXTENSION_APPROVED: "批准延期",
    EventKind.EXTENSION_REJECTED: "不予延期",
    EventKind.FEE_NOTIFIED: "收费通知",
    EventKind.FEE_NOTICE_RECEIVED: "收费通知送达",
    EventKind.FEE_PAID: "缴费",
    EventKind.FEE_LAPSED: "逾期未缴费",
    EventKind.ART35_REASONS_REQUESTED: "要求说明理由",
    EventKind.ART35_REASONS_ASSESSED: "审查申请理由",
    EventKind.ART35_DEADLINE: "确定延迟答复期限",
    EventKind.DECISION_PROPOSED: "拟定答复",
    EventKind.DECISION_APPROVED: "审核通过",
    EventKind.DECISION_RETURNED: "审核退回",
    EventKind.DELIVERED: "送达",
    EventKind.WITHDRAWN: "撤回",
    EventKind.DOCUMENT_ADDED: "添加材料",
    EventKind.NOTICE_GENERATED: "生成文书",
    EventKind.QUERY_CODE_RESET: "重置查询码",
}


class Event(Protocol):
    """What the readers, and the rules, need of an event."""

    @property
    def kind(self) -> str: ...

    @property
    def seq(self) -> int: ...

    @property
    def occurred_on(self) -> dt.date: ...

    @property
    def data(self) -> Any: ...

    @property
    def actor_id(self) -> int | None: ...  # who took the step (a user id), None for no one


E = TypeVar("E", bound=Event)


def happened(events: Sequence[Event], kind: EventKind) -> bool:
    """Whether the log records a step of this kind at all."""
    return any(e.kind == kind for e in events)


def correction_request(events: Sequence[E]) -> E | None:
    requests = [e for e in events if e.kind == EventKind.CORRECTION_REQUESTED]
    return requests[-1] if requests else None


def third_party_objection(events: Sequence[E]) -> E | None:
    """The start of the last third-party consultation whose party objected, or None (an
    agency's objection under 第三十四条 is not a third party's)."""
    start: E | None = None
    objected: E | None = None
    for event in events:
        if event.kind == EventKind.CONSULTATION_STARTED:
            start = event
        elif (
            event.kind == EventKind.CONSULTATION_ENDED
            and start is not None
            and not start.data.get("with_agency")
            and event.data.get("position") == "objected"
        ):
            objected = start
    return objected


def consultation_started(events: Sequence[E]) -> E | None:
    """The start of the last consultation."""
    started = [e for e in events if e.kind == EventKind.CONSULTATION_STARTED]
    return started[-1] if started else None


def pending_extension(events: Sequence[E]) -> E | None:
    pending = None
    for event in events:
        if event.kind == EventKind.EXTENSION_PROPOSED:
            pending = event
        elif event.kind in (EventKind.EXTENSION_APPROVED, EventKind.EXTENSION_REJECTED):
            pending = None
    return pending


def fee_notice(events: Sequence[E]) -> E | None:
    notices = [e for e in events if e.kind == EventKind.FEE_NOTIFIED]
    return notices[-1] if notices else None


def pending_reasons(events: Sequence[E]) -> E | None:
    """The request for reasons (第三十五条) not yet assessed."""
    pending = None
    for event in events:
        if event.kind == EventKind.ART35_REASONS_REQUESTED:
            pending = event
        elif event.kind == EventKind.ART35_REASONS_ASSESSED:
            pending = None
    return pending


def reasons_assessment(events: Sequence[Event]) -> bool | None:
    """The latest assessment of the applicant's reasons under 第三十五条: True reasonable,
    False not (or none given), None when no reasons were asked for and assessed."""
    found: bool | None = None
    for event in events:
        if event.kind == EventKind.ART35_REASONS_REQUESTED:
            found = None
        elif event.kind == EventKind.ART35_REASONS_ASSESSED:
            found = bool(event.data.get("reasonable"))
    return found


def pending_decision(events: Sequence[E]) -> E | None:
    pending = None
    for event in events:
        if event.kind == EventKind.DECISION_PROPOSED:
            pending = event
        elif event.kind in (EventKind.DECISION_APPROVED, EventKind.DECISION_RETURNED):
            pending = None
    return pending
