"""Three verdicts for a checked report — 一致, 有错误, 无法完整读取 (with what was missing) — in the
text output, the JSON, the folder summary and the exit status of ``gongkai check_report``. A
report that cannot be read, or that is read in part, is never counted as having errors."""

from __future__ import annotations

import json
import shutil

import pytest

from gongkai.reports import checker
from gongkai.reports.identities import ERROR, UNREAD
from tests.reports.test_check_report import FIXTURES, run

CONSISTENT_TEXT = (FIXTURES / "02-shuyang-fgj-2023.txt").read_text(encoding="utf-8")
TABLE_4 = CONSISTENT_TEXT[
    CONSISTENT_TEXT.index("四、政府信息公开行政复议") : CONSISTENT_TEXT.index("五、存在的主要问题")
]


def without_table_4() -> str:
    """The consistent report with its table 四 lost (its title and rows cut out)."""
    return CONSISTENT_TEXT.replace(TABLE_4, "")


def with_one_wrong_total(text: str) -> str:
    return text.replace(
        "一、本年新收政府信息公开申请数量 | 26 |  |  |  |  |  | 26",
        "一、本年新收政府信息公开申请数量 | 26 |  |  |  |  |  | 27",
    )


def test_a_report_read_in_full_that_adds_up_is_consistent():
    result = checker.check_file(FIXTURES / "02-shuyang-fgj-2023.txt")
    assert result.verdict == checker.CONSISTENT
    assert result.verdict_label == "一致"
    assert result.missing == []
    code, out, _ = run(str(FIXTURES / "02-shuyang-fgj-2023.txt"))
    assert code == 0
    assert "结论：一致" in out


def test_a_report_whose_table_4_is_lost_is_incomplete_not_wrong(tmp_path):
    path = tmp_path / "no-table-4.txt"
    path.write_text(without_table_4(), encoding="utf-8")
    result = checker.check_file(path)
    assert result.readable
    assert result.errors == 0
    assert result.verdict == checker.INCOMPLETE
    assert result.missing == ["未找到表四（行政复议、行政诉讼情况）"]
    assert [f.severity for f in result.findings if f.check == "read.table4"] == [UNREAD]
    code, out, _ = run(str(path))
    assert code == 3
    assert "结论：无法完整读取（未找到表四（行政复议、行政诉讼情况））" in out
    assert "[未能读取] 表四" in out
    data = json.loads(run(str(path), "--json")[1])[0]
    assert data["verdict"] == "incomplete"
    assert data["verdict_label"] == "无法完整读取"
    assert data["missing"] == ["未找到表四（行政复议、行政诉讼情况）"]
    assert data["errors"] == 0
    assert data["unread"] == 1


def test_an_error_wins_over_a_part_not_read_and_the_missing_part_is_still_named(tmp_path):
    path = tmp_path / "wrong-and-partial.txt"
    path.write_text(with_one_wrong_total(without_table_4()), encoding="utf-8")
    result = checker.check_file(path)
    assert result.verdict == checker.ERRORS
    assert result.missing == ["未找到表四（行政复议、行政诉讼情况）"]
    code, out, _ = run(str(path))
    assert code == 1
    assert "结论：有错误（另有未能读取的部分：未找到表四（行政复议、行政诉讼情况））" in out


def test_rows_of_table_3_not_read_are_named_and_the_rows_read_are_still_checked(tmp_path):
    text = CONSISTENT_TEXT.replace("（一）予以公开 | 26 |  |  |  |  |  | 26\n", "").replace(
        "二、上年结转政府信息公开申请数量 | 0 |  |  |  |  |  | 0",
        "二、上年结转政府信息公开申请数量 | 0 |  |  |  |  |  | 5",
    )
    assert text.count("\n") == CONSISTENT_TEXT.count("\n") - 1
    path = tmp_path / "row-lost.txt"
    path.write_text(text, encoding="utf-8")
    result = checker.check_file(path)
    unread = [f for f in result.findings if f.severity == UNREAD]
    assert [(f.check, f.row) for f in unread] == [("table3.missing_row", "（一）予以公开")]
    assert unread[0].message == "未能读取表三“（一）予以公开”一行"
    # the columns cannot be added up without the row, but each row read still adds up
    errors = [(f.check, f.row) for f in result.findings if f.severity == ERROR]
    assert errors == [("table3.row_total", "二、上年结转政府信息公开申请数量")]
    assert result.verdict == checker.ERRORS


