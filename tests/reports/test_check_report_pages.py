"""The report checker in the staff pages: a unit or the office uploads published reports and
sees, in Chinese, what does not add up; every report Gongkai generates is read back through the
same checker."""

from __future__ import annotations

import copy
import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from openpyxl import load_workbook

from gongkai.audit.models import AuditEvent
from gongkai.reports import checker, readback, sandbox
from gongkai.reports import services as report_services
from tests.conftest import login
from tests.factories import register
from tests.reports.test_check_report import FIXTURES

URL = reverse("staff:report_check")


def upload(name: str, content: bytes | None = None) -> SimpleUploadedFile:
    data = (FIXTURES / name).read_bytes() if content is None else content
    return SimpleUploadedFile(name, data)


def post(client, *names: str, previous: str | None = None, **extra):
    data: dict = {"reports": [upload(n) for n in names], **extra}
    if previous:
        data["previous"] = upload(previous)
    return client.post(URL, data)


# --- uploading published reports ----------------------------------------------------------------
@pytest.mark.django_db
def test_a_clerk_uploads_hongze_2023_and_sees_table_4_does_not_add_up(clerk_a):
    response = post(login(clerk_a), "07-hongze-district-2023.pdf")
    assert response.status_code == 200
    (shown,) = response.context["results"]
    result = shown["result"]
    errors = [f for f in result.findings if f.severity == "error"]
    found = {(f.check, f.row, f.expected, f.found) for f in errors}
    assert found == {
        ("table4.group_total", "行政复议", 11, 0),
        ("table4.group_total", "行政诉讼/复议后起诉", 5, 0),
    }
    page = response.content.decode()
    assert "07-hongze-district-2023.pdf" in page
    assert "洪泽区人民政府" in page
    assert "错误 2 项" in page
    assert "读取到的表格" in page  # the tables as read
    assert 'data-table="四"' in page
    assert "行政复议" in page


@pytest.mark.django_db
def test_the_blank_totals_and_the_contradicting_prose_of_01_are_shown_with_their_place(reviewer_a):
    response = post(login(reviewer_a), "01-shanghai-govoffice-2019.txt")
    assert response.status_code == 200
    page = response.content.decode()
    assert "警告" in page
    assert "错误" in page
    assert "正文" in page  # where: the prose
    assert ">275<" in page  # expected
    assert ">258<" in page  # found
    assert ">空白<" in page  # a blank 总计 is found as 空白


@pytest.mark.django_db
def test_a_consistent_report_passes(office):
    response = post(login(office), "02-shuyang-fgj-2023.txt")
    assert response.status_code == 200
    assert response.context["results"][0]["result"].errors == 0
    assert response.context["with_errors"] == 0
    assert response.context["consistent"] == 1
    assert "共检查 1 份：1 份一致，0 份有错误，0 份无法完整读取。" in response.content.decode()


@pytest.mark.slow
@pytest.mark.django_db
def test_the_previous_years_report_checks_the_carry_over(clerk_a):
    client = login(clerk_a)
    response = post(client, "08-hongze-district-2024.pdf", previous="07-hongze-district-2023.pdf")
    assert response.status_code == 200
    result = response.context["results"][0]["result"]
    assert result.errors == 0
    assert not [f for f in result.findings if f.check.startswith("cross_year")]

    two = post(
        client,
        "02-shuyang-fgj-2023.txt",
        "08-hongze-district-2024.pdf",
        previous="07-hongze-district-2023.pdf",
    )
    assert two.status_code == 400
    assert "上一年度报告只能与一份报告一起核对" in two.content.decode()

    bad = client.post(
        URL,
        {
            "reports": [upload("08-hongze-district-2024.pdf")],
            "previous": upload("last.pdf", b"%PDF-1.4 not really"),
        },
    )
    assert bad.status_code == 200  # the report is checked all the same
    (shown,) = bad.context["results"]
    assert shown["result"].verdict == "incomplete"
    assert "未能核对上年结转：上一年度报告 last.pdf 无法读取" in bad.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("summary", ["csv", "xlsx"])
