"""Official working days (工作日) and the arithmetic on them.

A working day is Monday to Friday, minus the statutory holidays as the State Council scheduled
them, plus the weekend days it made working days (调休上班日). A year for which no arrangement
is known is counted Monday to Friday minus the fixed statutory holidays of
《全国年节及纪念日放假办法》 as then in force (:mod:`gongkai.workdays.statutory`), and every
result that reaches such a year is marked provisional (暂定) — so is one that reaches the last
days of December before such a year, which that year's notice may make 元旦 holidays.

Counting rule, used everywhere a period runs (see docs/deadlines.md): a period of N working
days "from" a date D ends on the N-th working day strictly after D. The day D itself is never
counted, whether or not it is a working day (参照《民法典》第二百零一条: 开始的当日不计入，
自下一日开始计算). This is the only place that rule is written; :meth:`add` implements it.

The calendar is precomputed for 1990–2199 as two tables (the ordinals of the working days, and
for every day the number of working days before it), so adding N working days is two list
look-ups, not a walk over the days.

Pure: no ORM, no settings.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from gongkai.workdays.arrangement import NEW_YEAR_BRIDGE_FROM, YearArrangement
from gongkai.workdays.statutory import provisional_notice, statutory_holidays

FIRST_DAY = dt.date(1990, 1, 1)
LAST_DAY = dt.date(2199, 12, 31)

WEEKDAY_NAMES = ("星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日")


class CalendarRangeError(ValueError):
    def __init__(self, day: dt.date) -> None:
        super().__init__(
            f"日期 {day.isoformat()} 超出可计算范围（{FIRST_DAY.year}—{LAST_DAY.year}年）"
        )


class DayKind(StrEnum):
    WORKDAY = "workday"  # Monday–Friday, an ordinary working day
    WEEKEND = "weekend"  # Saturday or Sunday, an ordinary rest day
    HOLIDAY = "holiday"  # a day off under the year's arrangement (法定节假日及调休放假)
    MAKEUP = "makeup"  # a weekend day made a working day (调休上班)

    @property
    def label(self) -> str:
        return {
            DayKind.WORKDAY: "工作日",
            DayKind.WEEKEND: "休息日",
            DayKind.HOLIDAY: "节假日",
            DayKind.MAKEUP: "调休上班日",
        }[self]


@dataclass(frozen=True)
class DayInfo:
    day: dt.date
    kind: DayKind
    name: str  # the holiday's name for HOLIDAY and MAKEUP days
    notice: str  # the notice that set a HOLIDAY or MAKEUP day (or the measure, provisionally)
    # False when the day's year has no arrangement (counted Monday–Friday minus the fixed
    # statutory holidays, which are provisional HOLIDAY days)
    known: bool

    @property
    def is_working(self) -> bool:
        return self.kind in (DayKind.WORKDAY, DayKind.MAKEUP)

    @property
    def weekday_name(self) -> str:
        return WEEKDAY_NAMES[self.day.weekday()]


@dataclass(frozen=True)
class LocalDay:
    """A day a region's government adds to the national calendar: a holiday of its own (such as
    广西's 壮族三月三) or a weekend day it makes a working day (its 调休上班日)."""

    day: dt.date
    makeup: bool  # True: a make-up working day; False: a holiday
    name: str
    basis: str  # the document that set it (文号)


