"""Reading the catalog: what the portal shows, the trees, the office's monitoring and counts."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Exists, F, Max, OuterRef, Prefetch, Q, QuerySet, Sum
from django.utils import timezone

from gongkai.catalog import rules
from gongkai.catalog.models import Column, ColumnKind, Guide, Item, PaperTransfer, Validity
from gongkai.catalog.status import State
from gongkai.units.models import Unit, UnitKind


# --- public (what the public sees is Item.objects.public(), in models.py) -----------------------
def public_columns(unit: Unit) -> list[Column]:
    return list(Column.objects.public().filter(unit=unit).order_by("sort_order", "id"))


@dataclass
class TreeNode:
    column: Column
    children: list[TreeNode] = field(default_factory=list)
    count: int = 0  # published items in this column and below


def tree_of(columns: Iterable[Column], counts: dict[int, int] | None = None) -> list[TreeNode]:
    """Columns as a tree (roots first, children in order), with item counts summed upwards."""
    nodes = {c.pk: TreeNode(c) for c in columns}
    roots: list[TreeNode] = []
    for node in nodes.values():
        parent = nodes.get(node.column.parent_id) if node.column.parent_id else None
        (parent.children if parent else roots).append(node)
    counts = counts or {}

    def total(node: TreeNode) -> int:
        node.count = counts.get(node.column.pk, 0) + sum(total(c) for c in node.children)
        return node.count

    for root in roots:
        total(root)
    return roots


def descendant_ids(column: Column) -> list[int]:
    """The column and every column below it (in the same unit)."""
    children: dict[int | None, list[int]] = defaultdict(list)
    for pk, parent in Column.objects.filter(unit_id=column.unit_id).values_list("pk", "parent_id"):
        children[parent].append(pk)
    out, todo = [], [column.pk]
    while todo:
        pk = todo.pop()
        out.append(pk)
        todo.extend(children.get(pk, []))
    return out


def column_counts(unit: Unit) -> dict[int, int]:
    rows = (
        Item.objects.public()
        .filter(column__unit=unit)
        .values("column_id")
        .annotate(n=Count("id"))
        .values_list("column_id", "n")
    )
    return dict(rows)


def column_path(column: Column) -> list[Column]:
    """The column's ancestors, root first, and the column."""
    path = [column]
    while path[0].parent_id is not None:
        parent = path[0].parent
        assert parent is not None
        path.insert(0, parent)
    return path


def key_area_columns(unit_ids: Iterable[int] | None = None) -> QuerySet[Column]:
    """The shared key-area columns (of ``unit_ids`` only, when given: a government's portal)."""
    columns = Column.objects.public().filter(shared=True)
    if unit_ids is not None:
        columns = columns.filter(unit_id__in=list(unit_ids))
    return columns.select_related("unit").order_by("sort_order", "id")


def interpretations(limit: int = 10, unit_ids: Iterable[int] | None = None) -> QuerySet[Item]:
    items = Item.objects.public().filter(interprets__isnull=False)
    if unit_ids is not None:
        items = items.filter(unit_id__in=list(unit_ids))
    return (
        items.select_related("unit", "interprets")
        .defer("body", "interprets__body")
        .order_by("-published_on", "-id")[:limit]
    )


# --- the office's monitoring --------------------------------------------------------------------
def last_published(
    columns: Iterable[Column], *, public: bool = False, today: dt.date | None = None
) -> dict[int, dt.date]:
    """The newest publication date of each column that has one (one grouped query): of the items
    published, or with ``public`` of those the public sees (the website self-check); with
    ``today``, as it stood on that day (items published later not counted)."""
    items = Item.objects.public() if public else Item.objects.published()
    if today is not None:
        items = items.filter(published_on__lte=today)
    return dict(
        items.filter(column__in=list(columns))
        .values("column_id")
        .annotate(last=Max("published_on"))
        .values_list("column_id", "last")
    )


def column_created(column: Column) -> dt.date:
    """The day a column was created, in the district's time zone (its staleness counts from it
    while it has no item)."""
    return timezone.localdate(column.created_at)


@dataclass
class StaleColumn:
    column: Column
    staleness: rules.Staleness


@dataclass
class UnitMonitoring:
    unit: Unit
    stale: list[StaleColumn]
    late: list[Item]  # published in the year, later than 20 working days after formation
    overdue: list[Item]  # not yet published, past the 20 working days
    normative_without_interpretation: list[Item]
    guide: rules.GuideState
    guide_version: Guide | None

    @property
    def problems(self) -> int:
        return (
            len(self.stale)
            + len(self.late)
            + len(self.overdue)
            + len(self.normative_without_interpretation)
            + (0 if self.guide.ok else 1)
        )


