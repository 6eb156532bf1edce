"""The assessment rubric (考核细则): its sections, items and points, and how each item is scored.

A rubric is a YAML (or JSON) file, like a year's holiday arrangement: the district's is shipped
as ``data/rubric-2019.yaml`` and the office loads a revised one with ``gongkai assessment rubric
load`` or on the rubric page (docs/assessment.md). Every load is validated here, and every
problem is reported in Chinese with where it is: a missing key, points that do not add up to
the section's or the rubric's total, an indicator no one computes, an id used twice.

Pure: no ORM, no settings.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from pathlib import Path
from typing import Any

from gongkai.assessment.indicators import INDICATORS
from gongkai.core import datafile

MAX_FILE_BYTES = 64 * 1024
SHIPPED = Path(__file__).resolve().parent / "data" / "rubric-2019.yaml"


class Scoring(StrEnum):
    INDICATOR = "indicator"
    MANUAL = "manual"
    THIRD_PARTY = "third_party"

    @property
    def label(self) -> str:
        return {"indicator": "自动指标", "manual": "公开办评分", "third_party": "第三方评估"}[
            self.value
        ]


class RubricError(ValueError):
    """The rubric is invalid. ``problems`` lists every problem found, in Chinese."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("；".join(problems))


@dataclass(frozen=True)
class Item:
    id: str
    name: str
    points: Decimal
    scoring: Scoring
    criteria: str = ""
    indicator: str = ""
    params: Mapping[str, Decimal] = field(default_factory=dict)


@dataclass(frozen=True)
class Section:
    id: str
    name: str
    points: Decimal
    items: tuple[Item, ...]


@dataclass(frozen=True)
class Rubric:
    code: str
    title: str
    year: int  # the first year it applies to
    total: Decimal
    sections: tuple[Section, ...]
    basis: str = ""

    def items(self) -> list[Item]:
        return [item for section in self.sections for item in section.items]

    def item(self, item_id: str) -> Item:
        for item in self.items():
            if item.id == item_id:
                return item
        raise KeyError(item_id)

    def section_of(self, item_id: str) -> Section:
        return next(s for s in self.sections if any(i.id == item_id for i in s.items))

    def to_mapping(self) -> dict[str, Any]:
        """The rubric in the file format that :func:`parse_rubric` reads back."""

        def number(value: Decimal) -> int | float:
            return int(value) if value == value.to_integral_value() else float(value)

        def item_mapping(item: Item) -> dict[str, Any]:
            out: dict[str, Any] = {
                "id": item.id,
                "name": item.name,
                "points": number(item.points),
                "scoring": item.scoring.value,
            }
            if item.indicator:
                out["indicator"] = item.indicator
            if item.params:
                out["params"] = {k: number(v) for k, v in item.params.items()}
            if item.criteria:
                out["criteria"] = item.criteria
            return out

        out: dict[str, Any] = {"code": self.code, "title": self.title, "year": self.year}
        if self.basis:
            out["basis"] = self.basis
        out["total"] = number(self.total)
        out["sections"] = [
            {
                "id": s.id,
                "name": s.name,
                "points": number(s.points),
                "items": [item_mapping(i) for i in s.items],
            }
            for s in self.sections
        ]
        return out


_TOP_KEYS = {"code", "title", "year", "basis", "total", "sections"}
_SECTION_KEYS = {"id", "name", "points", "items"}
_ITEM_KEYS = {"id", "name", "points", "scoring", "indicator", "params", "criteria"}
_ID_CHARS = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-")
MAX_POINTS = Decimal(1000)


def _text(value: Any, where: str, problems: list[str], *, limit: int = 200) -> str:
    if value is None or value == "":
        problems.append(f"{where}：缺少内容")
        return ""
    if not isinstance(value, str):
        problems.append(f"{where}：应为文字")
        return ""
    text = value.strip()
    if len(text) > limit:
        problems.append(f"{where}：过长（不超过{limit}字）")
        return ""
    if any(ord(c) < 32 for c in text):
        problems.append(f"{where}：含有控制字符")
        return ""
    return text


