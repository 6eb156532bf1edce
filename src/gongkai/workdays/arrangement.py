"""A year's holiday arrangement (节假日安排): what it holds, how it is read and validated.

The State Council General Office announces each year's statutory holidays and make-up working
days (调休上班日) in one notice, usually in November of the year before. An arrangement is that
notice as data. The same shape is used for the baseline shipped with Gongkai
(``data/baseline.json``) and for the file the office loads for a new year (docs/holidays.md).

Pure: no ORM, no settings.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import yaml

from gongkai.core import datafile

# The earliest and latest year an arrangement may be loaded for.
MIN_YEAR = 2000
MAX_YEAR = 2100

# A 元旦 holiday can begin in the last days of the previous December (the notices for 2008,
# 2019 and 2024 did); those days belong to the new year's notice. Nothing else may leave the year.
NEW_YEAR_BRIDGE_FROM = (12, 25)

MAX_FILE_BYTES = 64 * 1024


class ArrangementError(ValueError):
    """The arrangement is invalid. ``problems`` lists every problem found, in Chinese."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("；".join(problems))


@dataclass(frozen=True)
class HolidayRange:
    """Consecutive days off for one holiday (放假), both ends included."""

    name: str
    start: dt.date
    end: dt.date
    notice: str = ""  # set only when another notice than the year's set these days

    def days(self) -> list[dt.date]:
        return [self.start + dt.timedelta(days=i) for i in range((self.end - self.start).days + 1)]


@dataclass(frozen=True)
class MakeupDay:
    """A weekend day made a working day (调休上班)."""

    day: dt.date
    name: str
    notice: str = ""


@dataclass(frozen=True)
class YearArrangement:
    year: int
    notice: str
    title: str = ""
    dated: dt.date | None = None
    notice_verified: bool = True
    holidays: tuple[HolidayRange, ...] = field(default_factory=tuple)
    makeup_days: tuple[MakeupDay, ...] = field(default_factory=tuple)

    def notice_for(self, override: str) -> str:
        return override or self.notice

    def holiday_days(self) -> dict[dt.date, tuple[str, str]]:
        """Each day off → (holiday name, notice)."""
        out: dict[dt.date, tuple[str, str]] = {}
        for h in self.holidays:
            for d in h.days():
                out[d] = (h.name, self.notice_for(h.notice))
        return out

    def makeup_map(self) -> dict[dt.date, tuple[str, str]]:
        return {m.day: (m.name, self.notice_for(m.notice)) for m in self.makeup_days}

    def to_mapping(self) -> dict[str, Any]:
        """The arrangement in the file format that :func:`parse_arrangement` reads back."""
        out: dict[str, Any] = {"year": self.year, "notice": self.notice}
        if self.title:
            out["title"] = self.title
        if self.dated:
            out["dated"] = self.dated.isoformat()
        if not self.notice_verified:
            out["notice_verified"] = False
        out["holidays"] = [
            {"name": h.name, "start": h.start.isoformat(), "end": h.end.isoformat()}
            | ({"notice": h.notice} if h.notice else {})
            for h in self.holidays
        ]
        out["makeup_workdays"] = [
            {"date": m.day.isoformat(), "name": m.name} | ({"notice": m.notice} if m.notice else {})
            for m in self.makeup_days
        ]
        return out

    def to_yaml(self) -> str:
        return str(yaml.safe_dump(self.to_mapping(), allow_unicode=True, sort_keys=False))


_TOP_KEYS = {"year", "notice", "title", "dated", "notice_verified", "holidays", "makeup_workdays"}
_HOLIDAY_KEYS = {"name", "start", "end", "notice"}
_MAKEUP_KEYS = {"date", "name", "notice"}


def _text(value: Any, where: str, problems: list[str], *, required: bool = True) -> str:
    if value is None or value == "":
        if required:
            problems.append(f"{where}：不能为空")
        return ""
    if not isinstance(value, str):
        problems.append(f"{where}：应为文字")
        return ""
    text = value.strip()
    if len(text) > 200:
        problems.append(f"{where}：过长（不超过200字）")
        return ""
    if any(ord(c) < 32 for c in text):
        problems.append(f"{where}：含有控制字符")
        return ""
    return text


def _date(value: Any, where: str, problems: list[str]) -> dt.date | None:
    # YAML turns an unquoted 2027-01-01 into a date already; JSON gives a string.
    if isinstance(value, dt.datetime):
        problems.append(f"{where}：应为日期（YYYY-MM-DD），不应含时间")
        return None
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip()) if len(value.strip()) == 10 else None
        except ValueError:
            pass
    problems.append(f"{where}：日期“{str(value)[:40]}”格式不正确，应为 YYYY-MM-DD")
    return None


def _unknown_keys(
    item: Mapping[str, Any], allowed: set[str], where: str, problems: list[str]
) -> None:
    extra = sorted(str(k) for k in item if k not in allowed)
    if extra:
        problems.append(f"{where}：不认识的字段 {', '.join(extra)}")


