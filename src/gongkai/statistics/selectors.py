"""The monthly figures, counted from the records each time (nothing is stored): per unit and for
the district (docs/training.md).

For a month M (its first to its last day) and a unit, or the whole district:

- new applications: received (receipt date, 《条例》第三十一条) in M, by channel and by
  applicant type;
- outcomes: cases concluded in M, by the group of table 三 their outcome falls in;
- answers: replies delivered in M; on time when delivered by the due date (as the case page
  says it); the working days from receipt to delivery (the day of receipt not counted), whose
  median the page shows;
- items published in M, by the kind of their column (as the catalog's year counts count them);
- stale columns as they stood on the last day of M (today for the current month), by the
  catalog's own monitoring (gongkai.catalog.selectors.monitoring).

The district's figures count every unit's records and the applications not yet routed to a
unit; its median is the median of all its answers, not a median of the units' medians.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from fractions import Fraction

from django.db.models import Count, Q
from django.db.models.functions import ExtractMonth

from gongkai.applications.models import ApplicantType, Application, Channel
from gongkai.catalog import selectors as catalog
from gongkai.catalog.models import ColumnKind
from gongkai.regions import services as regions
from gongkai.statistics.figures import OUTCOME_GROUPS, Month, median, outcome_group, rate
from gongkai.units.models import Unit
from gongkai.workdays.calendar import CalendarRangeError

# The kinds of column whose items are counted, in the order shown (a group holds no items).
PUBLISHED_KINDS: tuple[tuple[str, str], ...] = (
    (ColumnKind.REGULATION.value, ColumnKind.REGULATION.label),
    (ColumnKind.NORMATIVE.value, ColumnKind.NORMATIVE.label),
    (ColumnKind.INTERPRETATION.value, ColumnKind.INTERPRETATION.label),
    (ColumnKind.GENERAL.value, "其他栏目信息"),
    (ColumnKind.GUIDE.value, ColumnKind.GUIDE.label),
    (ColumnKind.REPORT.value, ColumnKind.REPORT.label),
)


@dataclass
class Figures:
    """One scope's figures for one month."""

    by_channel: Counter[str] = field(default_factory=Counter)
    by_applicant: Counter[str] = field(default_factory=Counter)
    outcomes: Counter[str] = field(default_factory=Counter)  # group of table 三 → cases
    days: list[int] = field(default_factory=list)  # working days to answer, per answer
    on_time: int = 0
    published: Counter[str] = field(default_factory=Counter)  # column kind → items
    stale: list[catalog.StaleColumn] = field(default_factory=list)

    def add(self, other: Figures) -> None:
        self.by_channel.update(other.by_channel)
        self.by_applicant.update(other.by_applicant)
        self.outcomes.update(other.outcomes)
        self.days.extend(other.days)
        self.on_time += other.on_time
        self.published.update(other.published)
        self.stale.extend(other.stale)

    @property
    def new(self) -> int:
        return sum(self.by_channel.values())

    @property
    def concluded(self) -> int:
        return sum(self.outcomes.values())

    @property
    def answered(self) -> int:
        return len(self.days)

    @property
    def on_time_rate(self) -> Fraction | None:
        return rate(self.on_time, self.answered)

    @property
    def median_days(self) -> Fraction | None:
        return median(self.days)

    @property
    def published_total(self) -> int:
        return sum(self.published.values())

    # the rows the page, its charts and the export show, zeros included, in a fixed order
    def channel_rows(self) -> list[tuple[str, int]]:
        return [(c.label, self.by_channel[c.value]) for c in Channel]

    def applicant_rows(self) -> list[tuple[str, int]]:
        return [(t.label, self.by_applicant[t.value]) for t in ApplicantType]

    def outcome_rows(self) -> list[tuple[str, int]]:
        return [(group, self.outcomes[group]) for group in OUTCOME_GROUPS]

    def published_rows(self) -> list[tuple[str, int]]:
        return [(label, self.published[kind]) for kind, label in PUBLISHED_KINDS]


