"""A case from receipt to reply, step by step, through the services: each step checks its rule,
appends an event, recomputes the due date and writes the audit log."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.db import IntegrityError, transaction
from docx import Document as Docx

from gongkai.applications import services
from gongkai.applications.fees import FeeBasis
from gongkai.applications.models import Application, ApplicationEvent, EventKind
from gongkai.applications.outcomes import Decision, Outcome
from gongkai.applications.status import TRANSITIONS, Status
from gongkai.audit.models import AuditEvent
from gongkai.workdays import services as workdays
from gongkai.workdays.arrangement import parse_text
from tests.factories import applicant, register

D = dt.date.fromisoformat
PROVIDED = Decision(Outcome.PROVIDED)
NOT_FOUND = Decision(Outcome.NOT_EXIST, details="检索了本机关2015年以来的发文和档案目录")
ApplicationError = services.ApplicationError


@pytest.fixture
def case(clerk_a, unit_a):
    return register(clerk_a.user, unit_a)  # received Monday 2025-03-03, due 2025-03-31


def refresh(application: Application) -> Application:
    application.refresh_from_db()
    return application


def kinds(application: Application) -> list[str]:
    return list(application.events.order_by("seq").values_list("kind", flat=True))


def reply_text(application: Application) -> str:
    document = application.documents.filter(notice_kind="reply").get()
    with document.file.open("rb") as handle:
        docx = Docx(io.BytesIO(handle.read()))
    return "\n".join(p.text for p in docx.paragraphs)


# --- intake -------------------------------------------------------------------------------------
@pytest.mark.django_db
def test_a_registered_case_has_its_number_clock_receipt_and_audit(case, clerk_a):
    assert case.tracking_number == "FGW-2025-00001"
    assert case.status == Status.PROCESSING
    assert case.due_date == D("2025-03-31")
    assert case.correction_notice_due == D("2025-03-12")
    assert kinds(case) == [EventKind.RECEIVED]
    receipt = case.documents.get(notice_kind="receipt")
    assert receipt.for_applicant
    assert "2025年3月31日" in "".join(text for _, text in receipt.rendered)
    event = AuditEvent.objects.get(action="application.received")
    assert event.actor_id == clerk_a.user_id
    assert "第三十一条" in event.legal_basis


@pytest.mark.django_db
def test_tracking_numbers_are_per_unit_and_year_and_never_reused(clerk_a, unit_a, office):
    first = register(clerk_a.user, unit_a)
    second = register(clerk_a.user, unit_a)
    other_year = register(clerk_a.user, unit_a, received=D("2024-12-30"))
    unrouted = services.application_submit_online(data=applicant(), unit=None).application
    assert [first.tracking_number, second.tracking_number] == ["FGW-2025-00001", "FGW-2025-00002"]
    assert other_year.tracking_number == "FGW-2024-00001"
    assert unrouted.tracking_number.startswith("GK-")
    assert unrouted.status == Status.UNROUTED


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("channel", "dates", "received", "basis"),
    [
        ("in_person", {}, "2025-03-03", "当面提交"),
        ("mail_signed", {"signed_on": D("2025-03-05")}, "2025-03-05", "签收之日"),
        ("mail_ordinary", {"confirmed_on": D("2025-03-06")}, "2025-03-06", "确认之日"),
        ("fax", {"confirmed_on": D("2025-03-04")}, "2025-03-04", "双方确认之日"),
        ("email", {"confirmed_on": D("2025-03-07")}, "2025-03-07", "互联网渠道"),
    ],
)
def test_the_receipt_date_follows_article_31(clerk_a, unit_a, channel, dates, received, basis):
    intake = services.application_register(
        actor=clerk_a.user,
        data=applicant(),
        unit=unit_a,
        channel=channel,
        submitted_on=D("2025-03-03"),
        **dates,
    )
    assert intake.application.receipt_date == D(received)
    assert basis in intake.application.receipt_basis
    assert "第三十一条" in intake.application.receipt_basis


@pytest.mark.django_db
def test_a_mailed_application_needs_its_signing_date(clerk_a, unit_a):
    with pytest.raises(ApplicationError, match="签收日期"):
        services.application_register(
            actor=clerk_a.user,
            data=applicant(),
            unit=unit_a,
            channel="mail_signed",
            submitted_on=D("2025-03-03"),
        )
    assert not Application.objects.exists()


@pytest.mark.django_db
def test_an_application_must_say_what_it_seeks(clerk_a, unit_a):
    with pytest.raises(ApplicationError, match="至少一项"):
        register(clerk_a.user, unit_a, info_title="", info_description="")
    assert not Application.objects.exists()
    assert not AuditEvent.objects.exists()


@pytest.mark.django_db
def test_the_same_online_form_submitted_twice_makes_one_case(unit_a):
    import uuid

    token = uuid.uuid4()
    first = services.application_submit_online(data=applicant(), unit=unit_a, token=token)
    again = services.application_submit_online(data=applicant(), unit=unit_a, token=token)
    assert first.created
    assert not again.created
    assert again.application.pk == first.application.pk
    assert again.query_code is None
    assert Application.objects.count() == 1


@pytest.mark.django_db
def test_the_query_code_is_stored_only_as_a_hash(unit_a):
    intake = services.application_submit_online(data=applicant(), unit=unit_a)
    assert intake.query_code not in intake.application.query_code_hash
    assert services.query_code_matches(intake.application, intake.query_code)
    assert services.query_code_matches(intake.application, intake.query_code.lower())
    assert not services.query_code_matches(intake.application, "WRONG123")


# --- routing ------------------------------------------------------------------------------------
@pytest.mark.django_db
def test_the_office_routes_and_a_unit_hands_back(unit_a, unit_b, office, clerk_b):
    application = services.application_submit_online(data=applicant(), unit=None).application
    services.application_assign(actor=office.user, application=application, unit=unit_b)
    application = refresh(application)
    assert application.status == Status.PROCESSING
    assert application.unit == unit_b
    with pytest.raises(ApplicationError, match="说明退回的理由"):
        services.application_hand_back(actor=clerk_b.user, application=application, reason=" ")
    services.application_hand_back(
        actor=clerk_b.user, application=application, reason="该信息由区发展改革委制作"
    )
    application = refresh(application)
    assert application.status == Status.UNROUTED
    assert application.unit is None
    services.application_assign(actor=office.user, application=application, unit=unit_a)
    assert kinds(refresh(application)) == ["received", "assigned", "handed_back", "assigned"]
    # Routing never stops the clock: the due date is still counted from the receipt.
    assert refresh(application).due_date == workdays.current_calendar().add(
        application.receipt_date, 20
    )


@pytest.mark.django_db
def test_a_case_received_by_the_unit_itself_cannot_be_handed_back(case, clerk_a):
    with pytest.raises(ApplicationError, match="不能退回分办"):
        services.application_hand_back(actor=clerk_a.user, application=case, reason="x")


# --- correction ---------------------------------------------------------------------------------
@pytest.mark.django_db
def test_a_correction_stops_the_clock_and_restarts_it_in_full(case, clerk_a):
    services.application_request_correction(
        actor=clerk_a.user, application=case, on=D("2025-03-05"), items="请写明文号"
    )
    case = refresh(case)
    assert case.status == Status.AWAITING_CORRECTION
    assert case.due_date is None
    notice = case.documents.get(notice_kind="correction")
    assert "第三十条" in "".join(t for _, t in notice.rendered)
    services.application_receive_correction(
        actor=clerk_a.user, application=case, on=D("2025-03-20")
    )
    case = refresh(case)
    assert case.status == Status.PROCESSING
    assert case.due_date == workdays.current_calendar().add(D("2025-03-20"), 20)


@pytest.mark.django_db
def test_a_late_correction_notice_is_recorded_with_a_warning(case, clerk_a):
    event = services.application_request_correction(
        actor=clerk_a.user, application=case, on=D("2025-03-14"), items="请写明文号"
    )
    assert event.data["late"] is True
    assert "晚于收到申请后7个工作日（2025-03-12）" in event.summary


@pytest.mark.django_db
def test_a_correction_received_before_any_was_requested_is_refused(case, clerk_a):
    with pytest.raises(ApplicationError, match="尚未告知补正"):
        services.application_receive_correction(
            actor=clerk_a.user, application=case, on=D("2025-03-10")
        )
    assert kinds(refresh(case)) == ["received"]


@pytest.mark.django_db
def test_no_correction_in_time_concludes_as_other_item_1(case, clerk_a):
    services.application_request_correction(
        actor=clerk_a.user,
        application=case,
        on=D("2025-03-05"),
        items="请写明文号",
        period_days=10,
    )
    limit = workdays.current_calendar().add(D("2025-03-05"), 10)
    with pytest.raises(ApplicationError, match="期限届满后"):
        services.application_lapse_correction(actor=clerk_a.user, application=case, on=limit)
    services.application_lapse_correction(
        actor=clerk_a.user, application=case, on=limit + dt.timedelta(days=1)
    )
    case = refresh(case)
    assert case.status == Status.CLOSED
    assert case.outcome == Outcome.NO_CORRECTION
    assert case.concluded_on == limit + dt.timedelta(days=1)
    assert "视为您放弃申请" in reply_text(case)


# --- consultation -------------------------------------------------------------------------------
@pytest.mark.django_db
def test_a_consultation_is_not_counted(case, clerk_a):
    services.application_start_consultation(
        actor=clerk_a.user,
        application=case,
        on=D("2025-03-05"),
        party="某公司",
        with_agency=False,
        reason="涉及商业秘密",
    )
    assert refresh(case).status == Status.CONSULTING
    services.application_end_consultation(
        actor=clerk_a.user, application=case, on=D("2025-03-12"), result="不同意公开"
    )
    case = refresh(case)
    assert case.status == Status.PROCESSING
    assert case.due_date == D("2025-04-07")  # four working days not counted, then 清明
    letter = case.documents.get(notice_kind="consult_third_party")
    assert not letter.for_applicant
    assert "第三十二条" in "".join(t for _, t in letter.rendered)


# --- extension ----------------------------------------------------------------------------------
@pytest.mark.django_db
def test_an_extension_is_proposed_by_the_clerk_and_approved_by_the_reviewer(
    case, clerk_a, reviewer_a
):
    services.application_propose_extension(
        actor=clerk_a.user, application=case, on=D("2025-03-20"), days=20, reason="档案量大"
    )
    assert refresh(case).due_date == D("2025-03-31")  # nothing changes before approval
    with pytest.raises(ApplicationError, match="提出人以外"):
        services.application_approve_extension(
            actor=clerk_a.user, application=case, on=D("2025-03-21")
        )
    services.application_approve_extension(
        actor=reviewer_a.user, application=case, on=D("2025-03-21")
    )
    case = refresh(case)
    assert case.due_date == D("2025-04-28")
    assert case.extension_days == 20
    notice = case.documents.get(notice_kind="extension")
    assert notice.for_applicant
    text = "".join(t for _, t in notice.rendered)
    assert "延长20个工作日" in text
    assert "2025年4月28日" in text
    with pytest.raises(ApplicationError, match="只能延长一次"):
        services.application_propose_extension(
            actor=clerk_a.user, application=case, on=D("2025-03-24"), days=5, reason="再延"
        )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("on", "days", "message"),
    [
        ("2025-04-01", 10, "原答复期限届满前"),
        ("2025-03-20", 21, "最长不得超过20个工作日"),
        ("2025-03-20", 0, "最长不得超过20个工作日"),
    ],
)
def test_an_extension_outside_the_rules_is_refused(case, clerk_a, on, days, message):
    with pytest.raises(ApplicationError, match=message):
        services.application_propose_extension(
            actor=clerk_a.user, application=case, on=D(on), days=days, reason="理由"
        )


@pytest.mark.django_db
def test_an_extension_cannot_be_approved_after_the_original_due_date(case, clerk_a, reviewer_a):
    services.application_propose_extension(
        actor=clerk_a.user, application=case, on=D("2025-03-28"), days=10, reason="理由"
    )
    with pytest.raises(ApplicationError, match="已过"):
        services.application_approve_extension(
            actor=reviewer_a.user, application=case, on=D("2025-04-01")
        )


# --- fee ----------------------------------------------------------------------------------------
@pytest.mark.django_db
def test_a_fee_notice_pauses_the_clock_until_payment(case, clerk_a):
    services.application_notify_fee(
        actor=clerk_a.user,
        application=case,
        on=D("2025-03-10"),
        basis=FeeBasis.PER_PAGE,
        pages=150,
        method="银行转账至区财政局账户",
    )
    case = refresh(case)
    assert case.status == Status.AWAITING_FEE
    notice = case.documents.get(notice_kind="fee")
    assert "1700元" in "".join(t for _, t in notice.rendered)
    with pytest.raises(ApplicationError, match="缴费金额应为1700元"):
        services.application_record_payment(
            actor=clerk_a.user, application=case, on=D("2025-03-14"), amount=100
        )
    services.application_record_payment(
        actor=clerk_a.user, application=case, on=D("2025-03-14"), amount=1700
    )
    case = refresh(case)
    assert case.status == Status.PROCESSING
    assert case.due_date == workdays.current_calendar().add(D("2025-03-31"), 3)  # 11–13 Mar


@pytest.mark.django_db
def test_no_fee_is_charged_within_the_free_allowance(case, clerk_a):
    with pytest.raises(ApplicationError, match="未超过免费额度"):
        services.application_notify_fee(
            actor=clerk_a.user,
            application=case,
            on=D("2025-03-10"),
            basis=FeeBasis.PER_PAGE,
            pages=20,
            method="x",
        )


@pytest.mark.django_db
def test_the_per_application_fee_counts_the_applicants_month(clerk_a, unit_a):
    for _ in range(11):
        last = register(clerk_a.user, unit_a)
    quote = services.fee_quote(last, FeeBasis.PER_APPLICATION)
    assert quote.total == 100  # the 11th application this month
    other = register(clerk_a.user, unit_a, id_number="110229198002280014")
    assert services.fee_quote(other, FeeBasis.PER_APPLICATION).total == 0


@pytest.mark.django_db
def test_no_payment_in_time_concludes_as_other_item_2(case, clerk_a):
    services.application_notify_fee(
        actor=clerk_a.user,
        application=case,
        on=D("2025-03-10"),
        basis=FeeBasis.PER_PAGE,
        pages=40,
        method="x",
    )
    pay_by = workdays.current_calendar().add(D("2025-03-10"), 20)
    with pytest.raises(ApplicationError, match="期限届满后"):
        services.application_lapse_fee(actor=clerk_a.user, application=case, on=pay_by)
    services.application_lapse_fee(
        actor=clerk_a.user, application=case, on=pay_by + dt.timedelta(days=1)
    )
    case = refresh(case)
    assert (case.status, case.outcome) == (Status.CLOSED, Outcome.NO_FEE)
    assert "逾期未缴纳信息处理费" in reply_text(case)


# --- article 35 ---------------------------------------------------------------------------------
@pytest.mark.django_db
def test_an_article_35_deadline_needs_the_reasons_asked_and_found_reasonable(case, clerk_a):
    """第三十五条: the agency may ask for reasons; reasonable ones allow a later period."""
    with pytest.raises(ApplicationError, match="应当要求申请人说明理由并认定理由合理"):
        services.application_set_reasonable_period(
            actor=clerk_a.user,
            application=case,
            on=D("2025-03-10"),
            due=D("2025-06-30"),
            reason="申请涉及十年的档案",
        )
    services.application_request_reasons(
        actor=clerk_a.user, application=case, on=D("2025-03-05"), items="一个月内申请120件"
    )
    notice = case.documents.get(notice_kind="art35_reasons")
    assert notice.for_applicant
    assert refresh(case).deadlines["art35_reasons"]["date"] == "2025-03-19"
    with pytest.raises(ApplicationError, match="已要求申请人说明理由"):
        services.application_request_reasons(
            actor=clerk_a.user, application=case, on=D("2025-03-06"), items="又一次"
        )
    services.application_assess_reasons(
        actor=clerk_a.user,
        application=case,
        on=D("2025-03-07"),
        reasonable=True,
        summary="申请人为编写村志需要逐年的征地档案，理由合理",
    )
    assert "art35_reasons" not in refresh(case).deadlines
    with pytest.raises(ApplicationError, match="应晚于现答复期限"):
        services.application_set_reasonable_period(
            actor=clerk_a.user,
            application=case,
            on=D("2025-03-10"),
            due=D("2025-03-20"),
            reason="数量大",
        )
    services.application_set_reasonable_period(
        actor=clerk_a.user,
        application=case,
        on=D("2025-03-10"),
        due=D("2025-06-30"),
        reason="申请涉及十年的档案",
    )
    assert refresh(case).due_date == D("2025-06-30")


@pytest.mark.django_db
def test_an_excessive_request_is_refused_only_after_unreasonable_reasons(case, clerk_a, reviewer_a):
    excessive = Decision(Outcome.EXCESSIVE, details="所称理由与所申请的二百项信息无关")
    with pytest.raises(ApplicationError, match="应当先要求申请人说明理由"):
        services.application_propose_decision(
            actor=clerk_a.user, application=case, on=D("2025-03-20"), decision=excessive
        )
    services.application_request_reasons(
        actor=clerk_a.user, application=case, on=D("2025-03-05"), items="一个月内申请120件"
    )
    services.application_assess_reasons(
        actor=clerk_a.user,
        application=case,
        on=D("2025-03-20"),
        reasonable=False,
        summary="逾期未说明理由",
    )
    services.application_propose_decision(
        actor=clerk_a.user, application=case, on=D("2025-03-20"), decision=excessive
    )
    services.application_approve_decision(
        actor=reviewer_a.user, application=case, on=D("2025-03-21")
    )
    assert "第三十五条" in reply_text(refresh(case))


# --- decision and delivery ----------------------------------------------------------------------
@pytest.mark.django_db
def test_a_decision_is_approved_by_the_reviewer_and_the_reply_cites_the_right_articles(
    case, clerk_a, reviewer_a
):
    services.application_propose_decision(
        actor=clerk_a.user,
        application=case,
        on=D("2025-03-20"),
        decision=Decision(
            Outcome.PARTIAL,
            ((Outcome.WITHHOLD_THIRD_PARTY, "被征收户的姓名和补偿金额属于个人隐私"),),
            "邮寄纸质件",
        ),
    )
    assert refresh(case).status == Status.DECISION_PENDING
    with pytest.raises(ApplicationError, match="提出人以外"):
        services.application_approve_decision(
            actor=clerk_a.user, application=case, on=D("2025-03-21")
        )
    services.application_approve_decision(
        actor=reviewer_a.user, application=case, on=D("2025-03-21")
    )
    case = refresh(case)
    assert case.status == Status.DECIDED
    text = reply_text(case)
    assert (
        "《中华人民共和国政府信息公开条例》第十五条、第三十六条第（二）项、第三十六条第（三）项、"
        "第三十七条" in text
    )
    assert "被征收户的姓名和补偿金额属于个人隐私" in text
    # A withholding decision made after 2024-01-01, before the body recorded for the unit.
    assert "应当先申请行政复议" in text
    assert "60日内向北京市延庆区人民政府申请行政复议" in text
    assert "自收到行政复议决定书之日起15日内" in text
    approved = case.events.get(kind="decision_approved")
    assert approved.data["venue"]["bodies"] == ["北京市延庆区人民政府"]
    services.application_deliver(
        actor=clerk_a.user, application=case, on=D("2025-03-24"), method="邮寄（交邮）"
    )
    case = refresh(case)
    assert case.status == Status.CLOSED
    assert case.concluded_on == D("2025-03-24")
    assert case.answered_in_time is True


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("decision", "message"),
    [
        (Decision(Outcome.PARTIAL, details="x"), "须选择不予公开的依据"),
        (
            Decision(Outcome.PROVIDED, ((Outcome.WITHHOLD_SECRET, "已定密"),)),
            "只有部分公开和不予公开",
        ),
        (Decision(Outcome.NOT_RESPONSIBLE), "不属于本机关负责公开的理由"),
        (Decision(Outcome.NO_FEE), "自动办结"),
        (Decision(Outcome.UNCLEAR_AFTER_CORRECTION, details="仍不明确"), "补正后申请内容仍不明确"),
        (Decision(Outcome.PARTIAL, ((Outcome.PROVIDED, "x"),)), "只能从第十四条"),
        (Decision(Outcome.WITHHOLD_PROCESS), "具体理由"),
        (Decision(Outcome.EXCESSIVE, details="理由不合理"), "应当先要求申请人说明理由"),
        (Decision(Outcome.PROVIDED, public_interest="公共利益"), "没有第三方不同意公开"),
    ],
)
def test_a_decision_outside_the_taxonomy_rules_is_refused(case, clerk_a, decision, message):
    with pytest.raises(ApplicationError, match=message):
        services.application_propose_decision(
            actor=clerk_a.user, application=case, on=D("2025-03-20"), decision=decision
        )
    assert refresh(case).status == Status.PROCESSING
    assert not case.events.filter(kind="decision_proposed").exists()


@pytest.mark.django_db
def test_a_returned_decision_goes_back_to_the_clerk(case, clerk_a, reviewer_a):
    services.application_propose_decision(
        actor=clerk_a.user, application=case, on=D("2025-03-20"), decision=NOT_FOUND
    )
    services.application_return_decision(
        actor=reviewer_a.user, application=case, on=D("2025-03-21"), reason="请再检索档案室"
    )
    case = refresh(case)
    assert case.status == Status.PROCESSING
    assert case.outcome == ""


@pytest.mark.django_db
def test_a_late_reply_is_recorded_as_late(case, clerk_a, reviewer_a):
    services.application_propose_decision(
        actor=clerk_a.user, application=case, on=D("2025-04-01"), decision=PROVIDED
    )
    services.application_approve_decision(
        actor=reviewer_a.user, application=case, on=D("2025-04-02")
    )
    services.application_deliver(
        actor=clerk_a.user, application=case, on=D("2025-04-03"), method="直接送达（签收）"
    )
    case = refresh(case)
    assert case.answered_in_time is False
    assert "超过答复期限" in case.events.order_by("-seq").first().summary


@pytest.mark.django_db
def test_a_future_date_is_refused(case, clerk_a):
    with pytest.raises(ApplicationError, match="不能晚于今天"):
        services.application_propose_decision(
            actor=clerk_a.user,
            application=case,
            on=services.today() + dt.timedelta(days=1),
            decision=PROVIDED,
        )


@pytest.mark.django_db
def test_the_applicant_withdraws(case):
    services.application_withdraw(
        actor=None, application=case, on=D("2025-03-10"), by_applicant_online=True
    )
    case = refresh(case)
    assert (case.status, case.outcome, case.concluded_on) == (
        Status.WITHDRAWN,
        Outcome.WITHDRAWN,
        D("2025-03-10"),
    )
    with pytest.raises(ApplicationError, match="不能撤回"):
        services.application_withdraw(actor=None, application=case, on=D("2025-03-11"))


# --- the status table and the database ----------------------------------------------------------
def test_every_status_is_reachable_and_the_terminal_ones_are_final():
    reached = {Status.UNROUTED, Status.PROCESSING}
    frontier = list(reached)
    while frontier:
        for target in TRANSITIONS[frontier.pop()]:
            if target not in reached:
                reached.add(target)
                frontier.append(target)
    assert reached == set(Status)
    assert TRANSITIONS[Status.CLOSED] == frozenset()
    assert TRANSITIONS[Status.WITHDRAWN] == frozenset()


@pytest.mark.django_db
def test_the_database_refuses_an_invalid_status_or_a_half_concluded_case(case):
    with pytest.raises(IntegrityError), transaction.atomic():
        Application.objects.filter(pk=case.pk).update(status="lost")
    with pytest.raises(IntegrityError), transaction.atomic():
        Application.objects.filter(pk=case.pk).update(status=Status.CLOSED)  # no outcome, date
    with pytest.raises(IntegrityError), transaction.atomic():
        Application.objects.filter(pk=case.pk).update(unit=None)


@pytest.mark.django_db
def test_events_cannot_be_changed(case):
    event = case.events.get()
    event.summary = "改写"
    with pytest.raises(RuntimeError):
        event.save()
    assert ApplicationEvent.objects.get(pk=event.pk).summary != "改写"


# --- the clock and the calendar -----------------------------------------------------------------
Y2027 = """year: 2027
notice: 国办发明电〔2026〕99号
holidays:
  - {name: 春节, start: 2027-02-06, end: 2027-02-13}
