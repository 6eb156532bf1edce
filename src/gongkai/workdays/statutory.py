"""The fixed statutory holidays (全体公民放假的节日) of 《全国年节及纪念日放假办法》, by year.

Article 2 of the measure lists the days off for everyone; the State Council General Office's
yearly notice then arranges them (moving days, adding make-up working days) — see
docs/holidays.md. A year whose notice is not loaded still has the days the measure itself fixes,
and :class:`gongkai.workdays.calendar.WorkdayCalendar` counts them as provisional holidays.

The measure, as in force on a festival's day (the table :data:`VERSIONS`, walked by the tests):

- 1949 (政务院发布, 1949-12-23): 新年 1/1; 春节 正月初一–初三; 劳动节 5/1; 国庆 10/1–10/2.
- 1999 revision (国务院令第270号, in force on publication, 1999-09-18): 元旦 1/1; 春节 正月初一–
  初三; 劳动节 5/1–5/3; 国庆 10/1–10/3.
- 2007 revision (国务院令第513号, from 2008-01-01): 元旦; 春节 除夕、正月初一、初二; 清明;
  劳动节 5/1; 端午; 中秋; 国庆 10/1–10/3.
- 2013 revision (国务院令第644号, from 2014-01-01): as 2007 but 春节 正月初一–初三.
- 2024 revision (国务院令第795号, from 2025-01-01): 春节 除夕–初三 (4 days); 劳动节 5/1–5/2.

The lunar dates (正月初一, 端午, 中秋) and the day of the 清明 solar term of 1990–2199 are read
from ``data/lunar.json``, generated from the ``lunar_python`` package by
``scripts/build_lunar_table.py``. 除夕 is the day before 正月初一 (the last day of the lunar year,
腊月廿九 or 三十). Article 6's substitute day (补假) for a festival that falls on a weekend is
not modelled: the notice chooses it.

Pure: no ORM, no settings.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from importlib.resources import files
from types import MappingProxyType

MEASURE = "《全国年节及纪念日放假办法》"


class Anchor(StrEnum):
    """The day a festival's days are counted from."""

    NEW_YEAR = "1月1日"
    LUNAR_NEW_YEAR = "正月初一"
    QINGMING = "清明"
    MAY_DAY = "5月1日"
    DRAGON_BOAT = "五月初五"
    MID_AUTUMN = "八月十五"
    NATIONAL_DAY = "10月1日"


# The anchors that follow the Chinese calendar, with their key in data/lunar.json.
LUNAR_KEYS = {
    Anchor.LUNAR_NEW_YEAR: "lunar_new_year",
    Anchor.QINGMING: "qingming",
    Anchor.DRAGON_BOAT: "dragon_boat",
    Anchor.MID_AUTUMN: "mid_autumn",
}

FIXED = {Anchor.NEW_YEAR: (1, 1), Anchor.MAY_DAY: (5, 1), Anchor.NATIONAL_DAY: (10, 1)}


@dataclass(frozen=True)
class Festival:
    """One festival of Article 2: ``days`` days off from ``first`` days after its anchor (−1:
    除夕, the eve of 正月初一)."""

    name: str
    anchor: Anchor
    days: int
    wording: str  # the measure's own wording of the days, for docs and explanations
    first: int = 0

    def dates(self, anchor_day: dt.date) -> list[dt.date]:
        return [anchor_day + dt.timedelta(days=self.first + i) for i in range(self.days)]


@dataclass(frozen=True)
class MeasureVersion:
    """A version of 《全国年节及纪念日放假办法》 and the festivals of its Article 2."""

    label: str  # e.g. 2024年修订
    enacted_by: str
    effective: dt.date
    festivals: tuple[Festival, ...]

    @property
    def citation(self) -> str:
        """E.g. 2024年修订的《全国年节及纪念日放假办法》."""
        return f"{self.label}的{MEASURE}"


_NEW_YEAR = Festival("元旦", Anchor.NEW_YEAR, 1, "1月1日")
_QINGMING = Festival("清明节", Anchor.QINGMING, 1, "农历清明当日")
_DRAGON_BOAT = Festival("端午节", Anchor.DRAGON_BOAT, 1, "农历端午当日")
_MID_AUTUMN = Festival("中秋节", Anchor.MID_AUTUMN, 1, "农历中秋当日")
_NATIONAL_DAY_3 = Festival("国庆节", Anchor.NATIONAL_DAY, 3, "10月1日、2日、3日")
_SPRING_1_TO_3 = Festival("春节", Anchor.LUNAR_NEW_YEAR, 3, "农历正月初一、初二、初三")

