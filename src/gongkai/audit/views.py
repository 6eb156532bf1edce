from __future__ import annotations

from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from gongkai.accounts.access import Action, staff_view, visible_audit_units
from gongkai.audit.actions import AuditAction, grouped_choices
from gongkai.audit.models import AuditEvent
from gongkai.core import params
from gongkai.units.models import Staff


@staff_view(Action.VIEW_AUDIT)
def audit_list(request: HttpRequest, staff: Staff) -> HttpResponse:
    events = AuditEvent.objects.select_related("unit")
    units = visible_audit_units(staff)
    if units is not None:
        events = events.filter(unit__in=units)
    # one action of the closed list; anything else (an old prefix, a typo) shows every action
    action = params.choice(request.GET, "action", AuditAction.values)
    if action:
        events = events.filter(action=action)
    q = params.text(request.GET, "q", max_length=50)
    if q:
        events = events.filter(
            Q(summary__contains=q) | Q(object_label__contains=q) | Q(actor_label__contains=q)
        )
    page = Paginator(events, 50).get_page(params.page(request.GET))
    return render(
        request,
        "audit/list.html",
        {"page": page, "action": action, "q": q, "actions": grouped_choices()},
    )
