"""The guarded getters of the assessment: the only way a staff view obtains an assessment or a
unit's score sheet. Who may do what is decided in :mod:`gongkai.accounts.access`; a unit's staff
see their own unit's sheet and nothing else, and outsiders get 404 (docs/access.md)."""

from __future__ import annotations

from django.http import Http404

from gongkai.accounts.access import Action, can, get_unit
from gongkai.assessment.models import Assessment
from gongkai.units.models import Staff, Unit


def get_assessment(
    staff: Staff, year: int, *, action: Action = Action.VIEW_ASSESSMENT
) -> Assessment:
    if not can(staff, action):
        raise Http404
    try:
        return Assessment.objects.get(year=year)
    except Assessment.DoesNotExist:
        raise Http404 from None


def get_sheet_unit(staff: Staff, pk: int) -> Unit:
    """A unit whose sheet the staff member may read: any for the office and the supervisor,
    the own unit for the others; 404 otherwise."""
    return get_unit(staff, pk)
