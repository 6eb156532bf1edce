"""Which government a portal request is for: its host name (集约化, 国办发〔2017〕47号: one
deployment, a portal per government). A request whose host names a government's
``Unit.portal_host`` sees that government's subtree (units.tree.government_scope); any other
host sees the whole deployment, as a deployment of one district always has. docs/governments.md.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, TypeVar

from django.core.cache import cache
from django.db.models import QuerySet
from django.forms import BaseForm, ModelChoiceField
from django.http import HttpRequest

from gongkai.units import tree
from gongkai.units.models import GOVERNMENT_KINDS, Unit

_CACHE = "_gongkai_portal_scope"
_Rows = TypeVar("_Rows", bound=QuerySet[Any])
CACHE_KEY = "gongkai:portal-host:"
CACHE_SECONDS = 60


def host_name(request: HttpRequest) -> str:
    """The request's host, lower-case, without its port or a trailing dot. Read through
    ``get_host``, so a host outside ALLOWED_HOSTS is refused before a government is chosen."""
    host = request.get_host().lower()
    if host.startswith("["):  # an IPv6 literal names no government
        return host
    return host.rsplit(":", 1)[0].rstrip(".")


@dataclass(frozen=True)
class PortalScope:
    """The government a portal request is for (None: the deployment, no host of its own) and
    the ids of the units it shows (None: every unit)."""

    government: Unit | None = None
    unit_ids: frozenset[int] | None = None

    def units(self) -> QuerySet[Unit]:
        """The active units shown, in the registry's order."""
        units = Unit.objects.filter(is_active=True).order_by("sort_order", "id")
        return units if self.unit_ids is None else units.filter(pk__in=self.unit_ids)

    def shows(self, unit_id: int | None) -> bool:
        return self.unit_ids is None or unit_id in self.unit_ids

    def narrow(self, rows: _Rows, field: str = "unit") -> _Rows:
        """``rows`` (items, columns, reports, questions, consultations …) of the units shown,
        through their foreign key ``field``: on a government's host those of its subtree, and
        none of no unit (a record of no unit is the whole deployment's, as for the staff:
        docs/governments.md); on any other host ``rows`` unchanged. Every public listing
        narrows through here, so that what one portal page shows another cannot leak."""
        if self.unit_ids is None:
            return rows
        return rows.filter(**{f"{field}__in": sorted(self.unit_ids)})


def government_for_host(host: str) -> Unit | None:
    if not host:
        return None
    return Unit.objects.filter(portal_host=host, kind__in=GOVERNMENT_KINDS, is_active=True).first()


def scope_for_host(host: str) -> PortalScope:
    """The scope of a host, kept a minute in the shared cache like the site's name (every
    page asks; the portal's busiest pages are held to a few queries)."""
    key = CACHE_KEY + host
    found: PortalScope | None = cache.get(key)
    if found is None:
        government = government_for_host(host)
        if government is None:
            found = PortalScope()
        else:
            found = PortalScope(government, tree.government_scope(government))
        cache.set(key, found, CACHE_SECONDS)
    return found


def portal_scope(request: HttpRequest) -> PortalScope:
    """The request's scope, looked up once per request."""
    found: PortalScope | None = getattr(request, _CACHE, None)
    if found is None:
        found = scope_for_host(host_name(request))
        setattr(request, _CACHE, found)
    return found


_Form = TypeVar("_Form", bound=BaseForm)


def units_shown(request: HttpRequest, form: _Form, name: str = "unit") -> _Form:
    """The form's unit choices (an application's, a question's) narrowed to the units the
    portal shows on this host; on a government's host, the choice 不确定 says that government
    routes it (what is sent so is that government's: Application/Question.government)."""
    shown = portal_scope(request)
    field = form.fields.get(name)
    if shown.unit_ids is not None and isinstance(field, ModelChoiceField):
        field.queryset = field.queryset.filter(pk__in=shown.unit_ids)  # type: ignore[union-attr]
    if shown.government is not None and isinstance(field, ModelChoiceField) and field.empty_label:
        field.empty_label = f"不确定（由{shown.government.name}分办）"
    return form


