"""The public pages of reuse: the items published because several applicants asked for them
(依申请转主动公开, 《条例》第四十四条) and the de-identified register of concluded applications of
the units that publish it (docs/reuse.md)."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from gongkai import law
from gongkai.applications import outcomes
from gongkai.core import params
from gongkai.core.downloads import content_disposition
from gongkai.report_format import FormatVersion
from gongkai.reuse import selectors
from gongkai.units.hosts import portal_scope

PAGE_SIZE = 20


@require_safe
def from_requests(request: HttpRequest) -> HttpResponse:
    paginator = Paginator(portal_scope(request).narrow(selectors.converted_items()), PAGE_SIZE)
    page = paginator.get_page(params.page(request.GET))
    return render(
        request,
        "portal/from_requests.html",
        {"page": page, "basis": law.ART44_REPEATED_REQUESTS},
    )


@require_safe
def register(request: HttpRequest) -> HttpResponse:
    this_year = timezone.localdate().year
    # the units of the host's government that publish their register; a unit named in the
    # address outside them is ignored, so no entry of another government is listed
    units = portal_scope(request).units().filter(pk__in=selectors.register_unit_ids())
    code = params.text(request.GET, "unit", max_length=32)
    unit = units.filter(code=code).first() if code else None
    year = params.integer(request.GET, "year", low=2008, high=this_year)
    choices = [(r.outcome.value, r.row_label(FormatVersion.V2021)) for r in outcomes.RULES]
    outcome = params.choice(request.GET, "outcome", tuple(v for v, _ in choices)) or ""
    q = params.text(request.GET, "q", max_length=50)
    entries = selectors.register_entries(
        unit_id=unit.pk if unit else None,
        shown=portal_scope(request),
        year=year,
        outcome=outcome,
        q=q,
    )
    page = Paginator(entries, PAGE_SIZE).get_page(params.page(request.GET))
    return render(
        request,
        "portal/register.html",
        {
            "page": page,
            "units": units,
            "unit": unit,
            "years": list(range(this_year, this_year - 6, -1)),
            "year": year,
            "outcomes": choices,
            "outcome": outcome,
            "q": q,
        },
    )


@require_safe
def register_document(request: HttpRequest, tracking_number: str, pk: int) -> FileResponse:
    """Information released on an application, which its unit marked public."""
    document = selectors.released_document(tracking_number, pk, portal_scope(request))
    if document is None:
        raise Http404
    response = FileResponse(
        document.file.open("rb"), as_attachment=True, content_type=document.content_type
    )
    response["Content-Disposition"] = content_disposition(document.original_name)
    return response
