"""The states of a consultation on a draft (意见征集) and the rule of its period. Pure.

A consultation is *scheduled* before its open date, *open* from the open date to the close date
(both days included, unless the office ends it early), *closed* after that until the feedback is
published, and *answered* once the feedback (反馈) is published. The state follows from the
dates and two facts recorded by the office; nothing else is stored.

The period: 《重大行政决策程序暂行条例》第十五条 — 公开征求意见的期限一般不少于30日；因情况紧急等
原因需要缩短期限的，公开征求意见时应当予以说明. Days are calendar days counted the way
《民法典》第二百零一条 counts a period (the first day is not counted): a consultation opened on
1 March with a minimum of 30 days may close on 31 March at the earliest. A shorter period is
allowed with the reason stated (the reason is then published with the consultation).
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum


class State(StrEnum):
    SCHEDULED = "scheduled", "未开始"
    OPEN = "open", "征集中"
    CLOSED = "closed", "已截止"
    ANSWERED = "answered", "已反馈"

    label: str

    def __new__(cls, value: str, label: str) -> State:
        member = str.__new__(cls, value)
        member._value_ = value
        member.label = label
        return member


class Moderation(StrEnum):
    PENDING = "pending", "待审核"
    APPROVED = "approved", "已公开"
    REJECTED = "rejected", "不予公开"

    label: str

    def __new__(cls, value: str, label: str) -> Moderation:
        member = str.__new__(cls, value)
        member._value_ = value
        member.label = label
        return member


class Adoption(StrEnum):
    ADOPTED = "adopted", "采纳"
    PARTLY = "partly", "部分采纳"
    NOT_ADOPTED = "not_adopted", "未采纳"

    label: str

    def __new__(cls, value: str, label: str) -> Adoption:
        member = str.__new__(cls, value)
        member._value_ = value
        member.label = label
        return member


DEFAULT_MINIMUM_DAYS = 30


def state(
    *,
    opens_on: dt.date,
    closes_on: dt.date,
    ended_on: dt.date | None,
    answered: bool,
    today: dt.date,
) -> State:
    """The consultation's state on ``today``. ``ended_on``: the day the office ended it early
    (comments are taken until the end of the day before)."""
    if answered:
        return State.ANSWERED
    last = closes_on if ended_on is None else min(closes_on, ended_on - dt.timedelta(days=1))
    if today < opens_on and (ended_on is None or ended_on > today):
        return State.SCHEDULED
    if today <= last:
        return State.OPEN
    return State.CLOSED


def period_days(opens_on: dt.date, closes_on: dt.date) -> int:
    """The length of the period: the days after the open date up to the close date."""
    return (closes_on - opens_on).days


def earliest_close(opens_on: dt.date, minimum_days: int) -> dt.date:
    return opens_on + dt.timedelta(days=minimum_days)


def period_problem(
    opens_on: dt.date, closes_on: dt.date, *, minimum_days: int, shortened_reason: str
) -> str | None:
    """Why these dates may not be announced (None: they may)."""
    if closes_on < opens_on:
        return "截止日期不能早于开始日期"
    if period_days(opens_on, closes_on) < minimum_days and not shortened_reason.strip():
        earliest = earliest_close(opens_on, minimum_days)
        return (
            f"征集期限一般不少于{minimum_days}日（《重大行政决策程序暂行条例》第十五条），"
            f"截止日期最早为{earliest:%Y-%m-%d}；因情况紧急等原因需要缩短期限的，请说明理由"
        )
    return None


def may_comment(current: State) -> bool:
    return current is State.OPEN


def may_end(current: State) -> bool:
    """The office may end an open (or a scheduled) consultation early, with its reason."""
    return current in (State.SCHEDULED, State.OPEN)


def may_change_dates(current: State) -> bool:
    return current in (State.SCHEDULED, State.OPEN)


def feedback_problem(current: State, *, pending: int, undecided: int) -> str | None:
    """Why the feedback may not be published yet (None: it may): after the close only, every
    comment moderated, and every published comment marked adopted, partly or not adopted."""
    if current is State.ANSWERED:
        return "反馈已发布"
    if current is not State.CLOSED:
        return "征集截止后才能发布反馈"
    if pending:
        return f"还有{pending}条意见未审核"
    if undecided:
        return f"还有{undecided}条意见未标明采纳情况"
    return None


def may_moderate(current: State) -> bool:
    """Comments are moderated while open and after the close, until the feedback is out."""
    return current in (State.OPEN, State.CLOSED)
