"""The applicant's side: apply online, get a number and a code, follow the case, download the
reply, withdraw — and every kind of bad input turned away in Chinese with nothing stored."""

from __future__ import annotations

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gongkai.applications.models import Application, Document
from gongkai.audit.models import AuditEvent
from tests.factories import VALID_ID

PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def form_page(client) -> tuple[str, str]:
    page = client.get(reverse("portal:apply")).content.decode()
    token = re.search(r'name="token" value="([^"]+)"', page).group(1)
    return page, token


def data(token: str, unit=None, changes: dict | None = None) -> dict:
    values = {
        "unit": unit.pk if unit else "",
        "applicant_type": "natural",
        "applicant_name": "张三",
        "id_type": "resident_id",
        "id_number": VALID_ID,
        "phone": "13800000000",
        "email": "zhang@example.cn",
        "address": "北京市延庆区高塔街1号",
        "postcode": "102100",
        "info_title": "征地补偿方案",
        "info_number": "",
        "info_description": "某村征地补偿标准",
        "provision_form": "electronic",
        "delivery_method": "download",
        "token": token,
        "promise": "on",
        "website": "",
    }
    values.update(changes or {})
    return {k: v for k, v in values.items() if v is not None}


def errors(response) -> list[str]:
    return re.findall(r"(?:field-error|errors)[^>]*>\s*(?:<p>)?([^<]+)<", response.content.decode())


@pytest.mark.django_db
def test_an_applicant_files_online_and_follows_the_case(client, unit_a):
    _, token = form_page(client)
    response = client.post(reverse("portal:apply"), data(token, unit_a))
    assert response.status_code == 302
    done = client.get(response["Location"]).content.decode()
    number, code = re.findall(r'class="mono">([^<]+)<', done)[:2]
    assert number == "FGW-2025-00001" or number.startswith("FGW-")
    assert len(code) == 8
    application = Application.objects.get()
    assert application.channel == "online"
    assert application.receipt_date is not None
    # Another browser needs the number and the code.
    other = type(client)()
    assert other.get(reverse("portal:track", args=[number])).status_code == 404
    wrong = other.post(
        reverse("portal:lookup"), {"tracking_number": number, "query_code": "AAAA2222"}
    )
    assert "申请编号或查询码不正确" in wrong.content.decode()
    found = other.post(
        reverse("portal:lookup"), {"tracking_number": number.lower(), "query_code": code.lower()}
    )
    assert found.status_code == 302
    page = other.get(found["Location"]).content.decode()
    assert "办理中" in page
    assert "受理回执" in page
    assert VALID_ID not in page
    assert "13800000000" not in page
    receipt = application.documents.get(notice_kind="receipt")
    download = other.get(reverse("portal:track_document", args=[number, receipt.pk]))
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith("attachment")


@pytest.mark.django_db
def test_a_double_submission_makes_one_application(client, unit_a):
    _, token = form_page(client)
    first = client.post(reverse("portal:apply"), data(token, unit_a))
    second = client.post(reverse("portal:apply"), data(token, unit_a))
    assert first["Location"] == second["Location"]
    assert Application.objects.count() == 1
    elsewhere = type(client)().post(reverse("portal:apply"), data(token, unit_a))
    assert elsewhere.status_code == 200
    assert "已经提交过" in elsewhere.content.decode()
    assert Application.objects.get().tracking_number not in elsewhere.content.decode()
    assert Application.objects.count() == 1


@pytest.mark.django_db
def test_not_knowing_the_unit_sends_the_case_to_the_office(client, unit_a):
    _, token = form_page(client)
    client.post(reverse("portal:apply"), data(token, None))
    application = Application.objects.get()
    assert application.unit is None
    assert application.status == "unrouted"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"id_number": "110105194912310021"}, "校验位不正确"),
        ({"id_number": "12345"}, "应为18位"),
        ({"applicant_type": "commercial"}, "法人或其他组织请选择统一社会信用代码"),
        (
            {"applicant_type": "commercial", "id_type": "uscc", "id_number": "91110000000000000X"},
            "统一社会信用代码",
        ),
        ({"phone": "call me"}, "联系电话只能包含"),
        ({"email": "not-mail"}, "电子邮箱格式不正确"),
        ({"delivery_method": "email", "email": ""}, "请填写电子邮箱"),
        ({"delivery_method": "post", "address": ""}, "请填写通信地址"),
        ({"info_title": "", "info_description": ""}, "至少一项"),
        ({"applicant_name": "名" * 101}, "不超过100字"),
        ({"promise": None}, "请确认所填信息真实"),
        ({"token": "not-a-uuid"}, "请重新打开申请页面"),
        ({"website": "http://spam.example"}, "提交未被接受"),
        ({"unit": "999999"}, "请从列表中选择单位"),
        ({"applicant_type": "emperor"}, "请从列表中选择申请人类型"),
    ],
)
def test_bad_input_is_turned_away_in_chinese_and_nothing_is_stored(
    client, unit_a, changes, message
):
    _, token = form_page(client)
    response = client.post(reverse("portal:apply"), data(token, unit_a, changes))
    assert response.status_code == 400
    assert any(message in e for e in errors(response)), errors(response)
    assert not Application.objects.exists()
    assert not Document.objects.exists()
    assert not AuditEvent.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("id.pdf", b"MZ\x90\x00 this is an executable", "不是允许的类型"),
        ("id.png", PDF, "扩展名与内容不符"),
        ("empty.pdf", b"", "文件是空的"),
        ("big.pdf", PDF + b"0" * (21 * 1024 * 1024), "过大"),
    ],
)
def test_a_bad_attachment_stores_nothing(client, unit_a, name, content, message):
    _, token = form_page(client)
    upload = SimpleUploadedFile(name, content)
    response = client.post(reverse("portal:apply"), {**data(token, unit_a), "attachments": upload})
    # an oversize file is stopped while it arrives (gongkai.core.uploadlimits): 413
    assert response.status_code == (413 if name == "big.pdf" else 400)
    assert message in response.content.decode()
    assert not Application.objects.exists()
    assert not Document.objects.exists()