@dataclass
class MonthReport:
    month: Month
    as_of: dt.date  # the day the stale columns are judged on
    total: Figures  # the scope's: the district's, or the one unit's
    units: list[tuple[Unit, Figures]]  # each unit's (one row for a unit's own page)


def _applications(unit_ids: Sequence[int], with_unrouted: bool, whole: bool = True) -> Q:
    scope = Q(unit_id__in=list(unit_ids))
    if not with_unrouted:
        return scope
    # the applications waiting to be routed: every one for the whole deployment; for a
    # government's overview, those sent to a government of its units (Application.government)
    if whole:
        return scope | Q(unit__isnull=True)
    return scope | Q(unit__isnull=True, government_id__in=list(unit_ids))


def month_report(
    month: Month,
    units: Sequence[Unit],
    *,
    district: bool,
    today: dt.date,
    whole: bool = True,
) -> MonthReport:
    """The month's figures for the units (every unit, for the district: ``district`` adds the
    applications waiting to be routed — of the whole deployment, or with ``whole`` false those
    sent to a government of ``units``), a few grouped queries whatever their number."""
    ids = [u.pk for u in units]
    # a unit outside ``units`` (switched off since) still counts in the district's total
    per: defaultdict[int | None, Figures] = defaultdict(Figures)
    cases = Application.objects.filter(_applications(ids, district, whole))
    first, last = month.first, month.last
    for row in (
        cases.filter(receipt_date__gte=first, receipt_date__lte=last)
        .values("unit_id", "channel", "applicant_type")
        .annotate(n=Count("id"))
        .order_by()
    ):
        figures = per[row["unit_id"]]
        figures.by_channel[row["channel"]] += row["n"]
        figures.by_applicant[row["applicant_type"]] += row["n"]
    for row in (
        cases.filter(concluded_on__gte=first, concluded_on__lte=last)
        .exclude(outcome="")
        .values("unit_id", "outcome")
        .annotate(n=Count("id"))
        .order_by()
    ):
        per[row["unit_id"]].outcomes[outcome_group(row["outcome"])] += row["n"]
    calendar_of = regions.calendars()
    for unit_id, received, delivered, due in cases.filter(
        delivered_on__gte=first, delivered_on__lte=last
    ).values_list("unit_id", "receipt_date", "delivered_on", "due_date"):
        figures = per[unit_id]
        assert delivered is not None  # filtered on it
        try:
            figures.days.append(calendar_of(unit_id).count(received, delivered))
        except CalendarRangeError:  # a date outside the calendar: not counted, not guessed
            continue
        figures.on_time += due is None or delivered <= due
    for unit_id, kinds in catalog.published_counts(first=first, last=last, unit_ids=ids).items():
        per[unit_id].published.update(kinds)
    as_of = min(last, today)
    for monitored in catalog.monitoring(units, year=month.year, today=as_of):
        per[monitored.unit.pk].stale.extend(monitored.stale)
    total = Figures()
    for figures in per.values():
        total.add(figures)
    return MonthReport(month, as_of, total, [(u, per[u.pk]) for u in units])


def year_trend(
    year: int, units: Sequence[Unit], *, district: bool, through: int = 12, whole: bool = True
) -> dict[str, list[int]]:
    """New applications and answers delivered in each month of the year (up to ``through``)."""
    cases = Application.objects.filter(_applications([u.pk for u in units], district, whole))
    new = dict(
        cases.filter(receipt_date__year=year)
        .annotate(m=ExtractMonth("receipt_date"))
        .values("m")
        .annotate(n=Count("id"))
        .values_list("m", "n")
        .order_by()
    )
    answered = dict(
        cases.filter(delivered_on__year=year)
        .annotate(m=ExtractMonth("delivered_on"))
        .values("m")
        .annotate(n=Count("id"))
        .values_list("m", "n")
        .order_by()
    )
    months = range(1, through + 1)
    return {
        "new": [new.get(m, 0) for m in months],
        "answered": [answered.get(m, 0) for m in months],
    }
