"""The 政策文件库: the 行政规范性文件 currently in force, each with its interpretations, as a
page and as a CSV file (UTF-8 with a BOM so that Excel and WPS read it; every cell through
:func:`gongkai.core.spreadsheet.safe_cell`, so that no title becomes a formula)."""

from __future__ import annotations

import csv
import io

from django.core.paginator import EmptyPage, Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_safe

from gongkai.catalog.selectors import policy_library
from gongkai.core import params
from gongkai.core.downloads import content_disposition
from gongkai.core.spreadsheet import safe_row
from gongkai.units.hosts import portal_scope

PAGE_SIZE = 30
CSV_COLUMNS = (
    "标题",
    "发文字号",
    "发布机构",
    "成文日期",
    "发布日期",
    "索引号",
    "有效性",
    "网址",
    "政策解读",
)


@require_safe
def policies(request: HttpRequest) -> HttpResponse:
    paginator = Paginator(portal_scope(request).narrow(policy_library()), PAGE_SIZE)
    try:
        page = paginator.page(params.page(request.GET))
    except EmptyPage:
        page = paginator.page(paginator.num_pages)
    return render(request, "portal/policies.html", {"page": page, "total": paginator.count})


def _url(request: HttpRequest, pk: int) -> str:
    return request.build_absolute_uri(reverse("portal:item", args=[pk]))


@require_safe
def policies_csv(request: HttpRequest) -> HttpResponse:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for item in portal_scope(request).narrow(policy_library()):
        readings = "；".join(
            f"{i.title}（{i.get_interpretation_form_display()}）{_url(request, i.pk)}"
            for i in item.public_interpretations  # type: ignore[attr-defined]
        )
        writer.writerow(
            safe_row(
                [
                    item.title,
                    item.doc_number,
                    item.publisher,
                    item.formed_on.isoformat(),
                    item.published_on.isoformat() if item.published_on else "",
                    item.index_number or "",
                    item.get_validity_display(),
                    _url(request, item.pk),
                    readings,
                ]
            )
        )
    response = HttpResponse(
        ("\ufeff" + out.getvalue()).encode("utf-8"), content_type="text/csv; charset=utf-8"
    )
    name = f"policy-library-{timezone.localdate().isoformat()}.csv"
    response["Content-Disposition"] = content_disposition(name)
    return response
