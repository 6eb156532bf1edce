"""Reads of the open datasets, a year at a time: the public catalog's items, the published
questions (their masked public fields only) and the tables of the published annual reports.

Each dataset gives its records (read in chunks, never a whole year at once), the fingerprint
that its ETag is made of (a few aggregates, computed without reading the records), and the years
it has with the time each last changed (the DCAT catalogue's ``modified``).

Incremental harvesting (``since``): the records changed at or after the moment, and for what has
left the public since then a record ``{"id", "status": "removed", "changed_at"}`` that tells a
harvester to delete it (docs/api.md):

- items: an item is changed when it or its unit was edited (a unit's name is in every row), and
  removed when it was published once (it has a 发布日期 in the year) and is no longer public
  (withdrawn, or its column or unit switched off — a column has no time of change, so a column
  switched off reaches the harvester only when the unit or item changes, or through a full
  download: see docs/api.md);
- questions: published once and for good (no step takes a reply off the portal), so only new
  ones;
- annual reports: published in the period, and removed when their publication was withdrawn
  (撤回发布, found in the audit log) and not published again.

Every read takes the request's ``shown`` (units.hosts.PortalScope): on a government's portal
host the files hold that government's subtree only, as its pages do (docs/governments.md).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, F, Max, Q, QuerySet, Sum
from django.db.models.functions import ExtractYear, Greatest
from django.urls import reverse

from gongkai.audit.actions import AuditAction
from gongkai.audit.models import AuditEvent
from gongkai.catalog.models import Column, Item
from gongkai.questions.models import Question
from gongkai.reports.models import AnnualReport, ReportStatus
from gongkai.units.hosts import PortalScope

# Bumped when the records' shape changes, so that every ETag changes with it.
SHAPE_VERSION = "1"
CHUNK = 1000  # rows fetched from the database at a time

Absolute = Callable[[str], str]  # a path to an absolute URL (request.build_absolute_uri)
Record = dict[str, Any]


def _iso(value: dt.date | dt.datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _url_of(absolute: Absolute, name: str) -> Callable[[int], str]:
    """The absolute address of the record ``pk`` of the page ``name``, reversed once: a
    reverse and an absolute URL per row were a third of a year's download."""
    marker = 987654321987
    prefix, _, suffix = absolute(reverse(name, args=[marker])).partition(str(marker))
    return lambda pk: f"{prefix}{pk}{suffix}"


def _removed(pk: int, changed_at: dt.datetime | None) -> Record:
    return {"id": pk, "status": "removed", "changed_at": _iso(changed_at)}


def _digest(*parts: object) -> str:
    return hashlib.sha256(repr(parts).encode("utf-8")).hexdigest()[:40]


def _latest(*moments: dt.datetime | None) -> dt.datetime | None:
    known = [m for m in moments if m is not None]
    return max(known) if known else None


@dataclass(frozen=True)
class Fingerprint:
    """What a download's ETag is made of, and its Last-Modified."""

    tag: str
    modified: dt.datetime | None


# --- items --------------------------------------------------------------------------------------
ITEM_COLUMNS = (
    "id",
    "status",
    "title",
    "index_number",
    "doc_number",
    "unit_code",
    "unit_name",
    "column_id",
    "column_name",
    "publisher",
    "formed_on",
    "published_on",
    "validity",
    "topic",
    "summary",
    "changed_at",
    "url",
)
ITEM_FIELDS = (
    "id",
    "title",
    "index_number",
    "doc_number",
    "unit__code",
    "unit__name",
    "column_id",
    "column__name",
    "publisher",
    "formed_on",
    "published_on",
    "validity",
    "topic",
    "summary",
    "updated_at",
    "unit__updated_at",
)


def _scope_tag(shown: PortalScope) -> int | None:
    """The government whose files these are, in every ETag: two hosts never share a tag."""
    return shown.government.pk if shown.government is not None else None


def _items_public(year: int, since: dt.datetime | None, shown: PortalScope) -> QuerySet[Item]:
    rows = shown.narrow(Item.objects.public().filter(published_on__year=year))
    if since is not None:
        rows = rows.filter(Q(updated_at__gte=since) | Q(unit__updated_at__gte=since))
    return rows


