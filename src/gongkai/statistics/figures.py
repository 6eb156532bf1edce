"""The arithmetic of the monthly statistics: the month's span, the median, the on-time rate, and
the group of table 三 an outcome falls in. Pure.

- A month runs from its first to its last day, both included.
- The median of an even number of values is the mean of the two middle ones (a half day can
  show: 4.5 working days); of no value, None (the page says "—").
- The on-time rate is the share of the answers delivered in the month by their due date,
  ``None`` when nothing was answered (not 100 %, not 0 %).
- An outcome is counted in the group of its result row of table 三 (予以公开, 部分公开,
  不予公开, 无法提供, 不予处理, 其他处理) through the national taxonomy of
  :mod:`gongkai.applications.outcomes`.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

from gongkai import report_format as fmt
from gongkai.applications.outcomes import Outcome, rule


@dataclass(frozen=True, order=True)
class Month:
    year: int
    month: int

    def __post_init__(self) -> None:
        if not 1 <= self.month <= 12:
            raise ValueError(f"月份应为1到12：{self.month}")
        if not 1900 <= self.year <= 2199:
            raise ValueError(f"年份超出可处理的范围：{self.year}")

    @property
    def first(self) -> dt.date:
        return dt.date(self.year, self.month, 1)

    @property
    def last(self) -> dt.date:
        return dt.date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])

    @property
    def label(self) -> str:
        return f"{self.year}年{self.month}月"

    def contains(self, day: dt.date) -> bool:
        return self.first <= day <= self.last

    @classmethod
    def of(cls, day: dt.date) -> Month:
        return cls(day.year, day.month)


def median(values: Sequence[int]) -> Fraction | None:
    """The middle value (the mean of the two middle ones for an even count), exactly."""
    if not values:
        return None
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return Fraction(ordered[middle])
    return Fraction(ordered[middle - 1] + ordered[middle], 2)


def rate(part: int, whole: int) -> Fraction | None:
    """``part`` of ``whole`` (0 ≤ part ≤ whole), or None for nothing to divide."""
    if not 0 <= part <= whole:
        raise ValueError(f"部分（{part}）不能大于整体（{whole}）或为负数")
    return Fraction(part, whole) if whole else None


def show_number(value: Fraction | None) -> str:
    """A median as people read it: 7, 4.5, 3.33; "—" for none."""
    if value is None:
        return "—"
    if value.denominator == 1:
        return str(value.numerator)
    return f"{float(value):.2f}".rstrip("0").rstrip(".")


def show_percent(value: Fraction | None) -> str:
    """A rate as a percentage with one decimal: 87.5%; "—" for none."""
    if value is None:
        return "—"
    percent = f"{float(value * 100):.1f}".removesuffix(".0")
    return f"{percent}%"


_GROUP = re.compile(r"^（([一二三四五六])）([^（/]+)")


def _group_label(row_key: str) -> str:
    found = _GROUP.match(fmt.result_row(row_key).label_2021)
    if found is None:  # pragma: no cover - every result row starts so (report_format)
        raise ValueError(row_key)
    return found[2]


# The six groups of results of table 三, in its order.
OUTCOME_GROUPS: tuple[str, ...] = tuple(dict.fromkeys(_group_label(k) for k in fmt.RESULT_ROW_KEYS))


def outcome_group(outcome: Outcome | str) -> str:
    """予以公开, 部分公开, 不予公开, 无法提供, 不予处理 or 其他处理."""
    return _group_label(rule(outcome).row)