def test_a_file_that_cannot_be_read_at_all_is_incomplete_with_the_readers_reason(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    result = checker.check_file(path)
    assert result.verdict == checker.INCOMPLETE
    assert result.missing == ["文件为空"]
    code, out, _ = run(str(path))
    assert code == 3
    assert "结论：无法完整读取（文件为空）" in out


@pytest.fixture
def folder(tmp_path):
    """One report of each verdict, and one unreadable: as in the issue, where a folder summary
    counted consistent-but-unread reports as wrong."""
    shutil.copy(FIXTURES / "02-shuyang-fgj-2023.txt", tmp_path / "a-consistent.txt")
    shutil.copy(FIXTURES / "07-hongze-district-2023.pdf", tmp_path / "b-wrong.pdf")
    (tmp_path / "c-partial.txt").write_text(without_table_4(), encoding="utf-8")
    (tmp_path / "d-empty.txt").write_bytes(b"   ")
    return tmp_path


@pytest.mark.slow
def test_the_folder_summary_counts_the_three_verdicts_apart(folder, tmp_path):
    code, out, _ = run(str(folder), "--output", str(tmp_path / "s.csv"))
    assert code == 1  # an error wins over the reports not read in full
    assert out.rstrip().endswith("共检查 4 份：1 份一致，1 份有错误，2 份无法完整读取。")
    rows = (tmp_path / "s.csv").read_text(encoding="utf-8-sig").splitlines()
    verdicts = {r.split(",")[0]: r.split(",")[7] for r in rows[1:]}
    assert verdicts == {
        "a-consistent.txt": "一致",
        "b-wrong.pdf": "有错误",
        "c-partial.txt": "无法完整读取",
        "d-empty.txt": "无法完整读取",
    }
    assert rows[-1].endswith("无法完整读取,文件为空")


def test_without_errors_a_batch_with_a_report_not_read_in_full_exits_3(folder):
    (folder / "b-wrong.pdf").unlink()
    code, out, _ = run(str(folder))
    assert code == 3
    assert "共检查 3 份：1 份一致，0 份有错误，2 份无法完整读取。" in out


def test_exit_status_errors_win_then_incomplete_then_consistent():
    def result(verdict: str) -> checker.Result:
        if verdict == "unreadable":
            return checker.Result("x", False, "文件为空")
        findings = []
        if verdict == "error":
            findings = [checker.Finding("c", "三", "", "", None, None, ERROR, "")]
        return checker.Result("x", True, findings=findings)

    assert checker.exit_status([result("ok"), result("ok")]) == 0
    assert checker.exit_status([result("ok"), result("unreadable")]) == 3
    assert checker.exit_status([result("unreadable"), result("error")]) == 1
    assert checker.exit_status([]) == 0


def test_previous_that_cannot_be_read_leaves_the_report_checked_and_says_so(tmp_path):
    bad = tmp_path / "2022.txt"
    bad.write_text("这不是年度报告。", encoding="utf-8")
    result = checker.check_file(FIXTURES / "02-shuyang-fgj-2023.txt", bad)
    assert result.readable
    assert result.parsed is not None
    assert len(result.parsed.rows) == 25
    [unchecked] = [f for f in result.findings if f.check == "cross_year.unchecked"]
    assert unchecked.severity == UNREAD
    assert unchecked.message.startswith("未能核对上年结转：上一年度报告 2022.txt 无法读取（")
    assert result.verdict == checker.INCOMPLETE
    code, out, _ = run(str(FIXTURES / "02-shuyang-fgj-2023.txt"), "--previous", str(bad))
    assert code == 3
    assert "未能核对上年结转" in out


def test_previous_given_with_a_report_that_cannot_be_read_says_the_carry_over_is_unchecked(
    tmp_path,
):
    scan = tmp_path / "2024.txt"
    scan.write_bytes(b"")
    code, out, _ = run(str(scan), "--previous", str(FIXTURES / "02-shuyang-fgj-2023.txt"))
    assert code == 3
    assert (
        "[未能读取] 表三 “二、上年结转政府信息公开申请数量”：未能核对上年结转：本报告无法读取"
        in out
    )


def test_previous_with_a_report_whose_carried_in_row_is_lost_says_so(tmp_path):
    text = CONSISTENT_TEXT.replace(
        "2023年政府信息公开年度报告", "2024年政府信息公开年度报告"
    ).replace("二、上年结转政府信息公开申请数量 | 0 |  |  |  |  |  | 0\n", "")
    path = tmp_path / "2024.txt"
    path.write_text(text, encoding="utf-8")
    result = checker.check_file(path, FIXTURES / "02-shuyang-fgj-2023.txt")
    messages = [f.message for f in result.findings if f.check == "cross_year.unchecked"]
    assert messages == [
        "未能核对上年结转：本报告表三“二、上年结转政府信息公开申请数量”一行未能读取"
    ]
    assert result.verdict == checker.INCOMPLETE


def test_the_verdict_and_what_was_missing_come_back_from_the_child(tmp_path):
    from gongkai.reports import sandbox

    path = tmp_path / "no-table-4.txt"
    path.write_text(without_table_4(), encoding="utf-8")
    child = sandbox.check_file(path)
    assert child.as_dict() == checker.check_file(path).as_dict()
    assert child.verdict == checker.INCOMPLETE
    bad = tmp_path / "2022.txt"
    bad.write_bytes(b"")
    child = sandbox.check_file(FIXTURES / "02-shuyang-fgj-2023.txt", bad)
    assert (
        child.as_dict() == checker.check_file(FIXTURES / "02-shuyang-fgj-2023.txt", bad).as_dict()
    )
    assert [f.check for f in child.findings if f.severity == UNREAD] == ["cross_year.unchecked"]


def test_the_prose_is_checked_against_the_tables_that_were_read():
    text = without_table_4().replace("共收到依申请信息公开26件", "共收到依申请信息公开29件")
    result = checker.check_bytes(text.encode("utf-8"), "r.txt")
    errors = [(f.check, f.expected, f.found) for f in result.findings if f.severity == ERROR]
    assert errors == [("prose.received", 26, 29)]  # table 三 was read, table 四 was not
    assert result.verdict == checker.ERRORS
    assert result.missing == ["未找到表四（行政复议、行政诉讼情况）"]
    # a figure about table 四 is not checked against a table 四 not read
    quiet = without_table_4().replace("一、总体情况", "一、总体情况\n本年度行政诉讼5件。", 1)
    result = checker.check_bytes(quiet.encode("utf-8"), "r.txt")
    assert not [f for f in result.findings if f.check == "prose.lawsuits"]