def _items_removed(year: int, since: dt.datetime, shown: PortalScope) -> QuerySet[Item]:
    return (
        shown.narrow(Item.objects.filter(published_on__year=year))
        .exclude(pk__in=Item.objects.public().values("pk"))
        .filter(Q(updated_at__gte=since) | Q(unit__updated_at__gte=since))
    )


def item_records(
    year: int, since: dt.datetime | None, absolute: Absolute, shown: PortalScope
) -> Iterator[Record]:
    """The public items published in ``year`` (by 发布日期), oldest first; with ``since`` only
    those changed since, then the removed ones."""
    url = _url_of(absolute, "portal:item")
    rows = _items_public(year, since, shown).order_by("published_on", "id").values(*ITEM_FIELDS)
    for row in rows.iterator(chunk_size=CHUNK):
        yield {
            "id": row["id"],
            "status": "published",
            "title": row["title"],
            "index_number": row["index_number"] or "",
            "doc_number": row["doc_number"],
            "unit_code": row["unit__code"],
            "unit_name": row["unit__name"],
            "column_id": row["column_id"],
            "column_name": row["column__name"],
            "publisher": row["publisher"],
            "formed_on": _iso(row["formed_on"]),
            "published_on": _iso(row["published_on"]),
            "validity": row["validity"],
            "topic": row["topic"],
            "summary": row["summary"],
            "changed_at": _iso(max(row["updated_at"], row["unit__updated_at"])),
            "url": url(row["id"]),
        }
    if since is not None:
        removed = (
            _items_removed(year, since, shown)
            .order_by("id")
            .values_list("id", "updated_at", "unit__updated_at")
        )
        for pk, updated, unit_updated in removed.iterator(chunk_size=CHUNK):
            yield _removed(pk, max(updated, unit_updated))


def _item_aggregates(rows: QuerySet[Item]) -> dict[str, Any]:
    return rows.aggregate(
        n=Count("id"),
        ids=Sum("id"),
        changed=Max(Greatest(F("updated_at"), F("unit__updated_at"))),
    )


def item_fingerprint(year: int, since: dt.datetime | None, shown: PortalScope) -> Fingerprint:
    public = _item_aggregates(_items_public(year, since, shown))
    removed = _item_aggregates(_items_removed(year, since, shown)) if since is not None else {}
    # a column's name is in every row and a column has no time of change: its names are part
    # of the tag (a few thousand short rows, read in a few milliseconds)
    columns = _digest(
        list(shown.narrow(Column.objects.public()).order_by("id").values_list("id", "name"))
    )
    return Fingerprint(
        tag=_digest(
            "items", SHAPE_VERSION, _scope_tag(shown), year, _iso(since), public, removed, columns
        ),
        modified=_latest(public["changed"], removed.get("changed")),
    )


def item_years(shown: PortalScope) -> dict[int, dt.datetime | None]:
    rows = (
        shown.narrow(Item.objects.public())
        .annotate(year=ExtractYear("published_on"))
        .values("year")
        .annotate(changed=Max(Greatest(F("updated_at"), F("unit__updated_at"))))
        .order_by("year")
    )
    return {row["year"]: row["changed"] for row in rows if row["year"] is not None}


# --- questions ----------------------------------------------------------------------------------
QUESTION_COLUMNS = (
    "id",
    "status",
    "subject",
    "text",
    "reply",
    "asker",
    "unit_name",
    "received_on",
    "replied_on",
    "published_at",
    "changed_at",
    "url",
)


def _questions(year: int, since: dt.datetime | None, shown: PortalScope) -> QuerySet[Question]:
    rows = shown.narrow(Question.objects.on_portal().filter(published_at__year=year))
    if since is not None:
        rows = rows.filter(published_at__gte=since)
    return rows


