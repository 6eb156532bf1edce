"""Reads for the roll-up of annual reports up the government tree: where each report of a
government's subtree stands against its roll-up date (docs/rollup.md)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass

from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone

from gongkai.reports import rollup
from gongkai.reports.models import AnnualReport, ReportStatus, rollup_suffix
from gongkai.units import tree
from gongkai.units.models import GOVERNMENT_KINDS, Unit

MISSING = "missing"
RETURNED = "returned"  # a draft again, returned for correction (退回修改) with a reason
STATE_LABELS = {
    MISSING: "未编制",
    ReportStatus.DRAFT.value: "草稿",
    RETURNED: "已退回修改",
    ReportStatus.SUBMITTED.value: "已报送",
    ReportStatus.ACCEPTED.value: "已接收",
    ReportStatus.PUBLISHED.value: "已发布",
}


@dataclass(frozen=True)
class RollupRow:
    unit: Unit
    consolidated: bool  # the row of the government's consolidated report, not its own
    report: AnnualReport | None
    level: str  # a level of gongkai.reports.rollup
    due: dt.date
    done: dt.date | None  # submitted (a unit's report) or published (a consolidated one)
    late: bool
    days_late: int

    @property
    def label(self) -> str:
        return (
            f"{self.unit.name}（{rollup_suffix(self.unit.kind)}）"
            if self.consolidated
            else (self.unit.name)
        )

    @property
    def state(self) -> str:
        """The report's status, with a draft that was returned for correction told apart
        (``returned``) and ``missing`` for none."""
        if self.report is None:
            return MISSING
        if self.report.status == ReportStatus.DRAFT and self.report.returned_at is not None:
            return RETURNED
        return str(self.report.status)

    @property
    def state_label(self) -> str:
        return STATE_LABELS[self.state]

    @property
    def since(self) -> dt.date | None:
        """The day the report reached its state: drafted, submitted, returned, accepted or
        published."""
        report = self.report
        if report is None:
            return None
        moment = {
            ReportStatus.DRAFT.value: report.created_at,
            RETURNED: report.returned_at,
            ReportStatus.SUBMITTED.value: report.submitted_at,
            ReportStatus.ACCEPTED.value: report.accepted_at,
            ReportStatus.PUBLISHED.value: report.published_at,
        }[self.state]
        return _day(moment)


@dataclass(frozen=True)
class Rollup:
    government: Unit
    year: int
    rows: list[RollupRow]

    def count(self, state: str) -> int:
        return sum(1 for row in self.rows if row.state == state)

    @property
    def late(self) -> int:
        return sum(1 for row in self.rows if row.late)

    @property
    def drafted(self) -> int:
        return self.count(ReportStatus.DRAFT)

    @property
    def submitted(self) -> int:
        return self.count(ReportStatus.SUBMITTED)

    @property
    def published(self) -> int:
        return self.count(ReportStatus.PUBLISHED)

    @property
    def missing(self) -> int:
        return self.count(MISSING)

    @property
    def returned(self) -> int:
        return self.count(RETURNED)

    @property
    def accepted(self) -> int:
        return self.count(ReportStatus.ACCEPTED)


def governments(visible: QuerySet[Unit]) -> QuerySet[Unit]:
    """The governments of the tree among the units a member of staff sees."""
    return visible.filter(kind__in=GOVERNMENT_KINDS, is_active=True).order_by("sort_order", "id")


def _day(moment: dt.datetime | None) -> dt.date | None:
    return None if moment is None else timezone.localdate(moment)


def rollup_of(
    government: Unit,
    year: int,
    *,
    top_id: int | None,
    visible_ids: Collection[int] | None = None,
    today: dt.date | None = None,
) -> Rollup:
    """Every report of ``government``'s subtree for ``year``: each active unit's own report and
    each government's consolidated report (the top government's is the report with unit None,
    ``top_id``), with its roll-up date and whether it is late. Two queries for the units and
    the reports, whatever the size of the subtree."""
    today = today or timezone.localdate()
    due = settings.GONGKAI_REPORT_ROLLUP_DUE
    ids = tree.subtree_ids(government)
    if visible_ids is not None:
        ids &= set(visible_ids)
    units = list(
        Unit.objects.filter(pk__in=sorted(ids), is_active=True).order_by("sort_order", "id")
    )
    reports = AnnualReport.objects.filter(year=year).select_related("unit")
    own: dict[int, AnnualReport] = {}
    consolidated: dict[int, AnnualReport] = {}
    for report in reports.filter(unit_id__in=sorted(ids)):
        (consolidated if report.consolidated else own)[report.unit_id or 0] = report
    if top_id is not None and top_id in ids:
        top_report = reports.filter(unit__isnull=True).first()
        if top_report is not None:
            consolidated[top_id] = top_report
    rows: list[RollupRow] = []
    for unit in units:
        if unit.kind in GOVERNMENT_KINDS:
            rows.append(_row(unit, True, consolidated.get(unit.pk), year, due, today))
        rows.append(_row(unit, False, own.get(unit.pk), year, due, today))
    return Rollup(government=government, year=year, rows=rows)


def _row(
    unit: Unit,
    is_consolidated: bool,
    report: AnnualReport | None,
    year: int,
    due: dict[str, tuple[int, int]],
    today: dt.date,
) -> RollupRow:
    level = unit.kind if is_consolidated and unit.kind in rollup.LEVELS else rollup.UNIT
    due_on = rollup.due_on(year, level, due)
    done: dt.date | None = None
    if report is not None:
        # Done when submitted: a unit's report to its government's office, a lower government's
        # consolidated report to the office above (30号's dates are 报送 dates; a return clears
        # the date, so the resubmission counts). Published without a submission on record (the
        # top's report, which has nothing above it, or a report the office published directly):
        # the publication date.
        done = _day(report.submitted_at or report.published_at)
    late = rollup.lateness(due_on, done, today)
    return RollupRow(
        unit=unit,
        consolidated=is_consolidated,
        report=report,
        level=level,
        due=due_on,
        done=done,
        late=late.late,
        days_late=late.days,
    )