@pytest.mark.slow
def test_several_reports_give_one_summary_to_download(office, summary):
    response = post(
        login(office),
        "07-hongze-district-2023.pdf",
        "02-shuyang-fgj-2023.txt",
        summary=summary,
    )
    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="report-check.{summary}"'
    if summary == "csv":
        rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    else:
        book = load_workbook(io.BytesIO(response.content))
        assert book.sheetnames == ["年报检查", "问题明细"]
        sheet = book["年报检查"]
        rows = [["" if c is None else str(c) for c in r] for r in sheet.iter_rows(values_only=True)]
    assert rows[0] == list(checker.SUMMARY_COLUMNS)
    by_file = {r[0]: r for r in rows[1:]}
    assert by_file["07-hongze-district-2023.pdf"][1] == "洪泽区人民政府"
    assert by_file["07-hongze-district-2023.pdf"][4] == "2"
    assert by_file["07-hongze-district-2023.pdf"][7] == "有错误"
    assert by_file["02-shuyang-fgj-2023.txt"][4] == "0"


# --- bad uploads: a clear Chinese message, never a 500 -------------------------------------------
@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("report.pdf", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8, "内容不是这种格式"),
        ("report.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "不支持旧版"),
        ("report.bin", bytes(range(256)) * 40, "二进制"),
        ("report.docx", b"PK\x03\x04garbage", "损坏"),
        ("report.json", b'{"a": 1}', "不是年度报告"),
        ("scan.pdf", b"%PDF-1.4\n%%EOF\n", "PDF"),
    ],
)
def test_garbage_gives_a_chinese_message(clerk_a, name, content, message):
    response = login(clerk_a).post(URL, {"reports": [upload(name, content)]})
    assert response.status_code in (200, 400)
    page = response.content.decode()
    assert "无法读取" in page
    assert message in page
    assert response.context["incomplete"] == 1
    assert "无法完整读取" in page


@pytest.mark.django_db
def test_an_empty_file_or_no_file_is_refused(clerk_a):
    client = login(clerk_a)
    empty = client.post(URL, {"reports": [upload("empty.txt", b"")]})
    assert empty.status_code == 400
    assert "上传的文件是空的" in empty.content.decode()
    none = client.post(URL, {})
    assert none.status_code == 400
    assert "请选择要检查的报告文件" in none.content.decode()


@pytest.mark.django_db
def test_an_oversize_file_is_refused_before_it_is_read(clerk_a, settings, monkeypatch):
    settings.MAX_UPLOAD_MB = 1
    monkeypatch.setattr(checker, "check_bytes", lambda *a, **k: pytest.fail("read"))
    monkeypatch.setattr(sandbox, "run", lambda *a, **k: pytest.fail("read in a child"))
    response = login(clerk_a).post(URL, {"reports": [upload("big.txt", b"a" * (1024 * 1024 + 1))]})
    assert response.status_code == 413  # stopped while it arrives (gongkai.core.uploadlimits)
    assert "过大：上限 1 MB" in response.content.decode()


@pytest.mark.django_db
def test_an_unexpected_failure_of_the_reader_is_a_message_not_a_500(clerk_a, monkeypatch):
    # the reader runs in a child process (reports/sandbox.py; its own failures are tested in
    # tests/reports/test_hostile_files.py): here the parent's side cannot start or answer at all
    def broken(*args, **kwargs):
        raise IndexError("a case nobody foresaw")

    monkeypatch.setattr(sandbox, "run", broken)
    response = post(login(clerk_a), "02-shuyang-fgj-2023.txt")
    assert response.status_code == 200
    assert "读取时出错，无法识别该文件的内容" in response.content.decode()


# --- who may use it -----------------------------------------------------------------------------
@pytest.mark.django_db
def test_it_refuses_an_outsider(client, citizen):
    for method in (client.get, client.post):
        response = method(URL)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))
    outsider = login(citizen)
    assert outsider.get(URL).status_code == 404
    assert post(outsider, "02-shuyang-fgj-2023.txt").status_code == 404


