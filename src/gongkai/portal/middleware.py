"""Display preferences: 繁體 by character conversion, the large-text mode and the switches of
the 适老化 toolbar (read from their cookies for the templates).

The pages are written in simplified Chinese. With the 繁體 preference, an HTML response is
converted to traditional characters (OpenCC s2t) on its way out — except what a person typed
into a form (textarea contents and input values), which is shown back exactly as typed, so a
resubmitted form never changes someone's words.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_vary_headers

from gongkai.portal.views import SCRIPT_COOKIE, SIZE_COOKIE, switched_on
from gongkai.search.text import to_traditional

# Parts of a page that are left as they are: what a person typed into a form, and what a
# template marks as already in its script (the link back to 简体).
_KEEP = re.compile(
    r"<textarea\b[^>]*>.*?</textarea>|\svalue=\"[^\"]*\"|<!--keep-->.*?<!--/keep-->",
    re.DOTALL | re.IGNORECASE,
)


def traditional_html(page: str) -> str:
    out, at = [], 0
    for match in _KEEP.finditer(page):
        out.append(to_traditional(page[at : match.start()]))
        out.append(match.group(0))
        at = match.end()
    out.append(to_traditional(page[at:]))
    return "".join(out)


class DisplayPreferences:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        hant = request.COOKIES.get(SCRIPT_COOKIE) == "hant"
        request.display_script = "hant" if hant else "hans"  # type: ignore[attr-defined]
        request.large_text = request.COOKIES.get(SIZE_COOKIE) == "large"  # type: ignore[attr-defined]
        request.switches = switched_on(request)  # type: ignore[attr-defined]
        response = self.get_response(request)
        if (
            hant
            and not response.streaming
            and response.get("Content-Type", "").startswith("text/html")
        ):
            charset = response.charset or "utf-8"
            response.content = traditional_html(response.content.decode(charset)).encode(charset)
            if response.has_header("Content-Length"):
                response["Content-Length"] = str(len(response.content))
        if response.get("Content-Type", "").startswith("text/html"):
            patch_vary_headers(response, ["Cookie"])
        if hant:
            response.headers["Content-Language"] = "zh-Hant"
        return response
