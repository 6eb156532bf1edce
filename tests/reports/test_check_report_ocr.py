"""Scanned reports read by OCR (reports/ocr.py): the scan of tests/fixtures/reports/ read to the
exact numbers of its hand-checked JSON, every cell so read marked, the uncertain ones named; in
the checker's child within its limits; without tesseract, said and not guessed.

The tests that run tesseract are skipped where it is not installed, and fail instead under
GONGKAI_REQUIRE_SYSTEM_TOOLS=1 (CI installs it: .ci/run)."""

from __future__ import annotations

import io
import json
import os
import random
from pathlib import Path
from types import SimpleNamespace

import pytest
from PIL import Image, ImageDraw

from gongkai.reports import checker, ocr, reading, sandbox
from gongkai.reports.identities import NOTE
from tests.reports.test_check_report import FIXTURES as SHARED_REPORTS

HERE = Path(__file__).resolve().parents[1] / "fixtures" / "reports"
SCAN = HERE / "scan-huaian-2024.pdf"


def require_tesseract() -> None:
    if not ocr.available():
        if os.environ.get("GONGKAI_REQUIRE_SYSTEM_TOOLS"):
            pytest.fail("tesseract with chi_sim is required here but not installed")
        pytest.skip("tesseract is not installed on this machine (CI installs it)")


@pytest.fixture
def tesseract():
    require_tesseract()


@pytest.fixture(scope="module")
def scan_result() -> checker.Result:
    require_tesseract()
    return checker.check_file(SCAN)


def expected(path: Path) -> dict:
    return json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))


def tables_of(result: checker.Result) -> dict:
    assert result.readable, result.error
    assert result.parsed is not None
    return result.parsed.tables()


# --- the scanned fixture ------------------------------------------------------------------------
@pytest.mark.slow
def test_a_scanned_report_is_read_by_ocr_to_the_exact_numbers(tesseract, scan_result):
    data = SCAN.read_bytes()
    assert b"/Font" not in data  # no text layer at all: images only
    report = expected(SCAN)
    tables = tables_of(scan_result)
    assert tables["applications"]["rows"] == report["applications"]["rows"]
    assert tables["review_litigation"] == report["review_litigation"]
    assert tables["proactive"] == report["proactive"]
    parsed = scan_result.parsed
    assert (parsed.agency, parsed.year, parsed.format.value) == ("淮安市人民政府", 2024, "2021")
    assert scan_result.errors == 0
    assert scan_result.warnings == 0
    assert scan_result.verdict == checker.CONSISTENT  # the low-confidence cells are notes


@pytest.mark.slow
def test_every_cell_read_by_ocr_is_marked_with_its_confidence(tesseract, scan_result):
    cells = scan_result.parsed.ocr
    # table 三: 25 rows of 7, table 四: 15, table 二: 10 — every one of them
    assert len(cells) == 25 * 7 + 15 + 10
    assert {c["table"] for c in cells} == {"二", "三", "四"}
    assert all(c["confidence"] is None or 0 <= c["confidence"] <= 100 for c in cells)
    assert scan_result.as_dict()["ocr"] == cells  # in the JSON of `check_report --json`
    note = next(f for f in scan_result.findings if f.check == "read.ocr")
    assert note.severity == NOTE
    assert "PDF 第 1、2、3、4 页没有文字层（扫描件），经文字识别（OCR）读取" in note.message
    assert "表中 200 个单元格由识别得出" in note.message


@pytest.mark.slow
def test_a_number_read_with_low_confidence_is_named_never_taken_silently(tesseract, scan_result):
    threshold = ocr.OPTIONS.min_confidence
    low = {
        (c["table"], c["row"], c["column"])
        for c in scan_result.parsed.ocr
        if c["confidence"] is not None and c["confidence"] < threshold
    }
    named = {
        (f.table, f.row, f.column) for f in scan_result.findings if f.check == "ocr.low_confidence"
    }
    assert named == low
    # measured with Debian 12's tesseract 5.3.0: two cells of the scan come out below 70 %
    # (a speck on a 0, a 3 read at 58 %), both read right all the same
    assert low == {
        ("三", "（四）无法提供/2.没有现成信息需要另行制作", "其他"),
        (
            "三",
            "（六）其他处理/1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
            "商业企业",
        ),
    }
    finding = next(f for f in scan_result.findings if f.column == "商业企业")
    assert finding.severity == NOTE
    assert finding.found == 3
    assert "经文字识别读作“3”，置信度" in finding.message
    assert "请对照原件核对" in finding.message


