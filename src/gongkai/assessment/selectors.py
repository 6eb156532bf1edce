"""Reading the assessment: what feeds each automatic indicator, the units' score sheets and the
ranking.

Each automatic indicator is fed by one function here that reads the records of every unit at
once (a few grouped queries, whatever the number of units) and hands the pure indicator
(:mod:`gongkai.assessment.indicators`) plain :class:`Evidence`, each with the link to its
record. The catalog's monitoring already says which columns are stale, which normative
documents lack an interpretation and whether a guide is up to date: those feeds read it
(:func:`gongkai.catalog.selectors.monitoring`, as of the assessment's day) rather than judge
again.

:data:`FEEDS` is pluggable: an app built later registers the feed of an indicator the rubric
names (:func:`register_feed`; ``rectifications_closed`` reads the inspections' notices). Until
one is registered, such an item is scored by the office like a manual item, and the sheet says
why.
A locked assessment is read from its snapshot, never computed again.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Exists, OuterRef
from django.urls import reverse

from gongkai.applications.models import Application, ApplicationEvent, EventKind
from gongkai.applications.outcomes import Decision, Outcome, decision_problems, rule
from gongkai.applications.status import Status
from gongkai.assessment import indicators, scoring
from gongkai.assessment.indicators import Evidence
from gongkai.assessment.models import Assessment, Score
from gongkai.assessment.rubric import Item as RubricItem
from gongkai.assessment.rubric import Rubric, Scoring
from gongkai.catalog import rules as catalog_rules
from gongkai.catalog.models import Column, ColumnKind, Item
from gongkai.catalog.selectors import UnitMonitoring, monitoring
from gongkai.inspections import status as rectification_status
from gongkai.inspections.models import Rectification
from gongkai.regions import services as regions
from gongkai.units.models import Unit
from gongkai.workdays import clock

# Passed records kept on a sheet for each item (every failure is kept): enough to check, not the
# whole year's catalog in every locked snapshot.
PASSED_SHOWN = 20


@dataclass
class Context:
    """What a feed reads: the year, the assessment's day, the units."""

    year: int
    as_of: dt.date
    units: list[Unit]
    _monitoring: dict[int, UnitMonitoring] | None = field(default=None, repr=False)

    @property
    def ids(self) -> list[int]:
        return [u.pk for u in self.units]

    def monitoring(self) -> dict[int, UnitMonitoring]:
        """The catalog's monitoring of every unit as of the assessment's day, read once."""
        if self._monitoring is None:
            rows = monitoring(self.units, year=self.year, today=self.as_of)
            self._monitoring = {row.unit.pk: row for row in rows}
        return self._monitoring


Feed = Callable[[Context], dict[int, list[Evidence]]]
FEEDS: dict[str, Feed] = {}


def register_feed(name: str, feed: Feed) -> None:
    """Feed the indicator ``name`` (which :data:`indicators.INDICATORS` must hold)."""
    if name not in indicators.INDICATORS:
        raise ValueError(f"no indicator {name!r}: register it in gongkai.assessment.indicators")
    FEEDS[name] = feed


def _grouped(rows: Iterable[tuple[int | None, Evidence]]) -> dict[int, list[Evidence]]:
    out: dict[int, list[Evidence]] = defaultdict(list)
    for unit_id, evidence in rows:
        if unit_id is not None:  # an application not yet routed to a unit is no unit's
            out[unit_id].append(evidence)
    return out


def _concluded(ctx: Context) -> Any:
    return (
        Application.objects.filter(
            unit_id__in=ctx.ids, concluded_on__year=ctx.year, concluded_on__lte=ctx.as_of
        )
        .exclude(status=Status.WITHDRAWN)
        .order_by("receipt_date", "pk")
    )


def _case(application: Application, ok: bool, note: str) -> Evidence:
    return Evidence(
        "application",
        application.pk,
        f"{application.tracking_number}（{application.receipt_date:%Y-%m-%d}收到）",
        ok,
        note,
        reverse("staff:case", args=[application.pk]),
    )


