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
    portal shows on this host."""
    shown = portal_scope(request)
    field = form.fields.get(name)
    if shown.unit_ids is not None and isinstance(field, ModelChoiceField):
        field.queryset = field.queryset.filter(pk__in=shown.unit_ids)  # type: ignore[union-attr]
    return form
