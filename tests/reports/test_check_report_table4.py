"""Table 四 as reports print it: one row of 15 numbers (with or without a header word before
them), three small tables of five (行政复议 / 未经复议直接起诉 / 复议后起诉, each with its own
header), one row per group, or the two kinds of suit in one row of ten."""

from __future__ import annotations

import pytest

from gongkai import report_format as fmt
from gongkai.reports import checker, render
from gongkai.reports.identities import ERROR, UNREAD
from tests.reports.test_check_report import as_text, sample_report

# the numbers of 平潭综合实验区's 2024 report (see tests/fixtures/reports/)
REVIEW = [2, 1, 3, 1, 7]
DIRECT = [0, 0, 0, 0, 0]
AFTER = [13, 2, 4, 0, 19]
HEADER = " | ".join(fmt.TABLE4_CELLS)
TITLE = "四、政府信息公开行政复议、行政诉讼情况"


def report_with(table_4: str) -> str:
    """The sample report, its table 四 printed as given."""
    text = as_text(sample_report())
    start, end = text.index(TITLE), text.index("五、存在的主要问题")
    return text[:start] + TITLE + "\n" + table_4 + "\n" + text[end:]


def read(text: str, name: str = "r.txt") -> checker.Result:
    return checker.check_bytes(text.encode("utf-8"), name)


def row(numbers: list[int]) -> str:
    return " | ".join(str(n) for n in numbers)


EXPECTED = {
    group: dict(zip(fmt.TABLE4_CELLS, numbers, strict=True))
    for group, numbers in zip(fmt.TABLE4_GROUPS, (REVIEW, DIRECT, AFTER), strict=True)
}

SUB_TABLES = "\n".join(
    [
        "行政复议",
        HEADER,
        row(REVIEW),
        "行政诉讼（未经复议直接起诉）",
        HEADER,
        row(DIRECT),
        "行政诉讼（复议后起诉）",
        HEADER,
        row(AFTER),
    ]
)


@pytest.mark.parametrize(
    ("name", "table_4"),
    [
        ("a header word and the 15 numbers", "总计 " + " ".join(map(str, REVIEW + DIRECT + AFTER))),
        ("a header word and 15 cells", "结果维持 | " + row(REVIEW + DIRECT + AFTER)),
        ("three small tables", SUB_TABLES),
        (
            "one row per group",
            "\n".join(
                [
                    "类别 | " + HEADER,
                    "行政复议 | " + row(REVIEW),
                    "行政诉讼（未经复议直接起诉） | " + row(DIRECT),
                    "行政诉讼（复议后起诉） | " + row(AFTER),
                ]
            ),
        ),
        (
            "review, then both kinds of suit in a row of ten",
            "\n".join(["行政复议", HEADER, row(REVIEW), "行政诉讼", row(DIRECT + AFTER)]),
        ),
    ],
)
def test_table_4_is_read_however_it_is_printed(name, table_4):
    result = read(report_with(table_4))
    assert result.parsed is not None
    assert result.parsed.review == EXPECTED, name
    assert result.verdict == checker.CONSISTENT, [f.message for f in result.findings]


def test_three_small_tables_in_a_web_page_are_read():
    page = render.to_html_page(sample_report())
    start = page.index("<table", page.index(TITLE))
    end = page.index("</table>", start) + len("</table>")

    def table(group: str, numbers: list[int]) -> str:
        head = "".join(f"<th>{c}</th>" for c in fmt.TABLE4_CELLS)
        cells = "".join(f"<td>{n}</td>" for n in numbers)
        return (
            f'<table><tr><th colspan="5">{group}</th></tr><tr>{head}</tr><tr>{cells}</tr></table>'
        )

    three = (
        table("行政复议", REVIEW)
        + table("行政诉讼：未经复议直接起诉", DIRECT)
        + table("行政诉讼：复议后起诉", AFTER)
    )
    result = read(page[:start] + three + page[end:], "r.html")
    assert result.parsed is not None
    assert result.parsed.review == EXPECTED
    assert result.errors == 0


def test_a_small_table_that_does_not_add_up_is_found_in_its_group():
    wrong = SUB_TABLES.replace(row(AFTER), row([13, 2, 4, 0, 18]))
    result = read(report_with(wrong))
    errors = [(f.check, f.row, f.expected, f.found) for f in result.findings if f.severity == ERROR]
    assert errors == [("table4.group_total", fmt.LITIGATION_AFTER_REVIEW, 19, 18)]


def test_a_small_table_that_is_missing_is_not_read_the_others_are_checked():
    two = "\n".join(SUB_TABLES.splitlines()[:6])  # the suits after review are cut off
    result = read(report_with(two))
    assert result.parsed is not None
    assert list(result.parsed.review) == [fmt.REVIEW, fmt.LITIGATION_DIRECT]
    unread = [(f.check, f.row) for f in result.findings if f.severity == UNREAD]
    assert unread == [("table4.missing_group", fmt.LITIGATION_AFTER_REVIEW)]
    assert result.verdict == checker.INCOMPLETE
    assert result.missing == ["未能读取表四“行政诉讼/复议后起诉”的数字"]


def test_rows_of_five_without_a_group_named_are_not_guessed():
    result = read(report_with("\n".join([HEADER, row(REVIEW), HEADER, row(DIRECT)])))
    assert result.parsed is not None
    assert result.parsed.review == {}
    assert result.missing == ["未能读到表四的 15 个数"]
    assert result.errors == 0