def feed_answers_on_time(ctx: Context) -> dict[int, list[Evidence]]:
    """Applications concluded in the year, each answered by its due date or not; and those
    still unanswered on the assessment's day although their due date had passed."""
    rows: list[tuple[int | None, Evidence]] = []
    fields = ("pk", "unit_id", "tracking_number", "receipt_date", "due_date", "concluded_on")
    for app in _concluded(ctx).filter(due_date__isnull=False).only(*fields):
        assert app.concluded_on is not None
        assert app.due_date is not None
        late = app.concluded_on > app.due_date
        note = f"{app.concluded_on:%Y-%m-%d}办结，答复期限{app.due_date:%Y-%m-%d}" + (
            "，超期" if late else ""
        )
        rows.append((app.unit_id, _case(app, not late, note)))
    pending = (
        Application.objects.filter(
            unit_id__in=ctx.ids, receipt_date__lte=ctx.as_of, due_date__lt=ctx.as_of
        )
        .exclude(status=Status.WITHDRAWN)
        .exclude(concluded_on__lte=ctx.as_of)
        .order_by("receipt_date", "pk")
        .only(*fields)
    )
    for app in pending:
        assert app.due_date is not None
        note = f"答复期限{app.due_date:%Y-%m-%d}，至{ctx.as_of:%Y-%m-%d}仍未办结"
        rows.append((app.unit_id, _case(app, False, note)))
    return _grouped(rows)


def feed_notices_complete(ctx: Context) -> dict[int, list[Evidence]]:
    """Replies of the year decided by the unit's staff, each complete or not by the rules the
    decision form applies (:func:`gongkai.applications.outcomes.decision_problems`)."""
    rows: list[tuple[int | None, Evidence]] = []
    fields = ("pk", "unit_id", "tracking_number", "receipt_date", "outcome", "decision")
    for app in _concluded(ctx).exclude(outcome="").only(*fields):
        try:
            chosen = rule(Outcome(app.outcome))
        except ValueError:
            chosen = None
        if chosen is not None and not chosen.by_staff:
            continue  # concluded by itself (a lapsed correction or fee): no reply to judge
        if not app.decision:
            rows.append((app.unit_id, _case(app, False, "未记录答复内容")))
            continue
        try:
            problems = decision_problems(Decision.from_data(app.decision))
        except (KeyError, ValueError, AssertionError, TypeError):
            problems = ["答复内容无法读取"]
        label = chosen.label if chosen is not None else "答复"
        note = "；".join(problems) if problems else f"{label}，要素齐全"
        rows.append((app.unit_id, _case(app, not problems, note)))
    return _grouped(rows)


def feed_corrections_in_time(ctx: Context) -> dict[int, list[Evidence]]:
    """Corrections asked for in the year, each within the notice period of 第三十条 or not
    (:func:`gongkai.workdays.clock.correction_late`)."""
    calendar_of = regions.calendars()
    first: dict[int, ApplicationEvent] = {}
    events = (
        ApplicationEvent.objects.filter(
            application__unit_id__in=ctx.ids,
            kind=EventKind.CORRECTION_REQUESTED,
            occurred_on__year=ctx.year,
            occurred_on__lte=ctx.as_of,
        )
        .select_related("application")
        .order_by("application_id", "seq")
    )
    for event in events:
        first.setdefault(event.application_id, event)
    rows: list[tuple[int | None, Evidence]] = []
    for event in first.values():
        app = event.application
        calendar = calendar_of(app.unit_id)
        late = clock.correction_late(calendar, app.receipt_date, event.occurred_on)
        due = clock.correction_notice_due(calendar, app.receipt_date)
        note = f"{event.occurred_on:%Y-%m-%d}告知补正" + (
            f"，告知期限{due:%Y-%m-%d}" if due is not None else ""
        )
        rows.append((app.unit_id, _case(app, not late, note + ("，超期" if late else ""))))
    return _grouped(rows)


def _item(item: Item, ok: bool, note: str) -> Evidence:
    return Evidence(
        "item", item.pk, item.title[:60], ok, note, reverse("staff:item", args=[item.pk])
    )