def question_records(
    year: int, since: dt.datetime | None, absolute: Absolute, shown: PortalScope
) -> Iterator[Record]:
    """The questions published in ``year`` with their replies, as the portal shows them: the
    masked subject, text, reply and signature (core.publictext), never the asker's name, phone,
    e-mail or the question's number."""
    rows = (
        _questions(year, since, shown)
        .order_by("published_at", "id")
        .values_list(
            "id",
            "public_subject",
            "public_text",
            "public_reply",
            "public_asker",
            "unit__name",
            "received_on",
            "replied_on",
            "published_at",
        )
    )
    url = _url_of(absolute, "portal:question")
    for pk, subject, text, reply, asker, unit, received, replied, published in rows.iterator(
        chunk_size=CHUNK
    ):
        yield {
            "id": pk,
            "status": "published",
            "subject": subject,
            "text": text,
            "reply": reply,
            "asker": asker,
            "unit_name": unit or "",
            "received_on": _iso(received),
            "replied_on": _iso(replied),
            "published_at": _iso(published),
            "changed_at": _iso(published),
            "url": url(pk),
        }


def question_fingerprint(year: int, since: dt.datetime | None, shown: PortalScope) -> Fingerprint:
    found = _questions(year, since, shown).aggregate(
        n=Count("id"), ids=Sum("id"), changed=Max("published_at"), units=Max("unit__updated_at")
    )
    return Fingerprint(
        tag=_digest("questions", SHAPE_VERSION, _scope_tag(shown), year, _iso(since), found),
        modified=found["changed"],
    )


def question_years(shown: PortalScope) -> dict[int, dt.datetime | None]:
    rows = (
        shown.narrow(Question.objects.on_portal())
        .annotate(year=ExtractYear("published_at"))
        .values("year")
        .annotate(changed=Max("published_at"))
        .order_by("year")
    )
    return {row["year"]: row["changed"] for row in rows if row["year"] is not None}


# --- annual reports -----------------------------------------------------------------------------
REPORT_COLUMNS = (
    "id",
    "status",
    "unit_code",
    "agency",
    "year",
    "table",
    "item",
    "row",
    "column",
    "value",
    "published_at",
    "changed_at",
    "url",
)
# The tables of the national format, by their numbers in the report, and where the snapshot
# keeps each: 二 block → row → column, 三 row → column (under "rows"), 四 row → column.
TABLES = ("二", "三", "四")


def report_tables(snapshot: dict[str, Any]) -> dict[str, Any]:
    return {
        "二": snapshot.get("proactive") or {},
        "三": (snapshot.get("applications") or {}).get("rows") or {},
        "四": snapshot.get("review_litigation") or {},
    }


def table_cells(tables: dict[str, Any]) -> Iterator[tuple[str, str, str, str, Any]]:
    """Every cell of the tables: (table, block, row, column, value); table 二 has blocks (the
    articles of 第二十条), the others none."""
    for name in TABLES:
        table = tables.get(name) or {}
        if name == "二":
            for block, rows in table.items():
                for row, cells in (rows or {}).items():
                    for column, value in (cells or {}).items():
                        yield name, block, row, column, value
        else:
            for row, cells in table.items():
                for column, value in (cells or {}).items():
                    yield name, "", row, column, value


def _reports(year: int, since: dt.datetime | None, shown: PortalScope) -> QuerySet[AnnualReport]:
    rows = shown.narrow(AnnualReport.objects.filter(year=year, status=ReportStatus.PUBLISHED))
    if since is not None:
        rows = rows.filter(published_at__gte=since)
    return rows


def _reopened(year: int, since: dt.datetime, shown: PortalScope) -> dict[int, dt.datetime]:
    """The reports of ``year`` whose publication was withdrawn since ``since`` and that are not
    published now, with the time of the last withdrawal."""
    events = AuditEvent.objects.filter(
        action=AuditAction.REPORT_REOPEN, object_type="annualreport", at__gte=since
    ).values_list("object_id", "at")
    when: dict[int, dt.datetime] = {}
    for object_id, at in events:
        if object_id.isascii() and object_id.isdigit():
            when[int(object_id)] = max(at, when.get(int(object_id), at))
    still = shown.narrow(AnnualReport.objects.filter(pk__in=list(when), year=year)).exclude(
        status=ReportStatus.PUBLISHED
    )
    return {pk: when[pk] for pk in still.values_list("pk", flat=True)}


def _report_head(report: AnnualReport, absolute: Absolute) -> Record:
    snapshot = report.snapshot or {}
    return {
        "id": report.pk,
        "status": "published",
        "unit_code": report.unit.code if report.unit else "",
        "agency": snapshot.get("agency") or "",
        "year": report.year,
        "title": snapshot.get("title") or "",
        "format": report.format_version,
        "published_at": _iso(report.published_at),
        "changed_at": _iso(report.published_at),
        "url": absolute(reverse("portal:report", args=[report.pk])),
    }


