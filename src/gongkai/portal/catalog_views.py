"""The public side of the catalog: unit trees, column pages, item pages, attachments, guides,
search and its open-data API, Atom feeds. Everything here is readable without an account and
without JavaScript; only what the public sees (Item.objects.public(): published items in active
columns of active units) is ever shown.

These pages are the portal's, not the catalog app's: a 年度报告 column lists the unit's published
reports and the search page runs the index, and both apps sit above the catalog
(docs/architecture.md)."""

from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import urlencode

from django.contrib.syndication.views import Feed
from django.core.paginator import EmptyPage, Paginator
from django.db.models import QuerySet
from django.http import (
    FileResponse,
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBase,
    JsonResponse,
)
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.views.decorators.http import require_safe

from gongkai.catalog import selectors
from gongkai.catalog.models import (
    GUIDE_PARTS,
    Attachment,
    Column,
    ColumnKind,
    Guide,
    Item,
    Validity,
)
from gongkai.catalog.services import plain_text
from gongkai.core import pagemeta, params
from gongkai.core.downloads import stored_file
from gongkai.opendata.http import open_response, revalidated
from gongkai.reports.models import AnnualReport, ReportStatus
from gongkai.search import engine, text
from gongkai.units import tree as units_tree
from gongkai.units.hosts import PortalScope, portal_level, portal_scope
from gongkai.units.models import GOVERNMENT_KINDS, Unit

PAGE_SIZE = 20
MAX_PAGE = 500  # deeper pages: narrow the search (keeps every request cheap)
MAX_QUERY = 60


def _page_number(request: HttpRequest) -> int:
    return params.page(request.GET, high=MAX_PAGE)


def _unit_or_404(request: HttpRequest, code: str) -> Unit:
    """An active unit of the host's government (units.hosts); 404 for any other."""
    unit = get_object_or_404(Unit, code=code, is_active=True)
    if not portal_scope(request).shows(unit.pk):
        raise Http404
    return unit


# --- units and columns --------------------------------------------------------------------------
@require_safe
def unit_catalog(request: HttpRequest, code: str) -> HttpResponse:
    """A unit's page: its office's contacts, its column tree, its latest items."""
    unit = _unit_or_404(request, code)
    columns = selectors.public_columns(unit)
    tree = selectors.tree_of(columns, selectors.column_counts(unit))
    latest = (
        Item.objects.public()
        .filter(unit=unit)
        .select_related("column")
        .order_by("-published_on", "-id")[:10]
    )
    guide = Guide.objects.filter(unit=unit).order_by("-version").first()
    return render(
        request,
        "catalog/public/unit.html",
        {
            "unit": unit,
            "tree": tree,
            "latest": latest,
            "guide": guide,
            "page_meta": pagemeta.column(f"{unit.name}政府信息公开", pagemeta.INFORMATION),
        },
    )


def _column_items(column: Column) -> QuerySet[Item]:
    items = Item.objects.public().select_related("unit")
    if column.kind == ColumnKind.GROUP:
        return items.filter(column_id__in=selectors.descendant_ids(column))
    return items.filter(column=column)


@require_safe
def column_page(request: HttpRequest, pk: int) -> HttpResponse:
    column = get_object_or_404(Column.objects.public().select_related("unit"), pk=pk)
    if not portal_scope(request).shows(column.unit_id):
        raise Http404
    if column.kind == ColumnKind.GUIDE:
        return redirect("portal:guide", code=column.unit.code)
    path = selectors.column_path(column)
    children = [c for c in selectors.public_columns(column.unit) if c.parent_id == column.pk]
    context: dict[str, Any] = {
        "column": column,
        "path": path,
        "children": children,
        "page_meta": pagemeta.column(column.name, column_type(column)),
    }
    if column.kind == ColumnKind.REPORT:
        context["reports"] = AnnualReport.objects.filter(
            unit=column.unit, status=ReportStatus.PUBLISHED
        ).order_by("-year")
    else:
        listed = _column_items(column).defer("body").order_by("-published_on", "-id")
        paginator = Paginator(listed, PAGE_SIZE)
        try:
            context["page"] = paginator.page(_page_number(request))
        except EmptyPage:
            context["page"] = paginator.page(paginator.num_pages)
    return render(request, "catalog/public/column.html", context)


@require_safe
def key_areas(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "catalog/public/key_areas.html",
        {
            "columns": selectors.key_area_columns(portal_scope(request).unit_ids),
            "page_meta": pagemeta.column("重点领域信息公开", pagemeta.INFORMATION),
        },
    )


