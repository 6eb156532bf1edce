"""Reports as they are really published and copied: a page copied as text puts every table
cell, and every span of a sentence, on a line of its own (with or without the pipes of the page's
cell borders). Such a report reads as the same report printed in rows; where a blank cell left
no trace, the row is said to be not read, never guessed and never an error."""

from __future__ import annotations

import copy
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongkai import report_format as fmt
from gongkai.reports import checker, parsing, reading
from gongkai.reports.identities import ERROR, UNREAD, WARNING
from gongkai.reports.reading import Line
from tests.reports.test_check_report import as_text, reports, sample_report

# --- the three ways a table is seen copied one cell per line ------------------------------------
STYLES = ("pipe-ended", "pipe-line", "plain")


def spans(line: str) -> list[str]:
    """A sentence as a page's spans copied one per line: each figure on a line of its own."""
    return [part for part in re.split(r"(\d+)", line) if part]


def cell_per_line(text: str, style: str, *, prose_spans: bool = False) -> str:
    """The text form of a report (rows with cells separated by " | ") with every cell on a line
    of its own: "pipe-ended" (``规章 |``, a lone ``|`` for a blank cell), "pipe-line" (the cell,
    then ``|`` on the next line) or "plain" (the cell alone; a blank cell leaves nothing)."""
    out: list[str] = []
    for line in text.splitlines():
        if "|" not in line:
            out += spans(line) if prose_spans else [line]
            continue
        cells = [c.strip() for c in line.split("|")]
        for cell in cells:
            if style == "pipe-ended":
                out.append(f"{cell} |" if cell else "|")
            elif style == "pipe-line":
                out += [cell, "|"] if cell else ["|"]
            elif cell:
                out.append(cell)
        if style != "plain":
            out.append("||")  # the end of a row: the positions merged cells cover
    return "\n".join(out)


def read(text: str) -> checker.Result:
    return checker.check_bytes(text.encode("utf-8"), "r.txt")


# --- units --------------------------------------------------------------------------------------
def test_pipe_ended_cells_are_read_one_cell_a_line_with_blank_cells_kept():
    lines = reading.text_lines("标题\n规章 |\n/ |\n|\n0 |\n||\n说明文字。")
    assert [line.cells for line in lines] == [
        ("标题",),
        ("规章",),
        ("/",),
        ("",),
        ("0",),
        ("",),
        ("",),
        ("说明文字。",),
    ]
    assert all(line.table for line in lines[1:-1])


def test_cells_followed_by_a_pipe_line_are_read_one_cell_a_line():
    lines = reading.text_lines("二、主动公开政府信息情况\n规章\n|\n0\n|\n|\n商业\n企业\n|\n完。")
    assert [line.cells for line in lines] == [
        ("二、主动公开政府信息情况",),  # a heading before the cells is not a cell
        ("规章",),
        ("0",),
        ("",),
        ("商业企业",),  # a cell's text over two lines is one cell
        ("完。",),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "行政复议 | 行政诉讼",  # a row of two cells
        "| 规章 | 0 | 0 | 0 |",  # a markdown row
        "一、本年新收政府信息公开申请数量 | 26 |  |  |  |  |  | 26",
        "第二十条第（一）项 |  |  |\n信息内容 | 本年制发件数 | 本年废止件数",  # one lone cell
    ],
)
def test_rows_with_pipes_are_not_taken_for_cells(text):
    lines = reading.text_lines(text)
    assert len(lines) == len(text.splitlines())
    assert all(len(line.cells) > 1 for line in lines)


def test_rejoin_puts_label_and_values_together_and_leaves_header_cells_out():
    cells = ["申请人情况", "自然人", "（三）不予公开", "1.属于国家秘密", *["0"] * 7]
    lines, origin = parsing.rejoin([Line((c,)) for c in cells])
    assert [line.cells for line in lines] == [
        ("申请人情况",),
        ("自然人",),
        ("（三）不予公开",),  # the group cell stays a line of its own
        ("1.属于国家秘密", "0", "0", "0", "0", "0", "0", "0"),
    ]
    assert origin == [0, 1, 2, 10]
    assert lines[3].loose  # plain lines: a blank cell would have left no trace
    marked, _ = parsing.rejoin([Line((c,), table=True) for c in ["规章", "", "0", "0"]])
    assert marked[0].cells == ("规章", "", "0", "0")
    assert not marked[0].loose


