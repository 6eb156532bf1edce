"""What the website self-check reads of the site: the columns the public sees with their last
publication (the catalog's own query, ``catalog.selectors.last_published``), the items' links
to the site's own pages and their attachment files on disk (no network: links to other sites
are not followed), the publication and entry dates of the items, and a probe of the search
asked in-process. :func:`run` hands it all to the pure indicators."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.db.models import Count, Max, Min
from django.http.request import validate_host
from django.urls import Resolver404, resolve
from django.utils import timezone

from gongkai.catalog import selectors as catalog
from gongkai.catalog.models import Attachment, Column, ColumnKind, Item
from gongkai.questions import selectors as questions
from gongkai.search import engine
from gongkai.sitecheck import indicators, thresholds
from gongkai.units import tree
from gongkai.units.models import Unit

HREF = re.compile(r"""<a\b[^>]*?\bhref\s*=\s*["']([^"']*)["']""", re.IGNORECASE)
# The probe looks among the first results for the item: its title is a long, specific query.
PROBE_RESULTS = 20


def public_columns() -> list[Column]:
    """The columns of the website that hold items (not headings, guides or reports)."""
    return list(
        Column.objects.public()
        .exclude(kind__in=[ColumnKind.GROUP, ColumnKind.GUIDE, ColumnKind.REPORT])
        .select_related("unit")
        .order_by("unit__sort_order", "sort_order", "id")
    )


def columns(th: thresholds.Thresholds) -> list[indicators.Column]:
    found = public_columns()
    last = catalog.last_published(found, public=True)
    counts = dict(
        Item.objects.public()
        .filter(column__in=found)
        .values("column_id")
        .annotate(n=Count("id"))
        .values_list("column_id", "n")
    )
    return [
        indicators.Column(
            id=c.pk,
            unit=c.unit.short_name,
            name=c.name,
            created=catalog.column_created(c),
            last_published=last.get(c.pk),
            items=counts.get(c.pk, 0),
            news=c.code in th.news_codes,
            policy=c.holds_policies,
            should_update=c.expected_interval_days is not None,
        )
        for c in found
    ]


# --- links and files ----------------------------------------------------------------------------
def _own_hosts() -> list[str]:
    # "*" would take every site for this one; links to other sites are not followed anyway
    return [h for h in settings.ALLOWED_HOSTS if h != "*"]


def link_problem(href: str) -> str | None:
    """Why a link of an item's text to a page of this site does not work, or None (it works,
    or it points elsewhere and is not followed: no network)."""
    parts = urlsplit(href.strip())
    if parts.scheme in ("http", "https"):
        if not parts.hostname or not validate_host(parts.hostname, _own_hosts()):
            return None
    elif parts.scheme or parts.netloc or not parts.path.startswith("/"):
        return None  # mailto:, another site, an anchor or a relative path
    try:
        match = resolve(parts.path)
    except Resolver404:
        return "页面不存在"
    if match.namespace != "portal" or match.url_name not in TARGETS:
        return None
    exists, problem = TARGETS[match.url_name]
    return None if exists(match.kwargs) else problem


def _attachment_exists(kwargs: dict[str, Any]) -> bool:
    attachment = Attachment.objects.filter(
        pk=kwargs["attachment"], item__in=Item.objects.public().filter(pk=kwargs["pk"])
    ).first()
    return attachment is not None and _stored(attachment)


def _column_exists(kwargs: dict[str, Any]) -> bool:
    return Column.objects.public().filter(pk=kwargs["pk"]).exists()


def _unit_exists(kwargs: dict[str, Any]) -> bool:
    return Unit.objects.filter(code=kwargs["code"], is_active=True).exists()


# The portal's pages of one record: whether the record is there for the public, and what to say
# when it is not. Other pages of the site exist when their address resolves.
TARGETS: dict[str, tuple[Callable[[dict[str, Any]], bool], str]] = {
    "item": (lambda kw: Item.objects.public().filter(pk=kw["pk"]).exists(), "信息不存在或未公开"),
    "attachment": (_attachment_exists, "附件不存在"),
    "column": (_column_exists, "栏目不存在或已停用"),
    "column_feed": (_column_exists, "栏目不存在或已停用"),
    "unit": (_unit_exists, "单位不存在或已停用"),
    "guide": (_unit_exists, "单位不存在或已停用"),
}


def _items_with_links() -> Iterator[Item]:
    return (
        Item.objects.public()
        .filter(body__icontains="href")
        .only("pk", "title", "body")
        .order_by("pk")
        .iterator(chunk_size=500)
    )


def broken_links() -> list[indicators.Link]:
    out = []
    for item in _items_with_links():
        for href in dict.fromkeys(HREF.findall(item.body)):
            problem = link_problem(href)
            if problem:
                out.append(indicators.Link(item.pk, item.title, href, problem))
    return out


def _stored(attachment: Attachment) -> bool:
    name = attachment.file.name
    return bool(name) and attachment.file.storage.exists(name)


def missing_attachments() -> list[indicators.MissingFile]:
    found = Attachment.objects.filter(item__in=Item.objects.public()).select_related("item")
    return [
        indicators.MissingFile(a.item_id, a.item.title, a.name)
        for a in found.order_by("item_id", "id").iterator(chunk_size=500)
        if not _stored(a)
    ]


# --- dates and search ---------------------------------------------------------------------------
def dated_items() -> list[indicators.Dated]:
    """Every published item's publication date beside the day its record was made."""
    rows = (
        Item.objects.published()
        .order_by("pk")
        .values_list("pk", "title", "published_on", "created_at", "back_entered")
    )
    return [
        indicators.Dated(pk, title, published_on, timezone.localdate(created_at), back_entered)
        for pk, title, published_on, created_at, back_entered in rows.iterator(chunk_size=2000)
        if published_on is not None  # a published item always has its date (a constraint)
    ]


def newest_item() -> Item | None:
    return Item.objects.public().only("pk", "title").order_by("-published_on", "-id").first()


def probe() -> indicators.Probe:
    """Search for the newest item's title, in-process, as the portal's search does."""
    newest = newest_item()
    if newest is None:
        return indicators.Probe(None)
    try:
        found = engine.search(newest.title, limit=PROBE_RESULTS)
    except engine.SearchUnavailable as exc:
        return indicators.Probe(newest.pk, newest.title, None, str(exc) or "检索服务不可用")
    return indicators.Probe(newest.pk, newest.title, newest.pk in found.ids)


def site_name() -> str:
    """The website checked: the deployment's government's portal."""
    government = tree.deployment_government()
    return f"{government.name}门户网站" if government is not None else "政府门户网站"


def site(th: thresholds.Thresholds, *, today: dt.date) -> indicators.Site:
    dates = Item.objects.public().aggregate(last=Max("published_on"))
    first = Column.objects.public().aggregate(first=Min("created_at"))["first"]
    return indicators.Site(
        columns=columns(th),
        last_update=dates["last"],
        created=timezone.localdate(first) if first else today,
        links=broken_links(),
        missing=missing_attachments(),
        dated=dated_items(),
        probe=probe(),
        # every question still waiting that arrived before today: the indicator applies the
        # calendar period of 19号 itself and forecasts from the ones not yet late
        unanswered=questions.unanswered_older_than(0, today),
    )


def run(
    *, today: dt.date | None = None, th: thresholds.Thresholds | None = None
) -> indicators.Report:
    """The self-check of the website as it is now."""
    today = today or timezone.localdate()
    th = th or thresholds.load()
    return indicators.check(site(th, today=today), th=th, today=today)