@pytest.mark.slow
def test_the_scan_is_read_in_the_checkers_child_within_its_limits(tesseract, scan_result):
    # a wall clock of 2 s: reading four scanned pages takes far longer, so the child must
    # have asked for (and been given) the time of the pages it reads; tesseract runs within
    # the child's address space of 256 MB and its own CPU limit
    limits = sandbox.Limits(memory_mb=256, seconds=8, wall=2)
    run = sandbox.run(path=SCAN, name=SCAN.name, limits=limits)
    assert run.outcome == "ok", run.result.error
    assert run.seconds > 2
    assert run.result.parsed.tables() == scan_result.parsed.tables()
    assert run.result.parsed.ocr == scan_result.parsed.ocr


@pytest.mark.slow
def test_a_pdf_whose_table_pages_were_scanned_is_read_page_by_page(tesseract):
    """A real report (09, Huai'an 2024: table 三 split over pages 4 and 5, its group labels
    written downwards in merged cells, table 二's item rows shaded) whose table pages were
    printed and scanned: pages 1–3 and 6 keep their text layer, pages 4 and 5 are images."""
    import pypdfium2 as pdfium

    source = SHARED_REPORTS / "09-huaian-city-2024.pdf"
    rng = random.Random(5)
    original = pdfium.PdfDocument(source.read_bytes())
    pictures = []
    for index in (3, 4):
        page = original[index].render(scale=200 / 72, grayscale=True).to_pil().convert("L")
        page = page.rotate(rng.uniform(-0.6, 0.6), fillcolor=255, resample=Image.Resampling.BICUBIC)
        pictures.append(page)
    scanned = io.BytesIO()
    pictures[0].save(scanned, "PDF", save_all=True, append_images=pictures[1:], resolution=200)
    mixed = pdfium.PdfDocument.new()
    mixed.import_pages(original, [0, 1, 2])
    mixed.import_pages(pdfium.PdfDocument(scanned.getvalue()))
    mixed.import_pages(original, [5])
    out = io.BytesIO()
    mixed.save(out)
    result = checker.check_bytes(out.getvalue(), "mixed.pdf")
    report = expected(source)
    tables = tables_of(result)
    assert tables["applications"]["rows"] == report["applications"]["rows"]
    assert tables["review_litigation"] == report["review_litigation"]
    assert tables["proactive"] == report["proactive"]  # on page 3, read from its text layer
    note = next(f for f in result.findings if f.check == "read.ocr")
    assert note.message.startswith("PDF 第 4、5 页没有文字层")


def test_a_blank_scan_is_answered_not_guessed(tesseract, tmp_path):
    blank = io.BytesIO()
    Image.new("L", (1240, 1754), 255).save(blank, "PDF", resolution=150)
    result = checker.check_bytes(blank.getvalue(), "blank.pdf")
    assert not result.readable
    assert "经文字识别（OCR）后仍未读到文字" in result.error
    assert result.verdict == checker.INCOMPLETE


# --- without tesseract, and beyond the limits ---------------------------------------------------
@pytest.fixture
def no_tesseract(monkeypatch):
    monkeypatch.setattr(ocr, "tesseract", lambda: None)


def test_without_tesseract_a_scan_is_unreadable_and_says_why(no_tesseract):
    result = checker.check_file(SCAN)
    assert not result.readable
    assert not result.too_complex
    assert result.verdict == checker.INCOMPLETE  # 无法完整读取, exit 3
    assert result.error.startswith("需要文字识别但本机未安装 tesseract")
    assert "第 1–4 页没有可读取的文字" in result.error
    assert "tesseract-ocr-chi-sim" in result.error


def test_a_text_pdf_needs_no_tesseract(no_tesseract):
    result = checker.check_file(SHARED_REPORTS / "08-hongze-district-2024.pdf")
    assert result.readable, result.error
    assert result.parsed.ocr == []
    assert not any(f.check == "read.ocr" for f in result.findings)


def test_more_scanned_pages_than_the_limit_are_too_complex(monkeypatch):
    monkeypatch.setattr(ocr, "available", lambda: True)
    monkeypatch.setattr(ocr, "OPTIONS", ocr.Options(max_pages=3))
    result = checker.check_file(SCAN)
    assert result.too_complex
    assert result.error == "文件过于复杂：PDF 中需要文字识别（OCR）的扫描页有 4 页，超过 3 页的上限"


@pytest.mark.slow
def test_a_page_tesseract_cannot_read_within_its_cpu_time_is_too_complex(tesseract, monkeypatch):
    # at 600 dpi a page takes tesseract several seconds: one is not enough
    slow = ocr.Options(seconds_per_page=1, dpi=600, max_pixels=40_000_000)
    monkeypatch.setattr(ocr, "OPTIONS", slow)
    result = checker.check_file(SCAN)
    assert result.too_complex
    assert result.error == "文件过于复杂：文字识别一页的计算时间超过 1 秒"


