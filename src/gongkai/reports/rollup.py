"""Pure. The roll-up dates of the annual reports by level of the government tree.

《条例》第四十九条: departments submit their report to their government's disclosure office by
31 January; the office publishes the government's consolidated report by 31 March.
国办公开办函〔2021〕30号 ([V]) adds the roll-up up the tree: 乡镇 report to their county like a
department (31 January); the county-level office submits and publishes the consolidated report
by 20 February, the city (地市级) by 10 March, the province by 31 March. A province may set
earlier dates for its own tree: ``GONGKAI_REPORT_ROLLUP_DUE`` (docs/settings.md) overrides any
of them, as ``level=MM-DD`` items.

The levels are the values of ``gongkai.units.models.UnitKind`` for the governments (province,
city, district, county) and ``unit`` for a unit's own report (a department, 乡镇, 街道 …).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from gongkai import law

UNIT = "unit"
LEVELS = (UNIT, "district", "county", "city", "province")
LEVEL_LABELS = {
    UNIT: "部门、乡镇（街道）报告",
    "district": "区级汇总报告",
    "county": "县级汇总报告",
    "city": "市级汇总报告",
    "province": "省级汇总报告",
}

# (month, day) of the year after the report's year.
DEFAULT_DUE: dict[str, tuple[int, int]] = {
    UNIT: law.REPORT_DUE_DEPARTMENT,
    "district": law.REPORT_SUBMIT_COUNTY,
    "county": law.REPORT_SUBMIT_COUNTY,
    "city": law.REPORT_SUBMIT_CITY,
    "province": law.REPORT_DUE_GOVERNMENT,
}
# The latest any of them may be: 《条例》第四十九条's 31 March for every government's report.
LATEST = law.REPORT_DUE_GOVERNMENT


class DueDateError(ValueError):
    pass


def parse(items: Iterable[str]) -> dict[str, tuple[int, int]]:
    """``level=MM-DD`` items over the defaults; a bad item raises :class:`DueDateError` (in
    Chinese, naming the item)."""
    due = dict(DEFAULT_DUE)
    for item in items:
        level, sep, value = item.partition("=")
        level, value = level.strip(), value.strip()
        if not sep or level not in LEVELS:
            raise DueDateError(f"“{item}”应为“级别=月-日”，级别为 {' / '.join(LEVELS)}")
        month_text, dash, day_text = value.partition("-")
        if not dash or not month_text.isdigit() or not day_text.isdigit():
            raise DueDateError(f"“{item}”的日期应为“月-日”，例如 02-20")
        month, day = int(month_text), int(day_text)
        try:
            dt.date(2001, month, day)  # a year without 29 February
        except ValueError:
            raise DueDateError(f"“{item}”不是有效的日期") from None
        if (month, day) > LATEST:
            raise DueDateError(f"“{item}”晚于《条例》第四十九条规定的3月31日")
        due[level] = (month, day)
    return due


def check_order(due: Mapping[str, tuple[int, int]]) -> None:
    """A level's date may not come before the date of the level below it reports by: the
    county rolls up its units' reports, the city its counties', the province its cities'."""
    chain = [(UNIT, "district"), (UNIT, "county"), ("district", "city"), ("county", "city")]
    chain.append(("city", "province"))
    for lower, upper in chain:
        if due[upper] < due[lower]:
            raise DueDateError(
                f"{LEVEL_LABELS[upper]}的期限（{due[upper][0]}月{due[upper][1]}日）"
                f"早于{LEVEL_LABELS[lower]}的期限（{due[lower][0]}月{due[lower][1]}日）"
            )


def due_on(year: int, level: str, due: Mapping[str, tuple[int, int]]) -> dt.date:
    """The day the report of ``year`` at ``level`` is due (in the following year)."""
    return dt.date(year + 1, *due[level])


@dataclass(frozen=True)
class Lateness:
    due: dt.date
    late: bool  # done after the due date, or not done and the date has passed
    days: int  # days late (0 when not late)


def lateness(due: dt.date, done: dt.date | None, today: dt.date) -> Lateness:
    """Whether a report due on ``due`` and done (submitted or published) on ``done`` is late
    as at ``today``."""
    reference = done if done is not None else today
    days = max(0, (reference - due).days)
    return Lateness(due=due, late=days > 0, days=days)
