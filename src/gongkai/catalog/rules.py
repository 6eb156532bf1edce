"""The rules the office monitors the catalog by. Pure: dates in, findings out.

- A column is **stale** when nothing new has been published in it within its expected update
  interval (《条例》第十二条 and 第五十三条(二): 不及时更新 is a violation). A column that never
  had an item counts from the day it was created.
- An item is **late** when it was published more than 20 working days after it was made
  (第二十六条); an unpublished item whose due date has passed is **overdue**.
- A guide is **outdated** when it is older than the guide interval, or when the unit's contact
  details differ from those it was published with (the guide states them, 第十二条).
- The **保密审查** and the publication of an item are a second person's: no one who drafted,
  edited, attached files to or submitted the item (its authors) may pass it (第十七条: 审查的程序和
  责任; 先审查、后公开, reviewed by someone other than its author, as a reply is approved by someone
  other than its proposer).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass

GUIDE_INTERVAL_DAYS = 365


@dataclass(frozen=True)
class Staleness:
    stale: bool
    since: dt.date  # the last publication, or the column's creation
    days: int  # days since then
    interval: int | None

    @property
    def stale_from(self) -> dt.date | None:
        """The first day the column is stale if nothing new is published: the day after its
        interval has run out (a forecast; None for a column without an interval)."""
        if self.interval is None:
            return None
        return self.since + dt.timedelta(days=self.interval + 1)


def staleness_since(*, last_published: dt.date | None, created: dt.date) -> dt.date:
    """The day a column's staleness counts from: its last publication, or its creation."""
    return last_published or created


def column_staleness(
    *, last_published: dt.date | None, created: dt.date, interval: int | None, today: dt.date
) -> Staleness:
    """Stale when more than ``interval`` days have passed since the column's last publication
    (or creation): on the interval's last day the column is still up to date."""
    since = staleness_since(last_published=last_published, created=created)
    days = (today - since).days
    return Staleness(interval is not None and days > interval, since, days, interval)


def is_late(*, published_on: dt.date | None, due: dt.date | None) -> bool:
    return published_on is not None and due is not None and published_on > due


def is_overdue(*, published_on: dt.date | None, due: dt.date | None, today: dt.date) -> bool:
    """Not yet published and past its due date."""
    return published_on is None and due is not None and today > due


@dataclass(frozen=True)
class GuideState:
    ok: bool
    reason: str


def guide_state(
    *,
    published: dt.date | None,
    contacts_changed: bool,
    today: dt.date,
    interval: int = GUIDE_INTERVAL_DAYS,
) -> GuideState:
    if published is None:
        return GuideState(False, "尚未发布政府信息公开指南")
    if contacts_changed:
        return GuideState(False, "单位的地址、电话等联系信息已修改，指南未随之更新")
    age = (today - published).days
    if age > interval:
        return GuideState(False, f"指南已{age}天未更新（超过{interval}天）")
    return GuideState(True, "")


REVIEW_BY_ANOTHER = (
    "保密审查和发布须由起草、修改或提交该信息以外的审核人进行：您参与了本条信息的撰写，"
    "请由本单位其他审核人审核"
)


def why_not_review(*, reviewer: int | None, authors: Collection[int]) -> str | None:
    """Why ``reviewer`` (a user id) may not pass the 保密审查 and publish an item written by
    ``authors`` (user ids), or None when they may. A step taken by no person (the command
    line, ``reviewer`` None) is not a review by an author."""
    if reviewer is not None and reviewer in authors:
        return REVIEW_BY_ANOTHER
    return None
