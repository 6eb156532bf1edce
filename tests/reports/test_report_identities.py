"""The format's arithmetic and the prose check, on real published reports and on generated
tables. Pure: no database."""

from __future__ import annotations

import copy
import json
import os
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gongkai import report_format as fmt
from gongkai.report_format import FormatVersion
from gongkai.reports.identities import ERROR, WARNING, check_carry_over, check_report
from gongkai.reports.prose import check_prose

# The shared material sits beside the repository (../shared); GONGKAI_SHARED points elsewhere.
SHARED = Path(os.environ.get("GONGKAI_SHARED", Path(__file__).resolve().parents[3] / "shared"))
FIXTURES = SHARED / "fixtures" / "reports"


def fixture(name: str) -> dict:
    return json.loads((FIXTURES / f"{name}.json").read_text(encoding="utf-8"))


def prose_of(name: str) -> str:
    text = (FIXTURES / f"{name}.txt").read_text(encoding="utf-8")
    return text.split("二、主动公开政府信息情况")[0] + text.split("五、")[-1]


def test_the_shanghai_2019_report_adds_up_but_leaves_totals_blank():
    findings = check_report(fixture("01-shanghai-govoffice-2019"))
    assert [f for f in findings if f.severity == ERROR] == []
    blank = [f for f in findings if f.check == "table3.blank_total"]
    assert len(blank) == 11
    assert all(f.severity == WARNING for f in blank)


def test_the_shanghai_2019_prose_contradicts_its_tables():
    findings = check_prose(
        prose_of("01-shanghai-govoffice-2019"), fixture("01-shanghai-govoffice-2019")
    )
    errors = {(f.check, f.found, f.expected) for f in findings if f.severity == ERROR}
    assert ("prose.disclosed_and_partial", 258, 275) in errors
    assert any(check == "prose.all_upheld" for check, _, _ in errors)


@pytest.mark.parametrize("name", ["02-shuyang-fgj-2023", "09-huaian-city-2024"])
def test_consistent_reports_have_no_errors(name):
    report = fixture(name)
    findings = check_report(report)
    assert [f for f in findings if f.severity == ERROR] == []
    if (FIXTURES / f"{name}.txt").exists():
        assert [f for f in check_prose(prose_of(name), report) if f.severity == ERROR] == []


def test_the_missing_carry_over_total_of_03_is_reported():
    findings = check_report(fixture("03-shanghai-stcsm-2024"))
    assert [f for f in findings if f.severity == ERROR] == []
    assert [(f.check, f.row) for f in findings] == [("table3.blank_total", fmt.ROW_CARRIED_OUT)]


def test_a_broken_total_a_broken_balance_and_a_broken_table_4_are_errors():
    report = copy.deepcopy(fixture("02-shuyang-fgj-2023"))
    rows = report["applications"]["rows"]
    rows["（一）予以公开"]["自然人"] = 25  # one fewer: the row and the results no longer add up
    rows[fmt.ROW_NEW]["自然人"] = 27  # and the column does not balance
    report["review_litigation"]["行政复议"]["总计"] = 0  # parts 1, total 0 (as in 07)
    checks = {f.check for f in check_report(report) if f.severity == ERROR}
    assert {
        "table3.column_balance",
        "table3.results_total",
        "table3.row_total",
        "table4.group_total",
    } <= checks


def test_a_cell_that_is_not_a_count_is_an_error():
    report = copy.deepcopy(fixture("02-shuyang-fgj-2023"))
    report["applications"]["rows"][fmt.ROW_NEW]["自然人"] = -1
    assert any(f.check == "table3.not_a_count" for f in check_report(report))


def test_a_missing_row_is_an_error():
    report = copy.deepcopy(fixture("02-shuyang-fgj-2023"))
    del report["applications"]["rows"]["（七）总计"]
    assert [f.check for f in check_report(report)] == ["table3.missing_row"]


def test_carry_over_between_years():
    before = fixture("02-shuyang-fgj-2023")["applications"]["rows"]
    after = copy.deepcopy(before)
    after[fmt.ROW_CARRIED_IN] = dict(before[fmt.ROW_CARRIED_OUT])
    assert check_carry_over(after, before) == []
    after[fmt.ROW_CARRIED_IN]["自然人"] = 5
    assert [f.column for f in check_carry_over(after, before)] == ["自然人"]


