"""Figures stated in a report's prose, checked against its tables. Pure.

Reports state their figures in sentences ("共收到政府信息公开申请271件……予以公开128件") and
published reports sometimes contradict their own tables. Each pattern below recognises one
kind of statement and says which table figure it states; a statement that disagrees is an
error, with two exceptions that are warnings:

- the figure equals one sub-row of the group it names (e.g. "因本机关不掌握等原因无法提供265件"
  against 无法提供 as a whole);
- the sentence can be read two ways and the figure fits the other reading ("行政诉讼7件" where the
  table has 7 suits without reconsideration and 1 after it: all suits, or the direct ones
  only?; "收到申请75件" where 74 are new and 1 carried over): the warning names both readings.

Figures are counted in 件, 条, 宗 or 项. A sentence that names an applicant type ("收到自然人提出的
申请19件", "涉及自然人80件、商业企业1件") is compared with that column of table 三, not the total.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from gongkai.report_format import (
    APPLICANT_COLUMNS,
    LEGAL_PERSON_COLUMNS,
    LITIGATION_AFTER_REVIEW,
    LITIGATION_DIRECT,
    NATURAL_PERSON,
    ROW_CARRIED_IN,
    ROW_CARRIED_OUT,
    ROW_NEW,
    ROW_RESULTS_TOTAL,
    TOTAL,
)
from gongkai.reports.identities import ERROR, WARNING, Finding, effective_value

Tables = Mapping[str, Any]

_N = r"(\d+)\s*(?:件|条|宗|项)"
_GAP = r"[^，。；、\d]{0,14}?"
# what an application is called: 申请, 政府信息公开申请, 依申请公开（事项）, 申请信息公开 …
_APPLICATION = (
    r"(?:依申请公开(?:政府信息)?(?:事项|申请)?|申请(?:公开)?(?:政府信息|信息)?(?:公开)?(?:事项)?)"
)
_AMOUNT = r"(?:共计|总计|合计|共)?(?:为)?"
LEGAL_PERSON = "法人或其他组织"  # the five legal-person columns together

# An applicant type named in a statement: its column of table 三 (法人或其他组织: the five).
_APPLICANTS = (
    (re.compile(r"自然人|个人|公民"), NATURAL_PERSON),
    (re.compile(r"法人(?:或|和|及)?其他组织|法人"), LEGAL_PERSON),
    (re.compile(r"商业企业|企业"), "商业企业"),
    (re.compile(r"科研机构"), "科研机构"),
    (re.compile(r"社会公益组织"), "社会公益组织"),
    (re.compile(r"法律服务机构|律师事务所|律师"), "法律服务机构"),
)
# a statement about reconsideration, litigation or petitions is not one about applications
_NOT_APPLICATIONS = re.compile(r"复议|诉讼|投诉|举报|信访|咨询|留言|问政")


def _rows(tables: Tables) -> Mapping[str, Mapping[str, Any]]:
    rows: Mapping[str, Mapping[str, Any]] = tables.get("applications", {}).get("rows", {})
    return rows


def _cell(tables: Tables, row: str, column: str = TOTAL) -> int:
    if column == LEGAL_PERSON:
        return sum(_cell(tables, row, c) for c in LEGAL_PERSON_COLUMNS)
    return int(effective_value(_rows(tables), row, column))


def _group(tables: Tables, prefix: str) -> list[tuple[str, int]]:
    rows = _rows(tables)
    return [(row, int(effective_value(rows, row, TOTAL))) for row in rows if row.startswith(prefix)]


def _review(tables: Tables, group: str, cell: str = TOTAL) -> int:
    return int(tables.get("review_litigation", {}).get(group, {}).get(cell) or 0)


Readings = Callable[[Tables, str], list[tuple[str, int]]]


def _no_readings(tables: Tables, column: str) -> list[tuple[str, int]]:
    return []


@dataclass(frozen=True)
class Pattern:
    key: str
    label: str
    regex: re.Pattern[str]
    value: Callable[[Tables, str], int]  # the figure the statement states, for a column
    parts: Callable[[Tables], list[tuple[str, int]]] = lambda tables: []
    # the figures another reading of the statement would state: (what it would mean, figure)
    readings: Readings = _no_readings
    by_applicant: bool = False  # an applicant type named in the statement picks the column
    about_applications: bool = False  # not a statement about reconsideration or suits
    table: str = "三"  # the table the figure is in


def _sum(prefix: str) -> Callable[[Tables, str], int]:
    return lambda tables, column: sum(v for _, v in _group(tables, prefix))


def _new_and_carried(tables: Tables, column: str) -> list[tuple[str, int]]:
    both = _cell(tables, ROW_NEW, column) + _cell(tables, ROW_CARRIED_IN, column)
    return [("本年新收加上年结转", both)]


def _lawsuits(tables: Tables, column: str) -> int:
    return _review(tables, LITIGATION_DIRECT) + _review(tables, LITIGATION_AFTER_REVIEW)


def _lawsuit_readings(tables: Tables, column: str) -> list[tuple[str, int]]:
    return [
        ("未经复议直接起诉", _review(tables, LITIGATION_DIRECT)),
        ("复议后起诉", _review(tables, LITIGATION_AFTER_REVIEW)),
    ]


PATTERNS: tuple[Pattern, ...] = (
    Pattern(
        "received",
        "本年新收申请",
        re.compile(
            rf"(?:新收|收到|受理|接收)(?:到)?{_GAP}{_APPLICATION}{_AMOUNT}{_N}"
            rf"|(?:新收|收到|受理|接收)(?:到)?了?(?:各类)?{_N}(?:政府信息公开|依申请公开)?申请"
        ),
        lambda t, column: _cell(t, ROW_NEW, column),
        readings=_new_and_carried,
        by_applicant=True,
        about_applications=True,
    ),
    Pattern(
        "carried_in",
        "上年结转",
        re.compile(rf"上一?年度?结转{_GAP}{_N}"),
        lambda t, column: _cell(t, ROW_CARRIED_IN, column),
        by_applicant=True,
    ),
    Pattern(
        "concluded",
        "办理结果总计",
        re.compile(
            rf"(?<![期限])(?:办结|答复|办理)了?[^，。；、\d]{{0,10}}?"
            rf"(?:依申请公开(?:事项|申请)?|公开申请|申请|事项){_AMOUNT}{_N}"
        ),
        lambda t, column: _cell(t, ROW_RESULTS_TOTAL, column),
        by_applicant=True,
        about_applications=True,
    ),
    Pattern(
        "disclosed_and_partial",
        "予以公开及部分公开",
        re.compile(rf"予以公开(?:及|和|与)部分公开(?:的)?(?:共)?{_N}"),
        lambda t, column: _cell(t, "（一）予以公开") + _sum("（二）部分公开")(t, column),
    ),
    Pattern(
        "disclosed",
        "予以公开",
        re.compile(rf"予以公开(?!及|和|与)(?:的)?(?:共)?{_N}"),
        lambda t, column: _cell(t, "（一）予以公开"),
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
        "other",
        "其他处理",
        re.compile(rf"其他处理(?:的)?(?:共)?{_N}"),
        _sum("（六）其他处理"),
    ),
    Pattern(
        "carried_out",
        "结转下年度",
        re.compile(
            rf"(?:结转(?:至|到)?下一?年度|顺延(?:至|到)下一?年度){_GAP}{_N}"
            rf"|{_N}(?:申请)?{_GAP}(?:结转|顺延)(?:至|到)?下一?年度"
        ),
        lambda t, column: _cell(t, ROW_CARRIED_OUT, column),
        by_applicant=True,
    ),
    Pattern(
        "reviews",
        "行政复议",
        re.compile(rf"(?<!经)行政复议(?:案件|申请)?(?:共)?{_N}"),
        lambda t, column: _review(t, "行政复议"),
        table="四",
    ),
    Pattern(
        "lawsuits",
        "行政诉讼",
        re.compile(rf"行政诉讼(?:案件)?(?:共)?{_N}"),
        _lawsuits,
        readings=_lawsuit_readings,
        table="四",
    ),
)

# "其中自然人申请19件，法人或其他组织3件", "涉及自然人80件、商业企业1件": counts of one applicant
# type, in a sentence about applications received.
_BY_APPLICANT = re.compile(
    r"(自然人|法人(?:或|和|及)其他组织|商业企业|科研机构|社会公益组织|法律服务机构)"
    rf"(?:提出的?|提交的?|的)?(?:政府信息公开)?(?:申请)?(?:共)?{_N}"
)
_RECEIVED = re.compile(r"新收|收到|受理|接收")
_RESULT_WORDS = re.compile(
    r"予以公开|部分公开|不予公开|无法提供|不予处理|其他处理|办结|答复|结转|复议|诉讼"
)
_ALL_UPHELD = re.compile(r"(?:均|全部)(?:获|被)?(?:维持|胜诉)")


def _number(match: re.Match[str]) -> int:
    return int(next(g for g in match.groups() if g is not None))


def _column(text: str) -> str:
    """The column of table 三 a statement's own words pick: an applicant type, else 总计."""
    for regex, column in _APPLICANTS:
        if regex.search(text):
            return column
    return TOTAL


