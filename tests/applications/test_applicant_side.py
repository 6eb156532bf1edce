"""The applicant's side of a case: the status page states the outcome in plain words and the
clock as staff see it, lists what the applicant may download (and logs each download), takes a
correction sent online — and turns away every bad one in Chinese with nothing stored. Also the
blank 申请表 for those who apply on paper, and the links to the 政府信息公开指南."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from docx import Document as Docx

from gongkai.applications import outcomes, services
from gongkai.applications.models import Application, Document, DocumentKind, EventKind
from gongkai.applications.outcomes import Outcome
from gongkai.audit.models import AuditEvent
from gongkai.workdays import services as workdays
from tests.factories import applicant

PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def day(value: dt.date) -> str:
    """A date as the pages write it."""
    return f"{value.year}年{value.month}月{value.day}日"


def refresh(application: Application) -> Application:
    application.refresh_from_db()
    return application


def open_in(client, intake: services.Intake) -> str:
    """Open the case in this browser with its number and query code, as an applicant does."""
    number = intake.application.tracking_number
    response = client.post(
        reverse("portal:lookup"), {"tracking_number": number, "query_code": intake.query_code}
    )
    assert response.status_code == 302
    return number


def page(client, number: str) -> str:
    response = client.get(reverse("portal:track", args=[number]))
    assert response.status_code == 200
    return response.content.decode()


def with_remedy_venue(unit) -> None:
    """Where the unit's replies may be contested: a reply cannot be issued without it."""
    from gongkai.units import selectors as unit_selectors
    from gongkai.units import services as unit_services

    if unit_selectors.venue_on(unit, services.today()) is None:
        unit_services.venue_record(
            actor=None,
            unit=unit,
            valid_from=dt.date(2024, 1, 1),
            rule="department",
            body="北京市延庆区人民政府",
            online_channel="https://fuyi.example.gov.cn",
            court="北京市延庆区人民法院",
        )


@pytest.fixture
def received():
    """Two weeks ago: every step can be dated in the past and the correction is still open."""
    return services.today() - dt.timedelta(days=14)


@pytest.fixture
def intake(clerk_a, unit_a, received):
    with_remedy_venue(unit_a)
    return services.application_register(
        actor=clerk_a.user,
        data=applicant(),
        unit=unit_a,
        channel="in_person",
        submitted_on=received,
        registered_on=received,
    )


@pytest.fixture
def case(intake):
    return intake.application


@pytest.fixture
def opened(client, intake):
    return open_in(client, intake)


@pytest.fixture
def correction(case, clerk_a, received):
    """A correction asked for the day after receipt."""
    return services.application_request_correction(
        actor=clerk_a.user,
        application=case,
        on=received + dt.timedelta(days=1),
        items="请写明所需信息的文号或者形成时间",
    )


def propose(actor, case, on: dt.date, outcome: Outcome, details: str = "", files=()):
    """The clerk's draft decision (the reviewer approves it)."""
    return services.application_propose_decision(
        actor=actor,
        application=case,
        on=on,
        decision=outcomes.Decision(outcome, details=details),
        files=files,
    )


def counts() -> tuple[int, int, int]:
    return (
        Document.objects.count(),
        AuditEvent.objects.count(),
        sum(1 for a in Application.objects.all() for _ in a.events.all()),
    )


# --- the outcome --------------------------------------------------------------------------------
@pytest.mark.django_db
def test_the_status_page_states_the_outcome_in_plain_words_once_approved(
    client, opened, case, clerk_a, reviewer_a, received
):
    plain = outcomes.rule(Outcome.PROVIDED).plain
    propose(clerk_a.user, case, received + dt.timedelta(days=2), Outcome.PROVIDED)
    assert plain not in page(client, opened)  # a draft is not an answer
    services.application_approve_decision(
        actor=reviewer_a.user, application=case, on=received + dt.timedelta(days=3)
    )
    text = page(client, opened)
    assert "办理结果" in text
    assert plain in text


