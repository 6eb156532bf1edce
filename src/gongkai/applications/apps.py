from __future__ import annotations

from typing import Any

from django.apps import AppConfig


class ApplicationsConfig(AppConfig):
    name = "gongkai.applications"
    label = "applications"
    verbose_name = "依申请公开"

    def ready(self) -> None:
        from gongkai.regions.services import regional_days_changed
        from gongkai.workdays.services import calendar_changed

        calendar_changed.connect(recompute_open_applications, dispatch_uid="applications")
        regional_days_changed.connect(recompute_regional_applications, dispatch_uid="applications")


def recompute_open_applications(sender: Any, years: frozenset[int], **kwargs: Any) -> int:
    """A year's holidays were loaded: every open case whose counted span reaches that year gets
    its due date recomputed (in the load's transaction)."""
    import datetime as dt

    from gongkai.applications.models import Application
    from gongkai.workdays.arrangement import NEW_YEAR_BRIDGE_FROM

    count = 0
    for year in sorted(years):
        reaching = (
            Application.objects.open()
            .filter(receipt_date__lte=dt.date(year, 12, 31))
            # A due date from 25 December of the year before may become a 元旦 holiday of the
            # new year's notice (arrangement.NEW_YEAR_BRIDGE_FROM); cases waiting for a
            # correction have no due date and are recomputed too.
            .exclude(due_date__lt=dt.date(year - 1, *NEW_YEAR_BRIDGE_FROM))
        )
        count += _recompute(reaching)
    return count


def recompute_regional_applications(
    sender: Any, unit_ids: frozenset[int], day: Any, **kwargs: Any
) -> int:
    """A government entered or withdrew a day of its region: every open case of its subtree
    received up to that day, and every one of no unit sent to a government of it (counted on
    that government's calendar), gets its due dates recomputed (in the entry's transaction)."""
    from django.db.models import Q

    from gongkai.applications.models import Application

    held = Q(unit_id__in=unit_ids) | Q(unit__isnull=True, government_id__in=unit_ids)
    return _recompute(Application.objects.open().filter(held, receipt_date__lte=day))


def _recompute(reaching: Any) -> int:
    """Recompute and store the due dates of the cases ``reaching``, locked; how many."""
    from gongkai.applications.services import recompute_due

    count = 0
    for application in reaching.select_for_update():
        recompute_due(application)
        application.save(
            update_fields=[
                "due_date",
                "due_provisional",
                "clock_state",
                "correction_notice_due",
                "deadlines",
                "updated_at",
            ]
        )
        count += 1
    return count