def feed_items_published_in_time(ctx: Context) -> dict[int, list[Evidence]]:
    """Items published in the year (up to the assessment's day), each within its due date or
    not (:func:`gongkai.catalog.rules.is_late`)."""
    rows: list[tuple[int | None, Evidence]] = []
    items = (
        Item.objects.published()
        .filter(unit_id__in=ctx.ids, published_on__year=ctx.year, published_on__lte=ctx.as_of)
        .only("pk", "unit_id", "title", "published_on", "publish_due")
        .order_by("published_on", "pk")
    )
    for item in items:
        late = catalog_rules.is_late(published_on=item.published_on, due=item.publish_due)
        note = f"{item.published_on:%Y-%m-%d}发布" + (
            f"，应于{item.publish_due:%Y-%m-%d}前公开，逾期" if late and item.publish_due else ""
        )
        rows.append((item.unit_id, _item(item, not late, note)))
    return _grouped(rows)


def feed_policies_interpreted(ctx: Context) -> dict[int, list[Evidence]]:
    """Normative documents published in the year; those the monitoring lists as without an
    interpretation fail."""
    lonely = {
        item.pk
        for row in ctx.monitoring().values()
        for item in row.normative_without_interpretation
    }
    rows: list[tuple[int | None, Evidence]] = []
    items = (
        Item.objects.published()
        .filter(
            unit_id__in=ctx.ids,
            column__kind=ColumnKind.NORMATIVE,
            published_on__year=ctx.year,
            published_on__lte=ctx.as_of,
        )
        .only("pk", "unit_id", "title", "published_on")
        .order_by("published_on", "pk")
    )
    for item in items:
        missing = item.pk in lonely
        note = "未发布政策解读" if missing else "已同步发布政策解读"
        rows.append((item.unit_id, _item(item, not missing, note)))
    return _grouped(rows)


def _column(column: Column, note: str) -> Evidence:
    return Evidence(
        "column",
        column.pk,
        column.name,
        False,
        note,
        reverse("staff:columns", args=[column.unit_id]),
    )


def feed_stale_columns(ctx: Context) -> dict[int, list[Evidence]]:
    """The columns the monitoring finds stale on the assessment's day."""
    rows: list[tuple[int | None, Evidence]] = []
    for unit_id, row in ctx.monitoring().items():
        for stale in row.stale:
            s = stale.staleness
            note = f"自{s.since:%Y-%m-%d}起{s.days}天未更新（应每{s.interval}天更新）"
            rows.append((unit_id, _column(stale.column, note)))
    return _grouped(rows)


def feed_blank_columns(ctx: Context) -> dict[int, list[Evidence]]:
    """The unit's own columns that are expected to be kept up (an update interval is set: the
    ones the monitoring watches), with nothing published in them by the assessment's day.
    Columns without an interval (机构职能 and the like, filled once) are not counted."""
    published = Item.objects.published().filter(column=OuterRef("pk"), published_on__lte=ctx.as_of)
    since = dt.datetime.combine(ctx.as_of + dt.timedelta(days=1), dt.time(), tzinfo=dt.UTC)
    columns = (
        Column.objects.filter(
            unit_id__in=ctx.ids,
            is_active=True,
            shared=False,
            created_at__lt=since,
            expected_interval_days__isnull=False,
        )
        .exclude(kind__in=[ColumnKind.GROUP, ColumnKind.GUIDE, ColumnKind.REPORT])
        .filter(~Exists(published))
        .order_by("unit_id", "sort_order", "pk")
    )
    return _grouped((c.unit_id, _column(c, "栏目中没有已发布的信息")) for c in columns)


def feed_guide_current(ctx: Context) -> dict[int, list[Evidence]]:
    """The unit's guide on the assessment's day, as the monitoring judges it."""
    rows: list[tuple[int | None, Evidence]] = []
    for unit_id, row in ctx.monitoring().items():
        guide = row.guide_version
        if guide is None:
            continue  # no guide: the indicator gives nothing
        label = f"第{guide.version}版公开指南（{guide.published_at:%Y-%m-%d}发布）"
        evidence = Evidence(
            "guide",
            guide.pk,
            label,
            row.guide.ok,
            row.guide.reason or "指南在有效期内，联系信息一致",
            reverse("staff:guide", args=[unit_id]),
        )
        rows.append((unit_id, evidence))
    return _grouped(rows)


