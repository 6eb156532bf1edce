from __future__ import annotations

from django.http import HttpRequest

from gongkai.accounts.access import Action, can, staff_of


def staff(request: HttpRequest) -> dict[str, object]:
    """The logged-in staff member and what they may do, for the page header and menus."""
    member = staff_of(getattr(request, "user", None))
    return {
        "staff_member": member,
        "may": {action.value: can(member, action) for action in Action} if member else {},
    }
