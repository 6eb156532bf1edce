"""The staff site's home page (/staff/): for each member of staff, the numbers of every app
that concern them (deadlines, the review queue, items to review, units, the audit log, the
search index's health). It gathers the apps, so it sits on top beside ``staff_urls.py``, not in
the accounts app below them (docs/architecture.md)."""

from __future__ import annotations

from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from gongkai.accounts.access import (
    Action,
    can,
    is_district_wide,
    is_office,
    is_read_only,
    staff_view,
    visible_audit_units,
    visible_staff,
    visible_units,
)
from gongkai.applications import queue
from gongkai.applications import services as applications
from gongkai.applications.access import visible_applications
from gongkai.applications.selectors import due_soon
from gongkai.audit.models import AuditEvent
from gongkai.catalog.access import visible_items
from gongkai.inspections import selectors as inspections
from gongkai.inspections.access import visible_rectifications
from gongkai.inspections.status import State as RectificationState
from gongkai.questions import selectors as questions
from gongkai.questions.access import visible_questions
from gongkai.search import health as search_health
from gongkai.units.models import Staff
from gongkai.websitereport import form as website_form
from gongkai.websitereport.models import WebsiteReturn
from gongkai.workdays import services as workdays


@staff_view(Action.STAFF_HOME)
def home(request: HttpRequest, staff: Staff) -> HttpResponse:
    district_wide = is_district_wide(staff)
    events = AuditEvent.objects.select_related("unit")
    units = visible_audit_units(staff)
    if units is not None:
        events = events.filter(unit__in=units)
    today = applications.today()
    cases = visible_applications(staff)
    soon = cases.open().filter(due_soon(today, government="government_id"))
    context = {
        "district_wide": district_wide,
        "read_only": is_read_only(staff),
        "overdue": cases.open().filter(due_date__lt=today).count(),
        "due_soon": soon.count(),
        "open_cases": cases.open().count(),
        # The reviewer's queue: "待我审核" for who approves, "待审核" for who watches every unit.
        "approver": can(staff, Action.APPROVE),
        "to_approve": queue.pending_count(cases)
        if can(staff, Action.APPROVE) or district_wide
        else None,
        "unrouted": cases.filter(status="unrouted").count() if district_wide else None,
        "missing_year": workdays.missing_next_year(),
        "recent": events[:8],
        "unit_counts": (
            visible_units(staff).aggregate(
                total=Count("id"), active=Count("id", filter=Q(is_active=True))
            )
        ),
        "staff_total": visible_staff(staff).filter(user__is_active=True).count()
        if district_wide
        else None,
        # The office keeps the portal's search whole: told when the index and catalog disagree.
        "search_problem": search_health.cached().problem() if is_office(staff) else "",
    }
    items = visible_items(staff)
    context["items_to_review"] = items.filter(status="submitted").count()
    context["items_drafts"] = items.filter(status="draft").count()
    context["items_overdue"] = items.filter(
        status__in=["draft", "submitted"], publish_due__lt=today
    ).count()
    # Rectifications the units owe past their due date: the office chases them, a unit sees its own.
    rectifications = visible_rectifications(staff)
    context["rectifications_overdue"] = inspections.overdue(rectifications, today).count()
    context["rectifications_open"] = rectifications.exclude(
        status=RectificationState.CLOSED
    ).count()
    # The public's questions: late replies (the office chases them, a unit sees its own), and
    # those waiting for the office to route them.
    asked = visible_questions(staff)
    context["questions_overdue"] = questions.overdue(asked, today).count()
    context["questions_open"] = asked.open().count()
    context["questions_unrouted"] = (
        asked.filter(status="received").count() if can(staff, Action.ROUTE_QUESTION) else None
    )
    # The website's annual return of last year, due on the home page by 31 January.
    if can(staff, Action.VIEW_WEBSITE_RETURN):
        last_year = today.year - 1
        found = WebsiteReturn.objects.filter(year=last_year).first()
        context["website_return_warning"] = website_form.warning(
            last_year, today, published=found is not None and found.is_published
        )
        context["website_return_year"] = last_year
        context["website_return_due"] = website_form.due(last_year).isoformat()
    return render(request, "staff/home.html", context)