def test_rejoin_leaves_rows_and_labelled_lines_alone():
    lines = [
        Line(("规章", "0", "0", "0"), table=True),
        Line(("行政许可 97",)),
        Line(("0 0 0 0 0 0 7",)),
    ]
    out, origin = parsing.rejoin(lines)
    assert out[:2] == lines[:2]
    assert out[2] == Line(("", "0", "0", "0", "0", "0", "0", "7"), table=True, loose=True)
    assert origin == [0, 1, 2]


@pytest.mark.parametrize(
    ("lines", "joined"),
    [
        (
            ["本年度共收到政府信息公开申请", "302", "件，", "予以公开", "98", "件。"],
            "本年度共收到政府信息公开申请302件，予以公开98件。",
        ),
        (["（二）依申请公开", "全年收到申请", "9", "件。"], "（二）依申请公开\n全年收到申请9件。"),
        (["办结9件。", "另有2件结转。"], "办结9件。\n另有2件结转。"),
        (["联系电话：0527", "2023年共收到申请5件。"], "联系电话：0527\n2023年共收到申请5件。"),
        (["一、总体情况", "二、主动公开政府信息情况"], "一、总体情况\n二、主动公开政府信息情况"),
    ],
)
def test_spans_of_a_sentence_are_joined_but_headings_and_sentences_stay_apart(lines, joined):
    assert parsing.join_fragments(lines) == joined


# --- whole reports ------------------------------------------------------------------------------
@pytest.mark.parametrize("style", STYLES)
def test_a_report_printed_one_cell_per_line_reads_as_the_report_printed_in_rows(style):
    report = sample_report()
    report["applications"]["rows"]["（五）不予处理/2.重复申请"]["科研机构"] = 0  # no blank
    text = cell_per_line(as_text(report), style, prose_spans=True)
    result = read(text)
    assert result.verdict == checker.CONSISTENT, result.findings
    assert result.parsed is not None
    assert result.parsed.rows == report["applications"]["rows"]
    assert result.parsed.review == report["review_litigation"]
    assert result.parsed.proactive == report["proactive"]


def test_the_prose_of_a_report_printed_one_span_per_line_is_checked():
    report = sample_report()
    report["applications"]["rows"]["（五）不予处理/2.重复申请"]["科研机构"] = 0
    report["sections"][fmt.SECTION_TITLES[0]] = "本年度共收到政府信息公开申请302件，予以公开23件。"
    result = read(cell_per_line(as_text(report), "plain", prose_spans=True))
    errors = [(f.check, f.expected, f.found) for f in result.findings if f.severity == ERROR]
    assert errors == [("prose.received", 34, 302)]


def test_plain_cells_with_a_blank_among_them_leave_the_row_not_read_never_wrong():
    report = sample_report()  # one blank cell in （五）不予处理/2.重复申请
    result = read(cell_per_line(as_text(report), "plain"))
    assert result.errors == 0
    assert result.verdict == checker.INCOMPLETE
    [unread] = [f for f in result.findings if f.severity == UNREAD]
    assert unread.row == "（五）不予处理/2.重复申请"
    assert unread.message == (
        "表三“（五）不予处理/2.重复申请”一行只读到 6 个数，应为 7 个，各数所在的列无法确定"
    )
    # with the pipes, the blank cell is kept: the same report reads in full
    assert read(cell_per_line(as_text(report), "pipe-ended")).verdict == checker.CONSISTENT


