"""The real reports of tests/fixtures/reports (issue 14): each reads exactly as its JSON says,
the errors real reports carry are found, and what cannot be read is said to be not read, never
wrong. See tests/fixtures/reports/README.md for the sources."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command

from gongkai.reports import checker
from gongkai.reports.identities import ERROR, WARNING
from gongkai.reports.prose import check_prose
from tests.reports.test_check_report_ocr import require_tesseract

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "reports"
REPORTS = sorted(p.name for p in FIXTURES.glob("*.txt"))
FULL = sorted(p.name for p in FIXTURES.glob("*-cells.txt"))
# Reports laid out as agencies publish them (split tables, WPS, text boxes, a scan), each read to
# its exact numbers and found consistent by tests/reports/test_check_report_layouts.py and _ocr.py.
LAYOUTS = sorted(p.name for p in FIXTURES.iterdir() if p.suffix in (".docx", ".pdf"))


def sidecar(name: str) -> dict:
    stem = name.removesuffix(".txt").removesuffix("-cells")
    data: dict = json.loads((FIXTURES / f"{stem}.json").read_text(encoding="utf-8"))
    return data


def expected(name: str) -> dict:
    expect: dict = sidecar(name)["expect"]
    return expect.get(name, expect)


def check(name: str, previous: str | None = None) -> checker.Result:
    return checker.check_file(FIXTURES / name, FIXTURES / previous if previous else None)


def test_there_are_real_reports_of_several_kinds():
    kinds = {sidecar(name)["kind"].split(" (")[0] for name in REPORTS}
    assert len({name.split("-cells")[0] for name in REPORTS}) >= 9
    assert {"township government", "province department", "county-level department"} <= kinds
    for name in REPORTS:
        data = sidecar(name)
        assert data["source"].startswith("http")
        assert data["year"] in (2020, 2021, 2022, 2023, 2024)


@pytest.mark.parametrize("name", REPORTS)
def test_every_report_gets_the_verdict_its_json_expects(name):
    result = check(name)
    expect = expected(name)
    assert result.verdict == expect["verdict"], [f.message for f in result.findings]
    if "missing" in expect:
        assert result.missing == expect["missing"]
    errors = [
        [f.check, f.column, f.expected, f.found] for f in result.findings if f.severity == ERROR
    ]
    assert errors == expect.get("errors", [])


@pytest.mark.parametrize("name", FULL)
def test_a_report_printed_one_cell_per_line_reads_exactly(name):
    result = check(name)
    data = sidecar(name)
    assert result.parsed is not None
    assert result.parsed.rows == data["applications"]["rows"]
    assert result.parsed.review == data["review_litigation"]
    assert result.parsed.proactive == data["proactive"]
    assert result.parsed.year == data["year"]
    assert result.parsed.format.value == data["format"]
    assert result.parsed.agency == data["agency"]
    warnings = [
        [f.check, f.column, f.expected, f.found]
        for f in result.findings
        if f.severity == WARNING and f.check.startswith("prose.")
    ]
    assert warnings == expected(name)["warnings"]


@pytest.mark.parametrize("name", [n for n in REPORTS if "-head" in n])
def test_what_a_page_head_holds_reads_exactly(name):
    result = check(name)
    data = sidecar(name)
    if result.parsed is None:  # no table in the text got
        assert data["proactive"] == {}
        return
    assert result.parsed.proactive == data["proactive"]
    assert result.parsed.rows == data["applications"]["rows"]
    assert result.parsed.review == {}


GLUED = sorted(set(REPORTS) - set(FULL) - {n for n in REPORTS if "-head" in n})


@pytest.mark.parametrize("name", GLUED)
def test_a_page_text_whose_cells_run_together_is_not_read_and_says_why(name):
    result = check(name)
    assert result.errors == 0
    assert result.verdict == checker.INCOMPLETE
    assert result.missing[0].startswith("表格各单元格的文字连在一起（如“")
    assert result.missing[0].endswith(
        "数与数之间没有分隔，无法分开：请使用原网页（HTML）、PDF 或 DOCX"
    )


def test_the_2020_report_does_not_add_up_where_it_says():
    result = check("10-pingtan-2020-cells.txt")
    [natural, total] = [f for f in result.findings if f.severity == ERROR]
    assert natural.message == "“自然人”列：（七）总计应为各项办理结果之和 26，实为 20"
    assert total.message == "“总计”列：（七）总计应为各项办理结果之和 27，实为 21"


def test_the_2022_report_counts_the_carried_over_application_in_its_prose():
    result = check("11-pingtan-2022-cells.txt")
    messages = [f.message for f in result.findings if f.check == "prose.received"]
    assert messages == [
        "正文称“收到政府信息公开申请75件”，所指范围不明：若指本年新收申请，表三中为 74，不符；"
        "若指本年新收加上年结转，为 75，相符",
        "正文称“自然人72件”，所指范围不明：若指本年新收申请（自然人），表三中为 71，不符；"
        "若指本年新收加上年结转，为 72，相符",
    ]


@pytest.mark.parametrize(
    ("name", "previous"),
    [("12-pingtan-2023", "11-pingtan-2022"), ("13-pingtan-2024", "12-pingtan-2023")],
)
def test_consecutive_years_agree_on_the_carry_over(name, previous):
    result = check(f"{name}-cells.txt", f"{previous}-cells.txt")
    assert result.verdict == checker.CONSISTENT
    assert not [f for f in result.findings if f.check.startswith("cross_year")]


def test_a_previous_year_whose_cells_run_together_leaves_the_carry_over_unchecked():
    result = check("12-pingtan-2023-cells.txt", "11-pingtan-2022.txt")
    [unchecked] = [f for f in result.findings if f.check == "cross_year.unchecked"]
    assert unchecked.message == (
        "未能核对上年结转：上一年度报告表三“四、结转下年度继续办理”一行未能读取"
    )
    assert result.verdict == checker.INCOMPLETE


@pytest.mark.slow
def test_the_folder_of_real_reports_is_summed_up_by_verdict(tmp_path):
    require_tesseract()  # the folder holds a scan
    out = io.StringIO()
    with pytest.raises(SystemExit) as exit_status:
        call_command("check_report", str(FIXTURES), stdout=out)
    assert exit_status.value.code == 1  # the 2020 report has errors
    counts = dict.fromkeys(("一致", "有错误", "无法完整读取"), 0)
    for name in REPORTS:
        counts[checker.VERDICT_LABEL[expected(name)["verdict"]]] += 1
    counts["一致"] += len(LAYOUTS)
    assert (
        out.getvalue()
        .rstrip()
        .endswith(
            f"共检查 {len(REPORTS) + len(LAYOUTS)} 份：{counts['一致']} 份一致，"
            f"{counts['有错误']} 份有错误，"
            f"{counts['无法完整读取']} 份无法完整读取。"
        )
    )


def test_the_province_departments_figures_in_xiang_are_read():
    """The 山西省交通运输厅 2021 head states "共收到依申请公开16项，办理15项，结转下年度继续办理
    1项"; the text got ends before its tables, so the figures are checked against tables that
    state them."""
    [sentence] = [p["text"] for p in sidecar("18-shanxi-jtyst-2021-head.txt")["prose"]]
    rows = {
        "一、本年新收政府信息公开申请数量": {"总计": 16},
        "（七）总计": {"总计": 15},
        "四、结转下年度继续办理": {"总计": 1},
    }
    assert check_prose(sentence, {"applications": {"rows": rows}}) == []
    rows["四、结转下年度继续办理"]["总计"] = 2
    [finding] = check_prose(sentence, {"applications": {"rows": rows}})
    assert (finding.check, finding.expected, finding.found) == ("prose.carried_out", 2, 1)


@pytest.mark.django_db
@pytest.mark.slow
def test_the_staff_page_shows_the_verdicts_of_real_copies(clerk_a):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    from tests.conftest import login

    names = ["10-pingtan-2020-cells.txt", "11-pingtan-2022-cells.txt", "12-pingtan-2023.txt"]
    files = [SimpleUploadedFile(n, (FIXTURES / n).read_bytes()) for n in names]
    response = login(clerk_a).post(reverse("staff:report_check"), {"reports": files})
    assert response.status_code == 200
    verdicts = [r["result"].verdict for r in response.context["results"]]
    assert verdicts == ["errors", "consistent", "incomplete"]
    page = response.content.decode()
    assert "共检查 3 份：1 份一致，1 份有错误，1 份无法完整读取。" in page
    assert "表格各单元格的文字连在一起" in page
    assert "所指范围不明" in page
