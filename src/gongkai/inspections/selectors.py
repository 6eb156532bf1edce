"""Reads of inspections and rectifications: the overdue ones, the filters of the list page, and
the indicator the assessment of the units uses (:func:`rectifications_closed_share`)."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q, QuerySet

from gongkai.inspections import status
from gongkai.inspections.models import Rectification
from gongkai.inspections.status import State
from gongkai.units.models import Unit


def overdue(rows: QuerySet[Rectification], today: dt.date) -> QuerySet[Rectification]:
    """The rectifications the unit owes and whose due date has passed (status.is_overdue),
    read from the stored, indexed due date."""
    return rows.filter(status__in=[s.value for s in status.UNIT_OWES], due_date__lt=today)


def not_overdue(rows: QuerySet[Rectification], today: dt.date) -> QuerySet[Rectification]:
    return rows.exclude(Q(status__in=[s.value for s in status.UNIT_OWES]) & Q(due_date__lt=today))


def filtered(
    rows: QuerySet[Rectification],
    *,
    today: dt.date,
    state: str = "",
    unit: Unit | None = None,
    late: str = "",
    year: int | None = None,
) -> QuerySet[Rectification]:
    """The list page's filters: a state, a unit, overdue or not ("1"/"0"), the year issued."""
    if state:
        rows = rows.filter(status=State(state))
    if unit is not None:
        rows = rows.filter(unit=unit)
    if late == "1":
        rows = overdue(rows, today)
    elif late == "0":
        rows = not_overdue(rows, today)
    if year is not None:
        rows = rows.filter(year=year)
    return rows


def rectifications_closed_share(unit: Unit, year: int) -> float | None:
    """The share (0 to 1) of the rectifications issued to ``unit`` in ``year`` that were closed
    and completed on time (status.completed_on_time: the accepted report made by the due date);
    one still open counts as not completed on time. None when the unit was issued none that
    year: the indicator does not apply. An indicator of the assessment (考核) of the units."""
    rows = Rectification.objects.filter(unit=unit, year=year).values_list(
        "status", "due_date", "completed_on"
    )
    share = status.on_time_share(rows)
    return None if share is None else float(share)