def test_a_page_that_paints_a_huge_image_is_refused_before_it_is_rendered():
    # an image of 100,000 × 100,000 pixels, declared in a few bytes
    content = b"q 600 0 0 800 0 0 cm /Im1 Do Q"
    image = b"x\x9c\x03\x00\x00\x00\x00\x01"  # an empty Flate stream
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 600 800] /Contents 4 0 R "
        b"/Resources << /XObject << /Im1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content),
        b"<< /Type /XObject /Subtype /Image /Width 100000 /Height 100000 /ColorSpace "
        b"/DeviceGray /BitsPerComponent 8 /Filter /FlateDecode /Length %d >>\nstream\n%s\n"
        b"endstream" % (len(image), image),
    ]
    pdf = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(pdf))
        pdf += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(pdf)
    pdf += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    pdf += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    pdf += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    result = checker.check_bytes(bytes(pdf), "bomb.pdf")
    assert result.too_complex
    assert "PDF 第 1 页的图像共有 1000000 万像素，超过 5000 万像素" in result.error


# --- the pieces ---------------------------------------------------------------------------------
def page_with_a_table() -> Image.Image:
    """A page at 300 dpi with a ruled table of 3 rows and 4 columns whose first cell spans two
    rows and whose last row's last two cells are one, a heading touching it from below."""
    page = Image.new("L", (1200, 900), 255)
    draw = ImageDraw.Draw(page)
    xs, ys = [100, 400, 600, 800, 1000], [100, 200, 300, 400]
    for y in ys:
        start = 400 if y == 200 else 100  # no rule under the first cell: it spans two rows
        draw.line((start, y, 1000, y), fill=0, width=3)
    for x in xs:
        end = 300 if x == 800 else 400  # no rule between the last two cells of the last row
        draw.line((x, 100, x, end), fill=0, width=3)
    draw.line((650, 404, 650, 470), fill=0, width=8)  # a heading's stroke touching the table
    return page


def test_the_rules_of_a_table_give_its_cells_merged_where_a_rule_is_missing():
    page = page_with_a_table()
    marks = ocr.ink(page)
    horizontal = ocr.rules(marks, 90)
    vertical = ocr.rules(marks.transpose(Image.Transpose.TRANSPOSE), 60)
    (table,) = ocr.tables(horizontal, vertical)
    assert [round(y) for y in table.ys] == [100, 200, 300, 400]
    assert [round(x) for x in table.xs] == [100, 400, 600, 800, 1000]  # not the stroke at 650
    assert table.owner[(1, 0)] == (0, 0)  # the first cell spans two rows
    assert table.owner[(2, 3)] == (2, 2)  # the last two of the last row are one
    assert table.owner[(1, 1)] == (1, 1)
    assert len(set(table.owner.values())) == 12 - 2


def test_a_turned_scan_is_straightened_first():
    page = page_with_a_table()
    turned = page.rotate(0.8, fillcolor=255, resample=Image.Resampling.BICUBIC)
    assert ocr.skew(ocr.ink(turned)) == pytest.approx(-0.8, abs=0.11)


def test_a_page_is_read_by_ocr_when_its_text_cannot_be_read():
    def page(chars: list[str], images: int = 1, curves: int = 0) -> SimpleNamespace:
        return SimpleNamespace(
            chars=[{"text": c} for c in chars], images=[{}] * images, curves=[{}] * curves
        )

    assert reading._needs_ocr(page([]))  # a scan
    assert reading._needs_ocr(page(["-", "3", "-"]))  # a scan with a page number as text
    assert reading._needs_ocr(page(["(cid:12)"] * 300 + ["年"] * 10, images=0))  # no mapping
    assert reading._needs_ocr(page([], images=0, curves=400))  # characters drawn as outlines
    assert not reading._needs_ocr(page(["字"] * 300))  # text over a background picture
    assert not reading._needs_ocr(page([], images=0))  # a blank page


def test_the_note_for_each_uncertain_cell_says_what_was_read():
    cells = [
        {"table": "三", "row": "（一）予以公开", "column": "自然人", "text": "12", "value": 12,
         "confidence": 41},
        {"table": "四", "row": "行政复议", "column": "总计", "text": "", "value": None,
         "confidence": 0},
        {"table": "三", "row": "（一）予以公开", "column": "总计", "text": "12", "value": 12,
         "confidence": 96},
        {"table": "三", "row": "（一）予以公开", "column": "其他", "text": "", "value": None,
         "confidence": None},
    ]  # fmt: skip
    scan = ocr.Scan((2, 3), 70, 4.0)
    summary, first, second = ocr.findings(cells, scan)
    assert summary.message == (
        "PDF 第 2、3 页没有文字层（扫描件），经文字识别（OCR）读取：表中 4 个单元格由识别得出，"
        "其中 2 个的识别置信度低于 70%，已逐一列出"
    )
    assert first.message == (
        "表三“（一）予以公开”“自然人”列经文字识别读作“12”，置信度 41%（低于 70%），请对照原件核对"
    )
    assert (first.found, first.severity) == (12, NOTE)
    assert second.message == "表四“行政复议”“总计”有字迹但未能识别，按空白计，请对照原件核对"
