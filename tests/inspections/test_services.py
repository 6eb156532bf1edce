"""The services of inspections and rectification: each change audited with its basis, each
refused change stores nothing (no row, no file, no audit row), the due date on the working-day
clock, the notice as a DOCX, and the indicator the assessment reads."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from docx import Document

from gongkai.audit.actions import AuditAction
from gongkai.audit.models import AuditEvent
from gongkai.inspections import notice, selectors, services
from gongkai.inspections.models import Evidence, Finding, Inspection, Rectification, Response
from gongkai.inspections.services import InspectionError
from gongkai.inspections.status import State
from tests.factories import PNG, columns_of, draft, register

pytestmark = pytest.mark.django_db

ISSUED_ON = dt.date(2025, 9, 26)  # a Friday before the National Day holiday of 2025


def audited(action: AuditAction) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(action=action.value).order_by("id"))


@pytest.fixture
def inspection(office, unit_a, unit_b):
    return services.inspection_create(
        actor=office.user,
        title="2025年度政府信息公开工作检查",
        start_on=dt.date(2025, 9, 15),
        end_on=dt.date(2025, 9, 19),
        units=[unit_a, unit_b],
        scope="依申请公开办理、主动公开栏目",
        inspectors="公开办甲、公开办乙",
    )


@pytest.fixture
def finding(office, inspection, unit_a):
    return services.finding_add(
        actor=office.user,
        inspection=inspection,
        unit=unit_a,
        kind="wrong_article",
        description="答复告知书引用条款不准确",
    )


@pytest.fixture
def rectification(office, inspection, unit_a, finding):
    return services.rectification_issue(
        actor=office.user, inspection=inspection, unit=unit_a, on=ISSUED_ON
    )


# --- inspections and findings ---------------------------------------------------------------------
def test_an_inspection_is_recorded_and_audited(inspection, unit_a, unit_b):
    assert set(inspection.units.all()) == {unit_a, unit_b}
    (event,) = audited(AuditAction.INSPECTION_CREATE)
    assert "第四十七条" in event.legal_basis
    assert "被检查单位2家" in event.summary


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"units": []}, "请选择被检查单位"),
        ({"end_on": dt.date(2025, 9, 1)}, "结束日期不能早于开始日期"),
        ({"title": "  "}, "请填写检查名称"),
    ],
)
def test_a_refused_inspection_stores_nothing(office, unit_a, changes, message):
    data = {
        "title": "检查",
        "start_on": dt.date(2025, 9, 15),
        "end_on": dt.date(2025, 9, 19),
        "units": [unit_a],
    } | changes
    with pytest.raises(InspectionError, match=message):
        services.inspection_create(actor=office.user, **data)
    assert not Inspection.objects.exists()
    assert not audited(AuditAction.INSPECTION_CREATE)


def test_a_finding_is_audited_with_the_rule_of_its_kind(finding):
    (event,) = audited(AuditAction.FINDING_ADD)
    assert "第三十六条" in event.legal_basis
    assert finding.kind_label in event.summary


def test_a_finding_links_the_records_it_concerns(office, inspection, unit_a, clerk_a):
    application = register(clerk_a.user, unit_a)
    columns = columns_of(unit_a)
    item = draft(clerk_a.user, unit_a, columns["news"])
    found = services.finding_add(
        actor=office.user,
        inspection=inspection,
        unit=unit_a,
        kind="other",
        description="多处问题",
        application=application,
        item=item,
        column=columns["news"],
    )
    assert found.application == application
    assert found.item == item
    assert application.tracking_number in found.reference
    assert columns["news"].name in found.reference


def test_a_finding_on_another_units_record_or_outside_the_inspection_is_refused(
    office, inspection, unit_a, unit_b, clerk_b, district
):
    application_b = register(clerk_b.user, unit_b)
    with pytest.raises(InspectionError, match="不是"):
        services.finding_add(
            actor=office.user,
            inspection=inspection,
            unit=unit_a,
            kind="wrong_article",
            description="x",
            application=application_b,
        )
    with pytest.raises(InspectionError, match="不在本次检查范围内"):
        services.finding_add(
            actor=office.user, inspection=inspection, unit=district, kind="other", description="x"
        )
    with pytest.raises(InspectionError, match="问题类型"):
        services.finding_add(
            actor=office.user, inspection=inspection, unit=unit_a, kind="nope", description="x"
        )
    assert not Finding.objects.exists()
    assert not audited(AuditAction.FINDING_ADD)


# --- the notice and its due date ----------------------------------------------------------------
def test_the_notice_is_due_twenty_working_days_later_across_the_national_day(
    rectification, finding
):
    # 2025-09-26 (Fri) + 20 working days: 09-28 (a make-up Sunday), 09-29, 09-30, then the
    # holiday 10-01…10-08, 10-09, 10-10, 10-11 (a make-up Saturday) … 10-30.
    assert rectification.due_date == dt.date(2025, 10, 30)
    assert rectification.working_days == 20
    assert rectification.status == State.ISSUED
    assert rectification.number == "整改通知〔2025〕1号"
    finding.refresh_from_db()
    assert finding.rectification == rectification
    (event,) = audited(AuditAction.RECTIFICATION_ISSUE)
    assert "2025-10-30" in event.summary
    assert "第四十七条" in event.legal_basis
    assert event.unit_id == rectification.unit_id


def test_the_number_of_working_days_is_a_setting(settings, office, inspection, unit_a, finding):
    settings.GONGKAI_RECTIFICATION_WORKING_DAYS = 5
    made = services.rectification_issue(
        actor=office.user, inspection=inspection, unit=unit_a, on=ISSUED_ON
    )
    # 09-28, 09-29, 09-30, (holiday), 10-09, 10-10
    assert made.due_date == dt.date(2025, 10, 10)


def test_a_second_notice_or_one_without_findings_is_refused(
    office, inspection, unit_a, unit_b, rectification
):
    with pytest.raises(InspectionError, match="下发过整改通知书"):
        services.rectification_issue(actor=office.user, inspection=inspection, unit=unit_a)
    with pytest.raises(InspectionError, match="无需下发"):
        services.rectification_issue(actor=office.user, inspection=inspection, unit=unit_b)
    with pytest.raises(InspectionError, match="不能再补充问题"):
        services.finding_add(
            actor=office.user, inspection=inspection, unit=unit_a, kind="other", description="x"
        )
    assert Rectification.objects.count() == 1
    assert len(audited(AuditAction.RECTIFICATION_ISSUE)) == 1


def test_a_notice_dated_in_the_future_is_refused(office, inspection, unit_a, finding):
    with pytest.raises(InspectionError, match="不能晚于今天"):
        services.rectification_issue(
            actor=office.user,
            inspection=inspection,
            unit=unit_a,
            on=services.today() + dt.timedelta(days=1),
        )
    assert not Rectification.objects.exists()


def test_the_docx_opens_and_lists_the_findings_the_due_date_and_the_basis(
    office, inspection, unit_a, rectification
):
    document = Document(io.BytesIO(notice.notice_docx(rectification)))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "政府信息公开工作整改通知书" in text
    assert rectification.number in text
    assert f"{unit_a.name}：" in text
    assert "告知书引用条款错误或答复不完善。答复告知书引用条款不准确" in text
    assert "2025年10月30日前" in text
    assert "20个工作日" in text
    assert "第四十七条" in text
    assert "第三十六条" in text
    assert notice.filename(rectification).endswith(".docx")


# --- the unit's response and the office's verdict -----------------------------------------------
def test_the_unit_responds_with_evidence(clerk_a, rectification):
    response = services.rectification_respond(
        actor=clerk_a.user,
        rectification=rectification,
        text="已重新修订告知书模板",
        files=[("整改佐证.png", PNG)],
        on=dt.date(2025, 10, 20),
    )
    rectification.refresh_from_db()
    assert rectification.status == State.RESPONDED
    assert response.round == 1
    (evidence,) = response.evidence.all()
    assert evidence.name == "整改佐证.png"
    assert evidence.file.read() == PNG
    (event,) = audited(AuditAction.RECTIFICATION_RESPOND)
    assert "整改佐证.png" in event.summary
    assert event.actor_id == clerk_a.user.pk


def test_a_response_with_a_bad_file_stores_nothing(clerk_a, rectification):
    media = Path(django_settings.MEDIA_ROOT) / "inspections"
    before = set(media.rglob("*")) if media.exists() else set()
    with pytest.raises(InspectionError, match="不是允许的类型"):
        services.rectification_respond(
            actor=clerk_a.user,
            rectification=rectification,
            text="已整改",
            files=[("ok.png", PNG), ("evil.png", b"<script>alert(1)</script>")],
        )
    rectification.refresh_from_db()
    assert rectification.status == State.ISSUED
    assert not Response.objects.exists()
    assert not Evidence.objects.exists()
    assert (set(media.rglob("*")) if media.exists() else set()) == before
    assert not audited(AuditAction.RECTIFICATION_RESPOND)


def test_an_empty_response_is_refused(clerk_a, rectification):
    with pytest.raises(InspectionError, match="请填写整改情况"):
        services.rectification_respond(actor=clerk_a.user, rectification=rectification, text=" ")
    assert not Response.objects.exists()


def test_the_office_closes_on_time(office, clerk_a, rectification):
    services.rectification_respond(
        actor=clerk_a.user, rectification=rectification, text="已整改", on=dt.date(2025, 10, 30)
    )
    closed = services.rectification_close(
        actor=office.user, rectification=rectification, note="整改到位", on=dt.date(2025, 11, 5)
    )
    assert closed.status == State.CLOSED
    assert closed.completed_on == dt.date(2025, 10, 30)  # the unit's report, on the due date
    assert closed.closed_on == dt.date(2025, 11, 5)
    assert closed.on_time
    (event,) = audited(AuditAction.RECTIFICATION_CLOSE)
    assert "按期" in event.summary
    assert selectors.rectifications_closed_share(closed.unit, 2025) == 1.0


def test_the_office_returns_and_the_unit_responds_again_late(office, clerk_a, rectification):
    services.rectification_respond(
        actor=clerk_a.user, rectification=rectification, text="已整改", on=dt.date(2025, 10, 20)
    )
    with pytest.raises(InspectionError, match="请填写退回理由"):
        services.rectification_return(actor=office.user, rectification=rectification, reason="")
    rectification.refresh_from_db()
    assert rectification.status == State.RESPONDED
    assert not audited(AuditAction.RECTIFICATION_RETURN)

    services.rectification_return(
        actor=office.user,
        rectification=rectification,
        reason="缺少修订后的告知书样本",
        on=dt.date(2025, 10, 22),
    )
    rectification.refresh_from_db()
    assert rectification.status == State.RETURNED
    (event,) = audited(AuditAction.RECTIFICATION_RETURN)
    assert "缺少修订后的告知书样本" in event.summary
    assert rectification.is_overdue(dt.date(2025, 10, 31))

    second = services.rectification_respond(
        actor=clerk_a.user, rectification=rectification, text="补充样本", on=dt.date(2025, 11, 3)
    )
    assert second.round == 2
    services.rectification_close(
        actor=office.user, rectification=rectification, on=dt.date(2025, 11, 4)
    )
    rectification.refresh_from_db()
    assert rectification.completed_on == dt.date(2025, 11, 3)
    assert not rectification.on_time
    assert selectors.rectifications_closed_share(rectification.unit, 2025) == 0.0
    assert "逾期" in audited(AuditAction.RECTIFICATION_CLOSE)[0].summary


@pytest.mark.parametrize("step", ["close", "return"])
def test_the_office_cannot_decide_before_the_unit_responds(office, rectification, step):
    decide = {
        "close": lambda: services.rectification_close(
            actor=office.user, rectification=rectification
        ),
        "return": lambda: services.rectification_return(
            actor=office.user, rectification=rectification, reason="x"
        ),
    }[step]
    with pytest.raises(InspectionError, match="尚未报送"):
        decide()
    rectification.refresh_from_db()
    assert rectification.status == State.ISSUED
    assert rectification.closed_on is None
    assert not audited(AuditAction.RECTIFICATION_CLOSE)
    assert not audited(AuditAction.RECTIFICATION_RETURN)


def test_a_closed_rectification_takes_no_further_step(office, clerk_a, rectification):
    services.rectification_respond(actor=clerk_a.user, rectification=rectification, text="已整改")
    services.rectification_close(actor=office.user, rectification=rectification)
    with pytest.raises(InspectionError, match="整改已完成"):
        services.rectification_respond(actor=clerk_a.user, rectification=rectification, text="再")
    with pytest.raises(InspectionError, match="已经确认完成"):
        services.rectification_return(actor=office.user, rectification=rectification, reason="x")
    assert Response.objects.count() == 1


# --- reads ---------------------------------------------------------------------------------------
def test_overdue_and_the_share_read_the_stored_due_date(office, clerk_a, rectification, unit_a):
    rows = Rectification.objects.all()
    assert list(selectors.overdue(rows, dt.date(2025, 10, 30))) == []
    assert list(selectors.overdue(rows, dt.date(2025, 10, 31))) == [rectification]
    assert list(selectors.not_overdue(rows, dt.date(2025, 10, 31))) == []
    assert selectors.rectifications_closed_share(unit_a, 2025) == 0.0  # open: not on time
    assert selectors.rectifications_closed_share(unit_a, 2024) is None
    services.rectification_respond(
        actor=clerk_a.user, rectification=rectification, text="已整改", on=dt.date(2025, 10, 29)
    )
    assert list(selectors.overdue(rows, dt.date(2025, 12, 1))) == []  # the office's to review