@pytest.mark.django_db
def test_a_withdrawn_case_says_so_in_plain_words(client, opened, case):
    services.application_withdraw(
        actor=None, application=case, on=services.today(), by_applicant_online=True
    )
    assert outcomes.rule(Outcome.WITHDRAWN).plain in page(client, opened)


@pytest.mark.django_db
def test_a_running_case_shows_its_due_date_and_the_working_days_left(client, opened, case):
    result = services.compute_clock(case)
    text = page(client, opened)
    assert day(result.due) in text
    assert "期限计算过程" in text
    left = result.working_days_left(services.today())
    assert (f"{left}个工作日" if left > 0 else "届满" if left == 0 else "已超过答复期限") in text


# --- correction ---------------------------------------------------------------------------------
@pytest.mark.django_db
def test_during_a_correction_the_clock_is_stopped_with_the_items_and_the_deadline(
    client, opened, case, correction
):
    text = page(client, opened)
    assert "停止计时" in text
    assert "《条例》第三十条" in text
    assert "请写明所需信息的文号或者形成时间" in text
    assert day(dt.date.fromisoformat(correction.data["due"])) in text
    assert reverse("portal:correct", args=[opened]) in text
    assert "剩余" not in text  # no days are counted while the clock is stopped


@pytest.mark.django_db
def test_an_online_correction_restarts_the_clock_in_full(client, opened, case, correction):
    response = client.post(
        reverse("portal:correct", args=[opened]),
        {
            "text": "所需信息的文号为延发改发〔2025〕3号",
            "attachments": SimpleUploadedFile("补正.pdf", PDF),
        },
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("portal:track", args=[opened])
    case = refresh(case)
    today = services.today()
    assert case.status == "processing"
    assert case.due_date == workdays.current_calendar().add(today, 20)
    event = case.events.get(kind=EventKind.CORRECTION_RECEIVED)
    assert event.occurred_on == today
    assert event.actor_label == "申请人（网上补正）"
    assert case.documents.filter(kind=DocumentKind.CORRECTION).count() == 1
    text = page(client, opened)
    assert "停止计时" not in text
    assert day(case.due_date) in text
    assert "重新计算" in text
    assert "补正已提交" in text


@pytest.mark.django_db
def test_a_browser_that_did_not_open_the_case_cannot_correct_it(client, case, correction):
    before = counts()
    response = client.post(reverse("portal:correct", args=[case.tracking_number]), {"text": "x"})
    assert response.status_code == 404
    assert counts() == before
    assert refresh(case).status == "awaiting_correction"


@pytest.mark.django_db
def test_a_correction_is_refused_when_none_was_asked_for(client, opened, case):
    before = counts()
    response = client.post(reverse("portal:correct", args=[opened]), {"text": "补充说明"})
    assert response.status_code == 400
    assert "无需补正" in response.content.decode()
    assert counts() == before


@pytest.mark.django_db
def test_no_correction_form_is_shown_when_none_was_asked_for(client, opened, case):
    text = page(client, opened)
    assert "提交补正" not in text


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("补正.pdf", b"MZ\x90\x00 this is an executable", "不是允许的类型"),
        ("补正.png", PDF, "扩展名与内容不符"),
        ("补正.docx", b"PK\x03\x04 not really a zip", "不是允许的类型"),
        ("empty.pdf", b"", "空的"),
        ("big.pdf", PDF + b"0" * (1024 * 1024 + 1), "过大"),
    ],
)
def test_a_bad_file_in_a_correction_stores_nothing(
    client, opened, case, correction, settings, name, content, message
):
    settings.MAX_UPLOAD_MB = 1
    before = counts()
    files = [SimpleUploadedFile("good.pdf", PDF), SimpleUploadedFile(name, content)]
    response = client.post(
        reverse("portal:correct", args=[opened]), {"text": "见附件", "attachments": files}
    )
    # an oversize file is stopped while it arrives (gongkai.core.uploadlimits): 413
    assert response.status_code == (413 if name == "big.pdf" else 400)
    assert message in response.content.decode()
    assert counts() == before  # not the good file either: no event, no document, no audit
    assert refresh(case).status == "awaiting_correction"


