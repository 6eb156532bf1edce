"""The reviewer's queue and the "awaiting approval" tags of the workbench: reads built on
:func:`gongkai.applications.selectors.awaiting_approval`, with each case's due date and the
working days left as the workbench counts them."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from django.db.models import QuerySet

from gongkai.applications import selectors
from gongkai.applications.models import Application
from gongkai.applications.selectors import Awaiting, Row, Workbench

# What a pending proposal is called on a workbench row, by what awaits approval.
TAGS = {"答复": "答复待审核", "延期": "延期待批准"}


@dataclass(frozen=True)
class QueueRow:
    awaiting: Awaiting
    row: Row  # the case as the workbench shows it: due date, working days left, paused

    @property
    def application(self) -> Application:
        return self.awaiting.application


def review_queue(cases: QuerySet[Application], today: dt.date) -> list[QueueRow]:
    """Decisions and extensions proposed and not yet approved or returned, among ``cases``
    (the caller's visible cases), oldest proposal first."""
    waiting = selectors.awaiting_approval(cases)
    if not waiting:
        return []
    pks = {a.application.pk for a in waiting}
    rows = {
        r.application.pk: r
        for r in selectors.rows(cases.filter(pk__in=pks).select_related("unit"), today)
    }
    return [QueueRow(a, rows[a.application.pk]) for a in waiting if a.application.pk in rows]


def pending_count(cases: QuerySet[Application]) -> int:
    return len(selectors.awaiting_approval(cases))


@dataclass(frozen=True)
class PendingRow(Row):
    """A workbench row that also says what awaits the reviewer (e.g. "延期待批准")."""

    pending: tuple[str, ...] = ()


def pending_tags(cases: QuerySet[Application]) -> dict[int, tuple[str, ...]]:
    """For each case with a proposal awaiting approval, its tags, by case id."""
    tags: dict[int, list[str]] = {}
    for waiting in selectors.awaiting_approval(cases):
        tags.setdefault(waiting.application.pk, []).append(TAGS[waiting.what])
    return {pk: tuple(sorted(found)) for pk, found in tags.items()}


def tag_rows(rows: Sequence[Row], tags: dict[int, tuple[str, ...]]) -> list[Row]:
    fields = [f.name for f in dataclasses.fields(Row)]
    return [
        PendingRow(
            **{name: getattr(r, name) for name in fields}, pending=tags.get(r.application.pk, ())
        )
        for r in rows
    ]


def with_pending(board: Workbench, cases: QuerySet[Application]) -> Workbench:
    """The workbench with each open row tagged when a decision or an extension awaits the
    reviewer (concluded cases have nothing pending)."""
    tags = pending_tags(cases)
    return dataclasses.replace(
        board,
        overdue=tag_rows(board.overdue, tags),
        due_soon=tag_rows(board.due_soon, tags),
        open=tag_rows(board.open, tags),
    )