def feed_rectifications_closed(ctx: Context) -> dict[int, list[Evidence]]:
    """The rectification notices issued to each unit in the year: each passes when closed with
    its accepted report made by the due date (inspections/status.py), as of the assessment's
    day; one still open counts against the unit."""
    rows: list[tuple[int | None, Evidence]] = []
    notices = Rectification.objects.filter(
        year=ctx.year, unit_id__in=ctx.ids, issued_on__lte=ctx.as_of
    ).order_by("issued_on", "pk")
    for notice in notices:
        completed = (
            notice.completed_on
            if notice.completed_on and notice.completed_on <= ctx.as_of
            else None
        )
        state = notice.status if completed is not None else rectification_status.State.ISSUED
        ok = rectification_status.completed_on_time(state, notice.due_date, completed)
        note = (
            f"已于{completed:%Y-%m-%d}完成整改（期限{notice.due_date:%Y-%m-%d}）"
            if ok
            else f"整改期限{notice.due_date:%Y-%m-%d}，未按期完成整改"
        )
        evidence = Evidence(
            "rectification",
            notice.pk,
            notice.number,
            ok,
            note,
            reverse("staff:rectification", args=[notice.pk]),
        )
        rows.append((notice.unit_id, evidence))
    return _grouped(rows)


for _name, _feed in (
    ("answers_on_time", feed_answers_on_time),
    ("notices_complete", feed_notices_complete),
    ("corrections_in_time", feed_corrections_in_time),
    ("items_published_in_time", feed_items_published_in_time),
    ("policies_interpreted", feed_policies_interpreted),
    ("stale_columns", feed_stale_columns),
    ("blank_columns", feed_blank_columns),
    ("guide_current", feed_guide_current),
    ("rectifications_closed", feed_rectifications_closed),
):
    register_feed(_name, _feed)


# --- the sheets ---------------------------------------------------------------------------------
UNFED = "该指标的数据来源尚未接入本系统，由公开办评分并说明依据"


def is_fed(item: RubricItem) -> bool:
    return item.scoring is Scoring.INDICATOR and item.indicator in FEEDS


def scored_by_hand(item: RubricItem) -> bool:
    """Items the office scores: manual ones, and indicators no feed computes yet."""
    return item.scoring is Scoring.MANUAL or (
        item.scoring is Scoring.INDICATOR and not is_fed(item)
    )


def _number(value: Decimal | None) -> str | None:
    return None if value is None else format(value.normalize() + 0, "f")


def _evidence_rows(evidence: Iterable[Evidence]) -> tuple[list[dict[str, Any]], int]:
    kept: list[dict[str, Any]] = []
    passed = hidden = 0
    for e in evidence:
        if e.ok:
            passed += 1
            if passed > PASSED_SHOWN:
                hidden += 1
                continue
        kept.append(
            {
                "kind": e.kind,
                "ref": e.ref,
                "label": e.label,
                "ok": e.ok,
                "note": e.note,
                "url": e.url,
            }
        )
    return kept, hidden


def units_of(assessment: Assessment) -> list[Unit]:
    """The units assessed: every active unit, in the registry's order."""
    return list(Unit.objects.filter(is_active=True).order_by("sort_order", "pk"))


def compute(assessment: Assessment, units: list[Unit]) -> dict[int, dict[str, Any]]:
    """Each unit's sheet, computed from the records and the stored scores (an open
    assessment). A sheet is plain data, as the snapshot keeps it."""
    rubric = assessment.parsed_rubric()
    ctx = Context(assessment.year, assessment.as_of, units)
    fed: dict[str, dict[int, list[Evidence]]] = {}
    for item in rubric.items():
        if is_fed(item) and item.indicator not in fed:
            fed[item.indicator] = FEEDS[item.indicator](ctx)
    stored: dict[tuple[int, str], Score] = {
        (s.unit_id, s.item_id): s
        for s in Score.objects.filter(assessment=assessment, unit__in=units)
    }
    return {unit.pk: _sheet(rubric, unit, fed, stored) for unit in units}