@pytest.mark.django_db
def test_more_than_five_files_are_refused(client, opened, case, correction):
    before = counts()
    files = [SimpleUploadedFile(f"{i}.pdf", PDF) for i in range(6)]
    response = client.post(reverse("portal:correct", args=[opened]), {"attachments": files})
    assert response.status_code == 400
    assert "最多上传5个文件" in response.content.decode()
    assert counts() == before


@pytest.mark.django_db
def test_a_too_long_correction_is_refused(client, opened, case, correction):
    before = counts()
    response = client.post(reverse("portal:correct", args=[opened]), {"text": "字" * 2001})
    assert response.status_code == 400
    assert "补正内容不超过2000字" in response.content.decode()
    assert counts() == before


@pytest.mark.django_db
def test_a_request_too_large_to_read_is_a_bad_request_not_an_error(
    client, opened, case, correction
):
    before = counts()
    response = client.post(reverse("portal:correct", args=[opened]), {"text": "字" * 1_500_000})
    assert response.status_code == 400
    assert counts() == before


@pytest.mark.django_db
def test_an_empty_correction_is_refused(client, opened, case, correction):
    before = counts()
    response = client.post(reverse("portal:correct", args=[opened]), {"text": "  \u0000 "})
    assert response.status_code == 400
    assert "请填写补正内容或者上传补正材料" in response.content.decode()
    assert counts() == before


@pytest.mark.django_db
def test_a_hostile_correction_is_stored_as_text_and_shown_escaped(
    client, opened, case, correction, clerk_a
):
    hostile = "<script>alert(1)</script>&\u0000'\"{{ x }}{% if %}"
    files = SimpleUploadedFile("../../<img src=x>.pdf", PDF)
    response = client.post(
        reverse("portal:correct", args=[opened]), {"text": hostile, "attachments": files}
    )
    assert response.status_code == 302
    event = refresh(case).events.get(kind=EventKind.CORRECTION_RECEIVED)
    assert "<script>alert(1)</script>&'\"{{ x }}{% if %}" in event.summary  # NUL dropped
    stored = case.documents.get(kind=DocumentKind.CORRECTION)
    assert "/" not in stored.original_name
    assert "<" not in stored.original_name
    from tests.conftest import login

    staff_page = login(clerk_a).get(reverse("staff:case", args=[case.pk])).content.decode()
    assert "<script>alert(1)" not in staff_page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in staff_page
    assert "<script>" not in page(client, opened)


@pytest.mark.django_db
def test_online_corrections_are_rate_limited(client, opened, case, correction, settings):
    settings.GONGKAI_PUBLIC_RATE_LIMIT = 2
    settings.GONGKAI_PUBLIC_ATTEMPT_LIMIT = (
        2  # refused posts count here (tests/accounts/test_ratelimit.py)
    )
    url = reverse("portal:correct", args=[opened])
    for _ in range(2):
        assert client.post(url, {"text": "字" * 2001}).status_code == 400
    blocked = client.post(url, {"text": "所需信息的文号为延发改发〔2025〕3号"})
    assert blocked.status_code == 429
    assert refresh(case).status == "awaiting_correction"


@pytest.mark.django_db
def test_a_get_does_not_correct(client, opened, case, correction):
    assert client.get(reverse("portal:correct", args=[opened])).status_code == 405