@require_safe
def interpretations(request: HttpRequest) -> HttpResponse:
    items = portal_scope(request).narrow(Item.objects.public().filter(interprets__isnull=False))
    paginator = Paginator(
        items.select_related("unit", "interprets").order_by("-published_on", "-id"), PAGE_SIZE
    )
    try:
        page = paginator.page(_page_number(request))
    except EmptyPage:
        page = paginator.page(paginator.num_pages)
    return render(
        request,
        "catalog/public/interpretations.html",
        {"page": page, "page_meta": pagemeta.column("政策解读", pagemeta.INTERPRETATION)},
    )


# --- items --------------------------------------------------------------------------------------
# What an item page shows, and no more: fewer columns to select and convert per request.
ITEM_PAGE_FIELDS = (
    "index_number", "title", "doc_number", "publisher", "formed_on", "published_on", "topic",
    "validity", "validity_changed_on", "replaced_by", "summary", "body", "interprets",
    "back_entered", "back_entry_note", "reviewed_at",
    "unit__code", "unit__name", "unit__short_name",
    "column__name", "column__kind", "column__unit", "column__parent",
    "column__parent__name", "column__parent__kind", "column__parent__unit",
    "column__parent__parent",
    "column__parent__parent__name", "column__parent__parent__kind",
    "column__parent__parent__unit", "column__parent__parent__parent",
)  # fmt: skip


def _public_item(request: HttpRequest, pk: int) -> Item:
    try:
        # the column with two levels above it: the whole path of every standard column
        item = (
            Item.objects.public()
            .select_related("unit", "column__parent__parent")
            .only(*ITEM_PAGE_FIELDS)
            .get(pk=pk)
        )
    except Item.DoesNotExist:
        raise Http404 from None
    if not portal_scope(request).shows(item.unit_id):
        raise Http404  # another government's item: on its own portal
    return item


def _column_path(column: Column) -> list[Column]:
    path: list[Column] = []
    at: Column | None = column
    while at is not None:
        path.insert(0, at)
        at = at.parent if at.parent_id else None  # deeper than loaded: one query a level
    return path


def _published(item_id: int | None) -> Item | None:
    if item_id is None:
        return None
    return Item.objects.public().filter(pk=item_id).only("title", "doc_number").first()


def column_type(column: Column) -> str:
    """A 政策解读 column answers (解读回应); every other column of the catalog publishes."""
    if column.kind == ColumnKind.INTERPRETATION:
        return pagemeta.INTERPRETATION
    return pagemeta.INFORMATION


def item_meta(item: Item) -> pagemeta.PageMeta:
    """The item page's tags: its title, the time it was published (the reviewer's approval
    when it fell on the publication date, else that date's midnight: a back-entered item was
    approved later than it was published), its publisher, and its topic, column and unit as
    keywords."""
    assert item.published_on is not None  # a public item is published
    published: dt.datetime | dt.date = item.published_on
    if item.reviewed_at and timezone.localtime(item.reviewed_at).date() == item.published_on:
        published = item.reviewed_at
    return pagemeta.article(
        title=item.title,
        published=published,
        source=item.publisher or item.unit.name,
        words=[item.get_topic_display(), item.column.name, item.unit.short_name],
        column_name=item.column.name,
        column_type=column_type(item.column),
    )


@require_safe
def item_page(request: HttpRequest, pk: int) -> HttpResponse:
    item = _public_item(request, pk)
    path = _column_path(item.column)
    interpretations_of = list(
        Item.objects.public()
        .filter(interprets=item)
        .only("title", "published_on")
        .order_by("published_on", "id")
    )
    policy = _published(item.interprets_id)
    replaced_by = _published(item.replaced_by_id)
    return render(
        request,
        "catalog/public/item.html",
        {
            "item": item,
            "path": path,
            "body": mark_safe(item.body),  # noqa: S308 - sanitized with nh3 when stored
            "attachments": list(item.attachments.all()),
            "interpretations": interpretations_of,
            "policy": policy,
            "replaced_by": replaced_by,
            "invalid": item.validity != Validity.VALID,
            "page_meta": item_meta(item),
        },
    )


@require_safe
def attachment_download(request: HttpRequest, pk: int, attachment: int) -> FileResponse:
    item = _public_item(request, pk)
    try:
        found = item.attachments.get(pk=attachment)
    except Attachment.DoesNotExist:
        raise Http404 from None
    return stored_file(found.file, name=found.name, content_type=found.content_type)


