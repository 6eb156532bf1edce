"""The guarded getters of inspections, findings and rectifications: the only way a staff view
obtains one. Who may do what is decided in :mod:`gongkai.accounts.access`; these functions
apply it and answer 404 to outsiders (docs/access.md). A unit's staff see the inspections that
covered their unit, and of those only their own unit's findings and rectifications; the office
and the supervisor see everything."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from gongkai.accounts.access import Action, can, in_own_unit, is_whole_deployment
from gongkai.inspections.models import Evidence, Finding, Inspection, Rectification
from gongkai.units.models import Staff


def visible_inspections(staff: Staff) -> QuerySet[Inspection]:
    """The inspections that cover a unit of the staff member's scope (every inspection for the
    deployment's office and supervisor, and one covering no unit yet)."""
    inspections = Inspection.objects.all()
    if is_whole_deployment(staff):
        return inspections
    covering = in_own_unit(staff, Inspection.units.through.objects.all())
    return inspections.filter(pk__in=covering.values("inspection_id"))


def visible_findings(staff: Staff) -> QuerySet[Finding]:
    return in_own_unit(staff, Finding.objects.select_related("unit", "rectification"))


def visible_rectifications(staff: Staff) -> QuerySet[Rectification]:
    return in_own_unit(staff, Rectification.objects.select_related("unit", "inspection"))


def get_inspection(
    staff: Staff, pk: int, *, action: Action = Action.VIEW_INSPECTIONS
) -> Inspection:
    try:
        inspection = visible_inspections(staff).get(pk=pk)
    except Inspection.DoesNotExist:
        raise Http404 from None
    if not can(staff, action):
        raise Http404
    return inspection


def get_rectification(
    staff: Staff, pk: int, *, action: Action = Action.VIEW_INSPECTIONS
) -> Rectification:
    """A rectification the staff member may see, and act on with ``action``; 404 otherwise.
    Only the unit's own clerk or reviewer reports its rectification."""
    try:
        rectification = visible_rectifications(staff).get(pk=pk)
    except Rectification.DoesNotExist:
        raise Http404 from None
    if not can(staff, action):
        raise Http404
    if action == Action.RESPOND_RECTIFICATION and rectification.unit_id != staff.unit_id:
        raise Http404
    return rectification


def may_act(staff: Staff, rectification: Rectification, action: Action) -> bool:
    """Whether the page offers ``action`` on the rectification to the staff member."""
    if not can(staff, action):
        return False
    return action != Action.RESPOND_RECTIFICATION or rectification.unit_id == staff.unit_id


def get_evidence(staff: Staff, rectification: Rectification, pk: int) -> Evidence:
    try:
        return Evidence.objects.get(pk=pk, response__rectification=rectification)
    except Evidence.DoesNotExist:
        raise Http404 from None
