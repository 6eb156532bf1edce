"""Reading request parameters (``request.GET``, and the few fields views read straight from
``request.POST``): every view parses them here, never with ``int()`` or ``str.isdigit()``.

Why one place: ``"²".isdigit()`` is true but ``int("²")`` fails, ``int("٣")`` is 3,
``int("1_0")`` is 10 and ``int(" 7 ")`` is 7; a 30-digit id overflows SQLite; a NUL byte makes
PostgreSQL refuse the query. Here a number is ASCII digits only and within bounds, text has the
characters no database or XML file can hold removed (gongkai.core.chars) and is capped, a date
is read as strictly as a form reads it. What cannot be read gives the default: the caller
decides whether that means "ignore the filter", a 400 or a 404 — never a 500.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from typing import Any

from django import forms
from django.utils import timezone

from gongkai.core.chars import strip_illegal
from gongkai.core.forms import DateField

# The largest id a query may carry: BigAutoField's range, so that no database overflows.
MAX_ID = 2**63 - 1
# Longer strings of digits are not numbers anyone means; never converted (int() is quadratic).
MAX_DIGITS = 19
MAX_PAGE = 10_000


def raw(params: Mapping[str, Any], name: str) -> str | None:
    """The value of ``name`` as text (the last one when given several times), or None."""
    value = params.get(name)
    if isinstance(value, list | tuple):
        value = value[-1] if value else None
    if value is None:
        return None
    return value if isinstance(value, str) else str(value)


def parse_int(value: str | None, *, low: int, high: int) -> int | None:
    """``value`` as an integer if it is ASCII digits (an optional leading minus sign) and
    ``low <= value <= high``, else None."""
    if value is None:
        return None
    digits = value[1:] if value.startswith("-") else value
    if not (digits.isascii() and digits.isdigit() and len(digits) <= MAX_DIGITS):
        return None
    number = int(value)
    return number if low <= number <= high else None


def integer(
    params: Mapping[str, Any], name: str, default: int | None = None, *, low: int, high: int
) -> int | None:
    found = parse_int(raw(params, name), low=low, high=high)
    return default if found is None else found


def page(params: Mapping[str, Any], name: str = "page", *, high: int = MAX_PAGE) -> int:
    """A page number: 1 unless the parameter is one of 1…``high``; beyond ``high`` gives
    ``high`` (the paginator then shows its last page)."""
    value = raw(params, name)
    number = parse_int(value, low=1, high=10**MAX_DIGITS)
    if number is None:
        return 1
    return min(number, high)


def year(
    params: Mapping[str, Any], name: str = "year", *, default: int, low: int, high: int
) -> int:
    found = parse_int(raw(params, name), low=low, high=high)
    return default if found is None else found


def ident(params: Mapping[str, Any], name: str) -> int | None:
    """A record's id (a positive integer), or None."""
    return parse_int(raw(params, name), low=1, high=MAX_ID)


def choice(params: Mapping[str, Any], name: str, choices: Iterable[str], default: str = "") -> str:
    value = raw(params, name)
    return value if value is not None and value in set(choices) else default


def text(params: Mapping[str, Any], name: str, *, max_length: int, default: str = "") -> str:
    """Text as typed, trimmed, without the characters of gongkai.core.chars, at most
    ``max_length`` characters."""
    value = raw(params, name)
    if value is None:
        return default
    return strip_illegal(value[: max_length * 2]).strip()[:max_length]


def date(params: Mapping[str, Any], name: str) -> dt.date | None:
    """A date written YYYY-MM-DD between 1900 and 2199 (gongkai.core.forms.DateField), or None."""
    value = raw(params, name)
    if not value:
        return None
    try:
        parsed = DateField(required=False).clean(strip_illegal(value))
    except forms.ValidationError:
        return None
    return parsed if isinstance(parsed, dt.date) else None


MAX_MOMENT_CHARS = 40


def moment(params: Mapping[str, Any], name: str) -> dt.datetime | None:
    """A moment written in ISO 8601 (``2025-01-01T08:00:00+08:00``, ``2025-01-01T08:00``, a
    date alone meaning its midnight), aware: without an offset it is read in the site's time
    zone; returned in UTC. Between the years 1900 and 2199, else None. A ``+`` sent unescaped
    in a query string arrives as a space: an offset `` 08:00`` at the end is read as
    ``+08:00``."""
    value = raw(params, name)
    if not value or len(value) > MAX_MOMENT_CHARS or not value.isascii():
        return None
    value = value.strip()
    if re.fullmatch(r".*\d \d\d(:?\d\d)?", value):
        head, _, offset = value.rpartition(" ")
        value = f"{head}+{offset}"
    try:
        parsed = dt.datetime.fromisoformat(value)
    except ValueError:
        return None
    if not 1900 <= parsed.year <= 2199:
        return None
    if parsed.tzinfo is None:
        parsed = timezone.make_aware(parsed)
    # In UTC: Python reads offsets up to ±23:59, PostgreSQL refuses those beyond ±15:59 (a
    # `since` of …+16:05 was a 500 there); the moment is the same.
    return parsed.astimezone(dt.UTC)
