"""Reads of the public questions: the staff list's filters, the office's figures, the portal's
published questions, and what the website self-check counts."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, F, Q

from gongkai.questions.models import Question, QuestionQuerySet
from gongkai.questions.status import OPEN, Kind, Status


def filtered(
    rows: QuestionQuerySet,
    *,
    status: str | None,
    unit_id: int | None,
    overdue: bool,
    today: dt.date,
    kind: Kind | None = None,
) -> QuestionQuerySet:
    if kind is not None:
        rows = rows.of_kind(kind)
    if status:
        rows = rows.filter(status=status)
    if unit_id:
        rows = rows.filter(unit_id=unit_id)
    if overdue:
        rows = rows.overdue(today)
    return rows


def overdue(rows: QuestionQuerySet, today: dt.date) -> QuestionQuerySet:
    return rows.overdue(today)


def published() -> QuestionQuerySet:
    """The questions and replies the portal lists, the newest first."""
    return Question.objects.on_portal().select_related("unit").order_by("-published_at", "-id")


def unanswered_older_than(days: int, today: dt.date) -> list[dt.date]:
    """The days of receipt of the questions still waiting for a reply that were received more
    than ``days`` calendar days before ``today`` (the website self-check: 19号 vetoes messages
    left unanswered for three months)."""
    since = today - dt.timedelta(days=days)
    return list(
        Question.objects.open()
        .filter(received_on__lt=since)
        .order_by("received_on")
        .values_list("received_on", flat=True)
    )


def open_received_days() -> list[dt.date]:
    """The days of receipt of every question still waiting for a reply, oldest first."""
    return list(
        Question.objects.open().order_by("received_on").values_list("received_on", flat=True)
    )


@dataclass(frozen=True)
class UnitFigures:
    unit: str
    received: int
    open: int
    overdue: int
    replied: int
    on_time: int
    converted: int

    @property
    def on_time_rate(self) -> float | None:
        return self.on_time / self.replied if self.replied else None


def statistics(
    rows: QuestionQuerySet, *, start: dt.date, end: dt.date, today: dt.date
) -> list[UnitFigures]:
    """Per unit (待分办 as a row of its own), for questions received from ``start`` to ``end``:
    how many arrived, are open, are late, were replied to and on time, were converted."""
    open_values = [s.value for s in OPEN]
    replied_values = [Status.PUBLISHED.value, Status.ANSWERED.value]
    grouped = (
        rows.filter(received_on__gte=start, received_on__lte=end)
        .values("unit__name", "unit__sort_order")
        .annotate(
            received=Count("id"),
            open=Count("id", filter=Q(status__in=open_values)),
            overdue=Count("id", filter=Q(status__in=open_values, due_date__lt=today)),
            replied=Count("id", filter=Q(status__in=replied_values)),
            on_time=Count("id", filter=Q(status__in=replied_values, replied_on__lte=F("due_date"))),
            converted=Count("id", filter=Q(status=Status.CONVERTED.value)),
        )
        .order_by(F("unit__sort_order").asc(nulls_last=True), "unit__name")
    )
    return [
        UnitFigures(
            unit=row["unit__name"] or "（待分办）",
            received=row["received"],
            open=row["open"],
            overdue=row["overdue"],
            replied=row["replied"],
            on_time=row["on_time"],
            converted=row["converted"],
        )
        for row in grouped
    ]


def total(figures: list[UnitFigures]) -> UnitFigures:
    return UnitFigures(
        unit="合计",
        received=sum(f.received for f in figures),
        open=sum(f.open for f in figures),
        overdue=sum(f.overdue for f in figures),
        replied=sum(f.replied for f in figures),
        on_time=sum(f.on_time for f in figures),
        converted=sum(f.converted for f in figures),
    )
