"""What every answer of the open API carries: CORS for any origin (the data is public), a
cache policy that makes a client revalidate, and an ETag honoured by If-None-Match (304)."""

from __future__ import annotations

from typing import TypeVar

from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.utils.cache import get_conditional_response, set_response_etag

# Harvesters may keep a copy but must ask again (with If-None-Match) before using it.
CACHE_CONTROL = "public, no-cache"

R = TypeVar("R", bound=HttpResponseBase)


def open_response(response: R) -> R:
    response["Access-Control-Allow-Origin"] = "*"
    response["Cache-Control"] = CACHE_CONTROL
    return response


def revalidated(request: HttpRequest, response: HttpResponse) -> HttpResponseBase:
    """``response`` tagged with the hash of its content, or 304 when the client has it. Only
    a 200 is tagged (an error is no representation to keep)."""
    if response.status_code != 200:
        return open_response(response)
    set_response_etag(response)
    answer = get_conditional_response(request, etag=response["ETag"], response=response)
    return open_response(answer if answer is not None else response)
