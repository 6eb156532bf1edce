"""Who the client is, and how often it may post: the limits of the public forms and of logins.

The client's address is the one the outermost trusted proxy saw (``GONGKAI_TRUSTED_PROXIES``):
everything to its left in ``X-Forwarded-For`` was written by the client and is never read.
Counts are kept in Django's cache — Redis or the database, shared by every worker process —
with ``cache.add`` then ``cache.incr``, which both backends do atomically, so two workers never
let through more than the limit between them.
"""

from __future__ import annotations

import ipaddress
import logging
import sys

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

logger = logging.getLogger(__name__)

# The longest address string kept (an IPv6 address with a zone is at most 45 + a short zone).
MAX_ADDRESS = 64


def _parse(entry: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    """An address written by a proxy: ``1.2.3.4``, ``2001:db8::1``, and the forms with a port
    some proxies write (``1.2.3.4:5678``, ``[2001:db8::1]:5678``); None for anything else."""
    text = entry.strip()
    if not text or len(text) > MAX_ADDRESS:
        return None
    if text.startswith("["):
        host, bracket, rest = text[1:].partition("]")
        if not bracket or (
            rest and not (rest.startswith(":") and rest[1:].isascii() and rest[1:].isdigit())
        ):
            return None
        text = host
    elif text.count(":") == 1:  # IPv4 with a port (an IPv6 address has at least two colons)
        host, _, port = text.partition(":")
        if not (port.isascii() and port.isdigit()):
            return None
        text = host
    try:
        address = ipaddress.ip_address(text)
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped  # ::ffff:1.2.3.4 is the IPv4 client 1.2.3.4
    return address


def resolve_client(remote_addr: str, forwarded: str | None, trusted_proxies: int) -> str:
    """The client's address, from the TCP peer (``REMOTE_ADDR``) and ``X-Forwarded-For``.

    With ``trusted_proxies`` = N the request passed through N proxies of ours, each of which
    appended the address it received the request from: the last N entries of the header are
    theirs, and the N-th from the right is the client as the outermost proxy saw it. Entries
    further left are whatever the client sent and are ignored. When the header has fewer than
    N entries, or that entry is not an address, the proxies are not set up as configured: the
    peer's own address is used, which the client cannot choose either (requests that bypass the
    proxies then share the proxy's count, which errs on the side of refusing).
    """
    peer = _parse(remote_addr)
    fallback = str(peer) if peer is not None else remote_addr.strip()[:MAX_ADDRESS]
    if trusted_proxies <= 0 or not forwarded:
        return fallback
    entries = forwarded.split(",")
    if len(entries) < trusted_proxies:
        return fallback
    address = _parse(entries[-trusted_proxies])
    return str(address) if address is not None else fallback


def client_address(request: HttpRequest) -> str:
    """The client's address for this request (recorded in the audit log of logins)."""
    return resolve_client(
        str(request.META.get("REMOTE_ADDR", "")),
        request.META.get("HTTP_X_FORWARDED_FOR"),
        settings.GONGKAI_TRUSTED_PROXIES,
    )


def client_key(address: str) -> str:
    """What a count is kept by: the address, or for IPv6 its /64 network — one subscriber's
    share, in which a client may pick any of 2^64 addresses."""
    parsed = _parse(address)
    if isinstance(parsed, ipaddress.IPv6Address):
        return str(ipaddress.IPv6Network((parsed, 64), strict=False))
    return str(parsed) if parsed is not None else address


def hit(key: str, window_seconds: int) -> int:
    """Count one use of ``key``; how many uses in the window that began with the first one.

    ``cache.add`` starts the count (only one process can), ``cache.incr`` adds to it (Redis'
    INCRBY, or the database cache's locked update): no use is lost between processes."""
    for _ in range(3):
        cache.add(key, 0, timeout=window_seconds)
        try:
            count = int(cache.incr(key))
        except ValueError:  # the window ended between add and incr: start the next one
            continue
        if count == 1:
            # Redis' INCR on a key that expired a moment before recreates it without an expiry:
            # setting the window again here keeps a count from living for ever.
            cache.touch(key, timeout=window_seconds)
        return count
    logger.warning("rate limit: the cache lost the count of %s three times", key)
    return sys.maxsize  # fail closed: over any limit


def peek(key: str) -> int:
    """The count of ``key`` so far, without counting."""
    return int(cache.get(key, 0))


def _within(request: HttpRequest, kind: str, bucket: str, limit: int) -> bool:
    if limit <= 0:
        return True
    key = f"rl:{kind}:{bucket}:{client_key(client_address(request))}"
    return hit(key, 60) <= limit


def allow(request: HttpRequest, bucket: str) -> bool:
    """Count one post of a public form, valid or not, against the larger allowance
    (``GONGKAI_PUBLIC_ATTEMPT_LIMIT`` a minute): it stops a flood, yet leaves room for an
    applicant who corrects a form error several times."""
    return _within(request, "try", bucket, settings.GONGKAI_PUBLIC_ATTEMPT_LIMIT)


def allow_submission(request: HttpRequest, bucket: str) -> bool:
    """Count one valid submission — an application or correction about to be stored, a query
    code about to be checked — against ``GONGKAI_PUBLIC_RATE_LIMIT`` a minute."""
    return _within(request, "ok", bucket, settings.GONGKAI_PUBLIC_RATE_LIMIT)
