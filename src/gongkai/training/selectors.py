"""The reads of the training records, among them the year's figures that the annual report's
prose states (gongkai.reports.services.draft_sections asks :func:`year_figures`; the reports
sit above this app, which imports nothing of them)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass

from django.db.models import Count, QuerySet, Sum

from gongkai.training.models import Attendance, Session


@dataclass(frozen=True)
class YearFigures:
    year: int
    sessions: int  # sessions held in the year (for a unit: that its staff attended)
    people: int  # people who attended, counted once per session
    units: int  # distinct units that sent anyone
    dates: tuple[dt.date, ...]  # the days the sessions were held, in order


def year_figures(
    year: int, unit_id: int | None = None, *, unit_ids: Collection[int] | None = None
) -> YearFigures:
    """The year's training: the district's (``unit_id`` None), one unit's share of it, or
    (``unit_ids``) a government subtree's share (its consolidated report, docs/rollup.md)."""
    attendances = Attendance.objects.filter(session__held_on__year=year)
    sessions: QuerySet[Session] = Session.objects.filter(held_on__year=year)
    if unit_ids is not None:
        attendances = attendances.filter(unit_id__in=sorted(unit_ids))
        sessions = sessions.filter(attendances__unit_id__in=sorted(unit_ids))
    elif unit_id is not None:
        attendances = attendances.filter(unit_id=unit_id)
        sessions = sessions.filter(attendances__unit_id=unit_id)
    totals = attendances.aggregate(people=Sum("people"), units=Count("unit_id", distinct=True))
    dates = tuple(sessions.order_by("held_on").values_list("held_on", flat=True).distinct())
    return YearFigures(
        year=year,
        sessions=sessions.distinct().count(),
        people=totals["people"] or 0,
        units=totals["units"] or 0,
        dates=dates,
    )


def sessions_of(year: int | None) -> QuerySet[Session]:
    """Sessions with their number of units and people, newest first (all years for None)."""
    sessions = Session.objects.all()
    if year is not None:
        sessions = sessions.filter(held_on__year=year)
    return sessions.annotate(
        n_units=Count("attendances", distinct=True), n_people=Sum("attendances__people")
    ).order_by("-held_on", "-id")


def years() -> list[int]:
    return sorted({d.year for d in Session.objects.dates("held_on", "year")}, reverse=True)