def _sheet(
    rubric: Rubric,
    unit: Unit,
    fed: dict[str, dict[int, list[Evidence]]],
    stored: dict[tuple[int, str], Score],
) -> dict[str, Any]:
    sections: list[dict[str, Any]] = []
    lines: list[scoring.Line] = []
    for section in rubric.sections:
        items = []
        for item in section.items:
            row: dict[str, Any] = {
                "id": item.id,
                "name": item.name,
                "points": _number(item.points),
                "scoring": item.scoring.value,
                "scoring_label": item.scoring.label,
                "criteria": item.criteria,
                "evidence": [],
                "hidden": 0,
                "summary": "",
                "note": "",
                "by": "",
                "at": "",
                "source_name": "",
                "by_hand": scored_by_hand(item),
            }
            score: Decimal | None
            if is_fed(item):
                indicator = indicators.INDICATORS[item.indicator]
                verdict = indicator(fed[item.indicator].get(unit.pk, []), item.points, item.params)
                score = verdict.score
                row["summary"] = verdict.summary
                row["evidence"], row["hidden"] = _evidence_rows(verdict.evidence)
                row["indicator"] = indicator.label
            else:
                if item.scoring is Scoring.INDICATOR:
                    row["summary"] = UNFED
                given = stored.get((unit.pk, item.id))
                score = given.score if given is not None else None
                if given is not None:
                    row["note"] = given.note
                    row["by"] = given.scored_by_label
                    row["at"] = f"{given.scored_at:%Y-%m-%d %H:%M}"
                    row["source_name"] = given.source_name
            row["score"] = _number(score)
            lines.append(scoring.Line(item.id, section.id, item.points, score))
            items.append(row)
        sections.append(
            {
                "id": section.id,
                "name": section.name,
                "points": _number(section.points),
                "items": items,
            }
        )
    totals = scoring.add_up(lines)
    for section_row in sections:
        section_row["score"] = _number(totals.sections[section_row["id"]])
    return {
        "unit": {
            "id": unit.pk,
            "name": unit.name,
            "short_name": unit.short_name,
            "code": unit.code,
        },
        "sections": sections,
        "total": _number(totals.total),
        "max": _number(rubric.total),
        "pending": list(totals.pending),
        "complete": totals.complete,
    }


def rank_rows(sheets: dict[int, dict[str, Any]]) -> list[dict[str, Any]]:
    """The ranking: every unit's section scores, total and rank, highest first (ties share a
    rank and keep the registry's order)."""
    totals = {unit_id: Decimal(sheet["total"]) for unit_id, sheet in sheets.items()}
    ranks = scoring.rank(totals)
    order = list(sheets)
    rows = [
        {
            "rank": ranks[unit_id],
            "unit": sheets[unit_id]["unit"],
            "sections": [
                {
                    "id": s["id"],
                    "score": s["score"],
                    "items": {i["id"]: i["score"] for i in s["items"]},
                }
                for s in sheets[unit_id]["sections"]
            ],
            "total": sheets[unit_id]["total"],
            "complete": sheets[unit_id]["complete"],
            "pending": len(sheets[unit_id]["pending"]),
        }
        for unit_id in order
    ]
    rows.sort(key=lambda r: (r["rank"], order.index(r["unit"]["id"])))
    return rows


def sheets(assessment: Assessment) -> dict[int, dict[str, Any]]:
    """Every unit's sheet: frozen ones when locked, computed ones otherwise."""
    if assessment.is_locked:
        assert assessment.snapshot is not None
        return {int(k): v for k, v in assessment.snapshot["sheets"].items()}
    return compute(assessment, units_of(assessment))


def sheet(assessment: Assessment, unit: Unit) -> dict[str, Any] | None:
    """One unit's sheet (None when the unit was not among those locked in)."""
    if assessment.is_locked:
        assert assessment.snapshot is not None
        found: dict[str, Any] | None = assessment.snapshot["sheets"].get(str(unit.pk))
        return found
    return compute(assessment, [unit])[unit.pk]


def ranking(assessment: Assessment) -> list[dict[str, Any]]:
    if assessment.is_locked:
        assert assessment.snapshot is not None
        rows: list[dict[str, Any]] = assessment.snapshot["ranking"]
        return rows
    return rank_rows(sheets(assessment))
