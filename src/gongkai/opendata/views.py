"""The open API's own pages: the OpenAPI document, the DCAT catalogue, the bulk downloads per
year and the page that explains them to people (/api/). Readable without an account; only what
the portal shows is ever given (gongkai.opendata.selectors).

Every answer carries an ETag and honours If-None-Match (304): the small JSON answers are tagged
by their content; a download by a fingerprint of its rows taken without reading them
(selectors.Fingerprint), so that a harvester asking again for an unchanged year costs a few
aggregate queries, not the year."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from typing import Any

from django.conf import settings
from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponseBase,
    JsonResponse,
    StreamingHttpResponse,
)
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import get_conditional_response
from django.utils.http import http_date, quote_etag
from django.views.decorators.http import require_safe

from gongkai.core import params
from gongkai.core.downloads import content_disposition
from gongkai.opendata import dcat, openapi
from gongkai.opendata.formats import csv_chunks, json_chunks
from gongkai.opendata.http import open_response, revalidated
from gongkai.opendata.selectors import DATASETS, Dataset
from gongkai.portal.context import DEFAULT_SITE_NAME, site_name
from gongkai.units.hosts import portal_scope

CONTENT_TYPES = {"csv": "text/csv; charset=utf-8", "json": "application/json; charset=utf-8"}


def _error(message: str, status: int = 400) -> HttpResponseBase:
    return open_response(
        JsonResponse({"error": message}, status=status, json_dumps_params={"ensure_ascii": False})
    )


@require_safe
def openapi_json(request: HttpRequest) -> HttpResponseBase:
    response = JsonResponse(openapi.document(), json_dumps_params={"ensure_ascii": False})
    return revalidated(request, response)


def _download_url(request: HttpRequest) -> Any:
    def url(key: str, year: int, ext: str) -> str:
        return request.build_absolute_uri(
            reverse(f"portal:api_{key}_year", kwargs={"year": year, "ext": ext})
        )

    return url


def catalog_document(request: HttpRequest) -> dict[str, Any]:
    # a government's host publishes its own subtree's data, under its own name (units.hosts)
    shown = portal_scope(request)
    government = shown.government
    publisher = (government.name if government else site_name()) or DEFAULT_SITE_NAME
    return dcat.catalog(
        title=f"{publisher}政府信息公开开放数据目录",
        publisher=publisher,
        homepage=request.build_absolute_uri(reverse("portal:api")),
        license_url=settings.GONGKAI_DATA_LICENSE,
        api_document=request.build_absolute_uri(reverse("portal:api_openapi")),
        datasets=[
            dcat.DatasetYears(d.key, d.title, d.description, d.years(shown))
            for d in DATASETS.values()
        ],
        download_url=_download_url(request),
    )


@require_safe
def catalog_json(request: HttpRequest) -> HttpResponseBase:
    response = HttpResponse(
        json.dumps(catalog_document(request), ensure_ascii=False),
        content_type="application/ld+json; charset=utf-8",
    )
    return revalidated(request, response)


def _since(request: HttpRequest) -> tuple[dt.datetime | None, str]:
    """The ``since`` moment, or the error to answer when one was given and cannot be read."""
    if not params.raw(request.GET, "since"):
        return None, ""
    since = params.moment(request.GET, "since")
    if since is None:
        return None, "since 应为 ISO 8601 时刻，如 2025-01-01T00:00:00+08:00"
    return since, ""


def _download(request: HttpRequest, dataset: Dataset, year: int, ext: str) -> HttpResponseBase:
    if ext not in CONTENT_TYPES or not openapi.YEAR_LOW <= year <= openapi.YEAR_HIGH:
        return _error("没有这一数据文件：年度应为 1990–2100，格式为 csv 或 json", status=404)
    since, problem = _since(request)
    if problem:
        return _error(problem)
    shown = portal_scope(request)
    fingerprint = dataset.fingerprint(year, since, shown)
    etag = quote_etag(f"{fingerprint.tag}-{ext}")
    modified = int(fingerprint.modified.timestamp()) if fingerprint.modified else None
    headers = {"ETag": etag}
    if modified is not None:
        headers["Last-Modified"] = http_date(modified)
    answer = get_conditional_response(request, etag=etag, last_modified=modified)
    if answer is not None:
        for name, value in headers.items():
            answer[name] = value
        return open_response(answer)
    absolute = request.build_absolute_uri
    chunks: Iterator[bytes]
    if ext == "csv":
        chunks = csv_chunks(dataset.csv_columns, dataset.rows(year, since, absolute, shown))
    else:
        head = {"dataset": dataset.key, "year": year, "since": since.isoformat() if since else None}
        chunks = json_chunks(head, "records", dataset.records(year, since, absolute, shown))
    response = StreamingHttpResponse(chunks, content_type=CONTENT_TYPES[ext], headers=headers)
    suffix = f"-since-{since:%Y%m%dT%H%M%S}" if since else ""
    response["Content-Disposition"] = content_disposition(f"{dataset.key}-{year}{suffix}.{ext}")
    return open_response(response)


@require_safe
def items_year(request: HttpRequest, year: int, ext: str) -> HttpResponseBase:
    return _download(request, DATASETS["items"], year, ext)


@require_safe
def questions_year(request: HttpRequest, year: int, ext: str) -> HttpResponseBase:
    return _download(request, DATASETS["questions"], year, ext)


@require_safe
def reports_year(request: HttpRequest, year: int, ext: str) -> HttpResponseBase:
    return _download(request, DATASETS["reports"], year, ext)


@require_safe
def api_page(request: HttpRequest) -> HttpResponse:
    """The open API explained in Chinese, with the datasets' years to download."""
    document = openapi.document()
    operations = [
        {"path": path, "summary": operation["summary"], "tag": operation["tags"][0]}
        for path, methods in document["paths"].items()
        for operation in methods.values()
    ]
    shown = portal_scope(request)
    datasets = [
        {"dataset": d, "years": sorted(d.years(shown), reverse=True)} for d in DATASETS.values()
    ]
    return render(
        request,
        "opendata/api.html",
        {
            "operations": operations,
            "datasets": datasets,
            "license": settings.GONGKAI_DATA_LICENSE,
        },
    )
