"""``gongkai check_report``: reading published reports in every form agencies publish them,
checking them, and saying in Chinese what does not add up."""

from __future__ import annotations

import copy
import io
import json
import os
import zipfile
from pathlib import Path

import pytest
from django.core.management import call_command
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from gongkai import report_format as fmt
from gongkai.report_format import FormatVersion
from gongkai.reports import checker, parsing, reading, render
from gongkai.reports.identities import ERROR, WARNING
from tests.conftest import examples

SHARED = Path(os.environ.get("GONGKAI_SHARED", Path(__file__).resolve().parents[3] / "shared"))
FIXTURES = SHARED / "fixtures" / "reports"
REPORTS = sorted(
    p.name for p in FIXTURES.iterdir() if p.suffix in (".txt", ".pdf")
)  # every real report


def check(name: str, previous: str | None = None) -> checker.Result:
    return checker.check_file(FIXTURES / name, FIXTURES / previous if previous else None)


def errors(result: checker.Result) -> list:
    return [f for f in result.findings if f.severity == ERROR]


def run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("check_report", *args, stdout=out, stderr=err)
        code = 0
    except SystemExit as exc:
        code = int(exc.code or 0)
    return code, out.getvalue(), err.getvalue()


# --- the real reports ---------------------------------------------------------------------------
@pytest.mark.parametrize("name", REPORTS)
@pytest.mark.slow
def test_every_real_report_is_read_and_its_numbers_equal_the_json_beside_it(name):
    result = check(name)
    assert result.readable, result.error
    assert result.parsed is not None
    assert len(result.parsed.rows) in (23, 25)
    assert list(result.parsed.review) == list(fmt.TABLE4_GROUPS)
    beside = FIXTURES / (Path(name).stem + ".json")
    if beside.exists():
        expected = json.loads(beside.read_text(encoding="utf-8"))
        tables = result.parsed.tables()
        assert tables["applications"]["rows"] == expected["applications"]["rows"]
        assert tables["review_litigation"] == expected["review_litigation"]
        assert tables["proactive"] == expected["proactive"]
        assert result.parsed.year == expected["year"]
        assert result.parsed.format.value == expected["format"]


def test_the_table_4_of_hongze_2023_does_not_add_up():
    result = check("07-hongze-district-2023.pdf")
    found = {(f.check, f.row, f.expected, f.found) for f in errors(result)}
    assert found == {
        ("table4.group_total", "行政复议", 11, 0),
        ("table4.group_total", "行政诉讼/复议后起诉", 5, 0),
    }
    assert result.parsed is not None
    assert result.parsed.agency == "洪泽区人民政府"
    assert result.parsed.year == 2023


def test_shanghai_2019_leaves_totals_blank_and_its_prose_contradicts_the_table():
    result = check("01-shanghai-govoffice-2019.txt")
    blank = [f for f in result.findings if f.check == "table3.blank_total"]
    assert len(blank) == 11
    assert {f.column for f in blank} == {"总计"}
    assert {f.check for f in errors(result)} == {
        "prose.disclosed_and_partial",
        "prose.all_upheld",
    }
    partial = next(f for f in errors(result) if f.check == "prose.disclosed_and_partial")
    assert (partial.expected, partial.found) == (275, 258)


def test_the_missing_carry_over_total_of_03_is_found_through_ocr_noise():
    result = check("03-shanghai-stcsm-2024.txt")
    missing = [f for f in result.findings if f.check == "table3.blank_total"]
    assert [(f.row, f.column, f.expected, f.found) for f in missing] == [
        ("四、结转下年度继续办理", "总计", 1, None)
    ]
    assert any(f.check == "read.by_order" for f in result.findings)  # said, not hidden
    assert errors(result) == []


@pytest.mark.parametrize("name", ["02-shuyang-fgj-2023.txt", "08-hongze-district-2024.pdf"])
def test_the_consistent_reports_have_no_errors(name):
    result = check(name)
    assert result.readable
    assert errors(result) == []


@pytest.mark.slow
def test_hongze_2024_agrees_with_2023_on_the_carry_over():
    result = check("08-hongze-district-2024.pdf", previous="07-hongze-district-2023.pdf")
    assert errors(result) == []
    assert not [f for f in result.findings if f.check.startswith("cross_year")]


