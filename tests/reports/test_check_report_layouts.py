"""Reports laid out as agencies publish them (tests/fixtures/reports/, made by
scripts/make_layout_fixtures.py from hand-checked tables): PDFs whose table 三 runs over a page
break with or without its header repeated, DOCX as WPS saves it (content controls, the old
hMerge, gridBefore), tables in text boxes, a table split in two. Each is read to the exact
numbers of the JSON beside it."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import zipfile
from pathlib import Path

import pdfplumber
import pytest
from docx import Document
from docx.oxml.ns import qn
from lxml import etree

from gongkai.reports import checker, reading, render
from tests.reports.test_check_report import errors, sample_report

HERE = Path(__file__).resolve().parents[1] / "fixtures" / "reports"
LAYOUTS = [
    "pdf-split-table-huaian-2024.pdf",
    "pdf-repeated-header-huaian-2024.pdf",
    "docx-wps-shuyang-2023.docx",
    "docx-text-box-stcsm-2024.docx",
    "docx-split-table-govoffice-2019.docx",
]


def expected(name: str) -> dict:
    return json.loads((HERE / name).with_suffix(".json").read_text(encoding="utf-8"))


def document_xml(name: str) -> str:
    with zipfile.ZipFile(HERE / name) as archive:
        return archive.read("word/document.xml").decode("utf-8")


@pytest.mark.parametrize("name", LAYOUTS)
def test_a_report_laid_out_as_published_is_read_to_the_exact_numbers(name):
    result = checker.check_file(HERE / name)
    assert result.readable, result.error
    report = expected(name)
    tables = result.parsed.tables()
    assert tables["applications"]["rows"] == report["applications"]["rows"]
    assert tables["review_litigation"] == report["review_litigation"]
    assert tables["proactive"] == report["proactive"]
    assert (result.parsed.year, result.parsed.format.value) == (report["year"], report["format"])
    assert result.parsed.agency
    assert [f for f in errors(result) if not f.check.startswith("prose")] == []
    assert result.verdict == checker.CONSISTENT, [f.message for f in result.findings]


# --- what each fixture is -----------------------------------------------------------------------
def page_rows(name: str) -> list[list[str]]:
    """The first cell of each table row, page by page."""
    with pdfplumber.open(HERE / name) as pdf:
        return [
            [(row[0] or "") + (row[1] or "") for table in page.extract_tables() for row in table]
            for page in pdf.pages
        ]


@pytest.mark.parametrize("name", LAYOUTS[:2])
def test_in_the_pdfs_table_3_runs_over_a_page_break(name):
    pages = page_rows(name)
    starts = next(i for i, rows in enumerate(pages) if any("勾稽关系" in r for r in rows))
    ends = next(i for i, rows in enumerate(pages) if any("（七）总计" in r for r in rows))
    assert ends > starts  # its end on a later page
    headers = sum(1 for rows in pages for r in rows if "勾稽关系" in r)
    assert headers == (2 if "repeated" in name else 1)


def test_a_heading_set_close_under_a_table_is_not_lost():
    # LibreOffice sets 三、… and 四、… a point into the box of the table above them: they
    # were dropped with the table's box, and table 四 was not found
    lines = reading.read_bytes((HERE / LAYOUTS[0]).read_bytes(), "r.pdf").lines
    texts = [line.text for line in lines if not line.table]
    for heading in ("三、收到和处理政府信息公开申请情况", "四、政府信息公开行政复议、行政诉讼情况"):
        assert heading in texts


def test_the_wps_docx_has_the_shapes_wps_writes():
    xml = document_xml("docx-wps-shuyang-2023.docx")
    for shape in ("<w:sdt>", "<w:hMerge", "<w:gridBefore", "wpsCustomData", "<w:showingPlcHdr"):
        assert shape in xml
    tree = etree.fromstring(xml.encode())
    body = tree.find(qn("w:body"))
    assert body[0].tag == qn("w:sdt")  # the title itself is in a content control
    result = checker.check_file(HERE / "docx-wps-shuyang-2023.docx")
    assert (result.parsed.agency, result.parsed.year) == ("沭阳县发展和改革局", 2023)


def test_a_table_in_a_text_box_is_read_once_though_the_xml_holds_it_twice():
    xml = document_xml("docx-text-box-stcsm-2024.docx")
    assert "<mc:Fallback>" in xml
    assert xml.count("复议后起诉") == 2  # the text box and its fallback copy
    lines = reading.read_bytes((HERE / "docx-text-box-stcsm-2024.docx").read_bytes(), "r.docx")
    rows = [line for line in lines.lines if line.table and len(line.cells) == 15]
    assert len(rows) == 2  # the header row of its five-cell groups, and the numbers: once


def test_a_table_split_in_two_with_its_header_repeated_is_one_table_3():
    xml = document_xml("docx-split-table-govoffice-2019.docx")
    assert "（续表）" in xml
    assert xml.count("勾稽关系") == 2


# --- the XML shapes one by one ------------------------------------------------------------------
def docx_with(change) -> bytes:
    document = Document(io.BytesIO(render.to_docx(sample_report())))
    change(document)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def third_table(document) -> etree._Element:
    return list(document.element.body.iter(qn("w:tbl")))[1]


def row_with(table, words: str):
    return next(tr for tr in table.iter(qn("w:tr")) if words in "".join(tr.itertext()))


def test_grid_after_is_read_as_empty_cells_at_the_end_of_a_row():
    def change(document):
        row = row_with(third_table(document), "（七）总计")
        cells = list(row.iter(qn("w:tc")))
        row.remove(cells[-1])  # the total left out, its grid column skipped instead
        properties = row.find(qn("w:trPr"))
        if properties is None:
            properties = etree.SubElement(row, qn("w:trPr"))
            row.insert(0, properties)
        etree.SubElement(properties, qn("w:gridAfter")).set(qn("w:val"), "1")

    lines = reading.docx_lines(docx_with(change))
    row = next(line for line in lines if "（七）总计" in line.cells)
    assert row.cells[-7:] == ("29", "4", "0", "0", "0", "0", "")


def test_a_content_controls_placeholder_and_deleted_text_are_not_read():
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

    def change(document):
        row = row_with(third_table(document), "（七）总计")
        paragraph = list(row.iter(qn("w:tc")))[2].find(qn("w:p"))
        paragraph.append(
            etree.fromstring(
                f'<w:del xmlns:w="{w}" w:id="1" w:author="x"><w:r><w:delText>7</w:delText>'
                "</w:r></w:del>"
            )
        )
        paragraph.append(
            etree.fromstring(
                f'<w:sdt xmlns:w="{w}"><w:sdtPr><w:placeholder><w:docPart w:val="x"/>'
                "</w:placeholder><w:text/></w:sdtPr><w:sdtContent><w:r><w:t>1</w:t></w:r>"
                "</w:sdtContent></w:sdt>"
            )
        )

    lines = reading.docx_lines(docx_with(change))
    row = next(line for line in lines if "（七）总计" in line.cells)
    assert row.cells[2] == "291"  # 29, then the control's content; the deleted 7 not


@pytest.mark.office
def test_the_docx_fixtures_open_in_libreoffice_and_read_the_same_from_its_pdf(tmp_path):
    import os

    soffice = shutil.which("soffice")
    if soffice is None:
        if os.environ.get("GONGKAI_REQUIRE_SYSTEM_TOOLS"):
            pytest.fail("LibreOffice is required here but not installed")
        pytest.skip("LibreOffice is not installed on this machine (CI installs it)")
    names = [n for n in LAYOUTS if n.endswith(".docx")]
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{tmp_path / 'profile'}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            *(str(HERE / n) for n in names),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    for name in names:
        result = checker.check_file(tmp_path / Path(name).with_suffix(".pdf").name)
        assert result.readable, (name, result.error)
        report = expected(name)
        tables = result.parsed.tables()
        assert tables["applications"]["rows"] == report["applications"]["rows"], name
        assert tables["review_litigation"] == report["review_litigation"], name