def test_prose_that_agrees_raises_nothing_and_a_sub_row_figure_is_a_warning():
    report = fixture("01-shanghai-govoffice-2019")
    assert check_prose("共受理政府信息公开申请859件，答复政府信息公开申请805件。", report) == []
    [finding] = check_prose("因本机关不掌握等原因无法提供265件", report)
    assert finding.severity == WARNING


counts = st.integers(min_value=0, max_value=500)


@given(st.sampled_from(list(FormatVersion)), st.data())
def test_tables_built_to_balance_always_pass(version, data):
    """Any table filled so that the format's arithmetic holds passes every identity."""
    rows = fmt.empty_table3(version)
    results = fmt.result_labels(version)
    for column in fmt.APPLICANT_COLUMNS:
        for row in results:
            rows[row][column] = data.draw(counts)
        concluded = sum(rows[row][column] for row in results)
        carried_out = data.draw(counts)
        carried_in = data.draw(st.integers(0, concluded + carried_out))
        rows[fmt.ROW_CARRIED_IN][column] = carried_in
        rows[fmt.ROW_NEW][column] = concluded + carried_out - carried_in
        rows[fmt.ROW_RESULTS_TOTAL][column] = concluded
        rows[fmt.ROW_CARRIED_OUT][column] = carried_out
    for cells in rows.values():
        cells[fmt.TOTAL] = sum(cells[c] for c in fmt.APPLICANT_COLUMNS)
    four = fmt.empty_table4()
    for cells in four.values():
        for cell in fmt.TABLE4_CELLS[:-1]:
            cells[cell] = data.draw(counts)
        cells[fmt.TOTAL] = sum(cells[c] for c in fmt.TABLE4_CELLS[:-1])
    report = {"format": version.value, "applications": {"rows": rows}, "review_litigation": four}
    assert check_report(report) == []


def test_one_changed_cell_is_named_where_its_row_and_column_cross():
    report = copy.deepcopy(fixture("02-shuyang-fgj-2023"))
    report["applications"]["rows"]["（一）予以公开"]["自然人"] = 25  # was 26
    [finding] = check_report(report)
    assert (finding.check, finding.row, finding.column) == (
        "table3.cell",
        "（一）予以公开",
        "自然人",
    )
    assert (finding.severity, finding.expected, finding.found) == (ERROR, 26, 25)
    assert finding.message == (
        "表三“（一）予以公开”行“自然人”列很可能有误：该行各类申请人之和与总计不符，"
        "该列的勾稽关系也不符，两处交于此格；此格若为 26，行与列都相符"
    )


def test_two_changed_cells_are_not_taken_for_one():
    report = copy.deepcopy(fixture("02-shuyang-fgj-2023"))
    rows = report["applications"]["rows"]
    rows["（一）予以公开"]["自然人"] = 25
    rows[fmt.ROW_NEW]["总计"] = 30
    checks = sorted(f.check for f in check_report(report))
    assert "table3.cell" not in checks
    assert checks.count("table3.row_total") == 2


@given(st.sampled_from(list(FormatVersion)), st.data())
def test_any_one_wrong_cell_of_table_3_is_named_with_the_value_that_mends_it(version, data):
    rows = fmt.empty_table3(version)
    results = fmt.result_labels(version)
    for column in fmt.APPLICANT_COLUMNS:
        for row in results:
            rows[row][column] = data.draw(counts)
        concluded = sum(rows[row][column] for row in results)
        carried_out = data.draw(counts)
        carried_in = data.draw(st.integers(0, concluded + carried_out))
        rows[fmt.ROW_CARRIED_IN][column] = carried_in
        rows[fmt.ROW_NEW][column] = concluded + carried_out - carried_in
        rows[fmt.ROW_RESULTS_TOTAL][column] = concluded
        rows[fmt.ROW_CARRIED_OUT][column] = carried_out
    for cells in rows.values():
        cells[fmt.TOTAL] = sum(cells[c] for c in fmt.APPLICANT_COLUMNS)
    row = data.draw(st.sampled_from(list(rows)))
    column = data.draw(st.sampled_from(fmt.COLUMNS))
    right = rows[row][column]
    rows[row][column] = right + data.draw(st.integers(1, 50))
    report = {"format": version.value, "applications": {"rows": rows}, "review_litigation": {}}
    found = [f for f in check_report(report) if f.table == "三"]
    assert [(f.check, f.row, f.column, f.expected, f.found) for f in found] == [
        ("table3.cell", row, column, right, rows[row][column])
    ]