def _id(value: Any, where: str, problems: list[str]) -> str:
    if value is None or value == "":
        problems.append(f"{where}：缺少编号 id")
        return ""
    text = str(value).strip()
    if not isinstance(value, str | int) or not text or len(text) > 20 or set(text) - _ID_CHARS:
        problems.append(
            f"{where}：编号“{text[:30]}”只能由字母、数字、下划线和连字符组成（不超过20个字符）"
        )
        return ""
    return text


def _points(value: Any, where: str, problems: list[str]) -> Decimal | None:
    if value is None or value == "":
        problems.append(f"{where}：缺少分值 points")
        return None
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        problems.append(f"{where}：分值应为数字")
        return None
    try:
        number = Decimal(str(value).strip())
    except InvalidOperation:
        problems.append(f"{where}：分值“{str(value)[:20]}”不是数字")
        return None
    if not number.is_finite() or number <= 0 or number > MAX_POINTS:
        problems.append(f"{where}：分值应大于0且不超过{MAX_POINTS}")
        return None
    if number != number.quantize(Decimal("0.1")):
        problems.append(f"{where}：分值最多保留一位小数")
        return None
    return number.quantize(Decimal("0.1")).normalize() + 0


def _unknown_keys(
    data: Mapping[str, Any], allowed: set[str], where: str, problems: list[str]
) -> None:
    extra = sorted(str(k) for k in data if k not in allowed)
    if extra:
        problems.append(f"{where}：不认识的字段 {', '.join(extra)}")


def _params(
    item: Mapping[str, Any], indicator: str, where: str, problems: list[str]
) -> dict[str, Decimal]:
    raw = item.get("params")
    if raw is None:
        return {}
    if not isinstance(raw, Mapping):
        problems.append(f"{where} params：应为“参数名: 数值”的对应表")
        return {}
    known = {p.name: p for p in INDICATORS[indicator].params} if indicator in INDICATORS else {}
    out: dict[str, Decimal] = {}
    for name, value in raw.items():
        param = known.get(str(name))
        if param is None:
            allowed = "、".join(known) or "无"
            problems.append(f"{where} params：指标 {indicator} 没有参数“{name}”（可用：{allowed}）")
            continue
        try:
            number = Decimal(str(value))
        except InvalidOperation:
            number = Decimal("NaN")
        if (
            isinstance(value, bool)
            or not number.is_finite()
            or not param.low <= number <= param.high
        ):
            problems.append(
                f"{where} params {name}（{param.label}）：应为 {param.low} 至 {param.high} 之间的数"
            )
            continue
        out[str(name)] = number
    return out


def parse_rubric(data: Any) -> Rubric:
    """Validate a mapping read from a file and build the rubric, or raise RubricError listing
    every problem. Rules: every key present; ids of sections and items unique in the file;
    each item scored by ``indicator`` (naming a known indicator, with its parameters in range),
    ``manual`` or ``third_party``; the items' points add up to their section's, the sections'
    to the total."""
    problems: list[str] = []
    if not isinstance(data, Mapping):
        raise RubricError(["文件内容应为一个对象（code、title、year、total、sections）"])
    _unknown_keys(data, _TOP_KEYS, "文件", problems)
    code = _id(data.get("code"), "code（细则代码）", problems)
    title = _text(data.get("title"), "title（细则名称）", problems)
    basis = ""
    if data.get("basis") not in (None, ""):
        basis = _text(data.get("basis"), "basis（依据）", problems, limit=300)
    year = data.get("year")
    if isinstance(year, bool) or not isinstance(year, int) or not 2000 <= year <= 2100:
        problems.append("year（起始年度）：应为四位年份，例如 2019")
        year = 0
    total = _points(data.get("total"), "total（总分）", problems)

    seen: dict[str, str] = {}

    def unique(ident: str, where: str) -> None:
        if ident in seen:
            problems.append(f"{where}：编号“{ident}”重复（{seen[ident]}已使用）")
        else:
            seen[ident] = where

    sections: list[Section] = []
    raw_sections = data.get("sections")
    if not isinstance(raw_sections, list) or not raw_sections:
        problems.append("sections（考核部分）：缺少内容，应为列表")
        raw_sections = []
    for s_index, raw in enumerate(raw_sections, start=1):
        where = f"sections 第{s_index}部分"
        if not isinstance(raw, Mapping):
            problems.append(f"{where}：应包含 id、name、points、items")
            continue
        _unknown_keys(raw, _SECTION_KEYS, where, problems)
        s_id = _id(raw.get("id"), where, problems)
        if s_id:
            unique(s_id, where)
        name = _text(raw.get("name"), f"{where} name（名称）", problems)
        if name:
            where = f"{where}（{name}）"
        points = _points(raw.get("points"), where, problems)
        items: list[Item] = []
        raw_items = raw.get("items")
        if not isinstance(raw_items, list) or not raw_items:
            problems.append(f"{where} items（考核项目）：缺少内容，应为列表")
            raw_items = []
        for i_index, raw_item in enumerate(raw_items, start=1):
            item = _item(raw_item, f"{where}第{i_index}项", problems, unique)
            if item is not None:
                items.append(item)
        if points is not None and len(items) == len(raw_items) and items:
            added = sum((i.points for i in items), Decimal(0))
            if added != points:
                problems.append(f"{where}：各项分值之和为{added}，与本部分分值{points}不符")
        sections.append(Section(s_id, name, points or Decimal(0), tuple(items)))
    if total is not None and sections and len(sections) == len(raw_sections):
        added = sum((s.points for s in sections), Decimal(0))
        if added != total and all(s.points for s in sections):
            problems.append(f"total：各部分分值之和为{added}，与总分{total}不符")
    if problems:
        raise RubricError(problems)
    assert total is not None
    return Rubric(code, title, year, total, tuple(sections), basis)


