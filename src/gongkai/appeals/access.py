"""The guarded getters of the appeals (行政复议、行政诉讼、举报投诉): the only way a staff view
obtains one. Who may do what is decided in :mod:`gongkai.accounts.access`; these functions
apply it to appeals and answer 404 to outsiders (docs/access.md)."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from gongkai.accounts.access import Action, can, in_own_unit
from gongkai.appeals.models import Appeal
from gongkai.units.models import Staff


def visible_appeals(staff: Staff) -> QuerySet[Appeal]:
    return in_own_unit(staff, Appeal.objects.select_related("unit", "application"))


def get_appeal(staff: Staff, pk: int, *, for_change: bool = False) -> Appeal:
    try:
        appeal = visible_appeals(staff).get(pk=pk)
    except Appeal.DoesNotExist:
        raise Http404 from None
    if for_change and not can(staff, Action.RECORD_APPEAL):
        raise Http404
    return appeal
