"""Figures stated in a report's prose, checked against its tables. Pure.

Reports state their figures in sentences ("共收到政府信息公开申请271件……予以公开128件") and
published reports sometimes contradict their own tables. Each pattern below recognises one
kind of statement and says which table figure it states; a statement that disagrees is an
error, unless the figure equals one sub-row of the group it names (e.g. "因本机关不掌握等原因
无法提供265件" against 无法提供 as a whole), which is a warning.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from gongkai.report_format import (
    ROW_CARRIED_IN,
    ROW_CARRIED_OUT,
    ROW_NEW,
    ROW_RESULTS_TOTAL,
    TOTAL,
)
from gongkai.reports.identities import ERROR, WARNING, Finding, effective_value

Tables = Mapping[str, Any]

_N = r"(\d+)\s*件"
_GAP = r"[^，。；、\d]{0,14}?"


def _rows(tables: Tables) -> Mapping[str, Mapping[str, Any]]:
    rows: Mapping[str, Mapping[str, Any]] = tables.get("applications", {}).get("rows", {})
    return rows


def _cell(tables: Tables, row: str, column: str = TOTAL) -> int:
    return int(effective_value(_rows(tables), row, column))


def _group(tables: Tables, prefix: str) -> list[tuple[str, int]]:
    rows = _rows(tables)
    return [(row, int(effective_value(rows, row, TOTAL))) for row in rows if row.startswith(prefix)]


def _review(tables: Tables, group: str, cell: str = TOTAL) -> int:
    return int(tables.get("review_litigation", {}).get(group, {}).get(cell) or 0)


@dataclass(frozen=True)
class Pattern:
    key: str
    label: str
    regex: re.Pattern[str]
    value: Callable[[Tables], int]
    parts: Callable[[Tables], list[tuple[str, int]]] = lambda tables: []


def _sum(prefix: str) -> Callable[[Tables], int]:
    return lambda tables: sum(v for _, v in _group(tables, prefix))


PATTERNS: tuple[Pattern, ...] = (
    Pattern(
        "received",
        "本年新收申请",
        re.compile(rf"(?:新收|收到|受理|接收){_GAP}申请(?:共|合计)?{_N}"),
        lambda t: _cell(t, ROW_NEW),
    ),
    Pattern(
        "carried_in",
        "上年结转",
        re.compile(rf"上一?年度?结转{_GAP}{_N}"),
        lambda t: _cell(t, ROW_CARRIED_IN),
    ),
    Pattern(
        "concluded",
        "办理结果总计",
        re.compile(rf"(?<![期限])(?:办结|答复)了?(?:政府信息公开)?申请(?:共|合计)?{_N}"),
        lambda t: _cell(t, ROW_RESULTS_TOTAL),
    ),
    Pattern(
        "disclosed_and_partial",
        "予以公开及部分公开",
        re.compile(rf"予以公开(?:及|和|与)部分公开(?:的)?(?:共)?{_N}"),
        lambda t: _cell(t, "（一）予以公开") + _sum("（二）部分公开")(t),
    ),
    Pattern(
        "disclosed",
        "予以公开",
        re.compile(rf"予以公开(?!及|和|与)(?:的)?(?:共)?{_N}"),
        lambda t: _cell(t, "（一）予以公开"),
    ),
    Pattern(
        "partial",
        "部分公开",
        re.compile(rf"(?<![及和与])部分公开(?:的)?(?:共)?{_N}"),
        _sum("（二）部分公开"),
    ),
    Pattern(
        "withheld",
        "不予公开",
        re.compile(rf"不予公开(?:的)?(?:共)?{_N}"),
        _sum("（三）不予公开"),
        lambda t: _group(t, "（三）不予公开"),
    ),
    Pattern(
        "unable",
        "无法提供",
        re.compile(rf"无法提供(?:的)?(?:共)?{_N}"),
        _sum("（四）无法提供"),
        lambda t: _group(t, "（四）无法提供"),
    ),
    Pattern(
        "rejected",
        "不予处理",
        re.compile(rf"不予处理(?:的)?(?:共)?{_N}"),
        _sum("（五）不予处理"),
        lambda t: _group(t, "（五）不予处理"),
    ),
    Pattern(
        "other", "其他处理", re.compile(rf"其他处理(?:的)?(?:共)?{_N}"), _sum("（六）其他处理")
    ),
    Pattern(
        "carried_out",
        "结转下年度",
        re.compile(
            rf"(?:结转(?:至|到)?下一?年度|顺延(?:至|到)下一?年度){_GAP}{_N}"
            rf"|{_N}申请{_GAP}(?:结转|顺延)(?:至|到)?下一?年度"
        ),
        lambda t: _cell(t, ROW_CARRIED_OUT),
    ),
    Pattern(
        "reviews",
        "行政复议",
        re.compile(rf"(?<!经)行政复议(?:案件|申请)?(?:共)?{_N}"),
        lambda t: _review(t, "行政复议"),
    ),
    Pattern(
        "lawsuits",
        "行政诉讼",
        re.compile(rf"行政诉讼(?:案件)?(?:共)?{_N}"),
        lambda t: _review(t, "行政诉讼/未经复议直接起诉") + _review(t, "行政诉讼/复议后起诉"),
    ),
)

_ALL_UPHELD = re.compile(r"(?:均|全部)(?:获|被)?(?:维持|胜诉)")


def _number(match: re.Match[str]) -> int:
    return int(next(g for g in match.groups() if g is not None))


def check_prose(text: str, tables: Tables, *, where: str = "正文") -> list[Finding]:
    findings: list[Finding] = []
    for pattern in PATTERNS:
        for match in pattern.regex.finditer(text):
            claimed = _number(match)
            actual = pattern.value(tables)
            if claimed == actual:
                continue
            parts = [row for row, value in pattern.parts(tables) if value == claimed]
            severity = WARNING if parts else ERROR
            detail = f"；与“{parts[0]}”一项相同" if parts else ""
            findings.append(
                Finding(
                    f"prose.{pattern.key}",
                    where,
                    match.group(0),
                    pattern.label,
                    actual,
                    claimed,
                    severity,
                    f"{where}称“{match.group(0)}”，表格中{pattern.label}为 {actual}{detail}",
                )
            )
    for match in _ALL_UPHELD.finditer(text):
        groups = tables.get("review_litigation", {})
        not_upheld = sum(
            int(cells.get(cell) or 0)
            for cells in groups.values()
            for cell in ("结果纠正", "其他结果", "尚未审结")
        )
        if not_upheld:
            findings.append(
                Finding(
                    "prose.all_upheld",
                    where,
                    match.group(0),
                    "行政复议、行政诉讼",
                    0,
                    not_upheld,
                    ERROR,
                    f"{where}称复议、诉讼“{match.group(0)}”，"
                    f"但表四中有 {not_upheld} 件纠正、其他结果"
                    "或尚未审结",
                )
            )
    return findings