def test_a_carry_over_that_disagrees_with_last_year_is_an_error(tmp_path):
    before = (FIXTURES / "02-shuyang-fgj-2023.txt").read_text(encoding="utf-8")
    after = before.replace("2023年政府信息公开年度报告", "2024年政府信息公开年度报告").replace(
        "二、上年结转政府信息公开申请数量 | 0 |  |  |  |  |  | 0",
        "二、上年结转政府信息公开申请数量 | 3 |  |  |  |  |  | 3",
    )
    (tmp_path / "2023.txt").write_text(before, encoding="utf-8")
    (tmp_path / "2024.txt").write_text(after, encoding="utf-8")
    result = checker.check_file(tmp_path / "2024.txt", tmp_path / "2023.txt")
    carry = [f for f in result.findings if f.check == "cross_year.carry_over"]
    assert {(f.column, f.expected, f.found, f.severity) for f in carry} == {
        ("自然人", 0, 3, ERROR),
        ("总计", 0, 3, ERROR),
    }


# --- the command --------------------------------------------------------------------------------
def test_the_command_says_what_is_wrong_in_chinese_and_exits_1():
    code, out, _ = run(str(FIXTURES / "07-hongze-district-2023.pdf"))
    assert code == 1
    assert "[错误] 表四 “行政复议” “总计”" in out
    assert "结果维持、纠正、其他、尚未审结之和为 11，总计却为 0" in out


def test_the_command_exits_0_for_a_consistent_report_and_prints_json_with_tables():
    code, out, _ = run(str(FIXTURES / "02-shuyang-fgj-2023.txt"), "--json")
    assert code == 0
    data = json.loads(out)
    assert len(data) == 1
    assert set(data[0]) >= {"tables", "findings", "agency", "year", "format"}
    expected = json.loads((FIXTURES / "02-shuyang-fgj-2023.json").read_text(encoding="utf-8"))
    assert data[0]["tables"]["applications"] == expected["applications"]


def test_json_findings_say_where_what_was_expected_and_how_bad(tmp_path):
    code, out, _ = run(str(FIXTURES / "01-shanghai-govoffice-2019.txt"), "--json")
    assert code == 1
    finding = json.loads(out)[0]["findings"][0]
    assert set(finding) >= {"check", "table", "row", "column", "expected", "found", "severity"}
    assert finding["severity"] in ("error", "warning", "note")


@pytest.mark.slow
def test_a_folder_gives_one_csv_or_xlsx_summary(tmp_path):
    csv_path, xlsx_path = tmp_path / "汇总.csv", tmp_path / "汇总.xlsx"
    code, _out, err = run(str(FIXTURES), "--output", str(csv_path))
    assert code == 1  # 01 and 07 have errors
    assert "汇总表已写入" in err
    lines = csv_path.read_text(encoding="utf-8-sig").splitlines()
    assert lines[0] == "文件,单位,年度,格式,错误,警告,提示,结论,未能读取"
    assert len(lines) == 1 + len(REPORTS)  # the JSON files describe reports, are not reports
    assert "07-hongze-district-2023.pdf,洪泽区人民政府,2023,2021,2," in "\n".join(lines)
    assert ",有错误," in "\n".join(lines)
    assert ",一致," in "\n".join(lines)
    run(str(FIXTURES), "--output", str(xlsx_path))
    sheet = load_workbook(xlsx_path)["年报检查"]
    assert [c.value for c in sheet[1]][:6] == ["文件", "单位", "年度", "格式", "错误", "警告"]
    assert [c.value for c in sheet[1]][7:] == ["结论", "未能读取"]
    assert sheet.max_row == 1 + len(REPORTS)


