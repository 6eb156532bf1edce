"""How the annual report counts: the one documented place (spec §2.4 item 6).

For a year Y (1 January to 31 December) and a unit, or the whole district:

- 一、本年新收: applications whose receipt date (《条例》第三十一条) falls in Y;
- 二、上年结转: received before Y and not concluded before Y (open on 1 January);
- 三、办理结果: concluded in Y (the date of delivery of the reply, or of the lapse or
  withdrawal that ended the case), each in exactly one row, by its outcome through the
  office's mapping (:class:`gongkai.reports.models.RowMapping`);
- 四、结转下年度: received by 31 December and not concluded by then.
By construction 一 + 二 = 三（七） + 四 in every column, since every application open at some
moment of Y is counted once on each side.

The columns are the applicant types. The district's consolidated report counts every unit's
applications and those still waiting to be routed. The consolidated report of a government
lower in the tree (a city's district, a province's city) counts the records of every unit of its
subtree (``Scope.units``, :func:`gongkai.units.tree.subtree_ids`) by the same grouped queries
over ``unit_id IN (…)``; each record has one unit, so each is counted once however deep the
subtree (docs/rollup.md).

Table 四 counts reconsiderations and lawsuits **filed in Y** against the unit (the original
acting body, 国办公开办函〔2021〕30号: a lawsuit in which the reconsideration body is co-defendant
is one record, under the original body only, and is never counted for the reconsideration body
even when both are in the subtree), with their result as it stood on 31 December: decided
later means 尚未审结. The format does not say which cases a year counts (spec §2.5, [U]); with
``GONGKAI_APPEAL_COUNTING=active`` cases still pending at the start of Y are counted as well.

Everything is counted by the database (grouped counts), never by a loop over records.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, Q, QuerySet

from gongkai import report_format as fmt
from gongkai.appeals.models import Appeal, AppealKind, AppealResult, LitigationRoute
from gongkai.applications.models import ApplicantType, Application, ApplicationEvent, EventKind
from gongkai.report_format import FormatVersion

COLUMN_OF = {choice.value: choice.label for choice in ApplicantType}


@dataclass(frozen=True)
class Scope:
    year: int
    unit_id: int | None  # None: the whole district (consolidated)
    # A government's subtree (its consolidated report): the ids of its units, itself included.
    # When set, it and not ``unit_id`` chooses the records.
    units: frozenset[int] | None = None

    def unit_filter(self, field: str = "unit_id") -> Q:
        """The condition on ``field`` (a unit id) that keeps the scope's records."""
        if self.units is not None:
            return Q(**{f"{field}__in": sorted(self.units)})
        if self.unit_id is not None:
            return Q(**{field: self.unit_id})
        return Q()

    @property
    def start(self) -> dt.date:
        return dt.date(self.year, 1, 1)

    @property
    def end(self) -> dt.date:
        return dt.date(self.year, 12, 31)


def _in_scope(scope: Scope) -> QuerySet[Application]:
    """The scope's applications; a government's subtree counts those sent to a government of
    it and never routed (carried over unrouted, withdrawn before routing: Application.government)
    as the top report counts every one of no unit."""
    found = scope.unit_filter()
    if scope.units is not None:
        found |= Q(unit__isnull=True, government_id__in=sorted(scope.units))
    return Application.objects.filter(found)


def _active(scope: Scope) -> Q:
    """Open at some moment of the year: received by its end, not concluded before its start."""
    return Q(receipt_date__lte=scope.end) & (
        Q(concluded_on__isnull=True) | Q(concluded_on__gte=scope.start)
    )


def conditions(scope: Scope) -> dict[str, Q]:
    """The four counts, as conditions on an application open at some moment of the year."""
    return {
        "new": Q(receipt_date__gte=scope.start),
        "carried_in": Q(receipt_date__lt=scope.start),
        "concluded": Q(concluded_on__lte=scope.end),
        "carried_out": Q(concluded_on__isnull=True) | Q(concluded_on__gt=scope.end),
    }


def table3(
    scope: Scope, version: FormatVersion, mapping: Mapping[str, str]
) -> dict[str, dict[str, int]]:
    """Table 三 for the scope, in the given format, through the outcome → row mapping."""
    wanted = conditions(scope)
    groups = (
        _in_scope(scope)
        .filter(_active(scope))
        .values("applicant_type", "outcome")
        .annotate(**{name: Count("id", filter=condition) for name, condition in wanted.items()})
        .order_by()
    )
    table = fmt.empty_table3(version)
    for group in groups:
        column = COLUMN_OF[group["applicant_type"]]
        table[fmt.ROW_NEW][column] += group["new"]
        table[fmt.ROW_CARRIED_IN][column] += group["carried_in"]
        table[fmt.ROW_CARRIED_OUT][column] += group["carried_out"]
        if group["concluded"]:
            row = fmt.label_of(mapping[group["outcome"]], version)
            table[row][column] += group["concluded"]
    results = fmt.result_labels(version)
    for column in fmt.APPLICANT_COLUMNS:
        table[fmt.ROW_RESULTS_TOTAL][column] = sum(table[row][column] or 0 for row in results)
    for cells in table.values():
        cells[fmt.TOTAL] = sum(cells[c] or 0 for c in fmt.APPLICANT_COLUMNS)
    return table  # type: ignore[return-value]