def monitoring(
    units: Iterable[Unit], *, year: int, today: dt.date | None = None
) -> list[UnitMonitoring]:
    """For each unit: stale columns, late and overdue items, normative documents published
    without an interpretation, and the state of its guide. A few grouped queries, whatever the
    number of units."""
    today = today or timezone.localdate()
    units = list(units)
    ids = [u.pk for u in units]
    columns = list(
        Column.objects.filter(unit_id__in=ids, is_active=True, expected_interval_days__isnull=False)
        .exclude(kind__in=[ColumnKind.GROUP, ColumnKind.GUIDE, ColumnKind.REPORT])
        .order_by("sort_order", "id")
    )
    # As of ``today``: what was published later (a past day's monitoring, as the assessment
    # asks for) does not count.
    last = last_published(columns, today=today)
    stale: dict[int, list[StaleColumn]] = defaultdict(list)
    for column in columns:
        staleness = rules.column_staleness(
            last_published=last.get(column.pk),
            created=column_created(column),
            interval=column.expected_interval_days,
            today=today,
        )
        if staleness.stale:
            stale[column.unit_id].append(StaleColumn(column, staleness))
    in_year = Q(published_on__year=year)
    late: dict[int, list[Item]] = defaultdict(list)
    for item in (
        Item.objects.published()
        .filter(unit_id__in=ids)
        .filter(in_year)
        .filter(published_on__gt=F("publish_due"))
        .select_related("column")
        .order_by("-published_on")
    ):
        late[item.unit_id].append(item)
    overdue: dict[int, list[Item]] = defaultdict(list)
    for item in (
        Item.objects.filter(
            unit_id__in=ids, status__in=[State.DRAFT, State.SUBMITTED], publish_due__lt=today
        )
        .select_related("column")
        .order_by("publish_due")
    ):
        overdue[item.unit_id].append(item)
    published_interpretation = Item.objects.published().filter(interprets=OuterRef("pk"))
    lonely: dict[int, list[Item]] = defaultdict(list)
    for item in (
        Item.objects.published()
        .filter(unit_id__in=ids, column__kind=ColumnKind.NORMATIVE)
        .filter(~Exists(published_interpretation))
        .select_related("column")
    ):
        lonely[item.unit_id].append(item)
    guides: dict[int, Guide] = {}
    for version in Guide.objects.filter(unit_id__in=ids).order_by("unit_id", "-version"):
        if timezone.localdate(version.published_at) <= today:
            guides.setdefault(version.unit_id, version)
    out = []
    for unit in units:
        guide = guides.get(unit.pk)
        state = rules.guide_state(
            published=timezone.localdate(guide.published_at) if guide else None,
            contacts_changed=guide is not None and guide.contacts != contacts_of(unit),
            today=today,
        )
        out.append(
            UnitMonitoring(
                unit,
                stale[unit.pk],
                late[unit.pk],
                overdue[unit.pk],
                lonely[unit.pk],
                state,
                guide,
            )
        )
    return out


CONTACT_FIELDS = ("name", "address", "postcode", "office_hours", "phone", "fax", "email", "website")


def contacts_of(unit: Unit) -> dict[str, str]:
    """The details a guide states about the unit's disclosure office (第十二条)."""
    return {name: str(getattr(unit, name) or "") for name in CONTACT_FIELDS}


# --- counts ---------------------------------------------------------------------------------------
CATEGORY_LABELS = (
    ("documents", "法规文件"),
    ("normative", "规范性文件"),
    ("district_news", "区政府动态信息"),
    ("district_other", "区政府其他信息"),
    ("departments", "委、办、局(中心)信息"),
    ("towns", "乡镇(街道)信息"),
    ("other_units", "其他单位信息"),
)


def year_counts(year: int, units: Iterable[Unit] | None = None) -> dict[str, Any]:
    """Items published in a year by the categories a district's report states: the district
    government's documents (法规文件: 规章 and 其他文件), its normative documents, its news
    and other columns; the departments' items; the towns' and streets' items. Of ``units``
    only, when given (a government's subtree)."""
    published = Item.objects.filter(
        status__in=[State.PUBLISHED, State.WITHDRAWN], published_on__year=year
    )
    if units is not None:
        published = published.filter(unit__in=list(units))
    rows = published.values("unit__kind", "column__kind", "column__code").annotate(n=Count("id"))
    counts = dict.fromkeys((key for key, _ in CATEGORY_LABELS), 0)
    for row in rows:
        kind, column_kind, code, n = (
            row["unit__kind"],
            row["column__kind"],
            row["column__code"],
            row["n"],
        )
        if kind == UnitKind.DISTRICT:
            if column_kind == ColumnKind.NORMATIVE:
                counts["normative"] += n
            elif column_kind == ColumnKind.REGULATION or code == "other-documents":
                counts["documents"] += n
            elif code == "news":
                counts["district_news"] += n
            else:
                counts["district_other"] += n
        elif kind == UnitKind.DEPARTMENT:
            counts["departments"] += n
        elif kind in (UnitKind.TOWNSHIP, UnitKind.STREET):
            counts["towns"] += n
        else:
            counts["other_units"] += n
    total = sum(counts.values())
    interpretations_count = Item.objects.filter(
        status__in=[State.PUBLISHED, State.WITHDRAWN],
        published_on__year=year,
        interprets__isnull=False,
    ).count()
    return {
        "year": year,
        "rows": [(label, counts[key]) for key, label in CATEGORY_LABELS],
        "total": total,
        "interpretations": interpretations_count,
        "transfers": transfer_counts(year),
    }


