"""The reports' side of the closed-year lock (:mod:`gongkai.core.locks`): which published report,
if any, locks a year for a unit. ``ReportsConfig.ready`` hands :func:`locking_report` to the
lock, which the applications, appeals and catalog consult without importing this app."""

from __future__ import annotations

from gongkai.reports.models import AnnualReport, ReportStatus
from gongkai.units import tree


def locking_report(unit_id: int | None, year: int) -> str | None:
    """The title of the published report that locks ``year`` for the unit: the unit's own, the
    district's consolidated report (which counts every unit), or the consolidated report of a
    government above the unit (which counts its subtree); None when the year is open."""
    published = AnnualReport.objects.filter(year=year, status=ReportStatus.PUBLISHED)
    locking = published.filter(unit__isnull=True)
    if unit_id is not None:
        locking = locking | published.filter(unit_id=unit_id, consolidated=False)
        if published.filter(consolidated=True).exists():
            above = tree.ancestors(tree.parents(), unit_id)
            locking = locking | published.filter(consolidated=True, unit_id__in=above)
    report = locking.select_related("unit").first()
    return None if report is None else report.title
