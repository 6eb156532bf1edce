from __future__ import annotations

from django.http import HttpRequest

from gongkai.accounts import menu
from gongkai.accounts.access import Action, can, staff_of


def staff(request: HttpRequest) -> dict[str, object]:
    """The logged-in staff member, what they may do, and the staff menu built from exactly that."""
    member = staff_of(getattr(request, "user", None))
    may = {action.value: can(member, action) for action in Action} if member else {}
    return {
        "staff_member": member,
        "may": may,
        "staff_menu": menu.build(may, request.path) if member else [],
    }
