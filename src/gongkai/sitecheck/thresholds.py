"""The thresholds of the website self-check as versioned data (``data/thresholds-<year>.yaml``),
read strictly: a file that lacks a value, has one of the wrong kind or names an unknown one is
refused with a message in Chinese that says where. Pure.

A period is a calendar period as 国办秘函〔2019〕19号 states it — ``{weeks: 2}``, ``{months: 6}``,
``{years: 1}`` or ``{days: n}`` — and :func:`Period.end` counts it from a day: six months from
31 August end on 28 (or 29) February, as a calendar does.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

DATA = Path(__file__).resolve().parent / "data"
DEFAULT = DATA / "thresholds-2019.yaml"
UNITS = {"days": "天", "weeks": "周", "months": "个月", "years": "年"}


class ThresholdError(ValueError):
    """The thresholds file is not as it should be; the message says where, in Chinese."""


@dataclass(frozen=True)
class Period:
    amount: int
    unit: str  # one of UNITS

    def end(self, since: dt.date) -> dt.date:
        """The last day of the period that starts after ``since``: ``since`` + the period."""
        if self.unit == "days":
            return since + dt.timedelta(days=self.amount)
        if self.unit == "weeks":
            return since + dt.timedelta(weeks=self.amount)
        months = self.amount * (12 if self.unit == "years" else 1)
        month0 = since.month - 1 + months
        year, month = since.year + month0 // 12, month0 % 12 + 1
        return dt.date(year, month, min(since.day, calendar.monthrange(year, month)[1]))

    def days_from(self, since: dt.date) -> int:
        """The period in calendar days, counted from ``since``."""
        return (self.end(since) - since).days

    @property
    def label(self) -> str:
        return f"{self.amount}{UNITS[self.unit]}"


@dataclass(frozen=True)
class Thresholds:
    version: int
    source: str
    home_page: Period
    news_codes: tuple[str, ...]
    news_period: Period
    news_veto: int
    policy_period: Period
    policy_veto: int
    long_stale_period: Period
    long_stale_veto: int
    blank_veto: int
    backdated_tolerance: int
    backdated_veto: int
    broken_links_deduct: int
    missing_attachments_deduct: int
    # 互动回应差: messages unanswered longer than this (a section of its own since issue 16; a
    # file without it takes 19号's three months and one message)
    unanswered_period: Period = Period(3, "months")
    unanswered_veto: int = 1


SECTIONS: dict[str, set[str]] = {
    "home_page": {"period"},
    "news_columns": {"codes", "period", "veto_count"},
    "policy_columns": {"period", "veto_count"},
    "long_stale_columns": {"period", "veto_count"},
    "blank_columns": {"veto_count"},
    "backdated_items": {"tolerance_days", "veto_count"},
    "broken_links": {"deduct_count"},
    "missing_attachments": {"deduct_count"},
}
# Sections a file may leave out (the defaults of :class:`Thresholds` then apply).
OPTIONAL: dict[str, set[str]] = {"unanswered_messages": {"period", "veto_count"}}
TOP = {"version", "source", *SECTIONS, *OPTIONAL}


def _section(data: dict[str, Any], name: str) -> dict[str, Any]:
    value = data.get(name)
    if not isinstance(value, dict):
        raise ThresholdError(f"阈值文件缺少“{name}”一节")
    keys = SECTIONS.get(name) or OPTIONAL[name]
    unknown = sorted(set(value) - keys)
    if unknown:
        raise ThresholdError(f"“{name}”中有未知的项目：{'、'.join(map(str, unknown))}")
    missing = sorted(keys - set(value))
    if missing:
        raise ThresholdError(f"“{name}”缺少“{'、'.join(missing)}”")
    return value


def _count(section: dict[str, Any], name: str, key: str, *, low: int = 1) -> int:
    value = section[key]
    if isinstance(value, bool) or not isinstance(value, int) or value < low:
        raise ThresholdError(f"“{name}.{key}”应为不小于{low}的整数，实为“{value}”")
    return int(value)


def _period(section: dict[str, Any], name: str) -> Period:
    value = section["period"]
    where = f"“{name}.period”"
    if not isinstance(value, dict) or len(value) != 1:
        raise ThresholdError(f"{where}应写作一个期间，如 {{weeks: 2}} 或 {{months: 6}}")
    [(unit, amount)] = value.items()
    if unit not in UNITS:
        raise ThresholdError(f"{where}的单位“{unit}”无效，应为 days、weeks、months 或 years")
    if isinstance(amount, bool) or not isinstance(amount, int) or amount < 1:
        raise ThresholdError(f"{where}的长度应为正整数，实为“{amount}”")
    return Period(amount, unit)


def parse(text: str) -> Thresholds:
    """The thresholds of a YAML text; :class:`ThresholdError` when anything is wrong."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"第{mark.line + 1}行" if mark is not None else ""
        raise ThresholdError(f"阈值文件不是有效的 YAML{where}") from None
    if not isinstance(data, dict):
        raise ThresholdError("阈值文件应为键值结构")
    unknown = sorted(str(k) for k in set(data) - TOP)
    if unknown:
        raise ThresholdError(f"阈值文件中有未知的项目：{'、'.join(unknown)}")
    version = data.get("version")
    if isinstance(version, bool) or not isinstance(version, int):
        raise ThresholdError("阈值文件缺少版本（version，如 2019）")
    source = data.get("source")
    if not isinstance(source, str) or not source.strip():
        raise ThresholdError("阈值文件缺少依据（source）")
    s = {name: _section(data, name) for name in SECTIONS}
    codes = s["news_columns"]["codes"]
    if not isinstance(codes, list) or not codes or not all(isinstance(c, str) for c in codes):
        raise ThresholdError("“news_columns.codes”应为栏目代码的列表，如 [news]")
    optional: dict[str, Any] = {}
    if "unanswered_messages" in data:
        section = _section(data, "unanswered_messages")
        optional["unanswered_period"] = _period(section, "unanswered_messages")
        optional["unanswered_veto"] = _count(section, "unanswered_messages", "veto_count")
    return Thresholds(
        **optional,
        version=version,
        source=source.strip(),
        home_page=_period(s["home_page"], "home_page"),
        news_codes=tuple(codes),
        news_period=_period(s["news_columns"], "news_columns"),
        news_veto=_count(s["news_columns"], "news_columns", "veto_count"),
        policy_period=_period(s["policy_columns"], "policy_columns"),
        policy_veto=_count(s["policy_columns"], "policy_columns", "veto_count"),
        long_stale_period=_period(s["long_stale_columns"], "long_stale_columns"),
        long_stale_veto=_count(s["long_stale_columns"], "long_stale_columns", "veto_count"),
        blank_veto=_count(s["blank_columns"], "blank_columns", "veto_count"),
        backdated_tolerance=_count(
            s["backdated_items"], "backdated_items", "tolerance_days", low=0
        ),
        backdated_veto=_count(s["backdated_items"], "backdated_items", "veto_count"),
        broken_links_deduct=_count(s["broken_links"], "broken_links", "deduct_count"),
        missing_attachments_deduct=_count(
            s["missing_attachments"], "missing_attachments", "deduct_count"
        ),
    )


def load(path: Path = DEFAULT) -> Thresholds:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        raise ThresholdError(f"无法读取阈值文件 {path.name}") from None
    return parse(text)