makeup_workdays:
  - {date: 2027-02-14, name: 春节}
"""


@pytest.mark.django_db
def test_loading_next_years_holidays_recomputes_open_cases(clerk_a, unit_a, office, settings):
    # A case whose period reaches into 2027 (no data yet: Monday to Friday, provisional).
    application = register(clerk_a.user, unit_a, received=D("2026-01-05"))
    Application.objects.filter(pk=application.pk).update(
        receipt_date=D("2027-01-20"), due_date=D("2027-02-17"), due_provisional=True
    )
    closed = register(clerk_a.user, unit_a, received=D("2025-03-03"))
    result = workdays.arrangement_load(
        actor=office.user, arrangement=parse_text(Y2027), source_name="2027.yaml"
    )
    application = refresh(application)
    assert result.recomputed >= 1
    assert application.due_date == D("2027-02-23")
    assert application.due_provisional is False
    assert refresh(closed).due_date == D("2025-03-31")


@pytest.mark.django_db
def test_overdue_and_due_soon_are_derived_from_the_stored_due_date(clerk_a, unit_a):
    register(clerk_a.user, unit_a, received=D("2025-03-03"))
    today = D("2025-04-01")
    assert Application.objects.overdue(today).count() == 1
    assert Application.objects.due_by(D("2025-03-27"), D("2025-03-31")).count() == 1