# --- pauses -------------------------------------------------------------------------------------
@pytest.mark.django_db
def test_a_consultation_pauses_the_clock_with_its_basis(client, opened, case, clerk_a):
    services.application_start_consultation(
        actor=clerk_a.user,
        application=case,
        on=services.today() - dt.timedelta(days=1),
        party="某公司",
        with_agency=False,
        reason="涉及商业秘密",
    )
    text = page(client, opened)
    assert "暂停计时" in text
    assert "征求第三方意见" in text
    assert "《条例》第三十三条第三款" in text
    assert "某公司" not in text  # the third party is not named to the applicant


# --- documents ----------------------------------------------------------------------------------
INFORMATION = services.Upload("征地补偿方案.pdf", PDF, DocumentKind.INFORMATION, "征地补偿方案")


def attach_information(clerk, case) -> Document:
    return services.application_add_documents(
        actor=clerk.user, application=case, files=[INFORMATION]
    )[0]


@pytest.mark.django_db
def test_information_is_downloadable_only_once_the_reply_giving_it_is_approved(
    client, opened, case, clerk_a, reviewer_a, received
):
    propose(
        clerk_a.user,
        case,
        received + dt.timedelta(days=2),
        Outcome.PROVIDED,
        files=[INFORMATION],
    )
    information = case.documents.get(kind=DocumentKind.INFORMATION)
    url = reverse("portal:track_document", args=[opened, information.pk])
    assert client.get(url).status_code == 404  # attached to the draft: not yet the applicant's
    assert "征地补偿方案" not in re.sub(r"<h1.*?</h1>", "", page(client, opened))
    services.application_approve_decision(
        actor=reviewer_a.user, application=case, on=received + dt.timedelta(days=3)
    )
    text = page(client, opened)
    assert url in text
    assert "提供的政府信息" in text
    before = AuditEvent.objects.filter(action="application.download").count()
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    downloads = AuditEvent.objects.filter(action="application.download")
    assert downloads.count() == before + 1
    assert "征地补偿方案" in downloads.latest("id").summary
    assert downloads.latest("id").actor_label == "申请人（凭查询码）"


@pytest.mark.django_db
def test_information_is_not_shared_under_an_outcome_that_provides_none(
    client, opened, case, clerk_a, reviewer_a, received
):
    information = attach_information(clerk_a, case)
    propose(
        clerk_a.user,
        case,
        received + dt.timedelta(days=2),
        Outcome.NOT_EXIST,
        details="经检索本机关档案室和业务系统，未找到该信息",
    )
    services.application_approve_decision(
        actor=reviewer_a.user, application=case, on=received + dt.timedelta(days=3)
    )
    url = reverse("portal:track_document", args=[opened, information.pk])
    assert client.get(url).status_code == 404
    assert url not in page(client, opened)


@pytest.mark.django_db
def test_every_download_of_a_notice_is_logged_and_internal_papers_are_not_served(
    client, opened, case, clerk_a
):
    receipt = case.documents.get(notice_kind="receipt")
    internal = services.application_add_documents(
        actor=clerk_a.user, application=case, files=[services.Upload("内部.pdf", PDF)]
    )[0]
    for _ in range(2):
        assert (
            client.get(reverse("portal:track_document", args=[opened, receipt.pk])).status_code
            == 200
        )
    assert AuditEvent.objects.filter(action="application.download").count() == 2
    assert (
        client.get(reverse("portal:track_document", args=[opened, internal.pk])).status_code == 404
    )
    stranger = type(client)()
    assert (
        stranger.get(reverse("portal:track_document", args=[opened, receipt.pk])).status_code == 404
    )
    assert AuditEvent.objects.filter(action="application.download").count() == 2


# --- the blank form and the guide ---------------------------------------------------------------
ARTICLE_29_FIELDS = (
    "公民",
    "姓名",
    "证件名称",
    "证件号码",
    "联系电话",
    "法人或其他组织",
    "名称",
    "统一社会信用代码",
    "法定代表人或负责人",
    "联系人",
    "所需信息的名称",
    "所需信息的文号",
    "特征性描述",
    "提供形式",
    "获取方式",
    "申请人签名或盖章",
    "申请日期",
)