@pytest.mark.django_db
def test_the_supervisor_may_check_a_report_and_nothing_is_stored(supervisor):
    before = AuditEvent.objects.count()
    client = login(supervisor)
    assert client.get(URL).status_code == 200
    response = post(client, "07-hongze-district-2023.pdf")
    assert response.status_code == 200
    assert response.context["with_errors"] == 1
    assert AuditEvent.objects.count() == before


@pytest.mark.django_db
def test_the_reports_dashboard_and_the_staff_home_link_to_the_checker(clerk_a):
    client = login(clerk_a)
    assert URL in client.get(reverse("staff:reports")).content.decode()
    assert URL in client.get(reverse("staff:home")).content.decode()


# --- reading back every report Gongkai generates ------------------------------------------------
@pytest.fixture
def report(office, clerk_a, unit_a):
    from tests.reports.test_reports import make

    make(unit_a, "2025-03-03", "2025-03-20", "not_exist", "commercial")
    make(unit_a, "2025-04-03", "2025-04-20", "provided")
    make(unit_a, "2025-12-20")
    register(clerk_a.user, unit_a)
    return report_services.report_create(actor=office.user, year=2025, unit=unit_a).report


@pytest.mark.slow
@pytest.mark.django_db
def test_the_report_page_reads_back_its_own_outputs_when_asked_and_keeps_the_result(
    report, clerk_a
):
    client = login(clerk_a)
    url = reverse("staff:report", args=[report.pk])
    first = client.get(url).content.decode()
    assert "并读回核对" in first
    assert "读回一致" not in first
    asked = client.get(url, {"readback": "1"})
    assert asked.status_code == 200
    page = asked.content.decode()
    assert "读回一致" in page
    assert "JSON、DOCX、XLSX、HTML" in page
    assert "读回一致" in client.get(url).content.decode()  # kept for this content


@pytest.mark.slow
@pytest.mark.django_db
def test_a_renderer_that_loses_a_number_is_found_where_it_is(report, clerk_a, monkeypatch):
    real = readback.produce

    def lossy(built, suffix):
        if suffix != ".json":
            return real(built, suffix)
        wrong = copy.deepcopy(built)
        wrong["applications"]["rows"]["一、本年新收政府信息公开申请数量"]["总计"] = 99
        return real(wrong, suffix)

    monkeypatch.setattr(readback, "produce", lossy)
    page = login(clerk_a).get(reverse("staff:report", args=[report.pk]), {"readback": "1"})
    text = page.content.decode()
    assert "读回不一致" in text
    assert "JSON 表三 “一、本年新收政府信息公开申请数量” “总计”：应为 4，读回 99" in text


@pytest.mark.slow
@pytest.mark.django_db
def test_the_read_back_is_asked_again_when_the_report_changes(report, office):
    client = login(office)
    url = reverse("staff:report", args=[report.pk])
    assert "读回一致" in client.get(url, {"readback": "1"}).content.decode()
    report_services.report_update(
        actor=office.user,
        report=report,
        overview=report.overview + "另有说明。",
        problems=report.problems,
        other=report.other,
        proactive=report.proactive,
        proactive_from_catalog=report.proactive_from_catalog,
    )
    assert "读回一致" not in client.get(url).content.decode()


@pytest.mark.slow
@pytest.mark.django_db
def test_annual_report_prints_the_read_back_verdict(report, tmp_path, capsys):
    for suffix in ("docx", "html"):
        output = str(tmp_path / f"r.{suffix}")
        call_command("annual_report", "--year", "2025", "--unit", "fgw", "--output", output)
        err = capsys.readouterr().err
        assert f"读回一致（{suffix.upper()}）" in err


@pytest.mark.slow
@pytest.mark.django_db
def test_the_district_report_of_the_2019_format_reads_back_too(report, tmp_path, capsys):
    call_command("annual_report", "--year", "2019", "--output", str(tmp_path / "r.xlsx"))
    assert "读回一致（XLSX）" in capsys.readouterr().err
