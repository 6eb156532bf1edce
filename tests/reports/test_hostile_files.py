"""Hostile files against the report checker (issue 12, "Resource exhaustion"): each is refused
with a Chinese reason before it is parsed, or read to its end, never left to exhaust the
machine; the child process the staff page and ``gongkai check_report`` read in is stopped by
its own limits, and the parent answers cleanly.

The files are made by the generators of ``bench/hostile.py``, here at sizes small enough for CI
(the benchmark makes them at the sizes of the issue). Nothing here measures time.
"""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest
from bench import hostile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from gongkai.reports import checker, reading, sandbox
from tests.conftest import login
from tests.reports.test_check_report import FIXTURES

URL = reverse("staff:report_check")
TOO_COMPLEX = "文件过于复杂"
LIMITS = reading.LIMITS


def read(data: bytes, name: str) -> checker.Result:
    return checker.check_bytes(data, name)


# --- refused before parsing, each with its reason -----------------------------------------------
REFUSED = [
    ("docx_zip_bomb", "r.docx", lambda: hostile.docx_zip_bomb(40), "超过每个部件 32 MB"),
    (
        "docx_paragraph_bomb",
        "r.docx",
        lambda: hostile.docx_paragraph_bomb(48 * 1024),
        "压缩比",
    ),
    (
        "docx_many_parts",
        "r.docx",
        lambda: hostile.docx_many_parts(LIMITS.zip_parts),
        f"超过 {LIMITS.zip_parts} 个",
    ),
    ("xlsx_row_bomb", "r.xlsx", lambda: hostile.xlsx_row_bomb(48 * 1024), "压缩比"),
    ("xlsx_sparse_bomb", "r.xlsx", hostile.xlsx_sparse_bomb, "XLSX 的单元格超过 100 万个"),
    ("pdf_glyphs", "r.pdf", lambda: hostile.pdf_text_bomb(8 * 1024), "第 1 页的文字超过"),
    ("pdf_stream_bomb", "r.pdf", lambda: hostile.pdf_stream_bomb(17), "内容解压后超过 16 MB"),
    ("pdf_line_bomb", "r.pdf", lambda: hostile.pdf_line_bomb(64 * 1024), "线条图形超过 2 万段"),
    (
        "pdf_many_pages",
        "r.pdf",
        lambda: hostile.pdf_many_pages(LIMITS.pdf_pages + 1),
        "超过可检查的 300 页",
    ),
    (
        "pdf_many_objects",
        "r.pdf",
        lambda: hostile.pdf_many_objects(LIMITS.pdf_objects + 10),
        "PDF 的对象超过 10 万个",
    ),
    ("pdf_form_bomb", "r.pdf", hostile.pdf_form_bomb, "第 1 页的文字超过"),
    ("html_deep", "r.html", lambda: hostile.html_deep(LIMITS.html_depth + 1), "嵌套超过 400 层"),
    ("html_quadratic", "r.html", lambda: hostile.html_quadratic(40 * 1024), "嵌套超过 400 层"),
    (
        "html_many_elements",
        "r.html",
        lambda: hostile.html_many_elements(LIMITS.html_pieces),
        "超过 50 万个",
    ),
    ("text_huge", "r.txt", lambda: hostile.text_huge(17), "超过 16 MB"),
    (
        "text_table_rows",
        "r.txt",
        lambda: hostile.text_table_rows(LIMITS.table3_rows + 1),
        "表三部分读到超过 300 行数字",
    ),
]


@pytest.mark.parametrize(("kind", "name", "make", "reason"), REFUSED, ids=[r[0] for r in REFUSED])
def test_a_hostile_file_is_refused_with_its_reason_in_chinese(kind, name, make, reason):
    result = read(make(), name)
    assert not result.readable
    assert result.too_complex
    assert result.error.startswith(TOO_COMPLEX + "：")
    assert reason in result.error


def test_a_zip_whose_directory_lies_about_a_size_is_refused_while_inflating():
    data = hostile.zip_lying_directory(8)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:  # what the directory says: harmless
        assert max(i.file_size for i in archive.infolist()) <= 64 * 1024
    result = read(data, "r.docx")
    assert not result.readable
    assert "DOCX 文件已损坏" in result.error or TOO_COMPLEX in result.error


def test_a_zip_is_counted_while_it_inflates_not_only_by_its_directory():
    limits = reading.Limits(zip_total_bytes=3 * 1024 * 1024)
    data = hostile.docx_many_parts(3)  # tiny parts; with a 2 MB part besides:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            target.writestr(info, source.read(info))
        target.writestr("word/media/a.bin", b"\x01" * (2 * 1024 * 1024))
        target.writestr("word/media/b.bin", b"\x02" * (2 * 1024 * 1024))
    with pytest.raises(reading.TooComplex, match="解压后共 4 MB，超过 3 MB"):
        reading.zip_check(out.getvalue(), limits)


