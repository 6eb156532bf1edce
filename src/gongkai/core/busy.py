"""The database too busy to take a write: a clear 503, never a 500 and never a silent loss.

SQLite has one writer at a time; a request waits for the write lock up to the busy timeout
(``gongkai.env``: 30 s) and then fails with ``database is locked``. PostgreSQL can refuse a
transaction too (a deadlock, a lock or serialization failure). The transaction that failed has
been rolled back whole — the services change nothing outside one — so the page says so, and the
applicant can send the same form again.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.db import OperationalError
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import render
from django.urls import Resolver404, resolve

logger = logging.getLogger(__name__)

APPLICATION_NOT_SAVED = "系统繁忙，请稍后再试，您的申请未保存"
POST_NOT_SAVED = "系统繁忙，请稍后再试，您提交的内容未保存"
READ_FAILED = "系统繁忙，请稍后再试"

# PostgreSQL: serialization_failure, deadlock_detected, lock_not_available.
_BUSY_SQLSTATES = frozenset({"40001", "40P01", "55P03"})
RETRY_AFTER_SECONDS = 10


def is_busy(exc: BaseException) -> bool:
    if not isinstance(exc, OperationalError):
        return False
    text = str(exc).lower()
    if "database is locked" in text or "database table is locked" in text:
        return True
    cause = exc.__cause__
    state = getattr(cause, "sqlstate", None) or getattr(cause, "pgcode", None)
    return state in _BUSY_SQLSTATES


def message_for(request: HttpRequest) -> str:
    if request.method != "POST":
        return READ_FAILED
    match = request.resolver_match
    if match is None:  # refused before the view was chosen (gongkai.core.uploadlimits)
        try:
            match = resolve(request.path_info)
        except Resolver404:
            match = None
    if match is not None and match.namespace == "portal" and match.url_name == "apply":
        return APPLICATION_NOT_SAVED
    return POST_NOT_SAVED


def busy_response(request: HttpRequest) -> HttpResponse:
    response = render(request, "errors/busy.html", {"message": message_for(request)}, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


class DatabaseBusy:
    """Middleware: a view that failed because the database was busy answers 503."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not is_busy(exception):
            return None
        logger.warning("database busy on %s %s: %s", request.method, request.path, exception)
        return busy_response(request)
