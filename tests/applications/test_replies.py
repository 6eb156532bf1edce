"""Replies as the services issue them: every outcome's notice from a real case, the body and
court in force, the 2007 text for an application received before 2019-05-15, the third party
told of a disclosure over its objection, and the clock rules a case follows (第三十条 一次性, a
late correction, the fee from the notice's receipt, provisional deadlines)."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.test import override_settings
from django.urls import reverse
from docx import Document as Docx

from gongkai import law
from gongkai.applications import notices, outcomes, selectors, services
from gongkai.applications.fees import FeeBasis
from gongkai.applications.models import Application
from gongkai.applications.outcomes import Decision, Outcome
from gongkai.applications.status import Status
from gongkai.units.models import RemedyVenue
from gongkai.workdays import services as workdays
from gongkai.workdays.arrangement import parse_text
from tests.conftest import login
from tests.factories import register
from tests.outcome_samples import sample

D = dt.date.fromisoformat
ApplicationError = services.ApplicationError


def refresh(application: Application) -> Application:
    application.refresh_from_db()
    return application


def notice_text(application: Application, kind: str) -> str:
    document = application.documents.filter(notice_kind=kind).order_by("-id").first()
    assert document is not None, kind
    with document.file.open("rb") as handle:
        docx = Docx(io.BytesIO(handle.read()))
    return "\n".join(p.text for p in docx.paragraphs if p.text)


def decide(clerk, reviewer, case, decision, *, proposed="2025-03-20", approved="2025-03-21"):
    services.application_propose_decision(
        actor=clerk.user, application=case, on=D(proposed), decision=decision
    )
    services.application_approve_decision(actor=reviewer.user, application=case, on=D(approved))
    return notice_text(refresh(case), "reply")


def correct(clerk, case, asked="2025-03-05", received="2025-03-10"):
    services.application_request_correction(
        actor=clerk.user, application=case, on=D(asked), items="请写明文件名称"
    )
    services.application_receive_correction(actor=clerk.user, application=case, on=D(received))


# --- every outcome, through the services -----------------------------------------------------
@pytest.mark.django_db
@pytest.mark.parametrize(
    "outcome",
    [r.outcome for r in outcomes.staff_outcomes() if r.outcome is not Outcome.EXCESSIVE],
    ids=lambda o: o.value,
)
def test_every_outcomes_reply_states_its_reason_citation_and_remedies(
    outcome, clerk_a, reviewer_a, unit_a
):
    case = register(clerk_a.user, unit_a)
    if outcome is Outcome.UNCLEAR_AFTER_CORRECTION:
        correct(clerk_a, case)
    decision = sample(outcome)
    text = decide(clerk_a, reviewer_a, case, decision)
    assert notices.text_problems(text) == [], text
    for basis in outcomes.bases_for(decision):
        assert basis.provision in text
    for _ground, reason in decision.grounds:
        assert reason in text
    if decision.details:
        assert outcomes.clean(decision.details) in text
    assert "向北京市延庆区人民政府申请行政复议" in text
    rule = outcomes.rule(outcome)
    if rule.withholds:
        assert "应当先申请行政复议" in text
    if not rule.suit:
        assert "6个月" not in text
    # The applicant chose online delivery: the online channel is named (复议法第二十二条第二款).
    assert "行政复议网上申请" in text


# --- the body and the court ---------------------------------------------------------------------
@pytest.mark.django_db
def test_a_reply_is_refused_while_the_unit_has_no_reconsideration_body(clerk_a, reviewer_a, unit_a):
    RemedyVenue.objects.filter(unit=unit_a).delete()
    case = register(clerk_a.user, unit_a)
    services.application_propose_decision(
        actor=clerk_a.user, application=case, on=D("2025-03-20"), decision=sample(Outcome.PROVIDED)
    )
    with pytest.raises(ApplicationError, match=r"未登记.*行政复议机关.*一年"):
        services.application_approve_decision(
            actor=reviewer_a.user, application=case, on=D("2025-03-21")
        )
    page = login(reviewer_a).get(reverse("staff:case", args=[case.pk])).content.decode()
    assert "不能出具答复书" in page  # said on the case page before anyone tries
    assert refresh(case).status == Status.DECISION_PENDING
    assert not case.documents.filter(notice_kind="reply").exists()


@pytest.mark.django_db
def test_an_online_reply_needs_the_online_channel_for_reconsideration(clerk_a, reviewer_a, unit_a):
    RemedyVenue.objects.filter(unit=unit_a, valid_from=D("2024-01-01")).update(online_channel="")
    online = register(clerk_a.user, unit_a)
    services.application_propose_decision(
        actor=clerk_a.user,
        application=online,
        on=D("2025-03-20"),
        decision=sample(Outcome.PROVIDED),
    )
    with pytest.raises(ApplicationError, match="第二十二条第二款"):
        services.application_approve_decision(
            actor=reviewer_a.user, application=online, on=D("2025-03-21")
        )
    by_post = register(clerk_a.user, unit_a, delivery_method="post")
    text = decide(clerk_a, reviewer_a, by_post, sample(Outcome.PROVIDED))
    assert "在线提交" not in text


# --- the 2007 text ------------------------------------------------------------------------------
@pytest.mark.django_db
def test_an_application_received_before_2019_05_15_follows_the_2007_text(
    clerk_a, reviewer_a, unit_a
):
    case = register(clerk_a.user, unit_a, received=D("2019-03-01"))
    assert case.regime is law.Regime.R2007
    assert case.due_date == workdays.current_calendar().add(D("2019-03-01"), 15)
    receipt = notice_text(case, "receipt")
    assert "15个工作日内予以答复" in receipt
    assert "第三十一条" not in receipt  # the 2007 text had no such article
    assert law.R2007_ART24_ANSWER_PERIOD.citation in receipt
    decision = sample(Outcome.WITHHOLD_PROCESS)
    text = decide(clerk_a, reviewer_a, case, decision, proposed="2019-03-15", approved="2019-03-18")
    assert "（国务院令第492号）第二十一条第（二）项" in text
    assert "第三十六条" not in text
    # Decided in 2019: the 复议法 before its 2023 revision — either body, no 复议前置.
    assert law.RECONSIDERATION_2017_ART9.citation in text
    assert "应当先申请行政复议" not in text
    assert "6个月内" in text
    with pytest.raises(ApplicationError, match="最长不得超过15个工作日"):
        services.application_propose_extension(
            actor=clerk_a.user,
            application=register(clerk_a.user, unit_a, received=D("2019-04-01")),
            on=D("2019-04-03"),
            days=20,
            reason="档案量大",
        )
    with pytest.raises(ApplicationError, match="此前收到的申请不适用信息处理费"):
        services.application_notify_fee(
            actor=clerk_a.user,
            application=register(clerk_a.user, unit_a, received=D("2020-06-01")),
            on=D("2020-06-02"),
            basis=FeeBasis.PER_PAGE,
            pages=100,
            method="转账",
        )


# --- third parties ------------------------------------------------------------------------------
@pytest.mark.django_db
def test_disclosing_over_a_third_partys_objection_tells_the_third_party(
    clerk_a, reviewer_a, unit_a
):
    case = register(clerk_a.user, unit_a)
    services.application_start_consultation(
        actor=clerk_a.user,
        application=case,
        on=D("2025-03-05"),
        party="北京某某房地产开发有限公司",
        with_agency=False,
        reason="补偿协议含有该公司的商业信息",
    )
    services.application_end_consultation(
        actor=clerk_a.user,
        application=case,
        on=D("2025-03-12"),
        result="不同意公开",
        position="objected",
    )
    with pytest.raises(ApplicationError, match="不公开可能对公共利益造成重大影响"):
        services.application_propose_decision(
            actor=clerk_a.user,
            application=case,
            on=D("2025-03-20"),
            decision=sample(Outcome.PROVIDED),
        )
    decision = Decision(
        Outcome.PROVIDED, details="见附件", public_interest="补偿标准关系全体被征收户的利益"
    )
    text = decide(clerk_a, reviewer_a, case, decision)
    assert "第三方不同意公开" in text
    assert "第三十二条" in text
    letter = case.documents.get(notice_kind="third_party_disclosure")
    assert not letter.for_applicant
    told = notice_text(case, "third_party_disclosure")
    assert "北京某某房地产开发有限公司" in told
    assert "补偿标准关系全体被征收户的利益" in told
    assert "2025年3月5日书面征求贵方意见" in told
    assert "如对本决定不服" in told
    assert notices.text_problems(told) == []


# --- 第三十条 ------------------------------------------------------------------------------------
@pytest.mark.django_db
def test_a_correction_is_asked_only_once(clerk_a, unit_a):
    case = register(clerk_a.user, unit_a)
    correct(clerk_a, case)
    with pytest.raises(ApplicationError, match="一次性"):
        services.application_request_correction(
            actor=clerk_a.user, application=case, on=D("2025-03-12"), items="再补正"
        )


@pytest.mark.django_db
def test_a_late_correction_notice_leaves_the_original_due_date_binding(clerk_a, unit_a):
    case = register(clerk_a.user, unit_a)  # due 2025-03-31; the notice was due by 03-12
    services.application_request_correction(
        actor=clerk_a.user, application=case, on=D("2025-03-14"), items="请写明文件名称"
    )
    case = refresh(case)
    assert case.status == Status.AWAITING_CORRECTION
    assert case.due_date == D("2025-03-31")
    assert "原答复期限" in case.events.order_by("-seq").first().summary
    services.application_receive_correction(
        actor=clerk_a.user, application=case, on=D("2025-03-20")
    )
    assert refresh(case).due_date == D("2025-03-31")


# --- the fee ------------------------------------------------------------------------------------
@pytest.mark.django_db
@override_settings(GONGKAI_POST_DELIVERY_DAYS=7)
def test_a_posted_fee_notice_runs_from_its_presumed_then_recorded_receipt(clerk_a, unit_a):
    case = register(clerk_a.user, unit_a)
    calendar = workdays.current_calendar()
    services.application_notify_fee(
        actor=clerk_a.user,
        application=case,
        on=D("2025-03-05"),
        basis=FeeBasis.PER_PAGE,
        pages=100,
        method="银行转账",
        delivery="post",
    )
    case = refresh(case)
    presumed = D("2025-03-12")
    assert selectors.deadline(case, "fee") == calendar.add(presumed, 20)
    text = notice_text(case, "fee")
    assert "按2025年3月12日收到计算" in text
    assert notices.text_problems(text) == []
    # The postal record shows an earlier receipt: the period told in the notice still binds.
    services.application_record_fee_receipt(
        actor=clerk_a.user, application=case, on=D("2025-03-07")
    )
    assert selectors.deadline(refresh(case), "fee") == calendar.add(presumed, 20)
    with pytest.raises(ApplicationError, match="已登记"):
        services.application_record_fee_receipt(
            actor=clerk_a.user, application=case, on=D("2025-03-08")
        )


@pytest.mark.django_db
def test_a_later_recorded_receipt_gives_the_applicant_more_time(clerk_a, unit_a):
    case = register(clerk_a.user, unit_a)
    services.application_notify_fee(
        actor=clerk_a.user,
        application=case,
        on=D("2025-03-05"),
        basis=FeeBasis.PER_PAGE,
        pages=100,
        method="银行转账",
        delivery="post",
    )
    services.application_record_fee_receipt(
        actor=clerk_a.user, application=case, on=D("2025-03-20")
    )
    pay_by = workdays.current_calendar().add(D("2025-03-20"), 20)
    assert selectors.deadline(refresh(case), "fee") == pay_by
    with pytest.raises(ApplicationError, match="期限届满后"):
        services.application_lapse_fee(actor=clerk_a.user, application=case, on=pay_by)


@pytest.mark.django_db
def test_the_monthly_free_allowance_counts_applications_to_the_same_agency(
    clerk_a, clerk_b, unit_a, unit_b
):
    for _ in range(3):
        register(clerk_b.user, unit_b)
    mine = register(clerk_a.user, unit_a)
    assert selectors.applications_this_month(mine) == 0
    with override_settings(GONGKAI_FEE_COUNT_SCOPE="all"):
        assert selectors.applications_this_month(mine) == 3


# --- provisional deadlines ----------------------------------------------------------------------
Y2027 = """
year: 2027
notice: 国办发明电〔2026〕99号（测试）
holidays:
  - name: 元旦
    start: 2027-01-01
    end: 2027-01-03
makeup_workdays: []
"""


@pytest.mark.django_db
def test_deadlines_into_an_unloaded_year_are_provisional_everywhere_and_recomputed_on_load(
    office, clerk_a, reviewer_a, unit_a
):
    if 2027 in workdays.current_calendar().known_years:
        pytest.skip("this machine's baseline already has 2027")
    today = services.today()
    received = today - dt.timedelta(days=2)
    case = register(clerk_a.user, unit_a, received=received)
    services.application_request_correction(
        actor=clerk_a.user, application=case, on=today, items="请写明文件名称", period_days=30
    )
    case = refresh(case)
    entry = case.deadlines["correction"]
    assert entry["provisional"] is True
    text = notice_text(case, "correction")
    assert "暂定" in text
    workdays.arrangement_load(actor=office.user, arrangement=parse_text(Y2027), source_name="t")
    case = refresh(case)
    assert case.deadlines["correction"]["provisional"] is False