def test_a_huge_number_in_a_cell_is_text_not_a_crash():
    text = (FIXTURES / "02-shuyang-fgj-2023.txt").read_text(encoding="utf-8")
    first = next(line for line in text.splitlines() if line.startswith("行政许可"))
    hostile_text = text.replace(first, "行政许可 " + "9" * 5000, 1)
    result = read(hostile_text.encode(), "r.txt")
    assert result.readable, result.error
    assert any("9" * 20 in (m["text"] or "") for m in result.parsed.marks)


# --- HTML: what used to be quadratic is read to its end ----------------------------------------
def test_unterminated_comments_end_the_page_as_in_a_browser():
    result = read(hostile.html_comments(40 * 1024), "r.html")
    # read to its end (no report in it), not rescanned once per "<!--"
    assert not result.readable
    assert not result.too_complex
    assert "未找到年度报告的表格" in result.error
    lines = reading.html_lines("<p>一、总体情况</p><!-- never closed <p>二、看不见</p>")
    assert [line.text for line in lines] == ["一、总体情况"]


def test_a_marked_section_python_cannot_parse_is_a_bogus_comment():
    lines = reading.html_lines("<p>前</p><![<![ x ]><p>后</p>")
    assert [line.text for line in lines] == ["前", "后"]


def test_cells_outside_a_table_under_thousands_of_open_elements_are_read():
    # the shape of the quadratic page (issue 12: 257 s), within the depth limit: each cell
    # used to look for the open <td> and <th> up the whole chain of open elements
    depth = LIMITS.html_depth - 10
    html = "<body>" + "<span>" * depth + "<td>格" * 20_000
    lines = reading.html_lines(html)
    assert "".join(line.text for line in lines) == "格" * 20_000


def test_an_inner_table_cell_does_not_close_the_outer_one():
    html = (
        "<table><tr><td>外<table><tr><td>内一<td>内二</table>"
        "<td>外二</table><table><tr><td>甲<td>乙</table>"
    )
    rows = [line.cells for line in reading.html_lines(html) if line.table]
    assert rows == [("内一", "内二"), ("甲", "乙")]


# --- the child process and its limits ----------------------------------------------------------
SMALL = sandbox.Limits(memory_mb=256, seconds=1)


def test_the_childs_memory_limit_stops_a_run_and_the_parent_answers():
    run = sandbox.run(b"x", "r.txt", limits=SMALL, hog="memory")
    assert run.outcome == "memory"
    assert run.result.too_complex
    assert run.result.error == "文件过于复杂，无法在限定的时间和内存内检查（内存超过 256 MB）"


@pytest.mark.slow
def test_the_childs_cpu_limit_stops_a_run():
    run = sandbox.run(b"x", "r.txt", limits=SMALL, hog="cpu")
    assert run.outcome == "cpu"
    assert run.result.error == "文件过于复杂，无法在限定的时间和内存内检查（计算时间超过 1 秒）"


@pytest.mark.slow
def test_the_parent_kills_a_child_that_outlives_the_wall_clock():
    run = sandbox.run(b"x", "r.txt", limits=sandbox.Limits(256, 5, wall=1), hog="sleep")
    assert run.outcome == "timeout"
    assert run.result.error == "文件过于复杂，无法在限定的时间和内存内检查（用时超过 1 秒）"


def test_a_failure_inside_the_child_is_a_message_not_too_complex(caplog):
    run = sandbox.run(b"x", "r.txt", limits=SMALL, hog="crash")
    assert run.outcome == "failed"
    assert not run.result.too_complex
    assert run.result.error == "读取时出错，无法识别该文件的内容"
    assert "a failure nobody foresaw" in caplog.text  # the child's traceback, logged


@pytest.mark.slow
@pytest.mark.parametrize("name", ["07-hongze-district-2023.pdf", "01-shanghai-govoffice-2019.txt"])
def test_a_report_read_in_the_child_is_the_report_read_in_process(name):
    data = (FIXTURES / name).read_bytes()
    run = sandbox.run(data, name)
    assert run.outcome == "ok"
    assert run.result.as_dict() == checker.check_bytes(data, name).as_dict()
    assert run.result.parsed.prose == checker.check_bytes(data, name).parsed.prose


@pytest.mark.slow
def test_the_previous_years_report_is_carried_to_the_child():
    now, before = FIXTURES / "08-hongze-district-2024.pdf", FIXTURES / "07-hongze-district-2023.pdf"
    child = sandbox.check_file(now, before)
    assert child.as_dict() == checker.check_file(now, before).as_dict()
    assert any(f.check.startswith("cross_year") for f in child.findings) or child.errors == 0