def _shown(column: str) -> str:
    return "" if column == TOTAL else f"（{column}）"


def _finding(
    pattern: Pattern,
    where: str,
    stated: str,
    column: str,
    claimed: int,
    tables: Tables,
) -> Finding | None:
    actual = pattern.value(tables, column)
    if claimed == actual:
        return None
    label = pattern.label + _shown(column)
    parts = [row for row, value in pattern.parts(tables) if value == claimed]
    others = [(name, value) for name, value in pattern.readings(tables, column) if value == claimed]
    if others:
        name = others[0][0]
        return Finding(
            f"prose.{pattern.key}",
            where,
            stated,
            label,
            actual,
            claimed,
            WARNING,
            f"{where}称“{stated}”，所指范围不明：若指{label}，表{pattern.table}中为 {actual}，"
            f"不符；若指{name}，为 {claimed}，相符",
        )
    detail = f"；与“{parts[0]}”一项相同" if parts else ""
    return Finding(
        f"prose.{pattern.key}",
        where,
        stated,
        label,
        actual,
        claimed,
        WARNING if parts else ERROR,
        f"{where}称“{stated}”，表格中{label}为 {actual}{detail}",
    )


def check_prose(
    text: str,
    tables: Tables,
    *,
    where: str = "正文",
    tables_read: frozenset[str] = frozenset({"三", "四"}),
) -> list[Finding]:
    """The figures of ``text`` against ``tables``; only against the tables in ``tables_read``
    (a table not read states nothing, so a figure about it is not checked)."""
    findings: list[Finding] = []
    spans: list[tuple[int, int]] = []
    for pattern in PATTERNS:
        if pattern.table not in tables_read:
            continue
        for match in pattern.regex.finditer(text):
            stated = match.group(0)
            if pattern.about_applications and _NOT_APPLICATIONS.search(stated):
                continue
            column = _column(stated) if pattern.by_applicant else TOTAL
            if pattern.key == "received":
                spans.append(match.span())
            finding = _finding(pattern, where, stated, column, _number(match), tables)
            if finding is not None:
                findings.append(finding)
    if "三" in tables_read:
        findings += _by_applicant(text, tables, where, spans)
    for match in _ALL_UPHELD.finditer(text) if "四" in tables_read else ():
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


