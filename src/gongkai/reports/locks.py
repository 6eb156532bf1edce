"""A published report locks its year: a change that would alter what it counts must wait until
the report is reopened (with a reason, audited)."""

from __future__ import annotations

import datetime as dt

from gongkai.reports.models import AnnualReport, ReportStatus


class YearLocked(ValueError):
    pass


def check_open(unit_id: int | None, day: dt.date) -> None:
    """Refuse a change dated ``day`` for a unit's records when the unit's report for that year,
    or the district's consolidated report (which counts every unit), is published."""
    published = AnnualReport.objects.filter(year=day.year, status=ReportStatus.PUBLISHED)
    locking = published.filter(unit__isnull=True)
    if unit_id is not None:
        locking = locking | published.filter(unit_id=unit_id)
    report = locking.select_related("unit").first()
    if report is not None:
        raise YearLocked(
            f"{report.title}已发布，{day.year}年度的记录已锁定；如确需更改，请公开办先撤回该报告的发布"
            "并说明理由"
        )