def test_a_hostile_file_in_the_child_is_refused_as_in_process():
    run = sandbox.run(hostile.pdf_form_bomb(), "r.pdf")
    assert run.outcome == "ok"  # the caps refused it: the child ended normally
    assert run.result.too_complex
    assert "第 1 页的文字超过" in run.result.error


# --- the staff page -----------------------------------------------------------------------------
@pytest.mark.django_db
def test_the_staff_page_answers_a_hostile_upload_as_not_read_and_checks_no_further(
    clerk_a, monkeypatch
):
    from gongkai.reports import forms

    files = [
        SimpleUploadedFile("02.txt", (FIXTURES / "02-shuyang-fgj-2023.txt").read_bytes()),
        SimpleUploadedFile("bomb.docx", hostile.docx_zip_bomb(40)),
        SimpleUploadedFile("later.txt", (FIXTURES / "02-shuyang-fgj-2023.txt").read_bytes()),
    ]
    checked: list[str] = []
    real = forms.check_upload

    def counting(data, name, *args, **kwargs):
        checked.append(name)
        return real(data, name, *args, **kwargs)

    monkeypatch.setattr(forms, "check_upload", counting)
    response = login(clerk_a).post(URL, {"reports": files})
    assert response.status_code == 200
    page = response.content.decode()
    assert "文件过于复杂" in page
    assert "超过每个部件 32 MB" in page
    assert checked == ["02.txt", "bomb.docx"]  # each further file could cost a child's full time
    verdicts = [r["result"].verdict for r in response.context["results"]]
    assert verdicts == ["consistent", "incomplete", "incomplete"]
    assert response.context["results"][2]["result"].error == forms.NOT_CHECKED
    assert response.context["incomplete"] == 2


@pytest.mark.slow
@pytest.mark.django_db
def test_the_staff_page_answers_when_the_child_hits_its_limit(clerk_a, settings):
    settings.CHECK_SECONDS = 1
    # within every cap, yet more than a second of work: 300 pages of ruled lines and text
    data = hostile.pdf_within_caps()
    assert reading.pdf_check(data) is None  # every cap passed
    response = login(clerk_a).post(URL, {"reports": [SimpleUploadedFile("slow.pdf", data)]})
    assert response.status_code == 200
    assert "文件过于复杂，无法在限定的时间和内存内检查（计算时间超过 1 秒）" in (
        response.content.decode()
    )
    assert response.context["results"][0]["result"].verdict == "incomplete"


# --- the command --------------------------------------------------------------------------------
def run_command(*args: str) -> tuple[int, str]:
    out = io.StringIO()
    try:
        call_command("check_report", *args, stdout=out, stderr=io.StringIO())
        code = 0
    except SystemExit as exc:
        code = int(exc.code or 0)
    return code, out.getvalue()


@pytest.mark.slow
def test_the_command_exits_3_for_a_file_too_complex_to_check(tmp_path):
    bomb = tmp_path / "bomb.xlsx"
    bomb.write_bytes(hostile.xlsx_sparse_bomb())
    good = FIXTURES / "02-shuyang-fgj-2023.txt"
    code, out = run_command(str(good), str(bomb))
    assert code == 3  # a file too complex is one kind of 无法完整读取
    assert "无法读取：文件过于复杂：XLSX 的单元格超过 100 万个" in out
    assert "结论：无法完整读取（文件过于复杂：XLSX 的单元格超过 100 万个）" in out
    code, out = run_command(str(bomb), "--json")
    assert code == 3
    (entry,) = json.loads(out)
    assert entry["too_complex"] is True
    assert entry["readable"] is False


@pytest.mark.slow
def test_the_command_exits_3_when_the_child_is_stopped(tmp_path, settings):
    settings.CHECK_MEMORY_MB = 128
    settings.CHECK_SECONDS = 1
    path = tmp_path / "slow.txt"
    # a report whose prose is a few hundred thousand sentences, within the caps, each checked
    text = (FIXTURES / "02-shuyang-fgj-2023.txt").read_text(encoding="utf-8")
    prose = "本年度共收到政府信息公开申请9件，予以公开3件。\n" * 50_000
    path.write_text(text.replace("一、总体情况", "一、总体情况\n" + prose, 1), encoding="utf-8")
    code, out = run_command(str(path))
    assert code == 3
    assert "文件过于复杂，无法在限定的时间和内存内检查（" in out


def test_a_missing_file_is_still_exit_2(tmp_path, capsys):
    code, out = run_command(str(Path(tmp_path) / "none.pdf"))
    assert code == 2  # a usage error: nothing was checked
    assert "none.pdf”不存在" in capsys.readouterr().err
    assert out == ""
