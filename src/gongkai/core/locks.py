"""Closed years: a published annual report locks its year. A change that would alter what the
report counts (a step on a case, an appeal, the publication or repeal of a 规章 or normative
document) dated in that year must wait until the report is reopened (with a reason, audited).

The applications, appeals and catalog ask :func:`check_open` before such a change. The reports
live above them (docs/architecture.md), so this module does not look the reports up itself: the
reports app gives it the question to ask (:func:`set_finder`, from ``ReportsConfig.ready``, once
Django has loaded the apps; :mod:`gongkai.reports.locks`). Without it no change would be refused,
so a missing finder is an error, never an open year.

Other yearly publications lock their year the same way, each for the records it counts: a *book*
names the publication (the website's annual return, ``"website_return"``, locks the log of
responses to public concerns that it counts: :mod:`gongkai.websitereport.locks`). The annual
report is the default book, the one the applications, appeals and catalog ask about.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

# (unit id, or None for a change that is no unit's; year) → the title of the published report
# that locks that year for that unit, or None when the year is open.
Finder = Callable[[int | None, int], str | None]

_finder: Finder | None = None  # the annual report's
_books: dict[str, Finder] = {}  # the other publications', by book


class YearLocked(ValueError):
    pass


def set_finder(finder: Finder, *, book: str | None = None) -> None:
    """Called once per book: by ``ReportsConfig.ready`` for the annual report (no book), by the
    app of another publication with its book."""
    global _finder
    if book is None:
        _finder = finder
    else:
        _books[book] = finder


def check_open(unit_id: int | None, day: dt.date, *, book: str | None = None) -> None:
    """Refuse a change dated ``day`` for a unit's records when the unit's report for that year,
    or the district's consolidated report (which counts every unit), is published; with a
    ``book``, when that publication of the year is."""
    finder = _finder if book is None else _books.get(book)
    if finder is None:
        raise RuntimeError(
            f"no closed-year finder for {book or 'the annual report'}: "
            "is its app in INSTALLED_APPS?"
        )
    title = finder(unit_id, day.year)
    if title is not None:
        raise YearLocked(
            f"{title}已发布，{day.year}年度的记录已锁定；如确需更改，请公开办先撤回该报告的发布"
            "并说明理由"
        )
