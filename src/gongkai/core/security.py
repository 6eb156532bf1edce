"""Security headers Django does not send by itself: a Content-Security-Policy that allows no
inline script at all, and a Permissions-Policy that turns off the browser features Gongkai never
uses. (HSTS, the HTTPS redirect, nosniff, the referrer policy and Cross-Origin-Opener-Policy
come from Django's SecurityMiddleware, configured in settings.py.)

Pages take their styles and scripts from the static folder. The exception is the
self-contained documents — a notice, the case file — which must also render when opened from a
ZIP without the site: their fixed ``<style>`` block is registered with :func:`inline_style` and
allowed by its SHA-256, so no other inline style (an injected one included) is.
"""

from __future__ import annotations

import base64
import hashlib
import threading
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponseBase

# Directives, in the order sent. ``style-src`` gains the hashes of the registered blocks.
POLICY = (
    ("default-src", "'self'"),
    ("script-src", "'self'"),
    ("style-src", "'self'"),
    ("img-src", "'self' data:"),
    ("font-src", "'self'"),
    ("connect-src", "'self'"),
    ("frame-ancestors", "'none'"),
    ("form-action", "'self'"),
    ("base-uri", "'none'"),
    ("object-src", "'none'"),
)
# Browser features no page of Gongkai uses: refused to the page and to anything it embeds.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "usb",
    )
)
# Responses a browser runs script in: the policy is sent with these. (On a PDF it would only
# get in the way of the browser's own viewer.)
ACTIVE_TYPES = ("text/html", "application/xhtml+xml", "image/svg+xml")

_lock = threading.Lock()
_style_hashes: set[str] = set()
_header: tuple[int, str] = (-1, "")


def source_hash(text: str) -> str:
    """The CSP source expression that allows an inline block with exactly this text."""
    digest = base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")
    return f"'sha256-{digest}'"


def inline_style(css: str) -> str:
    """Register a fixed ``<style>`` block (its exact text) and return it unchanged. ASCII only:
    the 繁體 display mode (gongkai.portal.middleware) converts Chinese characters in a page, which
    would change the text and so its hash; write Chinese font names as CSS escapes."""
    if not css.isascii() or "</" in css:
        raise ValueError("an inline style must be ASCII and must not contain '</'")
    expression = source_hash(css)
    with _lock:
        _style_hashes.add(expression)
    return css


def content_security_policy() -> str:
    global _header
    with _lock:
        if _header[0] != len(_style_hashes):  # registrations only ever add
            directives = []
            for name, value in POLICY:
                if name == "style-src" and _style_hashes:
                    value = " ".join([value, *sorted(_style_hashes)])
                directives.append(f"{name} {value}")
            _header = (len(_style_hashes), "; ".join(directives))
        return _header[1]


class SecurityHeaders:
    """Adds the Content-Security-Policy (to pages and SVG) and the Permissions-Policy."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        content_type = response.headers.get("Content-Type", "").split(";")[0].strip().lower()
        # Django's own debug pages (GONGKAI_DEBUG, never in production) are styled inline
        debug_page = settings.DEBUG and response.status_code >= 400
        if content_type in ACTIVE_TYPES and not debug_page:
            response.headers.setdefault("Content-Security-Policy", content_security_policy())
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response


class HeadWithoutBody:
    """A response to HEAD carries the headers GET would, and no body (RFC 9110 §9.3.2). Django
    leaves that to the server, and waitress sends the body anyway — which a client keeping the
    connection open would read as the start of its next response. Content-Length stays that of
    the GET response, as the RFC allows."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        if request.method == "HEAD":
            if response.streaming:
                # a file is closed with the response, after the (now empty) body is sent
                response.streaming_content = iter(())  # type: ignore[attr-defined]
            else:
                if not response.has_header("Content-Length"):
                    response.headers["Content-Length"] = str(len(response.content))  # type: ignore[attr-defined]
                response.content = b""  # type: ignore[attr-defined]
        return response