def test_a_table_2_with_blank_cells_printed_plain_is_said_to_be_not_read():
    report = sample_report()
    report["proactive"]["第二十条第（一）项"]["规章"]["本年废止件数"] = None
    report["applications"]["rows"]["（五）不予处理/2.重复申请"]["科研机构"] = 0
    result = read(cell_per_line(as_text(report), "plain"))
    messages = [f.message for f in result.findings if f.severity == UNREAD]
    assert messages == ["表二“规章”一行读到 2 个数，应为 3 个，各数所在的列无法确定"]
    assert result.verdict == checker.INCOMPLETE


def test_a_table_2_that_is_not_there_is_said_to_be_missing():
    text = as_text(sample_report())
    start, end = text.index("第二十条第（一）项"), text.index("三、收到和处理")
    result = read(text[:start] + text[end:])
    assert "未能读取表二的数字" in result.missing


# --- property: any numbers, printed in rows or one cell per line, read the same ------------------
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(report=reports(), style=st.sampled_from(STYLES), spans_too=st.booleans())
@pytest.mark.slow
def test_any_report_one_cell_per_line_reads_as_in_rows(report, style, spans_too):
    in_rows = read(as_text(report))
    one_per_line = read(cell_per_line(as_text(report), style, prose_spans=spans_too))
    assert one_per_line.verdict == in_rows.verdict == checker.CONSISTENT
    assert in_rows.parsed is not None
    assert one_per_line.parsed is not None
    assert one_per_line.parsed.rows == in_rows.parsed.rows == report["applications"]["rows"]
    assert one_per_line.parsed.review == report["review_litigation"]
    assert one_per_line.parsed.proactive == report["proactive"]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(report=reports(), style=st.sampled_from(STYLES), data=st.data())
@pytest.mark.slow
def test_a_wrong_cell_one_cell_per_line_is_found_as_in_rows(report, style, data):
    wrong = copy.deepcopy(report)
    row = data.draw(st.sampled_from(list(wrong["applications"]["rows"])))
    column = data.draw(st.sampled_from(fmt.COLUMNS))
    wrong["applications"]["rows"][row][column] += data.draw(st.integers(1, 50))
    in_rows = read(as_text(wrong))
    one_per_line = read(cell_per_line(as_text(wrong), style))
    assert one_per_line.verdict == checker.ERRORS
    assert [f.as_dict() for f in one_per_line.findings if f.severity == ERROR] == [
        f.as_dict() for f in in_rows.findings if f.severity == ERROR
    ]


def test_the_errors_of_the_issue_are_found_in_a_report_copied_one_cell_per_line():
    """Issue 14: a report copied with every cell and every span on its own line, whose prose says
    办结 403 where the table has 109 and 行政诉讼 7 where it has 8, had both missed."""
    report = sample_report()
    rows = report["applications"]["rows"]
    rows["（五）不予处理/2.重复申请"]["科研机构"] = 0
    report["review_litigation"][fmt.LITIGATION_DIRECT].update({"结果维持": 8, "总计": 8})
    report["sections"][fmt.SECTION_TITLES[0]] = (
        "本年度共收到政府信息公开申请34件，依法按时办结依申请公开事项403件。"
        "因政府信息公开被提起行政诉讼7件。"
    )
    result = read(cell_per_line(as_text(report), "plain", prose_spans=True))
    found = [
        (f.check, f.severity, f.expected, f.found) for f in result.findings if f.table == "正文"
    ]
    assert found == [
        ("prose.concluded", ERROR, 33, 403),
        ("prose.lawsuits", ERROR, 8, 7),
    ]
    assert result.verdict == checker.ERRORS
    # with 7 suits without reconsideration and 1 after it, "行政诉讼7件" has two readings
    report["review_litigation"][fmt.LITIGATION_DIRECT].update({"结果维持": 7, "总计": 7})
    report["review_litigation"][fmt.LITIGATION_AFTER_REVIEW].update({"结果维持": 1, "总计": 1})
    result = read(cell_per_line(as_text(report), "plain", prose_spans=True))
    [lawsuits] = [f for f in result.findings if f.check == "prose.lawsuits"]
    assert lawsuits.severity == WARNING
    assert "若指行政诉讼，表四中为 8，不符；若指未经复议直接起诉，为 7，相符" in lawsuits.message