# --- a province a level at a time ---------------------------------------------------------------
LEVEL_CACHE_KEY = "gongkai:portal-level:"


@dataclass(frozen=True)
class Level:
    """A level of the registry as the portal lists it (tree.level): the government of the level
    (None: a registry whose top holds several governments, or none), the ids of its own units,
    the governments right below it with the number of active units of each one's subtree, and
    the governments above it up to the top the host shows, top first (the way back up).

    A level with no government below is ``flat``: the portal then lists every unit it shows,
    as a deployment of one district always has."""

    government_id: int | None
    unit_ids: frozenset[int]
    below: tuple[tuple[int, int], ...] = ()
    above: tuple[int, ...] = ()

    @property
    def flat(self) -> bool:
        return not self.below

    def units(self, shown: PortalScope) -> QuerySet[Unit]:
        return shown.units().filter(pk__in=sorted(self.unit_ids))

    def governments_below(self) -> list[tuple[Unit, int]]:
        """The governments right below, in the registry's order, with their units' numbers."""
        sizes = dict(self.below)
        rows = Unit.objects.filter(pk__in=list(sizes)).order_by("sort_order", "id")
        return [(unit, sizes[unit.pk]) for unit in rows]

    def governments_above(self) -> list[Unit]:
        found = {u.pk: u for u in Unit.objects.filter(pk__in=self.above)}
        return [found[pk] for pk in self.above if pk in found]


def _compute_level(shown: PortalScope, government: Unit | None) -> Level:
    rows = list(Unit.objects.values_list("pk", "parent_id", "is_active", "kind"))
    parent_of = {pk: parent for pk, parent, _, _ in rows}
    active = {pk for pk, _, is_active, _ in rows if is_active}
    government_ids = {
        pk for pk, _, is_active, kind in rows if is_active and kind in GOVERNMENT_KINDS
    }
    top = government.pk if government is not None else None
    if top is None and shown.government is not None:
        top = shown.government.pk
    if top is not None:
        own, below = tree.level(parent_of, government_ids, top)
    else:
        own, below = tree.level(parent_of, government_ids, None)
        if len(below) == 1:
            # one government at the top (a province, a city, a district): its level is the
            # deployment's, with the units hanging under no government kept on it as before
            (top,) = below
            top_own, below = tree.level(parent_of, government_ids, top)
            own |= top_own
    if shown.unit_ids is not None:
        own &= shown.unit_ids
        below &= shown.unit_ids
    sizes = tuple(sorted(tree.subtree_sizes(parent_of, below, active).items()))
    above: tuple[int, ...] = ()
    if government is not None:
        chain = tree.ancestors(parent_of, government.pk)[1:]
        above = tuple(reversed([pk for pk in chain if pk in government_ids and shown.shows(pk)]))
    return Level(top, frozenset(own), sizes, above)


def portal_level(request: HttpRequest, government: Unit | None = None) -> Level:
    """The level the portal lists on this host: that of ``government`` (a government the host
    shows), else the top of what the host shows. One read of the registry's (id, parent)
    pairs, kept a minute in the shared cache per host as the scope is."""
    shown = portal_scope(request)
    key = f"{LEVEL_CACHE_KEY}{host_name(request)}:{government.pk if government else ''}"
    found: Level | None = cache.get(key)
    if found is None:
        found = _compute_level(shown, government)
        cache.set(key, found, CACHE_SECONDS)
    return found


def shown_government(request: HttpRequest, code: str) -> Unit | None:
    """An active government the host shows, by its code (a link down the tree)."""
    if not code:
        return None
    found = Unit.objects.filter(code=code, kind__in=GOVERNMENT_KINDS, is_active=True).first()
    return found if found is not None and portal_scope(request).shows(found.pk) else None