def _item(raw: Any, where: str, problems: list[str], unique: Any) -> Item | None:
    if not isinstance(raw, Mapping):
        problems.append(f"{where}：应包含 id、name、points、scoring")
        return None
    before = len(problems)
    _unknown_keys(raw, _ITEM_KEYS, where, problems)
    ident = _id(raw.get("id"), where, problems)
    if ident:
        unique(ident, where)
    name = _text(raw.get("name"), f"{where} name（项目名称）", problems)
    points = _points(raw.get("points"), where, problems)
    criteria = ""
    if raw.get("criteria") not in (None, ""):
        criteria = _text(raw.get("criteria"), f"{where} criteria（评分标准）", problems, limit=1000)
    scoring_value = raw.get("scoring")
    indicator = ""
    params: dict[str, Decimal] = {}
    if scoring_value in (None, ""):
        problems.append(f"{where}：缺少评分方式 scoring（indicator、manual 或 third_party）")
        scoring = None
    elif scoring_value not in Scoring.__members__.values():
        problems.append(
            f"{where}：评分方式“{scoring_value}”不正确，应为 indicator（自动指标）、"
            "manual（公开办评分）或 third_party（第三方评估）"
        )
        scoring = None
    else:
        scoring = Scoring(str(scoring_value))
    if scoring is Scoring.INDICATOR:
        indicator = str(raw.get("indicator") or "").strip()
        if not indicator:
            problems.append(f"{where}：评分方式为自动指标，须写明 indicator（指标名称）")
        elif indicator not in INDICATORS:
            known = "、".join(sorted(INDICATORS))
            problems.append(f"{where}：“{indicator[:40]}”不是已知的自动指标（已知：{known}）")
        else:
            params = _params(raw, indicator, where, problems)
    elif scoring is not None and raw.get("indicator") not in (None, ""):
        problems.append(f"{where}：只有自动指标（scoring: indicator）可以写 indicator")
    elif scoring is not None and raw.get("params") not in (None, ""):
        problems.append(f"{where}：只有自动指标可以写 params")
    if len(problems) > before or scoring is None or points is None:
        return None
    return Item(ident, name, points, scoring, criteria, indicator, params)


def parse_text(text: str | bytes, *, filename: str = "") -> Rubric:
    """Read the content of a YAML or JSON file (a file named *.json is read as JSON)."""
    try:
        data = datafile.read(text, filename=filename, max_bytes=MAX_FILE_BYTES)
    except datafile.DataFileError as error:
        raise RubricError([str(error)]) from None
    return parse_rubric(data)


def shipped() -> Rubric:
    """The district's rubric shipped with Gongkai (version 0)."""
    return parse_text(SHIPPED.read_bytes(), filename=SHIPPED.name)