_RECEIVED_BY = Pattern(
    "received",
    "本年新收申请",
    _BY_APPLICANT,
    lambda t, column: _cell(t, ROW_NEW, column),
    readings=_new_and_carried,
)


def _by_applicant(
    text: str, tables: Tables, where: str, taken: list[tuple[int, int]]
) -> list[Finding]:
    """Counts of one applicant type after a statement of applications received, in the same
    sentence and with no result named in between ("收到申请81件，涉及自然人80件、商业企业1件")."""
    findings: list[Finding] = []
    for match in _BY_APPLICANT.finditer(text):
        if any(start <= match.start() < end for start, end in taken):
            continue  # part of a statement already checked ("收到自然人申请19件")
        sentence_start = max(text.rfind(mark, 0, match.start()) for mark in "。；;\n") + 1
        before = text[sentence_start : match.start()]
        received = list(_RECEIVED.finditer(before))
        if not received or _RESULT_WORDS.search(before[received[-1].end() :]):
            continue
        column = match.group(1)
        column = LEGAL_PERSON if column.startswith("法人") else column
        if column not in (*APPLICANT_COLUMNS, LEGAL_PERSON):
            continue
        claimed = int(match.group(2))
        finding = _finding(_RECEIVED_BY, where, match.group(0), column, claimed, tables)
        if finding is not None:
            findings.append(finding)
    return findings
