"""The staff page of the website self-check and its XLSX: the office and the supervisor read it
(Action.VIEW_SITECHECK); it changes nothing."""

from __future__ import annotations

import secrets

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from gongkai.accounts.access import Action, staff_view
from gongkai.sitecheck import export, selectors
from gongkai.sitecheck.indicators import Verdict
from gongkai.units.models import Staff

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# How many of each indicator's forecasts the page lists (the XLSX has them all).
FORECASTS_SHOWN = 20


@staff_view(Action.VIEW_SITECHECK)
def check(request: HttpRequest, staff: Staff) -> HttpResponse:
    report = selectors.run()
    rows = [
        {
            "result": r,
            "upcoming": [f for f in r.forecasts if f.stale_from > report.today][:FORECASTS_SHOWN],
        }
        for r in report.results
    ]
    return render(
        request,
        "sitecheck/check.html",
        {
            "report": report,
            "rows": rows,
            "Verdict": Verdict,
            "quarter": export.quarter(report),
            # the "run it now" button's run is once per form shown: a double click or a
            # resubmitted form carries the same token (tasks/services.py, sitecheck_request)
            "token": secrets.token_hex(8),
        },
    )


@staff_view(Action.VIEW_SITECHECK)
def download(request: HttpRequest, staff: Staff) -> HttpResponse:
    report = selectors.run()
    response = HttpResponse(
        export.workbook(report, site_name=selectors.site_name()), content_type=XLSX
    )
    name = f"website-selfcheck-{report.today.isoformat()}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
