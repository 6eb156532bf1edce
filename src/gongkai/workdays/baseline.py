"""The holiday arrangements shipped with Gongkai (2004 onwards), read from ``data/baseline.json``.

The file is generated from the ``chinese-calendar`` package by
``scripts/build_holiday_baseline.py`` and checked against it day by day in the tests; each
year carries the number of the notice that set it. Pure: no ORM, no settings.
"""

from __future__ import annotations

import functools
import json
from importlib.resources import files

from gongkai.workdays.arrangement import YearArrangement, parse_arrangement


@functools.cache
def _load() -> tuple[str, tuple[YearArrangement, ...]]:
    raw = files("gongkai.workdays").joinpath("data/baseline.json").read_text(encoding="utf-8")
    data = json.loads(raw)
    return str(data["source"]), tuple(parse_arrangement(year) for year in data["years"])


def baseline_arrangements() -> tuple[YearArrangement, ...]:
    return _load()[1]


def baseline_source() -> str:
    """Where the baseline came from, e.g. ``chinese-calendar 1.11.0``."""
    return _load()[0]
