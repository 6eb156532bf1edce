"""The staff side of applications, through the pages: workbench, counter intake, the case and
its steps, documents, the case file, the export, and appeals."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import zipfile

import pytest
from django.core.management import call_command
from django.urls import reverse
from openpyxl import load_workbook

from gongkai.appeals.models import Appeal
from gongkai.applications import services
from gongkai.applications.models import Application
from gongkai.applications.outcomes import Decision, Outcome
from gongkai.audit.models import AuditEvent
from gongkai.audit.services import actor_label
from tests.conftest import login
from tests.factories import VALID_ID, register

D = dt.date.fromisoformat


def step(client, application, name: str, **fields):
    data = {f"{name}-{k}": v for k, v in fields.items()}
    return client.post(reverse("staff:case_step", args=[application.pk, name]), data)


@pytest.mark.django_db
def test_the_workbench_sorts_a_units_cases_by_urgency(clerk_a, clerk_b, unit_a, unit_b):
    today = services.today()
    overdue = register(clerk_a.user, unit_a, received=D("2025-03-03"))
    fresh = register(clerk_a.user, unit_a, received=today)
    theirs = register(clerk_b.user, unit_b, received=today)
    page = login(clerk_a).get(reverse("staff:workbench")).content.decode()
    overdue_part = page.split('id="overdue"')[1].split('id="soon"')[0]
    assert overdue.tracking_number in overdue_part
    assert "超期" in overdue_part
    assert fresh.tracking_number in page.split('id="open"')[1]
    assert theirs.tracking_number not in page
    assert "张*" in page
    assert "张三" not in page


@pytest.mark.django_db
def test_the_office_sees_every_unit_with_counts(office, clerk_a, clerk_b, unit_a, unit_b):
    register(clerk_a.user, unit_a, received=D("2025-03-03"))
    register(clerk_b.user, unit_b, received=services.today())
    page = login(office).get(reverse("staff:workbench")).content.decode()
    assert "各单位" in page
    assert unit_a.name in page
    assert unit_b.name in page


@pytest.mark.django_db
def test_a_clerk_registers_a_letter_and_hands_over_the_code_once(clerk_a, unit_a, unit_b):
    client = login(clerk_a)
    data = {
        "channel": "mail_signed",
        "submitted_on": "2025-03-03",
        "signed_on": "2025-03-05",
        "unit": unit_a.pk,
        "applicant_type": "natural",
        "applicant_name": "李四",
        "id_type": "resident_id",
        "id_number": VALID_ID,
        "phone": "010-69100000",
        "info_title": "某项目批复",
        "provision_form": "paper",
        "delivery_method": "post",
        "address": "北京市延庆区",
        "subject": "land",
    }
    response = client.post(reverse("staff:intake"), data)
    assert response.status_code == 200
    page = response.content.decode()
    application = Application.objects.get()
    code = re.search(r'查询码</th><td class="mono">([A-Z0-9]{8})<', page).group(1)
    assert services.query_code_matches(application, code)
    assert application.receipt_date == D("2025-03-05")
    assert "签收之日" in application.receipt_basis
    assert application.subject == "land"
    # A clerk registers for their own unit only.
    response = client.post(reverse("staff:intake"), {**data, "unit": unit_b.pk})
    assert response.status_code == 400
    assert Application.objects.count() == 1


@pytest.mark.django_db
def test_a_step_with_bad_input_shows_the_error_and_changes_nothing(clerk_a, unit_a):
    application = register(clerk_a.user, unit_a)
    client = login(clerk_a)
    response = step(
        client, application, "propose_extension", on="2025-03-10", days="30", reason="理由"
    )
    assert response.status_code == 400
    assert "最长不得超过20个工作日" in response.content.decode()
    response = step(client, application, "receive_correction", on="2025-03-10")
    assert response.status_code == 400
    assert "尚未告知补正，不能登记收到补正" in response.content.decode()
    response = step(client, application, "request_correction", on="2025-13-45", items="x")
    assert response.status_code == 400
    assert "日期格式不正确" in response.content.decode()
    assert application.events.count() == 1


@pytest.mark.django_db
def test_a_case_from_receipt_to_reply_through_the_pages(clerk_a, reviewer_a, unit_a, client):
    application = register(clerk_a.user, unit_a)
    clerk, reviewer = login(clerk_a), login(reviewer_a)
    page = clerk.get(reverse("staff:case", args=[application.pk])).content.decode()
    assert VALID_ID not in page  # masked until revealed (tests/applications/test_personal_data.py)
    assert "110105********002X" in page
    assert AuditEvent.objects.filter(action="application.view", actor=clerk_a.user).exists()
    assert "计算所得期限届满日：2025年3月31日" in page
    assert (
        step(
            clerk, application, "propose_extension", on="2025-03-20", days="20", reason="档案量大"
        ).status_code
        == 302
    )
    assert step(clerk, application, "approve_extension", on="2025-03-21").status_code == 404
    assert step(reviewer, application, "approve_extension", on="2025-03-21").status_code == 302
    assert (
        step(
            clerk,
            application,
            "propose_decision",
            on="2025-04-10",
            outcome="partial",
            ground_withhold_third_party="on",
            reason_withhold_third_party="被征收户的姓名和补偿金额属于个人隐私",
            details="邮寄纸质件",
        ).status_code
        == 302
    )
    assert step(reviewer, application, "approve_decision", on="2025-04-11").status_code == 302
    assert (
        step(clerk, application, "deliver", on="2025-04-14", method="邮寄（交邮）").status_code
        == 302
    )
    application.refresh_from_db()
    assert application.status == "closed"
    assert application.answered_in_time
    reply = application.documents.get(notice_kind="reply")
    download = clerk.get(reverse("staff:document", args=[application.pk, reply.pk]))
    assert download["Content-Type"].startswith("application/vnd.openxmlformats")
    printable = clerk.get(reverse("staff:document_print", args=[application.pk, reply.pk]))
    assert (
        "第十五条、第三十六条第（二）项、第三十六条第（三）项、第三十七条"
        in printable.content.decode()
    )
    assert "被征收户的姓名和补偿金额属于个人隐私" in printable.content.decode()
    assert "<h1>政府信息公开申请答复书</h1>" in printable.content.decode()


@pytest.mark.django_db
def test_the_case_file_zip_holds_everything(clerk_a, reviewer_a, unit_a):
    application = register(clerk_a.user, unit_a)
    services.application_propose_decision(
        actor=clerk_a.user,
        application=application,
        on=D("2025-03-10"),
        decision=Decision(Outcome.PROVIDED),
    )
    services.application_approve_decision(
        actor=reviewer_a.user, application=application, on=D("2025-03-11")
    )
    response = login(clerk_a).get(reverse("staff:case_zip", args=[application.pk]))
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    names = archive.namelist()
    assert "00-案卷目录.html" in names
    record = json.loads(archive.read("01-申请信息.json"))
    assert record["tracking_number"] == application.tracking_number
    assert record["id_number"] == "110105********002X"  # masked in the case file
    log = list(csv.reader(io.StringIO(archive.read("02-办理记录.csv").decode("utf-8-sig"))))
    assert [row[2] for row in log[1:]] == ["收到申请", "拟定答复", "审核通过"]
    documents = [n for n in names if n.startswith("材料/")]
    assert any(n.endswith("receipt.docx") for n in documents)
    assert any(n.endswith("reply.docx") for n in documents)
    assert any(n.endswith("reply.html") for n in documents)
    assert AuditEvent.objects.filter(
        action="application.view", summary__contains="下载案卷"
    ).exists()
    printed = login(clerk_a).get(reverse("staff:case_print", args=[application.pk]))
    assert "政府信息公开申请案卷" in printed.content.decode()


@pytest.mark.django_db
def test_the_office_routes_an_unrouted_case(office, unit_a):
    application = services.application_submit_online(
        data=__import__("tests.factories", fromlist=["applicant"]).applicant(), unit=None
    ).application
    client = login(office)
    assert application.tracking_number in client.get(reverse("staff:routing")).content.decode()
    response = client.post(
        reverse("staff:case_step", args=[application.pk, "assign"]),
        {"assign-unit": unit_a.pk, "assign-note": ""},
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.unit == unit_a


@pytest.mark.django_db
def test_the_web_export_masks_personal_data_unless_the_office_asks(
    office, supervisor, clerk_a, unit_a
):
    register(clerk_a.user, unit_a)
    url = reverse("staff:export")
    masked = login(office).get(url, {"year": "2025", "format": "csv"})
    text = masked.content.decode("utf-8-sig")
    assert VALID_ID not in text
    assert "110105********002X" in text
    revealed = login(office).get(url, {"year": "2025", "format": "csv", "reveal": "on"})
    assert VALID_ID in revealed.content.decode("utf-8-sig")
    by_supervisor = login(supervisor).get(url, {"year": "2025", "format": "csv", "reveal": "on"})
    assert VALID_ID not in by_supervisor.content.decode("utf-8-sig")
    assert (
        AuditEvent.objects.filter(
            action="application.export", summary__contains="含完整个人信息"
        ).count()
        == 1
    )
    xlsx = login(office).get(url, {"year": "2025", "format": "xlsx"})
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet["A1"].value == "申请编号"
    assert sheet["A2"].value.startswith("FGW-2025-")


@pytest.mark.django_db
def test_the_export_command(tmp_path, clerk_a, unit_a, capsysbinary):
    register(clerk_a.user, unit_a)
    register(clerk_a.user, unit_a, received=D("2024-12-30"))  # open, carried into 2025
    target = tmp_path / "out.xlsx"
    call_command(
        "applications",
        "export",
        "--year",
        "2025",
        "--unit",
        "fgw",
        "--format",
        "xlsx",
        "--output",
        str(target),
    )
    rows = list(load_workbook(target).active.iter_rows(values_only=True))
    assert len(rows) == 3
    call_command(
        "applications", "export", "--year", "2025", "--format", "csv", "--reveal-personal-data"
    )
    text = capsysbinary.readouterr().out.decode("utf-8-sig")
    assert VALID_ID in text
    for args in (["--year", "20x5"], ["--year", "2025", "--unit", "nope"], ["--year", "1999"]):
        with pytest.raises(SystemExit) as info:
            call_command("applications", "export", *args)
        assert info.value.code == 2


@pytest.mark.django_db
def test_the_page_and_the_command_export_the_same_list_and_each_is_audited(
    office, clerk_a, unit_a, capsysbinary
):
    register(clerk_a.user, unit_a)
    page = login(office).get(
        reverse("staff:export"), {"year": "2025", "unit": "fgw", "format": "csv"}
    )
    call_command("applications", "export", "--year", "2025", "--unit", "fgw", "--format", "csv")
    assert capsysbinary.readouterr().out == page.content
    assert "applications-2025-fgw.csv" in page["Content-Disposition"]
    assert page["Content-Type"] == "text/csv; charset=utf-8"
    rows = AuditEvent.objects.filter(action="application.export").order_by("id")
    assert [(r.actor_label, r.summary) for r in rows] == [
        (actor_label(office.user), "导出2025年申请清单（1件）"),
        ("命令行", "命令行导出2025年申请清单（1件）"),
    ]


@pytest.mark.django_db
def test_appeals_are_recorded_linked_and_decided(office, clerk_a, clerk_b, unit_a):
    application = register(clerk_a.user, unit_a)
    client = login(office)
    base = {
        "kind": "litigation",
        "route": "",
        "unit": unit_a.pk,
        "tracking_number": application.tracking_number.lower(),
        "body": "北京市延庆区人民法院",
        "appellant": "张三",
        "filed_on": "2025-05-06",
        "summary": "不服答复",
        "result": "pending",
    }
    response = client.post(reverse("staff:appeal_create"), base)
    assert response.status_code == 400
    assert "请选择起诉方式" in response.content.decode()
    response = client.post(reverse("staff:appeal_create"), {**base, "route": "direct"})
    assert response.status_code == 302
    appeal = Appeal.objects.get()
    assert appeal.application == application
    response = client.post(
        reverse("staff:appeal", args=[appeal.pk]),
        {"result": "corrected", "decided_on": "2025-04-01", "detail": ""},
    )
    assert "审结日期不能早于" in response.content.decode()
    client.post(
        reverse("staff:appeal", args=[appeal.pk]),
        {"result": "corrected", "decided_on": "2025-08-01", "detail": "撤销答复"},
    )
    appeal.refresh_from_db()
    assert (appeal.result, appeal.decided_on) == ("corrected", D("2025-08-01"))
    assert AuditEvent.objects.filter(action="appeal.litigation.decide").exists()
    assert login(clerk_b).get(reverse("staff:appeal", args=[appeal.pk])).status_code == 404
    assert login(clerk_a).get(reverse("staff:appeal", args=[appeal.pk])).status_code == 200
