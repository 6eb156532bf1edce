"""``Cache-Control: no-store`` on every page that may show personal data, decided in one place:
every staff page and login page, and the applicant's pages (the form as sent back with its
errors, the receipt, the status page, its downloads). A browser, a shared computer's cache or a
proxy then keeps no copy of an ID number, a phone number, a notice or a query code."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponseBase
from django.utils.cache import add_never_cache_headers

# Every view of these URL namespaces.
PRIVATE_NAMESPACES = frozenset({"staff", "accounts"})
# The applicant's views of the public site (namespace ``portal``).
PRIVATE_PUBLIC_VIEWS = frozenset(
    {"apply", "apply_done", "lookup", "track", "track_document", "correct", "withdraw"}
)


def is_private(namespace: str, url_name: str | None) -> bool:
    if namespace in PRIVATE_NAMESPACES:
        return True
    return namespace == "portal" and url_name in PRIVATE_PUBLIC_VIEWS


class NoStore:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        match = request.resolver_match
        if match is not None and is_private(match.namespace, match.url_name):
            add_never_cache_headers(response)  # no-cache, no-store, must-revalidate, private
            response.headers["Pragma"] = "no-cache"  # for HTTP/1.0 caches
        return response
