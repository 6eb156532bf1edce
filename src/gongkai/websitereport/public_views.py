"""The portal's page of a published return, and its downloads."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from gongkai.websitereport import services
from gongkai.websitereport.models import ReturnStatus, WebsiteReturn
from gongkai.websitereport.render import FORMATS, sections
from gongkai.websitereport.views import file_response


@require_safe
def published_return(request: HttpRequest, year: int) -> HttpResponse:
    ret = get_object_or_404(WebsiteReturn, year=year, status=ReturnStatus.PUBLISHED)
    built = services.build(ret)
    return render(
        request,
        "websitereport/public.html",
        {
            "ret": ret,
            "built": built,
            "sections": sections(built),
            "formats": [s.lstrip(".") for s in FORMATS],
        },
    )


@require_safe
def published_download(request: HttpRequest, year: int, ext: str) -> HttpResponse:
    ret = get_object_or_404(WebsiteReturn, year=year, status=ReturnStatus.PUBLISHED)
    return file_response(ret, ext)
