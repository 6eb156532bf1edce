"""The guarded getters of the applications: the only way a staff view obtains a case. Who may
do what is decided in :mod:`gongkai.accounts.access` (the roles, the policy, which unit's rows
a member of staff sees); these functions apply it to cases and answer 404 to outsiders
(docs/access.md)."""

from __future__ import annotations

from django.http import Http404

from gongkai.accounts.access import Action, can, in_own_unit
from gongkai.applications.models import Application, ApplicationQuerySet
from gongkai.units.models import Staff


def visible_applications(staff: Staff) -> ApplicationQuerySet:
    # a case of no unit is its government's office's (Application.government)
    return in_own_unit(
        staff, Application.objects.select_related("unit", "government"), unrouted="government_id"
    )


def get_application(staff: Staff, pk: int, *, action: Action = Action.VIEW_CASES) -> Application:
    """A case the staff member may see, and act on with ``action``; 404 otherwise.

    Handling and approving are for the staff of the unit that holds the case; routing is for
    the office; everyone else is an outsider to the case and gets 404.
    """
    try:
        application = visible_applications(staff).get(pk=pk)
    except Application.DoesNotExist:
        raise Http404 from None
    if action in (Action.HANDLE_CASE, Action.APPROVE) and (
        not can(staff, action) or application.unit_id != staff.unit_id
    ):
        raise Http404
    if action in (Action.ROUTE, Action.REVEAL_PERSONAL_DATA) and not can(staff, action):
        raise Http404
    return application


def may_handle(staff: Staff, application: Application, action: Action) -> bool:
    """Whether the case page offers ``action`` to this staff member."""
    if not can(staff, action):
        return False
    if action in (Action.HANDLE_CASE, Action.APPROVE):
        return application.unit_id is not None and application.unit_id == staff.unit_id
    return True