def _published_reports(
    year: int, since: dt.datetime | None, shown: PortalScope
) -> Iterator[AnnualReport]:
    rows = _reports(year, since, shown).select_related("unit").order_by("unit__sort_order", "id")
    # one report's snapshot at a time (a district has about sixty a year)
    yield from rows.iterator(chunk_size=20)


def report_records(
    year: int, since: dt.datetime | None, absolute: Absolute, shown: PortalScope
) -> Iterator[Record]:
    """The published reports of ``year``, each with its tables 二, 三 and 四 as published."""
    for report in _published_reports(year, since, shown):
        yield _report_head(report, absolute) | {"tables": report_tables(report.snapshot or {})}
    if since is not None:
        for pk, at in sorted(_reopened(year, since, shown).items()):
            yield _removed(pk, at)


def report_rows(
    year: int, since: dt.datetime | None, absolute: Absolute, shown: PortalScope
) -> Iterator[Record]:
    """The same, a row per cell of the tables (the CSV)."""
    for report in _published_reports(year, since, shown):
        head = _report_head(report, absolute)
        for table, block, row, column, value in table_cells(report_tables(report.snapshot or {})):
            yield head | {
                "table": table,
                "item": block,
                "row": row,
                "column": column,
                "value": value,
            }
    if since is not None:
        for pk, at in sorted(_reopened(year, since, shown).items()):
            yield _removed(pk, at)


def report_fingerprint(year: int, since: dt.datetime | None, shown: PortalScope) -> Fingerprint:
    found = _reports(year, since, shown).aggregate(
        n=Count("id"), ids=Sum("id"), changed=Max("published_at")
    )
    reopened = sorted(_reopened(year, since, shown).items()) if since is not None else []
    return Fingerprint(
        tag=_digest(
            "reports", SHAPE_VERSION, _scope_tag(shown), year, _iso(since), found, reopened
        ),
        modified=_latest(found["changed"], *(at for _, at in reopened)),
    )


def report_years(shown: PortalScope) -> dict[int, dt.datetime | None]:
    rows = (
        shown.narrow(AnnualReport.objects.filter(status=ReportStatus.PUBLISHED))
        .values("year")
        .annotate(changed=Max("published_at"))
        .order_by("year")
    )
    return {row["year"]: row["changed"] for row in rows}


# --- the datasets -------------------------------------------------------------------------------
@dataclass(frozen=True)
class Dataset:
    key: str
    title: str
    description: str
    csv_columns: tuple[str, ...]
    records: Callable[[int, dt.datetime | None, Absolute, PortalScope], Iterator[Record]]
    rows: Callable[[int, dt.datetime | None, Absolute, PortalScope], Iterator[Record]]
    fingerprint: Callable[[int, dt.datetime | None, PortalScope], Fingerprint]
    years: Callable[[PortalScope], dict[int, dt.datetime | None]]


DATASETS: dict[str, Dataset] = {
    "items": Dataset(
        key="items",
        title="主动公开的政府信息",
        description="各公开单位在政府信息公开目录中主动公开的政府信息（元数据），按发布日期的年度分集。",
        csv_columns=ITEM_COLUMNS,
        records=item_records,
        rows=item_records,
        fingerprint=item_fingerprint,
        years=item_years,
    ),
    "questions": Dataset(
        key="questions",
        title="留言咨询及答复",
        description="已公开答复的留言咨询及其答复，留言人的个人信息已隐去，按公开时间的年度分集。",
        csv_columns=QUESTION_COLUMNS,
        records=question_records,
        rows=question_records,
        fingerprint=question_fingerprint,
        years=question_years,
    ),
    "reports": Dataset(
        key="reports",
        title="政府信息公开工作年度报告统计表",
        description="已发布的政府信息公开工作年度报告的表二、表三、表四，按报告年度分集。",
        csv_columns=REPORT_COLUMNS,
        records=report_records,
        rows=report_rows,
        fingerprint=report_fingerprint,
        years=report_years,
    ),
}