def parse_arrangement(data: Any) -> YearArrangement:
    """Validate a mapping read from a file and build the arrangement, or raise ArrangementError.

    Rules: a year between MIN_YEAR and MAX_YEAR and a notice number; every date inside that
    year (a 元旦 holiday may begin after 25 December of the year before); a holiday range whose
    end is not before its start; make-up working days on a Saturday or Sunday; no day listed
    twice, and no day both a holiday and a make-up working day.
    """
    problems: list[str] = []
    if not isinstance(data, Mapping):
        raise ArrangementError(["文件内容应为一个对象（year、notice、holidays、makeup_workdays）"])
    _unknown_keys(data, _TOP_KEYS, "文件", problems)

    year = data.get("year")
    if isinstance(year, bool) or not isinstance(year, int):
        raise ArrangementError([*problems, "year：应为四位年份，例如 2027"])
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise ArrangementError([*problems, f"year：年份 {year} 不在 {MIN_YEAR}–{MAX_YEAR} 之间"])
    notice = _text(data.get("notice"), "notice（通知文号）", problems)
    title = _text(data.get("title"), "title（通知标题）", problems, required=False)
    dated = None
    if data.get("dated") not in (None, ""):
        dated = _date(data.get("dated"), "dated（成文日期）", problems)
    verified = data.get("notice_verified", True)
    if not isinstance(verified, bool):
        problems.append("notice_verified：应为 true 或 false")
        verified = True

    first = dt.date(year, 1, 1)
    last = dt.date(year, 12, 31)
    bridge = dt.date(year - 1, *NEW_YEAR_BRIDGE_FROM)

    def inside(d: dt.date, where: str, *, allow_bridge: bool) -> bool:
        if first <= d <= last or (allow_bridge and bridge <= d < first):
            return True
        problems.append(f"{where}：{d.isoformat()} 不在 {year} 年内")
        return False

    holidays: list[HolidayRange] = []
    seen: dict[dt.date, str] = {}
    raw_holidays = data.get("holidays", [])
    if not isinstance(raw_holidays, list):
        problems.append("holidays：应为列表")
        raw_holidays = []
    for i, item in enumerate(raw_holidays, start=1):
        where = f"holidays 第{i}项"
        if not isinstance(item, Mapping):
            problems.append(f"{where}：应包含 name、start、end")
            continue
        _unknown_keys(item, _HOLIDAY_KEYS, where, problems)
        name = _text(item.get("name"), f"{where} name（节日名称）", problems)
        start = _date(item.get("start"), f"{where} start", problems)
        end = _date(item.get("end", item.get("start")), f"{where} end", problems)
        override = _text(item.get("notice"), f"{where} notice", problems, required=False)
        if start is None or end is None or not name:
            continue
        is_new_year = "元旦" in name
        if not (
            inside(start, where, allow_bridge=is_new_year)
            and inside(end, where, allow_bridge=is_new_year)
        ):
            continue
        if end < start:
            problems.append(f"{where}：结束日期 {end} 早于开始日期 {start}")
            continue
        rng = HolidayRange(name=name, start=start, end=end, notice=override)
        for d in rng.days():
            if d in seen:
                problems.append(f"{where}：{d.isoformat()} 已在{seen[d]}中列出")
            seen[d] = f"“{name}”假期"
        holidays.append(rng)

    makeups: list[MakeupDay] = []
    raw_makeups = data.get("makeup_workdays", [])
    if not isinstance(raw_makeups, list):
        problems.append("makeup_workdays：应为列表")
        raw_makeups = []
    for i, item in enumerate(raw_makeups, start=1):
        where = f"makeup_workdays 第{i}项"
        if not isinstance(item, Mapping):
            problems.append(f"{where}：应包含 date、name")
            continue
        _unknown_keys(item, _MAKEUP_KEYS, where, problems)
        name = _text(item.get("name"), f"{where} name（对应节日）", problems)
        day = _date(item.get("date"), f"{where} date", problems)
        override = _text(item.get("notice"), f"{where} notice", problems, required=False)
        if day is None or not name:
            continue
        if not inside(day, where, allow_bridge="元旦" in name):
            continue
        if day.weekday() < 5:
            problems.append(
                f"{where}：{day.isoformat()} 是工作日（周一至周五），调休上班日应为周六或周日"
            )
            continue
        if day in seen:
            problems.append(f"{where}：{day.isoformat()} 既是{seen[day]}又是调休上班日")
            continue
        seen[day] = "调休上班日"
        makeups.append(MakeupDay(day=day, name=name, notice=override))

    if problems:
        raise ArrangementError(problems)
    return YearArrangement(
        year=year,
        notice=notice,
        title=title,
        dated=dated,
        notice_verified=verified,
        holidays=tuple(sorted(holidays, key=lambda h: h.start)),
        makeup_days=tuple(sorted(makeups, key=lambda m: m.day)),
    )


def parse_text(text: str | bytes, *, filename: str = "") -> YearArrangement:
    """Read the content of a YAML or JSON file (a file named *.json is read as JSON)."""
    try:
        data = datafile.read(text, filename=filename, max_bytes=MAX_FILE_BYTES)
    except datafile.DataFileError as error:
        raise ArrangementError([str(error)]) from None
    return parse_arrangement(data)
