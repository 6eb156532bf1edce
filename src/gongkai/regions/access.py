"""Which governments' regional days a member of staff may see and enter.

Everyone reads the days of the governments above their own unit (they count their deadlines on
them); the district-wide roles read every government's. The office enters the days of the
government its own unit belongs to and of the governments under it: a province's office its
province's, a county's office its county's. An office member without a unit is the office of the
whole deployment (the single-district setup) and enters any government's.
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from gongkai.accounts.access import is_district_wide, is_office, scope
from gongkai.regions.models import RegionalDay
from gongkai.units import tree
from gongkai.units.models import Staff, Unit


def visible_governments(staff: Staff) -> QuerySet[Unit]:
    governments = tree.governments().order_by("sort_order", "id")
    seen = scope(staff)
    if is_district_wide(staff) and seen is None:
        return governments
    ids: set[int] = set(seen or ())
    if staff.unit_id is not None:
        ids |= set(tree.ancestors(tree.parents(), staff.unit_id))
    return governments.filter(pk__in=ids)


def manageable_governments(staff: Staff) -> QuerySet[Unit]:
    """The governments of the office member's scope (accounts.access.scope): all of them for
    the deployment's office."""
    governments = tree.governments().order_by("sort_order", "id")
    if not is_office(staff):
        return governments.none()
    seen = scope(staff)
    return governments if seen is None else governments.filter(pk__in=seen)


def get_entry(staff: Staff, pk: int) -> RegionalDay:
    """An entry the office member may withdraw; 404 otherwise."""
    try:
        return RegionalDay.objects.select_related("government").get(
            pk=pk, government__in=manageable_governments(staff)
        )
    except RegionalDay.DoesNotExist:
        raise Http404 from None