# --- guides -------------------------------------------------------------------------------------
@require_safe
def guide_page(request: HttpRequest, code: str) -> HttpResponse:
    unit = _unit_or_404(request, code)
    versions = list(Guide.objects.filter(unit=unit).order_by("-version"))
    wanted = params.integer(request.GET, "version", low=1, high=params.MAX_ID)
    guide = versions[0] if versions else None
    if wanted is not None:
        guide = next((g for g in versions if g.version == wanted), None)
        if guide is None:
            raise Http404
    parts = [(label, guide.parts.get(key, "")) for key, label in GUIDE_PARTS] if guide else []
    return render(
        request,
        "catalog/public/guide.html",
        {
            "unit": unit,
            "guide": guide,
            "parts": parts,
            "versions": versions,
            "page_meta": pagemeta.column(f"{unit.name}政府信息公开指南", pagemeta.INFORMATION),
        },
    )


# --- search -------------------------------------------------------------------------------------
class SearchForm:
    """The search parameters, read leniently: what cannot be read is ignored and said so."""

    def __init__(self, query: Any, shown: PortalScope | None = None) -> None:
        self.shown = shown or PortalScope()
        self.errors: list[str] = []
        self.q = params.text(query, "q", max_length=MAX_QUERY)
        self.sort = params.choice(query, "sort", ("date",), default="relevance")
        self.page = params.page(query, high=MAX_PAGE)
        self.unit: Unit | None = None
        self.government: Unit | None = None
        self.column: Column | None = None
        self.year: int | None = None
        self.validity: str | None = None
        if query.get("unit"):
            code = params.text(query, "unit", max_length=32)
            self.unit = self.shown.units().filter(code=code).first() if code else None
            if self.unit is None:
                self.errors.append("没有这个公开单位，已忽略单位条件")
        if query.get("government"):
            # a government's subtree (a city, a district of a province): the filter offered in
            # place of thousands of units; one the host does not show is ignored
            code = params.text(query, "government", max_length=32)
            self.government = (
                self.shown.units().filter(code=code, kind__in=GOVERNMENT_KINDS).first()
                if code
                else None
            )
            if self.government is None:
                self.errors.append("没有这个人民政府，已忽略政府条件")
        if query.get("column"):
            column_id = params.ident(query, "column")
            self.column = (
                self.shown.narrow(Column.objects.public()).filter(pk=column_id).first()
                if column_id is not None
                else None
            )
            if self.column is None:
                self.errors.append("没有这个栏目，已忽略栏目条件")
        if query.get("year"):
            self.year = params.integer(query, "year", low=1990, high=2100)
            if self.year is None:
                self.errors.append("年份应为四位数字，已忽略年份条件")
        if query.get("validity"):
            self.validity = params.choice(query, "validity", Validity.values) or None
            if self.validity is None:
                self.errors.append("有效性条件不正确，已忽略")

    @property
    def filters(self) -> engine.Filters:
        columns: tuple[int, ...] = ()
        if self.column is not None:
            columns = tuple(selectors.descendant_ids(self.column))
        units: tuple[int, ...] = ()
        if self.unit is None and self.government is not None:
            subtree = units_tree.subtree_ids(self.government)
            if self.shown.unit_ids is not None:
                subtree &= self.shown.unit_ids
            units = tuple(sorted(subtree))
        elif self.unit is None and self.shown.unit_ids is not None:
            units = tuple(sorted(self.shown.unit_ids))  # a government's subtree
        return engine.Filters(
            unit=self.unit.pk if self.unit else None,
            units=units,
            columns=columns,
            year=self.year,
            validity=self.validity,
        )

    @property
    def has_words(self) -> bool:
        return bool(text.parse(self.q))

    @property
    def active(self) -> bool:
        return bool(
            self.q or self.unit or self.government or self.column or self.year or self.validity
        )

    def url(self, **changes: Any) -> str:
        params = {
            "q": self.q,
            "unit": self.unit.code if self.unit else "",
            "government": self.government.code if self.government else "",
            "column": self.column.pk if self.column else "",
            "year": self.year or "",
            "validity": self.validity or "",
            "sort": "" if self.sort == "relevance" else self.sort,
            "page": "" if self.page == 1 else self.page,
        }
        params.update(changes)
        return "?" + urlencode({k: v for k, v in params.items() if v not in ("", None, 1)})


def _run_search(form: SearchForm) -> tuple[engine.Results, list[Item]]:
    results = engine.search(
        form.q if form.has_words else "",
        form.filters,
        sort=form.sort if form.has_words else "date",
        offset=(form.page - 1) * PAGE_SIZE,
        limit=PAGE_SIZE,
    )
    found = {
        item.pk: item
        for item in Item.objects.public()
        .filter(pk__in=results.ids)
        .select_related("unit", "column")
    }
    # The index may briefly hold an item withdrawn a moment ago: skip what the database denies.
    return results, [found[i] for i in results.ids if i in found]


def _marked(pieces: list[tuple[str, bool]]) -> SafeString:
    return mark_safe(  # noqa: S308 - every piece is escaped
        "".join(f"<mark>{escape(t)}</mark>" if hit else str(escape(t)) for t, hit in pieces)
    )


