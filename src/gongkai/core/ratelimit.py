"""A per-client limit on public form submissions (fixed one-minute windows in the cache)."""

from __future__ import annotations

import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str:
    if settings.GONGKAI_BEHIND_PROXY:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            return str(forwarded).split(",")[0].strip()[:64]
    return str(request.META.get("REMOTE_ADDR", ""))[:64]


def allow(request: HttpRequest, bucket: str, per_minute: int | None = None) -> bool:
    """Count one use of ``bucket`` by this client; False once the minute's allowance is used."""
    limit = settings.GONGKAI_PUBLIC_RATE_LIMIT if per_minute is None else per_minute
    if limit <= 0:
        return True
    window = int(time.time() // 60)
    key = f"rl:{bucket}:{client_address(request)}:{window}"
    cache.add(key, 0, timeout=70)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=70)
        count = 1
    return count <= limit
