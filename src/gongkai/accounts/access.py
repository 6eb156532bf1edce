"""Who may see and do what: the one place access is decided.

Views never test roles themselves. A staff view is wrapped in :func:`staff_view`, which names
the action it performs; objects that belong to a unit are obtained only through the guarded
getters below. An outsider — not logged in, not staff, or staff of another unit — gets 404,
never 403, so a page does not even confirm that a record exists. A read-only role (监督) that
tries to change something gets 403 with a message saying why.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse

from gongkai.units.models import Role, Staff, Unit

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser


class Action(StrEnum):
    STAFF_HOME = "staff_home"  # the staff pages at all
    VIEW_UNITS = "view_units"  # unit registry, own unit or all by role
    EDIT_UNIT = "edit_unit"  # a unit's contacts (own unit's reviewer, or the office)
    CREATE_UNIT = "create_unit"
    VIEW_STAFF = "view_staff"
    MANAGE_STAFF = "manage_staff"
    VIEW_CALENDAR = "view_calendar"
    MANAGE_CALENDAR = "manage_calendar"  # load a year's holiday arrangement
    VIEW_AUDIT = "view_audit"


ALL_ROLES = frozenset(Role)
OFFICE = frozenset({Role.OFFICE})
READERS = frozenset({Role.OFFICE, Role.SUPERVISOR})

# The policy: which roles may perform each action. Tests walk this table.
POLICY: dict[Action, frozenset[Role]] = {
    Action.STAFF_HOME: ALL_ROLES,
    Action.VIEW_UNITS: ALL_ROLES,
    Action.EDIT_UNIT: frozenset({Role.OFFICE, Role.REVIEWER}),
    Action.CREATE_UNIT: OFFICE,
    Action.VIEW_STAFF: ALL_ROLES,
    Action.MANAGE_STAFF: OFFICE,
    Action.VIEW_CALENDAR: ALL_ROLES,
    Action.MANAGE_CALENDAR: OFFICE,
    Action.VIEW_AUDIT: ALL_ROLES,
}

# Roles that see every unit rather than their own.
DISTRICT_WIDE = READERS

# Actions that change nothing, which the read-only role may perform when the policy allows it.
READ_ONLY_ACTIONS = frozenset(
    {
        Action.STAFF_HOME,
        Action.VIEW_UNITS,
        Action.VIEW_STAFF,
        Action.VIEW_CALENDAR,
        Action.VIEW_AUDIT,
    }
)


def staff_of(user: AbstractBaseUser | AnonymousUser | None) -> Staff | None:
    """The active staff record of a user, or None."""
    if user is None or not user.is_authenticated or not user.is_active:
        return None
    try:
        staff: Staff = user.staff  # type: ignore[attr-defined]
    except Staff.DoesNotExist:
        return None
    return staff


def can(staff: Staff | None, action: Action) -> bool:
    return staff is not None and Role(staff.role) in POLICY[action]


StaffView = Callable[..., HttpResponse]


def staff_view(action: Action) -> Callable[[StaffView], StaffView]:
    """Wrap a staff view: log in first, then the role must allow ``action``; the view receives
    the caller's Staff record as its second argument."""

    def decorator(view: StaffView) -> StaffView:
        @functools.wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            staff = staff_of(request.user)
            if staff is None:
                raise Http404
            if not can(staff, action):
                if staff.role == Role.SUPERVISOR and action not in READ_ONLY_ACTIONS:
                    raise PermissionDenied("监督角色只能查看，不能修改")
                raise Http404
            if request.method not in ("GET", "HEAD") and staff.role == Role.SUPERVISOR:
                raise PermissionDenied("监督角色只能查看，不能修改")
            return view(request, staff, *args, **kwargs)

        wrapped.gongkai_action = action  # type: ignore[attr-defined]
        return wrapped

    return decorator


# --- guarded getters ----------------------------------------------------------------------------
def visible_units(staff: Staff) -> QuerySet[Unit]:
    units = Unit.objects.all()
    if staff.role in DISTRICT_WIDE:
        return units
    if staff.unit_id is None:
        return units.none()
    return units.filter(pk=staff.unit_id)


def get_unit(staff: Staff, pk: int, *, for_change: bool = False) -> Unit:
    """A unit the staff member may see (or change, with ``for_change``); 404 otherwise."""
    try:
        unit = visible_units(staff).get(pk=pk)
    except Unit.DoesNotExist:
        raise Http404 from None
    if for_change and not can_change_unit(staff, unit):
        raise Http404
    return unit


def can_change_unit(staff: Staff, unit: Unit) -> bool:
    if staff.role == Role.OFFICE:
        return True
    return staff.role == Role.REVIEWER and staff.unit_id == unit.pk


def visible_staff(staff: Staff) -> QuerySet[Staff]:
    people = Staff.objects.select_related("user", "unit")
    if staff.role in DISTRICT_WIDE:
        return people
    if staff.unit_id is None:
        return people.none()
    return people.filter(unit_id=staff.unit_id)


def get_staff_member(staff: Staff, pk: int, *, for_change: bool = False) -> Staff:
    try:
        member = visible_staff(staff).get(pk=pk)
    except Staff.DoesNotExist:
        raise Http404 from None
    if for_change and not can(staff, Action.MANAGE_STAFF):
        raise Http404
    return member


def visible_audit_units(staff: Staff) -> QuerySet[Unit] | None:
    """None means every unit's events (and the district's own)."""
    if staff.role in DISTRICT_WIDE:
        return None
    return visible_units(staff)