@require_safe
def search(request: HttpRequest) -> HttpResponse:
    shown = portal_scope(request)
    form = SearchForm(request.GET, shown)
    # a tree of governments (a province's thousands of units): the governments to filter by,
    # each with its subtree; a district: its units, as always
    level = portal_level(request)
    governments = shown.units().filter(kind__in=GOVERNMENT_KINDS)
    if level.government_id is not None:
        governments = governments.exclude(pk=level.government_id)
    context: dict[str, Any] = {
        "form": form,
        "units": shown.units() if level.flat else Unit.objects.none(),
        "governments": [] if level.flat else governments,  # the top: 全部
        "years": list(range(timezone.localdate().year, 2007, -1)),
        "validities": Validity.choices,
    }
    if form.q and not form.has_words:
        form.errors.append("检索词中没有可检索的文字（请输入汉字、字母或数字）")
    if form.active and (form.has_words or not form.q):
        results, items = _run_search(form)
        context["total"] = results.total
        context["start"] = (form.page - 1) * PAGE_SIZE + 1
        context["hits"] = [
            {
                "item": item,
                "title": _marked(text.marked(item.title, form.q)),
                "snippet": _marked(text.snippet(plain_text(item.body), form.q)),
            }
            for item in items
        ]
        pages = max(1, min(MAX_PAGE, -(-results.total // PAGE_SIZE)))
        context["pages"] = pages
        context["previous_url"] = form.url(page=form.page - 1) if form.page > 1 else None
        context["next_url"] = form.url(page=form.page + 1) if form.page < pages else None
        context["sort_urls"] = {
            "relevance": form.url(sort="", page=""),
            "date": form.url(sort="date", page=""),
        }
    return render(request, "catalog/public/search.html", context)


def _item_json(request: HttpRequest, item: Item) -> dict[str, Any]:
    return {
        "id": item.pk,
        "title": item.title,
        "index_number": item.index_number,
        "doc_number": item.doc_number,
        "unit": {"code": item.unit.code, "name": item.unit.name},
        "column": {"id": item.column_id, "name": item.column.name},
        "formed_on": item.formed_on.isoformat(),
        "published_on": item.published_on.isoformat() if item.published_on else None,
        "validity": item.validity,
        "topic": item.topic,
        "url": request.build_absolute_uri(reverse("portal:item", args=[item.pk])),
    }


@require_safe
def api_items(request: HttpRequest) -> HttpResponseBase:
    """Open data: ``GET /api/items?q=…&unit=…&column=…&year=…&validity=…&sort=…&page=…``
    (its contract: gongkai.opendata.openapi)."""
    form = SearchForm(request.GET, portal_scope(request))
    if form.errors:
        return open_response(JsonResponse({"error": "；".join(form.errors)}, status=400))
    if form.q and not form.has_words:
        return open_response(JsonResponse({"error": "检索词中没有可检索的文字"}, status=400))
    results, items = _run_search(form)
    response = JsonResponse(
        {
            "total": results.total,
            "page": form.page,
            "page_size": PAGE_SIZE,
            "results": [_item_json(request, item) for item in items],
        },
        json_dumps_params={"ensure_ascii": False},
    )
    return revalidated(request, response)


# --- feeds --------------------------------------------------------------------------------------
class ColumnFeed(Feed):  # type: ignore[type-arg]
    """The newest items of a column (and the columns below it), as Atom."""

    feed_type = Atom1Feed

    def get_object(self, request: HttpRequest, pk: int) -> Column:
        # another government's column: 404 on this host, as its page is
        columns = portal_scope(request).narrow(Column.objects.public())
        return get_object_or_404(columns.select_related("unit"), pk=pk)

    def title(self, column: Column) -> str:
        return f"{column.unit.name} · {column.name}"

    def link(self, column: Column) -> str:
        return reverse("portal:column", args=[column.pk])

    def subtitle(self, column: Column) -> str:
        return f"{column.unit.name}主动公开的政府信息：{column.name}"

    def items(self, column: Column) -> QuerySet[Item]:
        return _column_items(column).order_by("-published_on", "-id")[:30]

    def item_title(self, item: Item) -> str:
        return item.title

    def item_description(self, item: Item) -> str:
        return item.summary

    def item_link(self, item: Item) -> str:
        return reverse("portal:item", args=[item.pk])

    def item_pubdate(self, item: Item) -> dt.datetime:
        assert item.published_on is not None
        return dt.datetime.combine(item.published_on, dt.time(), tzinfo=dt.UTC)

    def item_updateddate(self, item: Item) -> dt.datetime:
        return item.updated_at

    def item_author_name(self, item: Item) -> str:
        return item.publisher
