"""How much may be uploaded, enforced while the request arrives — never after it is read whole.

Three limits, each refused with a page in Chinese and nothing stored:

* one file: ``GONGKAI_MAX_UPLOAD_MB`` (settings ``MAX_UPLOAD_MB``);
* one request: for an applicant without an account ``GONGKAI_PUBLIC_REQUEST_MB`` for all its
  files together; for staff as many full-size files as the largest staff form takes;
* one day: ``GONGKAI_PUBLIC_DAILY_MB`` per client address for applicants without an account,
  counted in Django's cache (shared by every worker process).

A request whose declared length (``Content-Length``) is over the request limit or the rest of
the day's budget is refused before a byte of its body is read. Otherwise
:class:`LimitedUploadHandler`, the first of ``FILE_UPLOAD_HANDLERS``, counts the bytes of every
file as they are parsed and stops the upload at the first byte over a limit (Django's
``StopUpload``): the rest of the body is not read, and what was received is discarded. Files
under the limit are spooled by Django's handlers — in memory up to
``FILE_UPLOAD_MAX_MEMORY_SIZE``, then in ``DATA_DIR/tmp``.

:class:`UploadLimits` (middleware, after authentication) parses every multipart POST before any
view or the CSRF check sees it, so a refused upload can never reach a view as a form without
its file — an application silently filed without the ID copy its applicant attached.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.db import OperationalError
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import render
from django.utils import timezone

from gongkai.core import busy
from gongkai.core.ratelimit import client_address, client_key

logger = logging.getLogger(__name__)

MB = 1024 * 1024
# The most files one staff form takes (the report checker's); a staff request may carry that
# many files of the full size, and a little more for the form's other fields.
STAFF_FILES_PER_REQUEST = 20
FORM_FIELDS_BYTES = 2 * MB
DAY_SECONDS = 24 * 3600

_STATE = "gongkai_upload"  # the request attribute holding the UploadState


@dataclass(frozen=True)
class Limits:
    file_bytes: int
    request_bytes: int  # the files of one request together
    daily_bytes: int  # 0: no daily budget (staff)
    public: bool


@dataclass
class UploadState:
    received: int = 0  # bytes of files received in this request
    refused: str = ""  # why the upload was stopped (a sentence in Chinese)


def limits_for(request: HttpRequest | None) -> Limits:
    file_bytes = int(settings.MAX_UPLOAD_MB) * MB
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return Limits(file_bytes, STAFF_FILES_PER_REQUEST * file_bytes, 0, False)
    request_bytes = int(settings.GONGKAI_PUBLIC_REQUEST_MB) * MB
    return Limits(
        min(file_bytes, request_bytes),
        request_bytes,
        int(settings.GONGKAI_PUBLIC_DAILY_MB) * MB,
        True,
    )


def largest_request_bytes() -> int:
    """The largest request any form takes: the WSGI server refuses longer ones outright."""
    return STAFF_FILES_PER_REQUEST * int(settings.MAX_UPLOAD_MB) * MB + FORM_FIELDS_BYTES


def state_of(request: HttpRequest) -> UploadState:
    state: UploadState | None = getattr(request, _STATE, None)
    if state is None:
        state = UploadState()
        setattr(request, _STATE, state)
    return state


def _mb(size: int) -> str:
    return f"{size / MB:.0f}" if size % MB == 0 else f"{size / MB:.1f}"


def file_too_large(name: str, limits: Limits) -> str:
    return f"文件“{name[:60]}”过大：上限 {_mb(limits.file_bytes)} MB"


def request_too_large(limits: Limits) -> str:
    return f"一次提交的文件过大：合计上限 {_mb(limits.request_bytes)} MB"


def day_used_up(limits: Limits) -> str:
    return (
        f"今天从您的网络地址上传的文件已达 {_mb(limits.daily_bytes)} MB 的上限，请明天再提交，"
        "或者通过邮寄、当面递交等方式提出申请"
    )


class LimitedUploadHandler(FileUploadHandler):
    """Counts the bytes of each file and of the whole request as they arrive; stops the upload
    at the first byte over a limit. Passes the data on unchanged to Django's own handlers."""

    def __init__(self, request: HttpRequest | None = None) -> None:
        super().__init__(request)
        self.limits = limits_for(request)
        self.state = state_of(request) if request is not None else UploadState()
        self.file_received = 0

    def new_file(self, *args: Any, **kwargs: Any) -> None:
        super().new_file(*args, **kwargs)
        self.file_received = 0

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        self.file_received += len(raw_data)
        self.state.received += len(raw_data)
        if self.file_received > self.limits.file_bytes:
            self.state.refused = file_too_large(str(self.file_name or ""), self.limits)
        elif self.state.received > self.limits.request_bytes:
            self.state.refused = request_too_large(self.limits)
        if self.state.refused:
            # The rest of the body is not read: the client is answered and the connection closed.
            raise StopUpload(connection_reset=True)
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None  # the next handler makes the file


def _daily_key(request: HttpRequest) -> str:
    day = timezone.localdate().isoformat()
    return f"upload-bytes:{day}:{client_key(client_address(request))}"


def _charge(key: str, size: int) -> int:
    """Add ``size`` bytes to today's count of ``key`` (atomically on Redis and on the database
    cache); the count after it."""
    for _ in range(3):
        cache.add(key, 0, timeout=DAY_SECONDS + 3600)
        try:
            return int(cache.incr(key, size))
        except ValueError:  # expired between add and incr
            continue
    logger.warning("upload budget: the cache lost the count of %s three times", key)
    return sys.maxsize  # fail closed


def _refund(key: str, size: int) -> None:
    with suppress(ValueError):  # the day's count expired meanwhile: nothing to give back
        cache.decr(key, size)


def used_today(request: HttpRequest) -> int:
    """Bytes charged today to this request's client (for tests and the operator)."""
    return int(cache.get(_daily_key(request), 0))


def refused(request: HttpRequest, reason: str, status: int = 413) -> HttpResponse:
    return render(request, "errors/upload_refused.html", {"reason": reason}, status=status)


def _declared_length(request: HttpRequest) -> int:
    raw = str(request.META.get("CONTENT_LENGTH") or "0")
    return int(raw) if raw.isascii() and raw.isdigit() else 0


class UploadLimits:
    """Middleware (after AuthenticationMiddleware): the three limits for every multipart POST."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if request.method == "POST" and request.content_type == "multipart/form-data":
            try:
                answer = self._check(request)
            except OperationalError as exc:
                if not busy.is_busy(exc):  # the day's count could not be written: not saved
                    raise
                return busy.busy_response(request)
            if answer is not None:
                return answer
        return self.get_response(request)

    def _check(self, request: HttpRequest) -> HttpResponse | None:
        limits = limits_for(request)
        length = _declared_length(request)
        if length > limits.request_bytes + FORM_FIELDS_BYTES:  # files, and the form around them
            return refused(request, request_too_large(limits))
        key, charged = "", 0
        if limits.public and limits.daily_bytes and length:
            # Charged before reading, by the declared length: two requests at once cannot both
            # fit into what is left of the day.
            key = _daily_key(request)
            if _charge(key, length) > limits.daily_bytes:
                _refund(key, length)
                return refused(request, day_used_up(limits), status=429)
            charged = length
        request.FILES  # noqa: B018 — parse now, through LimitedUploadHandler
        state = state_of(request)
        if state.refused:
            if charged:
                _refund(key, charged)  # nothing kept, and most of it never read
            return refused(request, state.refused)
        return None
