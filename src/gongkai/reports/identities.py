"""The arithmetic the national format implies, checked on a report's tables. Pure.

Works on the JSON shape of a report (``applications.rows`` keyed by the exact row labels, each
keyed by the column labels; ``review_litigation``), where ``None`` is a blank cell. A blank is
counted as 0 in the sums and reported on its own (a note), since published reports leave zeros
blank; a blank 总计 is a warning.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass
from typing import Any

from gongkai.report_format import (
    APPLICANT_COLUMNS,
    COLUMNS,
    ROW_CARRIED_IN,
    ROW_CARRIED_OUT,
    ROW_NEW,
    ROW_RESULTS_TOTAL,
    TABLE4_CELLS,
    TABLE4_GROUPS,
    TOTAL,
    FormatVersion,
    result_labels,
)

ERROR, WARNING, NOTE = "error", "warning", "note"
# A part of a published report that could not be read (a table, a row, the year before): not a
# fault of the report, a limit of what the checker could see (verdict 无法完整读取).
UNREAD = "unread"


@dataclass(frozen=True)
class Finding:
    check: str
    table: str
    row: str
    column: str
    expected: float | int | None
    found: float | int | None
    severity: str
    message: str

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


Cells = Mapping[str, Mapping[str, Any]]


def _value(cells: Cells, row: str, column: str) -> int | float:
    """A cell's number; a blank is 0, except a blank 总计, which stands for the sum of its row
    (so that one blank total is reported once, not again in every sum it enters)."""
    value = cells.get(row, {}).get(column)
    if value is None and column == TOTAL:
        return sum(_value(cells, row, c) for c in APPLICANT_COLUMNS)
    if isinstance(value, bool) or not isinstance(value, int | float):
        return 0  # blank, or text reported on its own (not_a_count)
    return value


effective_value = _value


def _blank(cells: Cells, row: str, column: str) -> bool:
    return cells.get(row, {}).get(column) is None


def check_table3(rows: Cells, version: FormatVersion) -> list[Finding]:
    findings: list[Finding] = []
    results = result_labels(version)
    missing = [
        r
        for r in (ROW_NEW, ROW_CARRIED_IN, *results, ROW_RESULTS_TOTAL, ROW_CARRIED_OUT)
        if r not in rows
    ]
    for row in missing:
        findings.append(
            Finding("table3.missing_row", "三", row, "", None, None, ERROR, f"表三缺少“{row}”一行")
        )
    for row, cells in rows.items():
        for column in COLUMNS:
            value = cells.get(column)
            if value is not None and (
                not isinstance(value, int) or isinstance(value, bool) or value < 0
            ):
                findings.append(
                    Finding(
                        "table3.not_a_count",
                        "三",
                        row,
                        column,
                        None,
                        value,
                        ERROR,
                        f"表三“{row}”的“{column}”应为非负整数，实为“{value}”",
                    )
                )
    # with a row missing the column identities cannot be checked; each row read still adds up
    for column in COLUMNS if not missing else ():
        left = _value(rows, ROW_NEW, column) + _value(rows, ROW_CARRIED_IN, column)
        right = _value(rows, ROW_RESULTS_TOTAL, column) + _value(rows, ROW_CARRIED_OUT, column)
        if left != right:
            findings.append(
                Finding(
                    "table3.column_balance",
                    "三",
                    "一+二 / （七）+四",
                    column,
                    left,
                    right,
                    ERROR,
                    f"“{column}”列：本年新收加上年结转（{left}）应等于办理结果总计加结转下年度（{right}）",
                )
            )
        summed = sum(_value(rows, row, column) for row in results)
        total = _value(rows, ROW_RESULTS_TOTAL, column)
        if summed != total:
            findings.append(
                Finding(
                    "table3.results_total",
                    "三",
                    ROW_RESULTS_TOTAL,
                    column,
                    summed,
                    total,
                    ERROR,
                    f"“{column}”列：（七）总计应为各项办理结果之和 {summed}，实为 {total}",
                )
            )
    for row in rows:
        parts = sum(_value(rows, row, c) for c in APPLICANT_COLUMNS)
        total = rows[row].get(TOTAL) or 0
        if _blank(rows, row, TOTAL) and parts:
            findings.append(
                Finding(
                    "table3.blank_total",
                    "三",
                    row,
                    TOTAL,
                    parts,
                    None,
                    WARNING,
                    f"“{row}”的总计为空，各类申请人之和为 {parts}",
                )
            )
        elif parts != total:
            findings.append(
                Finding(
                    "table3.row_total",
                    "三",
                    row,
                    TOTAL,
                    parts,
                    total,
                    ERROR,
                    f"“{row}”：总计应为各类申请人之和 {parts}，实为 {total}",
                )
            )
    return _likely_cell(rows, version, findings)


def _likely_cell(rows: Cells, version: FormatVersion, findings: list[Finding]) -> list[Finding]:
    """One wrong cell breaks its row (总计 = the six applicants) and its column (the results
    add up to （七）, 一 + 二 = （七） + 四): when exactly one row and one column fail, the cell at
    their crossing is the likely culprit, and their findings become one that names it — with the
    value that would mend both, when one value does."""
    row_failures = [f for f in findings if f.check == "table3.row_total"]
    column_failures = [
        f for f in findings if f.check in ("table3.results_total", "table3.column_balance")
    ]
    if len(row_failures) != 1 or len({f.column for f in column_failures}) != 1:
        return findings
    row, column = row_failures[0].row, column_failures[0].column
    results = result_labels(version)
    value = _value(rows, row, column)
    if column == TOTAL:
        by_row = sum(_value(rows, row, c) for c in APPLICANT_COLUMNS)
    else:
        others = sum(_value(rows, row, c) for c in APPLICANT_COLUMNS if c != column)
        by_row = _value(rows, row, TOTAL) - others
    done = _value(rows, ROW_RESULTS_TOTAL, column)
    new, carried_in = _value(rows, ROW_NEW, column), _value(rows, ROW_CARRIED_IN, column)
    carried_out = _value(rows, ROW_CARRIED_OUT, column)
    by_column = {
        ROW_NEW: done + carried_out - carried_in,
        ROW_CARRIED_IN: done + carried_out - new,
        ROW_CARRIED_OUT: new + carried_in - done,
        ROW_RESULTS_TOTAL: sum(_value(rows, r, column) for r in results),
    }.get(row, done - sum(_value(rows, r, column) for r in results if r != row))
    mends = by_row if by_row == by_column else None
    where = f"表三“{row}”行“{column}”列"
    message = (
        f"{where}很可能有误：该行各类申请人之和与总计不符，该列的勾稽关系也不符，两处交于此格"
        + (f"；此格若为 {mends}，行与列都相符" if mends is not None else "")
    )
    kept = [f for f in findings if f not in row_failures and f not in column_failures]
    cell = Finding("table3.cell", "三", row, column, mends, value, ERROR, message)
    return [*kept, cell]


def check_table4(groups: Cells) -> list[Finding]:
    findings: list[Finding] = []
    for group in TABLE4_GROUPS:
        if group not in groups:
            findings.append(
                Finding(
                    "table4.missing_group", "四", group, "", None, None, ERROR, f"表四缺少“{group}”"
                )
            )
            continue
        for cell in TABLE4_CELLS:
            value = groups[group].get(cell)
            if value is not None and (
                not isinstance(value, int) or isinstance(value, bool) or value < 0
            ):
                findings.append(
                    Finding(
                        "table4.not_a_count",
                        "四",
                        group,
                        cell,
                        None,
                        value,
                        ERROR,
                        f"表四“{group}”的“{cell}”应为非负整数",
                    )
                )
        parts = sum(_value(groups, group, c) for c in TABLE4_CELLS[:-1])
        total = groups[group].get(TOTAL) or 0
        if _blank(groups, group, TOTAL) and parts:
            findings.append(
                Finding(
                    "table4.blank_total",
                    "四",
                    group,
                    TOTAL,
                    parts,
                    None,
                    WARNING,
                    f"表四“{group}”的总计为空，各项之和为 {parts}",
                )
            )
        elif parts != total:
            findings.append(
                Finding(
                    "table4.group_total",
                    "四",
                    group,
                    TOTAL,
                    parts,
                    total,
                    ERROR,
                    f"表四“{group}”：结果维持、纠正、其他、尚未审结之和为 {parts}，"
                    f"总计却为 {total}",
                )
            )
    return findings


def check_carry_over(rows: Cells, previous_rows: Cells, *, severity: str = ERROR) -> list[Finding]:
    """上年结转 of this year against 结转下年度 of the year before, column by column."""
    findings = []
    for column in COLUMNS:
        now = _value(rows, ROW_CARRIED_IN, column)
        before = _value(previous_rows, ROW_CARRIED_OUT, column)
        if now != before:
            findings.append(
                Finding(
                    "cross_year.carry_over",
                    "三",
                    ROW_CARRIED_IN,
                    column,
                    before,
                    now,
                    severity,
                    f"“{column}”列：上年结转 {now} 与上一年度报告的结转下年度 {before} 不一致",
                )
            )
    return findings


def check_report(
    report: Mapping[str, Any],
    *,
    previous: Mapping[str, Any] | None = None,
    carry_over_severity: str = ERROR,
) -> list[Finding]:
    version = FormatVersion(str(report.get("format", "2021")))
    rows = report.get("applications", {}).get("rows", {})
    findings = check_table3(rows, version)
    findings += check_table4(report.get("review_litigation", {}))
    if previous is not None:
        findings += check_carry_over(
            rows, previous.get("applications", {}).get("rows", {}), severity=carry_over_severity
        )
    return findings


def errors(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.severity == ERROR]
