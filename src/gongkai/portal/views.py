from __future__ import annotations

from django.contrib.sitemaps import views as sitemap_views
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_safe

from gongkai.catalog import selectors
from gongkai.catalog.models import Column, Item
from gongkai.catalog.sitemaps import sitemaps_for
from gongkai.core import pagemeta, params
from gongkai.units import tree
from gongkai.units.hosts import Level, portal_level, portal_scope, shown_government
from gongkai.units.models import Unit, UnitKind
from gongkai.websitereport import selectors as website_returns
from gongkai.workdays.views import deadline_context


def public_units(request: HttpRequest) -> list[Unit]:
    """The units the portal shows on this host: its government's subtree (units.hosts)."""
    return list(portal_scope(request).units())


def district(request: HttpRequest) -> Unit | None:
    """The government the portal speaks for: the host's, or the deployment's."""
    return portal_scope(request).government or tree.deployment_government()


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    """Latest items, the key areas, the newest interpretations, the units: all of them, or in a
    tree of governments (a city, a province) the top government's own units and links down to
    the governments right below (units.hosts.portal_level)."""
    # the home page lists units and key areas by name: only what the links need is read
    shown = portal_scope(request)
    level = portal_level(request)
    listed = shown.units() if level.flat else level.units(shown)
    units = list(listed.only("code", "short_name", "kind"))
    groups = [(label, [u for u in units if u.kind == kind]) for kind, label in UnitKind.choices]
    latest = (
        shown.narrow(Item.objects.public())
        .select_related("unit")
        .defer("body")  # a list of titles: the bodies would be most of what is read
        .order_by("-published_on", "-id")[:12]
    )
    return render(
        request,
        "portal/home.html",
        {
            "district": district(request),
            "groups": [g for g in groups if g[1]],
            "unit_total": len(units) if level.flat else shown.units().count(),
            "below": level.governments_below(),
            "latest": latest,
            "key_areas": selectors.key_area_columns(shown.unit_ids)
            .select_related(None)
            .only("name"),
            "interpretations": selectors.interpretations(8, shown.unit_ids),
            # 国办函〔2018〕12号: the website's annual return, prominently on the home page
            "website_return": website_returns.latest_published(),
        },
    )


def _level(request: HttpRequest) -> tuple[Unit | None, Level, list[Unit]]:
    """The government chosen by ``?government=`` (None: the host's own level), its level of the
    tree and the units the page lists: every unit for a district, as always; a level's own
    units in a tree of governments. 404 for no such government or another host's."""
    code = params.text(request.GET, "government", max_length=32)
    government = shown_government(request, code)
    if code and government is None:
        raise Http404
    level = portal_level(request, government)
    if government is None and level.flat:
        return government, level, public_units(request)
    return government, level, list(level.units(portal_scope(request)))


@require_safe
def unit_directory(request: HttpRequest) -> HttpResponse:
    """Every unit the host shows; in a tree of governments a level at a time (``?government=``
    a government below: its own units and the governments below it), so that no page of a
    province lists its thousands of units."""
    government, level, units = _level(request)
    groups = [(label, [u for u in units if u.kind == kind]) for kind, label in UnitKind.choices]
    return render(
        request,
        "portal/units.html",
        {
            "groups": [g for g in groups if g[1]],
            "district": district(request),
            "government": government,
            "below": level.governments_below(),
            "above": level.governments_above(),
            "page_meta": pagemeta.column("公开单位", pagemeta.INFORMATION),
        },
    )


@require_safe
def sitemap_page(request: HttpRequest) -> HttpResponse:
    """The 网站地图 for people (the XML sitemap at /sitemap.xml is for crawlers): the portal's
    sections, then every unit with its column tree, grouped by kind of unit. In a tree of
    governments a level at a time, as /units/ (``?government=`` a government below: its own
    units' trees and links to the governments below it), so that a province's map is not
    thousands of units' trees on one page."""
    government, level, units = _level(request)
    columns: dict[int, list[Column]] = {u.pk: [] for u in units}
    for column in (
        Column.objects.public()
        .filter(unit__in=units)
        .select_related("unit")
        .order_by("unit_id", "sort_order", "id")
    ):
        columns.setdefault(column.unit_id, []).append(column)
    groups = [
        (label, [(u, selectors.tree_of(columns[u.pk])) for u in units if u.kind == kind])
        for kind, label in UnitKind.choices
    ]
    return render(
        request,
        "portal/sitemap.html",
        {
            "groups": [g for g in groups if g[1]],
            "government": government,
            "below": level.governments_below(),
            "above": level.governments_above(),
            "page_meta": pagemeta.column("网站地图", pagemeta.SERVICE),
        },
    )


@require_safe
def sitemap_index(request: HttpRequest) -> HttpResponse:
    """/sitemap.xml for crawlers: the host's units, columns and items only (units.hosts)."""
    return sitemap_views.index(
        request,
        sitemaps_for(portal_scope(request)),
        sitemap_url_name="portal:sitemap_section",
    )


@require_safe
def sitemap_section(request: HttpRequest, section: str) -> HttpResponse:
    return sitemap_views.sitemap(request, sitemaps_for(portal_scope(request)), section=section)


SCRIPT_COOKIE = "gk_script"  # "hant": pages shown in traditional characters
SIZE_COOKIE = "gk_size"  # "large": the large-text (适老化) mode
PREFERENCE_AGE = 365 * 24 * 3600
# The other switches of the 适老化 toolbar (docs/accessibility.md): the query parameter, its
# cookie, and its two values, off first. High contrast and the large cursor are CSS only (they
# work without script); the reading line and read-aloud are done by static/gongkai/a11y.js.
SWITCHES = {
    "contrast": ("gk_contrast", ("normal", "high")),
    "cursor": ("gk_cursor", ("normal", "large")),
    "line": ("gk_line", ("off", "on")),
    "speech": ("gk_speech", ("off", "on")),
}


def switched_on(request: HttpRequest) -> dict[str, bool]:
    """Which toolbar switches the visitor's cookies turn on."""
    return {
        name: request.COOKIES.get(cookie) == values[1]
        for name, (cookie, values) in SWITCHES.items()
    }


@require_safe
def display(request: HttpRequest) -> HttpResponse:
    """Switch the display between 简体 and 繁體, to large text, or a switch of the 适老化 toolbar
    (SWITCHES), and go back: a plain link, so it works without JavaScript. The preference is a
    cookie; nothing is stored."""
    target = params.text(request.GET, "next", max_length=2000) or "/"
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = "/"
    response = HttpResponseRedirect(target)
    script = params.choice(request.GET, "script", ("hans", "hant"))
    if script:
        response.set_cookie(SCRIPT_COOKIE, script, max_age=PREFERENCE_AGE, samesite="Lax")
    size = params.choice(request.GET, "size", ("normal", "large"))
    if size:
        response.set_cookie(SIZE_COOKIE, size, max_age=PREFERENCE_AGE, samesite="Lax")
    for name, (cookie, values) in SWITCHES.items():
        value = params.choice(request.GET, name, values)
        if value:
            response.set_cookie(cookie, value, max_age=PREFERENCE_AGE, samesite="Lax")
    return response


@require_safe
def deadline(request: HttpRequest) -> HttpResponse:
    context = deadline_context(request)
    context["district"] = district(request)
    return render(request, "portal/deadline.html", context)


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "errors/404.html", status=404)


def forbidden(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    message = str(exception) if exception and str(exception) else "您没有权限执行此操作。"
    return render(request, "errors/403.html", {"message": message}, status=403)


def server_error(request: HttpRequest) -> HttpResponse:
    return render(request, "errors/500.html", status=500)