@pytest.mark.django_db
def test_good_attachments_are_filed_by_their_content(client, unit_a):
    _, token = form_page(client)
    files = [SimpleUploadedFile("身份证.PDF", PDF), SimpleUploadedFile("执照", PNG)]
    response = client.post(reverse("portal:apply"), {**data(token, unit_a), "attachments": files})
    assert response.status_code == 302
    names = set(
        Application.objects.get()
        .documents.exclude(notice_kind="receipt")
        .values_list("original_name", "content_type")
    )
    assert names == {("身份证.pdf", "application/pdf"), ("执照.png", "image/png")}


@pytest.mark.django_db
def test_hostile_text_is_stored_as_text_and_escaped(client, unit_a, clerk_a):
    _, token = form_page(client)
    hostile = "<script>alert(1)</script>&\u0000"
    client.post(
        reverse("portal:apply"),
        data(token, unit_a, {"applicant_name": "张<b>三</b>", "info_description": hostile}),
    )
    application = Application.objects.get()
    assert application.info_description == "<script>alert(1)</script>&"  # control chars dropped
    from tests.conftest import login

    page = login(clerk_a).get(reverse("staff:case", args=[application.pk])).content.decode()
    assert "<script>alert(1)" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


@pytest.mark.django_db
def test_public_forms_are_rate_limited_per_client(client, unit_a, settings):
    settings.GONGKAI_PUBLIC_RATE_LIMIT = 3
    for _ in range(3):
        response = client.post(
            reverse("portal:lookup"), {"tracking_number": "X", "query_code": "Y"}
        )
        assert response.status_code == 400
    blocked = client.post(reverse("portal:lookup"), {"tracking_number": "X", "query_code": "Y"})
    assert blocked.status_code == 429
    assert "提交过于频繁" in blocked.content.decode()
    other = type(client)(REMOTE_ADDR="10.0.0.9")
    assert (
        other.post(
            reverse("portal:lookup"), {"tracking_number": "X", "query_code": "Y"}
        ).status_code
        == 400
    )


@pytest.mark.django_db
def test_the_applicant_withdraws_online(client, unit_a):
    _, token = form_page(client)
    client.post(reverse("portal:apply"), data(token, unit_a))
    application = Application.objects.get()
    url = reverse("portal:withdraw", args=[application.tracking_number])
    client.post(url, {"reason": "已不需要"})  # not confirmed: nothing happens
    application.refresh_from_db()
    assert application.status == "processing"
    client.post(url, {"reason": "已不需要", "confirm": "yes"})
    application.refresh_from_db()
    assert application.status == "withdrawn"
    assert application.events.last().actor_label == "申请人（网上撤回）"
    page = client.get(reverse("portal:track", args=[application.tracking_number])).content.decode()
    assert "已撤回" in page
    assert "撤回申请</h2>" not in page


@pytest.mark.django_db
def test_another_browser_cannot_withdraw_or_download(client, unit_a):
    _, token = form_page(client)
    client.post(reverse("portal:apply"), data(token, unit_a))
    application = Application.objects.get()
    stranger = type(client)()
    response = stranger.post(
        reverse("portal:withdraw", args=[application.tracking_number]), {"confirm": "yes"}
    )
    assert response.status_code == 404
    receipt = application.documents.first()
    assert (
        stranger.get(
            reverse("portal:track_document", args=[application.tracking_number, receipt.pk])
        ).status_code
        == 404
    )
    application.refresh_from_db()
    assert application.status == "processing"