@pytest.mark.django_db
def test_the_printable_form_has_the_fields_article_29_requires(client):
    response = client.get(reverse("portal:apply_form"))
    assert response.status_code == 200
    text = response.content.decode()
    assert "政府信息公开申请表" in text
    for label in ARTICLE_29_FIELDS:
        assert label in text, label
    for choice in ("□纸质", "□电子数据", "□邮寄", "□自行领取"):
        assert choice in text
    assert "<table" in text
    assert "size: A4" in text
    # self-contained: no stylesheet, script, image or font from anywhere
    assert not re.search(r"<(link|script|img)\b", text)
    assert "url(" not in text


@pytest.mark.django_db
def test_the_form_is_also_a_word_document_with_a_real_table(client):
    response = client.get(reverse("portal:apply_form") + "?format=docx")
    assert response.status_code == 200
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.wordprocessingml"
    )
    assert "attachment" in response["Content-Disposition"]
    document = Docx(io.BytesIO(b"".join(response.streaming_content)))
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert len(document.tables) == 1
    table = document.tables[0]
    cells = {c.text for row in table.rows for c in row.cells}
    text = "\n".join(cells)
    for label in ARTICLE_29_FIELDS:
        assert label in text, label
    assert document.paragraphs[0].text == "政府信息公开申请表"
    xml = document.element.xml
    assert 'w:eastAsia="仿宋"' in xml
    assert 'w:eastAsia="宋体"' in xml
    assert "gridSpan" in xml  # merged cells, as a form has
    assert "vMerge" in xml


@pytest.mark.django_db
def test_the_home_page_links_the_guide_and_the_form(client, district, unit_a):
    text = client.get(reverse("portal:home")).content.decode()
    assert reverse("portal:guide", args=[district.code]) in text
    assert "政府信息公开指南" in text
    assert reverse("portal:apply_form") in text
    assert "下载申请表" in text


@pytest.mark.django_db
def test_the_apply_page_asks_to_read_the_guide_of_the_unit_chosen(client, district, unit_a):
    text = client.get(reverse("portal:apply")).content.decode()
    assert "申请前请阅读政府信息公开指南" in text
    assert reverse("portal:guide", args=[district.code]) in text
    assert reverse("portal:apply_form") in text
    chosen = client.get(reverse("portal:apply") + f"?unit={unit_a.code}").content.decode()
    assert reverse("portal:guide", args=[unit_a.code]) in chosen
    assert f'<option value="{unit_a.pk}" selected>' in chosen
    unknown = client.get(reverse("portal:apply") + "?unit=<script>").content.decode()
    assert "<script>" not in unknown


@pytest.mark.django_db
def test_a_late_correction_notice_tells_the_applicant_the_due_date_stands(client, clerk_a, unit_a):
    """第三十条: asked after 7 working days, the correction does not stop the clock."""
    received = services.today() - dt.timedelta(days=25)
    intake = services.application_register(
        actor=clerk_a.user,
        data=applicant(),
        unit=unit_a,
        channel="in_person",
        submitted_on=received,
        registered_on=received,
    )
    number = open_in(client, intake)
    services.application_request_correction(
        actor=clerk_a.user,
        application=intake.application,
        on=services.today(),
        items="请写明文号",
    )
    html = page(client, number)
    assert "答复期限不变" in html
    assert day(refresh(intake.application).due_date) in html
    assert "停止计时" not in html


@pytest.mark.django_db
def test_a_correction_deadline_in_an_unloaded_year_is_marked_provisional(
    client, opened, case, clerk_a
):
    if services.today().year + 1 in workdays.current_calendar().known_years:
        pytest.skip("next year's arrangement is already loaded on this machine")
    services.application_request_correction(
        actor=clerk_a.user,
        application=case,
        on=services.today(),
        items="请写明文号",
        period_days=60,
    )
    html = page(client, opened)
    assert "补正期限" in html
    assert "暂定" in html
