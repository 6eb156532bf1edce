"""A stand-in for a model that stores a due date computed by the clock (the applications of a
later issue do the same): it recomputes its open rows when a year's holidays are loaded."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import models
from django.dispatch import receiver

from gongkai.workdays import clock
from gongkai.workdays.calendar import WorkdayCalendar
from gongkai.workdays.services import calendar_changed


class TrackedCase(models.Model):
    received = models.DateField()
    due = models.DateField(db_index=True)
    provisional = models.BooleanField(default=False)
    closed = models.BooleanField(default=False)

    def __str__(self) -> str:
        return f"case received {self.received}, due {self.due}"

    def recompute(self, calendar: WorkdayCalendar) -> None:
        result = clock.compute(calendar, self.received)
        assert result.due is not None
        self.due, self.provisional = result.due, result.provisional


@receiver(calendar_changed)
def recompute_cases(
    sender: Any, years: frozenset[int], calendar: WorkdayCalendar, **kwargs: Any
) -> int:
    count = 0
    for year in years:
        # A due date depends on year Y when its counted span (received, due] reaches into Y.
        cases = TrackedCase.objects.filter(
            closed=False, received__lt=dt.date(year, 12, 31), due__gte=dt.date(year, 1, 1)
        )
        for case in cases:
            case.recompute(calendar)
            case.save(update_fields=["due", "provisional"])
            count += 1
    return count