def format_day(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日（{WEEKDAY_NAMES[day.weekday()]}）"


class WorkdayCalendar:
    """The working days of 1990–2199 under the given arrangements (at most one per year)."""

    def __init__(self, arrangements: Iterable[YearArrangement]) -> None:
        by_year: dict[int, YearArrangement] = {}
        for arrangement in arrangements:
            by_year[arrangement.year] = arrangement
        self.arrangements: dict[int, YearArrangement] = dict(sorted(by_year.items()))
        self.known_years: frozenset[int] = frozenset(by_year)

        # Each day that is not an ordinary Monday–Friday / weekend day → (kind, name, notice,
        # known). A year without an arrangement gets the measure's fixed holidays, provisionally;
        # a year with one gets only its arrangement (it already holds the statutory days), and
        # arrangements come last so that a 元旦 reaching back into December wins.
        special: dict[dt.date, tuple[DayKind, str, str, bool]] = {}
        for year in range(FIRST_DAY.year, LAST_DAY.year + 1):
            if year not in self.known_years:
                for day, statutory in statutory_holidays(year).items():
                    notice = provisional_notice(year, statutory.version)
                    special[day] = (DayKind.HOLIDAY, statutory.name, notice, False)
        for arrangement in self.arrangements.values():
            for day, (name, notice) in arrangement.holiday_days().items():
                special[day] = (DayKind.HOLIDAY, name, notice, True)
            for day, (name, notice) in arrangement.makeup_map().items():
                special[day] = (DayKind.MAKEUP, name, notice, True)
        self._build(special)

    def _build(self, special: dict[dt.date, tuple[DayKind, str, str, bool]]) -> None:
        self._special = special
        base = FIRST_DAY.toordinal()
        size = LAST_DAY.toordinal() - base + 1
        # An arranged day is a working day only if it is a make-up day; any other day is one
        # from Monday to Friday. Keyed by ordinal: the loop below makes no date objects.
        working_by_ordinal = {
            day.toordinal(): entry[0] is DayKind.MAKEUP for day, entry in special.items()
        }
        # working[i]: 1 if the day with ordinal base + i is a working day. Weeks repeat: the
        # tables are built from the flags without a Python loop over the 76,000 days.
        first_weekday = FIRST_DAY.weekday()
        week = bytes((first_weekday + i) % 7 < 5 for i in range(7))
        working = bytearray((week * (size // 7 + 1))[:size])
        for ordinal, is_working in working_by_ordinal.items():
            if 0 <= ordinal - base < size:
                working[ordinal - base] = is_working
        # before[i] = working days strictly before the day with ordinal base + i - 1, so that
        # before[ordinal - self._off] counts the working days up to and including that day.
        before = [0, *itertools.accumulate(working)]
        work = list(itertools.compress(range(base, base + size), working))
        self._base = base
        self._off = base - 1
        self._size = size
        self._work = work
        # The working days as date objects too: building a date costs more than finding it.
        self._work_dates = list(map(dt.date.fromordinal, work))
        self._upto = before

    def overlay(self, days: Iterable[LocalDay]) -> WorkdayCalendar:
        """This calendar with the days a region adds (a province's or a county's own holidays and
        make-up working days, 《全国年节及纪念日放假办法》第三条): a new calendar, this one
        unchanged. Later entries win over earlier ones on the same day, so a lower government's
        entry, given after its province's, decides. No days: this very calendar."""
        days = list(days)
        if not days:
            return self
        special = dict(self._special)
        for local in days:
            if not FIRST_DAY <= local.day <= LAST_DAY:
                raise CalendarRangeError(local.day)
            kind = DayKind.MAKEUP if local.makeup else DayKind.HOLIDAY
            special[local.day] = (kind, local.name, local.basis, local.day.year in self.known_years)
        out = object.__new__(WorkdayCalendar)
        out.arrangements = self.arrangements
        out.known_years = self.known_years
        out._build(special)
        return out

    # --- single days ----------------------------------------------------------------------------
    def _check(self, day: dt.date) -> int:
        ordinal = day.toordinal()
        if not 0 <= ordinal - self._base < self._size:
            raise CalendarRangeError(day)
        return ordinal

    def is_known(self, year: int) -> bool:
        return year in self.known_years

    def is_workday(self, day: dt.date) -> bool:
        ordinal = self._check(day)
        i = ordinal - self._off
        return self._upto[i] != self._upto[i - 1]

    def info(self, day: dt.date) -> DayInfo:
        self._check(day)
        entry = self._special.get(day)
        if entry is not None:
            return DayInfo(day, *entry)
        kind = DayKind.WORKDAY if day.weekday() < 5 else DayKind.WEEKEND
        return DayInfo(day, kind, "", "", day.year in self.known_years)

    # --- periods ----------------------------------------------------------------------------------
    def count(self, after: dt.date, through: dt.date) -> int:
        """Working days in the half-open span (after, through]; 0 when through <= after."""
        if through <= after:
            return 0
        upto = self._upto
        return upto[self._check(through) - self._off] - upto[self._check(after) - self._off]

    def add(self, start: dt.date, n: int) -> dt.date:
        """The n-th working day strictly after ``start`` (n >= 1): the end of a period of n
        working days that runs from ``start``. The counting rule lives here and only here."""
        if n < 1:
            raise ValueError("期间应至少为1个工作日")
        index = self._upto[self._check(start) - self._off] + n - 1
        if index >= len(self._work):
            raise CalendarRangeError(LAST_DAY + dt.timedelta(days=1))
        return self._work_dates[index]

    def add_many(self, starts: Sequence[dt.date], n: int) -> list[dt.date]:
        """:meth:`add` for many start dates at once (the same period for each)."""
        if n < 1:
            raise ValueError("期间应至少为1个工作日")
        off, upto, work = self._off, self._upto, self._work_dates
        ordinals = list(map(dt.date.toordinal, starts))
        if ordinals and (min(ordinals) < self._base or max(ordinals) >= self._base + self._size):
            for start in starts:  # name the offending date
                self._check(start)
        k = n - 1
        try:
            return [work[upto[o - off] + k] for o in ordinals]
        except IndexError:
            raise CalendarRangeError(LAST_DAY + dt.timedelta(days=1)) from None

    def provisional(self, after: dt.date, through: dt.date) -> bool:
        """True when the result of the span (after, through] may change when a notice is loaded:
        see :meth:`unknown_years`."""
        return bool(self.unknown_years(after, through))

    def unknown_years(self, after: dt.date, through: dt.date) -> list[int]:
        """The years without an arrangement whose notice may change the span (after, through]:
        every year it reaches that has none, and the next year when the span reaches 25 December
        or later and the next year has none (its notice may make those days 元旦 holidays, as the
        notices for 2008, 2012, 2019 and 2024 did; see NEW_YEAR_BRIDGE_FROM)."""
        if through <= after:
            return []
        first = (after + dt.timedelta(days=1)).year
        years = [y for y in range(first, through.year + 1) if y not in self.known_years]
        # The late Decembers of the years before through.year are followed by years the span
        # reaches, already listed when they have no arrangement; only through's year remains.
        following = through.year + 1
        if following not in self.known_years and through >= dt.date(
            through.year, *NEW_YEAR_BRIDGE_FROM
        ):
            years.append(following)
        return years

    def days(self, after: dt.date, through: dt.date) -> list[DayInfo]:
        """Every day of (after, through], described."""
        return [
            self.info(after + dt.timedelta(days=i)) for i in range(1, (through - after).days + 1)
        ]