def records(
    scope: Scope, row: str, column: str, version: FormatVersion, mapping: Mapping[str, str]
) -> QuerySet[Application]:
    """The applications a cell of table 三 counts (so that every number leads to its records)."""
    cases = _in_scope(scope).filter(_active(scope))
    if column != fmt.TOTAL:
        types = [value for value, label in COLUMN_OF.items() if label == column]
        cases = cases.filter(applicant_type__in=types)
    named = {
        fmt.ROW_NEW: "new",
        fmt.ROW_CARRIED_IN: "carried_in",
        fmt.ROW_CARRIED_OUT: "carried_out",
        fmt.ROW_RESULTS_TOTAL: "concluded",
    }
    wanted = conditions(scope)
    if row in named:
        return cases.filter(wanted[named[row]])
    outcomes = [o for o, key in mapping.items() if fmt.label_of(key, version) == row]
    return cases.filter(wanted["concluded"], outcome__in=outcomes)


def _appeals(scope: Scope) -> QuerySet[Appeal]:
    appeals = Appeal.objects.exclude(kind=AppealKind.COMPLAINT).filter(scope.unit_filter())
    filed = Q(filed_on__gte=scope.start, filed_on__lte=scope.end)
    if settings.GONGKAI_APPEAL_COUNTING == "active":
        still_pending = Q(filed_on__lt=scope.start) & (
            Q(decided_on__isnull=True) | Q(decided_on__gte=scope.start)
        )
        return appeals.filter(filed | still_pending)
    return appeals.filter(filed)


GROUP_OF = {
    (AppealKind.RECONSIDERATION, ""): fmt.REVIEW,
    (AppealKind.LITIGATION, LitigationRoute.DIRECT): fmt.LITIGATION_DIRECT,
    (AppealKind.LITIGATION, LitigationRoute.AFTER_REVIEW): fmt.LITIGATION_AFTER_REVIEW,
}
CELL_OF = {
    AppealResult.UPHELD: fmt.UPHELD,
    AppealResult.CORRECTED: fmt.CORRECTED,
    AppealResult.OTHER: fmt.OTHER_RESULT,
}


def table4(scope: Scope) -> dict[str, dict[str, int]]:
    decided = Q(decided_on__isnull=False) & Q(decided_on__lte=scope.end)
    groups = (
        _appeals(scope)
        .values("kind", "route")
        .annotate(
            total=Count("id"),
            **{
                f"r_{result.value}": Count("id", filter=decided & Q(result=result))
                for result in CELL_OF
            },
        )
        .order_by()
    )
    table = fmt.empty_table4()
    for group in groups:
        cells = table[GROUP_OF[(group["kind"], group["route"])]]
        for result, cell in CELL_OF.items():
            cells[cell] = (cells[cell] or 0) + group[f"r_{result.value}"]
        cells[fmt.TOTAL] = (cells[fmt.TOTAL] or 0) + group["total"]
    for cells in table.values():
        decided_count = sum(cells[c] or 0 for c in (fmt.UPHELD, fmt.CORRECTED, fmt.OTHER_RESULT))
        cells[fmt.PENDING] = (cells[fmt.TOTAL] or 0) - decided_count
    return table  # type: ignore[return-value]


def appeal_records(scope: Scope, group: str, cell: str) -> QuerySet[Appeal]:
    kind, route = next(k for k, g in GROUP_OF.items() if g == group)
    appeals = _appeals(scope).filter(kind=kind, route=route)
    decided = Q(decided_on__isnull=False) & Q(decided_on__lte=scope.end)
    if cell == fmt.PENDING:
        return appeals.exclude(decided)
    for result, name in CELL_OF.items():
        if name == cell:
            return appeals.filter(decided, result=result)
    return appeals


def fees_collected(scope: Scope) -> int:
    """Information-processing fees paid in the year, in yuan (reported in section 六)."""
    events = ApplicationEvent.objects.filter(
        kind=EventKind.FEE_PAID, occurred_on__gte=scope.start, occurred_on__lte=scope.end
    )
    events = events.filter(scope.unit_filter("application__unit_id"))
    return sum(int(e.data.get("amount", 0)) for e in events.only("data"))


def complaints(scope: Scope) -> int:
    appeals = Appeal.objects.filter(kind=AppealKind.COMPLAINT, filed_on__year=scope.year)
    return appeals.filter(scope.unit_filter()).count()
