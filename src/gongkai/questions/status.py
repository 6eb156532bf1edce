"""The states of a public question (留言咨询) and the steps that move it. Pure.

A question arrives on the portal (待分办, or 办理中 at once when the asker chose a unit); the
office routes it to a unit (and may route it again while no reply is drafted); the unit's clerk
drafts the reply (待审核); the unit's reviewer — a second person — approves it, and it is
published on the portal with the asker's identity masked (已公开答复), or, when the asker asked
for it, answered without publication (已答复（不公开）); or the reviewer returns it to be
redrafted. A question that is really a request for government information is converted into a
disclosure application (已转为依申请公开) while it is not yet answered.

The reply is due a configured number of working days after the question was received, on the
statutory working-day calendar (:meth:`gongkai.workdays.calendar.WorkdayCalendar.add`: the day
of receipt is not counted). Overdue is derived from the stored due date, never stored.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Protocol


class Status(StrEnum):
    RECEIVED = "received"
    ROUTED = "routed"
    DRAFTED = "drafted"
    PUBLISHED = "published"
    ANSWERED = "answered"  # answered without publication, at the asker's choice
    CONVERTED = "converted"

    @property
    def label(self) -> str:
        return LABELS[self]


LABELS = {
    Status.RECEIVED: "待分办",
    Status.ROUTED: "办理中",
    Status.DRAFTED: "答复待审核",
    Status.PUBLISHED: "已公开答复",
    Status.ANSWERED: "已答复（不公开）",
    Status.CONVERTED: "已转为依申请公开",
}

# Waiting for the district: the reply is still owed.
OPEN = frozenset({Status.RECEIVED, Status.ROUTED, Status.DRAFTED})
REPLIED = frozenset({Status.PUBLISHED, Status.ANSWERED})
FINAL = REPLIED | {Status.CONVERTED}


class Kind(StrEnum):
    """What the public sent: a question (留言咨询), or a report of an error on the website
    (我为政府网站找错), which goes through the same steps with a period of its own and is
    never published."""

    QUESTION = "question"
    SITE_ERROR = "site_error"

    @property
    def label(self) -> str:
        return KIND_LABELS[self]


KIND_LABELS = {Kind.QUESTION: "留言咨询", Kind.SITE_ERROR: "网站找错"}

# The kinds of error a visitor may report: those of the national 我为政府网站找错 platform.
ERROR_CATEGORIES: tuple[tuple[str, str], ...] = (
    ("unreachable", "内容无法访问"),
    ("stale", "信息不更新"),
    ("inaccurate", "内容不准确"),
    ("unanswered", "咨询留言不回复"),
    ("typo", "错别字"),
    ("fake", "虚假伪造内容"),
    ("other", "其他"),
)
ERROR_CATEGORY_LABELS = dict(ERROR_CATEGORIES)


def site_error_subject(category: str, page: str) -> str:
    """The title a report is listed under: its category and the page it concerns."""
    label = ERROR_CATEGORY_LABELS[category]
    subject = f"网站找错：{label}（{page}）"
    return subject if len(subject) <= 100 else subject[:99] + "…"


class Step(StrEnum):
    ROUTE = "route"
    DRAFT = "draft"
    RETURN = "return"
    APPROVE = "approve"
    CONVERT = "convert"


class TransitionError(ValueError):
    """A step the question's state does not allow; the message is in Chinese."""


# Where each step may start.
FROM: dict[Step, frozenset[Status]] = {
    Step.ROUTE: frozenset({Status.RECEIVED, Status.ROUTED}),
    Step.DRAFT: frozenset({Status.ROUTED}),
    Step.RETURN: frozenset({Status.DRAFTED}),
    Step.APPROVE: frozenset({Status.DRAFTED}),
    Step.CONVERT: frozenset({Status.RECEIVED, Status.ROUTED}),
}

REFUSALS: dict[Step, str] = {
    Step.ROUTE: "答复已起草或留言已办结，不能再分办",
    Step.DRAFT: "只有已分办、尚未起草答复的留言可以起草答复",
    Step.RETURN: "只有待审核的答复可以退回",
    Step.APPROVE: "只有待审核的答复可以审核通过",
    Step.CONVERT: "只有尚未起草答复的留言可以转为政府信息公开申请",
}


def why_not(step: Step, status: Status) -> str | None:
    """Why ``step`` may not be taken in ``status`` (None when it may)."""
    return None if status in FROM[step] else REFUSALS[step]


def after(step: Step, status: Status, *, public: bool = True) -> Status:
    """The state a step leads to; ``public``: the asker agreed to publication (approve only)."""
    problem = why_not(step, status)
    if problem:
        raise TransitionError(problem)
    if step is Step.ROUTE or step is Step.RETURN:
        return Status.ROUTED
    if step is Step.DRAFT:
        return Status.DRAFTED
    if step is Step.APPROVE:
        return Status.PUBLISHED if public else Status.ANSWERED
    return Status.CONVERTED


def why_not_approve(*, drafted_by: int | None, approver: int) -> str | None:
    """The reply is approved by a second person: never by the one who drafted it."""
    if drafted_by is not None and drafted_by == approver:
        return "答复须由起草人以外的审核人审核"
    return None


class Calendar(Protocol):
    def add(self, start: dt.date, n: int) -> dt.date: ...


def reply_due(calendar: Calendar, received: dt.date, days: int) -> dt.date:
    """The last day of the reply: ``days`` working days after the day of receipt."""
    if days < 1:
        raise ValueError("the reply period is at least one working day")
    return calendar.add(received, days)


def is_overdue(status: Status, due: dt.date, today: dt.date) -> bool:
    return status in OPEN and due < today


def on_time(due: dt.date, replied: dt.date) -> bool:
    return replied <= due