# The single table of the measure's versions, oldest first. A festival is governed by the
# version in force on its anchor day (in 1999 the revision first applied to 国庆).
VERSIONS: tuple[MeasureVersion, ...] = (
    MeasureVersion(
        "1949年政务院发布",
        "政务院1949年12月23日发布",
        dt.date(1949, 12, 23),
        (
            _NEW_YEAR,
            _SPRING_1_TO_3,
            Festival("劳动节", Anchor.MAY_DAY, 1, "5月1日"),
            Festival("国庆节", Anchor.NATIONAL_DAY, 2, "10月1日、2日"),
        ),
    ),
    MeasureVersion(
        "1999年修订",
        "国务院令第270号",
        dt.date(1999, 9, 18),
        (
            _NEW_YEAR,
            _SPRING_1_TO_3,
            Festival("劳动节", Anchor.MAY_DAY, 3, "5月1日、2日、3日"),
            _NATIONAL_DAY_3,
        ),
    ),
    MeasureVersion(
        "2007年修订",
        "国务院令第513号",
        dt.date(2008, 1, 1),
        (
            _NEW_YEAR,
            Festival("春节", Anchor.LUNAR_NEW_YEAR, 3, "农历除夕、正月初一、初二", first=-1),
            _QINGMING,
            Festival("劳动节", Anchor.MAY_DAY, 1, "5月1日"),
            _DRAGON_BOAT,
            _MID_AUTUMN,
            _NATIONAL_DAY_3,
        ),
    ),
    MeasureVersion(
        "2013年修订",
        "国务院令第644号",
        dt.date(2014, 1, 1),
        (
            _NEW_YEAR,
            _SPRING_1_TO_3,
            _QINGMING,
            Festival("劳动节", Anchor.MAY_DAY, 1, "5月1日"),
            _DRAGON_BOAT,
            _MID_AUTUMN,
            _NATIONAL_DAY_3,
        ),
    ),
    MeasureVersion(
        "2024年修订",
        "国务院令第795号",
        dt.date(2025, 1, 1),
        (
            _NEW_YEAR,
            Festival("春节", Anchor.LUNAR_NEW_YEAR, 4, "农历除夕、正月初一至初三", first=-1),
            _QINGMING,
            Festival("劳动节", Anchor.MAY_DAY, 2, "5月1日、2日"),
            _DRAGON_BOAT,
            _MID_AUTUMN,
            _NATIONAL_DAY_3,
        ),
    ),
)


class LunarRangeError(ValueError):
    def __init__(self, year: int, first: int, last: int) -> None:
        super().__init__(f"{year}年超出农历数据的范围（{first}—{last}年）")


@dataclass(frozen=True)
class LunarTable:
    source: str  # e.g. "lunar_python 1.4.8"
    first_year: int
    last_year: int
    years: dict[int, dict[Anchor, dt.date]]

    def dates(self, year: int) -> dict[Anchor, dt.date]:
        if year not in self.years:
            raise LunarRangeError(year, self.first_year, self.last_year)
        return self.years[year]


@functools.cache
def lunar_table() -> LunarTable:
    raw = files("gongkai.workdays").joinpath("data/lunar.json").read_text(encoding="utf-8")
    data = json.loads(raw)
    years = {
        int(row["year"]): {a: dt.date.fromisoformat(row[k]) for a, k in LUNAR_KEYS.items()}
        for row in data["years"]
    }
    return LunarTable(str(data["source"]), data["first_year"], data["last_year"], years)


def version_on(day: dt.date) -> MeasureVersion:
    """The version of the measure in force on ``day``."""
    in_force = [v for v in VERSIONS if v.effective <= day]
    if not in_force:
        raise ValueError(f"{day.isoformat()} 早于{MEASURE}的发布")
    return in_force[-1]


def anchor_dates(year: int, lunar: Mapping[Anchor, dt.date]) -> dict[Anchor, dt.date]:
    """Every anchor of ``year``: the fixed dates and the year's lunar ones."""
    return {a: dt.date(year, *md) for a, md in FIXED.items()} | dict(lunar)


# Two festivals on one day are named in the measure's order.
_ANCHOR_ORDER = {a: i for i, a in enumerate(Anchor)}


@dataclass(frozen=True)
class StatutoryDay:
    """A day off under Article 2 of the measure."""

    name: str  # the festival, e.g. 春节; "中秋节、国庆节" when two fall on the day
    version: MeasureVersion  # the version that made it a day off


def holidays_from(year: int, lunar: Mapping[Anchor, dt.date]) -> dict[dt.date, StatutoryDay]:
    """The statutory days off of ``year``'s festivals, given the year's lunar dates, sorted by
    date. Two festivals on one day (中秋 and 国庆 on 1 October 2020) give one day with both
    names.

    A 春节 that begins with 除夕 keeps it even when it falls outside the year (a 正月初一 on
    1 January would put 除夕 on 31 December of the year before; that never happens in 1990–2199,
    which the tests check, but nothing here assumes it)."""
    found: dict[dt.date, list[tuple[Festival, MeasureVersion]]] = {}
    for anchor, day in anchor_dates(year, lunar).items():
        version = version_on(day)
        for festival in version.festivals:
            if festival.anchor is anchor:
                for d in festival.dates(day):
                    found.setdefault(d, []).append((festival, version))
    out: dict[dt.date, StatutoryDay] = {}
    for d in sorted(found):
        entries = sorted(found[d], key=lambda e: _ANCHOR_ORDER[e[0].anchor])
        names = "、".join(dict.fromkeys(f.name for f, _ in entries))
        out[d] = StatutoryDay(names, entries[0][1])
    return out


@functools.cache
def statutory_holidays(year: int) -> Mapping[dt.date, StatutoryDay]:
    """The fixed statutory holidays of ``year`` (1990–2199) under the measure as then in force,
    each day with its festival, sorted by date. Read-only (the result is cached)."""
    return MappingProxyType(holidays_from(year, lunar_table().dates(year)))


def provisional_notice(year: int, version: MeasureVersion) -> str:
    """What a provisional holiday of a year without a loaded arrangement cites, in Chinese."""
    return f"{version.citation}；{year}年节假日安排尚未载入，暂按法定节日计算"