def published_counts(
    *, first: dt.date, last: dt.date, unit_ids: Iterable[int]
) -> dict[int, dict[str, int]]:
    """Items published between ``first`` and ``last`` (both included), per unit and column kind
    (:class:`ColumnKind`), counted as :func:`year_counts` counts them: by publication date,
    items withdrawn since included."""
    rows = (
        Item.objects.filter(
            status__in=[State.PUBLISHED, State.WITHDRAWN],
            published_on__gte=first,
            published_on__lte=last,
            unit_id__in=list(unit_ids),
        )
        .values("unit_id", "column__kind")
        .annotate(n=Count("id"))
        .order_by()
    )
    out: dict[int, dict[str, int]] = defaultdict(dict)
    for row in rows:
        out[row["unit_id"]][row["column__kind"]] = row["n"]
    return dict(out)


def transfer_counts(year: int, units: Iterable[Unit] | None = None) -> list[dict[str, Any]]:
    """Paper documents sent to each reading place in a year."""
    transfers = PaperTransfer.objects.filter(sent_on__year=year)
    if units is not None:
        transfers = transfers.filter(unit__in=list(units))
    rows = (
        transfers.values("place__name", "place__level")
        .annotate(n_transfers=Count("id"), n_copies=Sum("copies"))
        .order_by("place__level", "place__name")
    )
    return [
        {
            "place": row["place__name"],
            "level": row["place__level"],
            "transfers": row["n_transfers"],
            "copies": row["n_copies"] or 0,
        }
        for row in rows
    ]


# --- table 二 of the annual report --------------------------------------------------------------
REGULATION_KINDS = {"regulation": ColumnKind.REGULATION, "normative": ColumnKind.NORMATIVE}


def documents_table(
    *, year: int, unit: Unit | None, unit_ids: Collection[int] | None = None
) -> dict[str, dict[str, int]]:
    """规章 and 规范性文件 for table 二 第二十条第（一）项, from the catalog, as at 31 December:
    made (成文) in the year and published, published in the year, repealed or expired in the
    year, in force at the year's end, and published in all (2019 format's 对外公开总数量).
    ``unit_ids`` (a government's subtree, docs/rollup.md) counts those units' items instead."""
    end = dt.date(year, 12, 31)
    out: dict[str, dict[str, int]] = {}
    for key, kind in REGULATION_KINDS.items():
        items = Item.objects.filter(
            column__kind=kind,
            status__in=[State.PUBLISHED, State.WITHDRAWN],
            published_on__lte=end,
        )
        if unit_ids is not None:
            items = items.filter(unit_id__in=sorted(unit_ids))
        elif unit is not None:
            items = items.filter(unit=unit)
        live = items.exclude(status=State.WITHDRAWN)
        out[key] = {
            "made": items.filter(formed_on__year=year).count(),
            "published": items.filter(published_on__year=year).count(),
            "ended": live.exclude(validity=Validity.VALID)
            .filter(validity_changed_on__year=year)
            .count(),
            "in_force": live.filter(
                Q(validity=Validity.VALID) | Q(validity_changed_on__gt=end)
            ).count(),
            "public": live.count(),
        }
    return out


# --- the policy library (政策文件库) --------------------------------------------------------------
def policy_library() -> QuerySet[Item]:
    """The 行政规范性文件 in force that the public sees, newest first, each with its published
    interpretations (``public_interpretations``) in order of publication."""
    return (
        Item.objects.public()
        .filter(column__kind=ColumnKind.NORMATIVE, validity=Validity.VALID)
        .select_related("unit")
        .defer("body")
        .prefetch_related(
            Prefetch(
                "interpretations",
                queryset=Item.objects.public().defer("body").order_by("published_on", "id"),
                to_attr="public_interpretations",
            )
        )
        .order_by("-published_on", "-id")
    )
