"""The reviewer's queue (审核): decisions and extensions proposed by the clerks and not yet
approved or returned. Who sees which unit's is decided by ``visible_applications``."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from gongkai.accounts.access import Action, can, staff_view
from gongkai.applications import queue, services
from gongkai.applications.access import visible_applications
from gongkai.units.models import Staff


@staff_view(Action.VIEW_CASES)
def review_queue(request: HttpRequest, staff: Staff) -> HttpResponse:
    today = services.today()
    cases = visible_applications(staff)
    return render(
        request,
        "applications/staff/review_queue.html",
        {
            "queue": queue.review_queue(cases, today),
            "approver": can(staff, Action.APPROVE),
            "today": today,
        },
    )