@pytest.mark.slow
def test_a_scanned_pdf_needs_ocr_and_exits_3(tmp_path):
    from PIL import Image

    picture = Image.new("RGB", (600, 800), "white")
    scan = tmp_path / "scan.pdf"
    picture.save(scan, "PDF")
    code, out, _ = run(str(scan))
    assert code == 3
    assert "结论：无法完整读取" in out
    assert "文字识别" in out  # read by OCR to nothing, or no tesseract to read it


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "文件为空"),
        (b"   \n\n ", "文件为空"),
        (bytes(range(256)) * 40, "二进制"),
        (b"%PDF-1.7\n garbage that is no pdf", "PDF"),
        (b"PK\x03\x04 broken zip", "压缩包"),
        ("今天天气很好。\n".encode(), "未找到年度报告的表格"),
        (b"<html><body><script>alert(1)</script><p>\xe4\xbd\xa0</p></body></html>", "未找到"),
        (b'{"applications": []}', "不是年度报告"),
        (b"\xff\xfe\x00\xd8" * 50, "二进制"),
    ],
)
def test_bad_input_gives_a_clear_chinese_error_and_no_traceback(tmp_path, content, message):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    code, out, err = run(str(path))
    assert code == 3  # 无法完整读取: the file was named right, it could not be read
    assert message in out
    assert "Traceback" not in out + err


def test_hostile_strings_in_a_report_are_read_as_text_and_change_nothing(tmp_path):
    text = (FIXTURES / "02-shuyang-fgj-2023.txt").read_text(encoding="utf-8")
    hostile = text.replace(
        "一、总体情况",
        "一、总体情况\n<script>alert('x')</script>=cmd|' /C calc'!A0 \u202e\x07 '; DROP TABLE x;--",
    ).replace("沭阳县发展和改革局2023年", "=HYPERLINK(1)沭阳县发展和改革局2023年", 1)
    path = tmp_path / "hostile.txt"
    path.write_text(hostile, encoding="utf-8")
    code, out, _ = run(str(path), "--output", str(tmp_path / "s.csv"))
    assert code == 0
    assert "\u202e" not in out
    assert "\x07" not in out
    for cell in (tmp_path / "s.csv").read_text(encoding="utf-8-sig").split(","):
        assert not cell.startswith(("=", "+", "@"))


def test_usage_errors_exit_2(tmp_path):
    assert run(str(FIXTURES), "--previous", str(FIXTURES / "07-hongze-district-2023.pdf"))[0] == 2
    assert run(str(FIXTURES / "02-shuyang-fgj-2023.txt"), "--output", "x.pdf")[0] == 2
    assert run(str(tmp_path))[0] == 2  # an empty folder
    assert run(str(tmp_path / "no-such-report.pdf"))[0] == 2
    assert run(str(FIXTURES / "02-shuyang-fgj-2023.txt"), "--previous", "nowhere.pdf")[0] == 2


# --- round trip: Gongkai's own outputs ----------------------------------------------------------
@pytest.mark.django_db
@pytest.mark.slow
def test_a_report_gongkai_generates_reads_back_from_every_output(unit_a, clerk_a, tmp_path):
    from tests.factories import register
    from tests.reports.test_reports import make

    make(unit_a, "2025-03-03", "2025-03-20", "not_exist", "commercial")
    make(unit_a, "2025-04-03", "2025-04-20", "provided")
    make(unit_a, "2025-12-20")
    register(clerk_a.user, unit_a)
    for suffix in ("json", "docx", "xlsx", "html"):
        call_command(
            "annual_report",
            "--year",
            "2025",
            "--unit",
            "fgw",
            "--output",
            str(tmp_path / f"r.{suffix}"),
        )
    expected = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    for suffix in ("json", "docx", "xlsx", "html"):
        result = checker.check_file(tmp_path / f"r.{suffix}")
        assert result.readable, (suffix, result.error)
        assert result.parsed is not None
        tables = result.parsed.tables()
        assert tables["applications"]["rows"] == expected["applications"]["rows"], suffix
        assert tables["review_litigation"] == expected["review_litigation"], suffix
        assert tables["proactive"] == expected["proactive"], suffix
        assert result.parsed.year == 2025
        assert result.parsed.agency == expected["agency"]
        assert errors(result) == [], (suffix, errors(result))


