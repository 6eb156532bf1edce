"""The reports' side of the closed-year lock (:mod:`gongkai.core.locks`): which published report,
if any, locks a year for a unit. ``ReportsConfig.ready`` hands :func:`locking_report` to the
lock, which the applications, appeals and catalog consult without importing this app."""

from __future__ import annotations

from gongkai.reports.models import AnnualReport, ReportStatus


def locking_report(unit_id: int | None, year: int) -> str | None:
    """The title of the published report that locks ``year`` for the unit: the unit's own, or
    the district's consolidated report (which counts every unit); None when the year is open."""
    published = AnnualReport.objects.filter(year=year, status=ReportStatus.PUBLISHED)
    locking = published.filter(unit__isnull=True)
    if unit_id is not None:
        locking = locking | published.filter(unit_id=unit_id)
    report = locking.select_related("unit").first()
    return None if report is None else report.title