# --- properties: any consistent report reads back without errors; one wrong cell is found --------
@st.composite
def reports(draw):
    version = draw(st.sampled_from(list(FormatVersion)))
    count = st.integers(min_value=0, max_value=400)
    rows = {}
    results = fmt.result_labels(version)
    for label in results:
        cells = {c: draw(count) for c in fmt.APPLICANT_COLUMNS}
        rows[label] = {**cells, fmt.TOTAL: sum(cells.values())}
    done = {c: sum(rows[r][c] for r in results) for c in fmt.APPLICANT_COLUMNS}
    out = {c: draw(count) for c in fmt.APPLICANT_COLUMNS}
    carried = {c: draw(st.integers(0, done[c] + out[c])) for c in fmt.APPLICANT_COLUMNS}
    new = {c: done[c] + out[c] - carried[c] for c in fmt.APPLICANT_COLUMNS}
    for label, cells in (
        (fmt.ROW_NEW, new),
        (fmt.ROW_CARRIED_IN, carried),
        (fmt.ROW_RESULTS_TOTAL, done),
        (fmt.ROW_CARRIED_OUT, out),
    ):
        rows[label] = {**cells, fmt.TOTAL: sum(cells.values())}
    ordered = {label: rows[label] for label in fmt.table3_rows(version)}
    review = {}
    for group in fmt.TABLE4_GROUPS:
        parts = {c: draw(st.integers(0, 60)) for c in fmt.TABLE4_CELLS[:-1]}
        review[group] = {**parts, fmt.TOTAL: sum(parts.values())}
    proactive = fmt.empty_table2(version)
    for block in proactive.values():
        for cells in block.values():
            for column in cells:
                cells[column] = draw(st.integers(0, 9999))
    year = 2020 if version is FormatVersion.V2019 else 2024
    new_total = rows[fmt.ROW_NEW][fmt.TOTAL]
    return {
        "agency": "测试区人民政府",
        "year": year,
        "format": version.value,
        "title": f"测试区人民政府{year}年政府信息公开工作年度报告",
        "sections": {
            fmt.SECTION_TITLES[0]: f"本年度共收到政府信息公开申请{new_total}件。",
            fmt.SECTION_TITLES[4]: "无。",
            fmt.SECTION_TITLES[5]: "无。",
        },
        "proactive": proactive,
        "applications": {"rows": ordered},
        "review_litigation": review,
    }


def as_text(report) -> str:
    """The report as the fixtures' text: one paragraph per line, cells separated by ' | '."""
    lines = [report["title"]]
    tables = {heading: grid for heading, _, grid in render.grids(report)}
    for heading in fmt.SECTION_TITLES:
        lines.append(heading)
        if heading in tables:
            for cells in tables[heading].by_row():
                lines.append(" | ".join(cell.text for cell in cells))
        else:
            lines.extend(report["sections"].get(heading, "").splitlines())
    return "\n".join(lines)


RENDERERS = {
    "html": lambda r: render.to_html_page(r).encode(),
    "docx": render.to_docx,
    "xlsx": render.to_xlsx,
    "txt": lambda r: as_text(r).encode(),
}


@pytest.mark.slow
@settings(max_examples=examples(25), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(report=reports(), kind=st.sampled_from(sorted(RENDERERS)))
def test_any_consistent_report_reads_back_the_same_without_errors(report, kind):
    result = checker.check_bytes(RENDERERS[kind](report), f"r.{kind}")
    assert result.readable, result.error
    assert result.parsed is not None
    assert result.parsed.rows == report["applications"]["rows"]
    assert result.parsed.review == report["review_litigation"]
    assert result.parsed.proactive == report["proactive"]
    assert errors(result) == []
    assert [f for f in result.findings if f.severity == WARNING] == []


@pytest.mark.slow
@settings(max_examples=examples(25), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(report=reports(), kind=st.sampled_from(sorted(RENDERERS)), data=st.data())
def test_a_single_wrong_cell_is_found_where_it_is(report, kind, data):
    wrong = copy.deepcopy(report)
    table = data.draw(st.sampled_from(["三", "四"]))
    if table == "三":
        row = data.draw(st.sampled_from(list(wrong["applications"]["rows"])))
        column = data.draw(st.sampled_from(fmt.COLUMNS))
        wrong["applications"]["rows"][row][column] += data.draw(st.integers(1, 50))
    else:
        row = data.draw(st.sampled_from(fmt.TABLE4_GROUPS))
        column = data.draw(st.sampled_from(fmt.TABLE4_CELLS))
        wrong["review_litigation"][row][column] += data.draw(st.integers(1, 50))
    result = checker.check_bytes(RENDERERS[kind](wrong), f"r.{kind}")
    found = errors(result)
    assert found
    assert any(f.table == table and (f.row == row or f.column == column) for f in found)


# --- reading details ----------------------------------------------------------------------------
def test_placeholders_blanks_and_ocr_noise_are_told_apart_from_numbers():
    assert parsing.read_cell("") == parsing.Cell("blank", None, "")
    assert parsing.read_cell("0").value == 0
    for mark in ("/", "—", "-", "－", "——", "无"):
        cell = parsing.read_cell(mark)
        assert (cell.kind, cell.value, cell.text) == ("mark", None, mark)
    assert parsing.read_cell("１２").value == 12
    assert parsing.read_cell("1,234").value == 1234
    noisy = parsing.read_cell("1O")
    assert (noisy.value, noisy.repaired) == (10, True)
    assert parsing.read_cell("251000元").kind == "text"


def test_placeholders_are_reported_once_per_table(tmp_path):
    text = (FIXTURES / "02-shuyang-fgj-2023.txt").read_text(encoding="utf-8")
    path = tmp_path / "slashes.txt"
    path.write_text(text.replace("|  |", "| / |"), encoding="utf-8")
    result = checker.check_file(path)
    notes = [f for f in result.findings if f.check == "cell.placeholder"]
    assert len(notes) == 1
    assert "“/”" in notes[0].message
    assert result.parsed is not None
    assert any(m["text"] == "/" for m in result.parsed.marks)
    assert errors(result) == []


def sample_report() -> dict:
    """A small consistent 2021 report, with blank cells among the numbers."""
    rows = fmt.empty_table3(FormatVersion.V2021)
    for label, natural, company in (
        (fmt.ROW_NEW, 30, 4),
        (fmt.ROW_CARRIED_IN, 2, 0),
        ("（一）予以公开", 20, 3),
        ("（四）无法提供/1.本机关不掌握相关政府信息", 9, 1),
        (fmt.ROW_RESULTS_TOTAL, 29, 4),
        (fmt.ROW_CARRIED_OUT, 3, 0),
    ):
        rows[label].update({"自然人": natural, "商业企业": company, "总计": natural + company})
    rows["（五）不予处理/2.重复申请"]["科研机构"] = None
    review = fmt.empty_table4()
    review[fmt.REVIEW].update({"结果维持": 2, "尚未审结": 1, "总计": 3})
    return {
        "agency": "测试区人民政府",
        "year": 2024,
        "format": "2021",
        "title": "测试区人民政府2024年政府信息公开工作年度报告",
        "sections": {fmt.SECTION_TITLES[0]: "本年度共收到政府信息公开申请34件。"},
        "proactive": fmt.empty_table2(FormatVersion.V2021),
        "applications": {"rows": rows},
        "review_litigation": review,
    }


def test_word_exported_html_in_gbk_with_a_layout_table_is_read(tmp_path):
    report = sample_report()
    page = render.to_html_page(report)
    body = page.split("<body>", 1)[1]
    word = (
        '<html xmlns:o="urn:schemas-microsoft-com:office:office"><head>'
        '<meta http-equiv=Content-Type content="text/html; charset=gb2312">'
        "<style><!-- p.MsoNormal {margin:0} --></style></head><body>"
        f"<table><tr><td><p class=MsoNormal>{body}<o:p></o:p></td></tr></table>"
    ).replace('<td class="num"></td>', "<td class=num>&nbsp;</td>")
    path = tmp_path / "word.htm"
    path.write_bytes(word.encode("gb18030"))
    result = checker.check_file(path)
    assert result.readable, result.error
    assert result.parsed is not None
    assert result.parsed.rows == report["applications"]["rows"]


def test_a_docx_with_merged_cells_is_read_cell_by_cell():
    report = sample_report()
    data = render.to_docx(report)
    assert "w:vMerge" in zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode()
    document = reading.read_bytes(data, "r.docx")
    rows = [line for line in document.lines if line.table and "（七）总计" in line.cells]
    assert len(rows) == 1  # the label merged over two columns is one cell, the group one blank
    assert rows[0].cells == ("", "（七）总计", "29", "4", "0", "0", "0", "0", "33")
    result = checker.check_bytes(data, "r.docx")
    assert result.parsed is not None
    assert result.parsed.rows == report["applications"]["rows"]
    assert errors(result) == []
