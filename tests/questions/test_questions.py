"""The public questions end to end: asked on the portal without an account, routed by the
office, answered by the unit's clerk, approved by its reviewer (a second person), published
with the asker masked or kept private; converted into an application with its receipt date;
overdue on the dashboard and in the website self-check; the office's figures."""

from __future__ import annotations

import datetime as dt
import uuid
from unittest import mock

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongkai.applications.models import Application
from gongkai.audit.models import AuditEvent
from gongkai.questions import selectors, services
from gongkai.questions.models import Question
from gongkai.questions.status import Status
from gongkai.sitecheck import indicators, thresholds
from tests.conftest import examples, login
from tests.core.test_publictext import id_numbers, phones, rare_names
from tests.factories import VALID_ID, applicant

pytestmark = pytest.mark.django_db


def ask(unit=None, *, on: dt.date | None = None, **changes) -> Question:
    data = {
        "asker_name": "张三",
        "subject": "办理居住证需要哪些材料",
        "text": "请问在延庆区办理居住证需要准备哪些材料？",
        "phone": "13800000000",
        "email": "",
        "public": True,
    } | changes
    if on is None:
        submitted = services.question_submit(data=services.AskerData(**data), unit=unit)
    else:
        with mock.patch.object(services, "today", return_value=on):
            submitted = services.question_submit(data=services.AskerData(**data), unit=unit)
    return submitted.question


def answered(question, clerk, reviewer, reply="需要身份证和居住证明。") -> Question:
    question = services.question_draft(actor=clerk.user, question=question, reply=reply)
    return services.question_approve(actor=reviewer.user, question=question)


def form(**changes) -> dict:
    return {
        "unit": "",
        "asker_name": "张三",
        "phone": "13800000000",
        "email": "",
        "subject": "办理居住证需要哪些材料",
        "text": "请问需要哪些材料？",
        "public": "1",
        "token": str(uuid.uuid4()),
        "website": "",
    } | changes


# --- the asker ---------------------------------------------------------------------------------
def test_a_question_is_asked_without_an_account_and_looked_up_with_its_code(client, district):
    response = client.post(reverse("portal:ask"), form())
    assert response.status_code == 302
    question = Question.objects.get()
    assert question.state is Status.RECEIVED
    assert question.unit is None
    assert question.tracking_number.startswith(f"LY-{question.received_on.year}-")
    page = client.get(response["Location"]).content.decode()
    assert question.tracking_number in page
    assert "查询码" in page
    code = page.split('查询码</th><td class="mono">')[1].split("<")[0]
    assert services.query_code_matches(question, code)
    other = type(client)()  # a fresh browser knows nothing
    url = reverse("portal:question_status", args=[question.tracking_number])
    assert other.get(url).status_code == 404
    bad = other.post(
        reverse("portal:question_lookup"),
        {"tracking_number": question.tracking_number, "query_code": "WRONG"},
    )
    assert bad.status_code == 400
    assert "留言编号或查询码不正确" in bad.content.decode()
    good = other.post(
        reverse("portal:question_lookup"),
        {"tracking_number": question.tracking_number.lower(), "query_code": code.lower()},
    )
    assert good.status_code == 302
    assert "待分办" in other.get(url).content.decode()
    assert AuditEvent.objects.filter(action="question.submit", object_id=str(question.pk)).exists()


def test_the_same_form_twice_stores_one_question(client, district):
    data = form()
    client.post(reverse("portal:ask"), data)
    again = client.post(reverse("portal:ask"), data)
    assert again.status_code == 302
    assert Question.objects.count() == 1


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"asker_name": ""}, "请填写姓名"),
        ({"phone": "", "email": ""}, "请填写联系电话或电子邮箱中的至少一项"),
        ({"phone": "abc"}, "联系电话只能包含数字"),
        ({"email": "not-an-address"}, "电子邮箱格式不正确"),
        ({"text": "长" * 2001}, "留言内容不超过2000字"),
        ({"public": ""}, "请选择答复后是否公开"),
        ({"unit": "999999"}, "请从列表中选择单位"),
        ({"website": "http://spam"}, "提交未被接受"),
    ],
)
def test_bad_input_is_refused_in_chinese_and_nothing_is_stored(client, district, changes, message):
    response = client.post(reverse("portal:ask"), form(**changes))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Question.objects.exists()


def test_the_form_is_rate_limited(client, district, settings):
    settings.GONGKAI_PUBLIC_RATE_LIMIT = 1
    assert client.post(reverse("portal:ask"), form()).status_code == 302
    assert client.post(reverse("portal:ask"), form()).status_code == 429
    assert Question.objects.count() == 1


# --- the district ------------------------------------------------------------------------------
def test_route_draft_approve_and_publish(office, clerk_a, reviewer_a, unit_a):
    question = ask()
    question = services.question_route(actor=office.user, question=question, unit=unit_a)
    assert question.state is Status.ROUTED
    assert question.unit == unit_a
    question = services.question_draft(
        actor=clerk_a.user, question=question, reply="张三您好，请致电13800000000以外的窗口。"
    )
    assert question.state is Status.DRAFTED
    with pytest.raises(services.QuestionError, match="起草人以外"):
        services.question_approve(actor=clerk_a.user, question=question)
    question = services.question_approve(actor=reviewer_a.user, question=question)
    assert question.state is Status.PUBLISHED
    assert question.replied_on == services.today()
    assert "张三" not in question.public_reply
    assert "13800000000" not in question.public_reply
    assert question.public_asker == "张*"
    actions = set(
        AuditEvent.objects.filter(object_id=str(question.pk), object_type="question").values_list(
            "action", flat=True
        )
    )
    assert actions == {
        "question.submit",
        "question.route",
        "question.draft",
        "question.approve",
    }
    assert list(selectors.published()) == [question]


def test_a_returned_reply_is_redrafted(clerk_a, reviewer_a, unit_a):
    question = ask(unit_a)
    assert question.state is Status.ROUTED  # a question addressed to a unit is its own at once
    question = services.question_draft(actor=clerk_a.user, question=question, reply="草稿")
    with pytest.raises(services.QuestionError, match="退回理由"):
        services.question_return(actor=reviewer_a.user, question=question, reason=" ")
    question = services.question_return(actor=reviewer_a.user, question=question, reason="不完整")
    assert question.state is Status.ROUTED
    assert question.return_reason == "不完整"
    with pytest.raises(services.QuestionError):
        services.question_approve(actor=reviewer_a.user, question=question)


def test_a_private_question_is_answered_but_never_published(client, clerk_a, reviewer_a, unit_a):
    question = answered(ask(unit_a, public=False), clerk_a, reviewer_a)
    assert question.state is Status.ANSWERED
    assert not question.public_reply
    assert not selectors.published().exists()
    assert client.get(reverse("portal:question", args=[question.pk])).status_code == 404
    assert question.subject not in client.get(reverse("portal:questions")).content.decode()


def test_the_due_date_is_stored_on_the_statutory_calendar(unit_a, settings):
    question = ask(unit_a, on=dt.date(2025, 1, 27))
    assert question.due_date == dt.date(2025, 2, 10)  # across 春节 and the 调休 Saturday 2月8日
    settings.GONGKAI_QUESTION_REPLY_WORKING_DAYS = 1
    assert ask(unit_a, on=dt.date(2025, 1, 27)).due_date == dt.date(2025, 2, 5)


def test_staff_steps_through_the_pages(office, clerk_a, reviewer_a, unit_a, unit_b):
    question = ask()
    client = login(office)
    page = client.get(reverse("staff:question", args=[question.pk])).content.decode()
    assert "分办" in page
    assert "起草答复" not in page
    response = client.post(reverse("staff:question_route", args=[question.pk]), {"unit": ""})
    assert response.status_code == 400
    assert "请选择办理单位" in response.content.decode()
    client.post(reverse("staff:question_route", args=[question.pk]), {"unit": unit_a.pk})
    clerk = login(clerk_a)
    assert (
        clerk.post(reverse("staff:question_draft", args=[question.pk]), {"reply": ""}).status_code
        == 400
    )
    clerk.post(reverse("staff:question_draft", args=[question.pk]), {"reply": "答复内容"})
    reviewer = login(reviewer_a)
    refused = reviewer.post(
        reverse("staff:question_review", args=[question.pk]), {"decision": "return"}
    )
    assert "退回时请填写退回理由" in refused.content.decode()
    reviewer.post(reverse("staff:question_review", args=[question.pk]), {"decision": "approve"})
    question.refresh_from_db()
    assert question.state is Status.PUBLISHED
    public = client.get(reverse("portal:question", args=[question.pk])).content.decode()
    assert "答复内容" in public
    assert "张三" not in public


def test_the_list_filters_by_status_unit_and_overdue(office, clerk_a, unit_a, unit_b):
    late = ask(unit_a, on=dt.date(2025, 1, 27), subject="超期的留言")
    ask(unit_b, subject="乙单位的留言")
    ask(subject="待分办的留言")
    client = login(office)
    url = reverse("staff:questions")
    assert "超期的留言" in client.get(url + "?overdue=1").content.decode()
    assert "乙单位的留言" not in client.get(url + "?overdue=1").content.decode()
    by_unit = client.get(url + f"?unit={unit_b.pk}").content.decode()
    assert "乙单位的留言" in by_unit
    assert "超期的留言" not in by_unit
    assert "待分办的留言" in client.get(url + "?status=received").content.decode()
    own = login(clerk_a).get(url).content.decode()
    assert "超期的留言" in own
    assert "乙单位的留言" not in own
    assert "待分办的留言" not in own
    assert client.get(url + "?status=nope&unit=x&overdue=2&page=abc").status_code == 200
    home = client.get(reverse("staff:home")).content.decode()
    assert "条留言超期未答复" in home
    assert list(selectors.overdue(Question.objects.all(), services.today())) == [late]


def test_the_office_sees_counts_per_unit_and_the_on_time_rate(
    office, clerk_a, reviewer_a, unit_a, supervisor
):
    late = ask(unit_a, on=dt.date(2025, 1, 27))
    answered(late, clerk_a, reviewer_a)  # replied today: long after 2025-02-10
    answered(ask(unit_a, on=dt.date(2025, 3, 3)), clerk_a, reviewer_a)
    with mock.patch.object(services, "today", return_value=dt.date(2025, 3, 4)):
        answered(ask(unit_a, on=dt.date(2025, 3, 3)), clerk_a, reviewer_a)
    ask(on=dt.date(2025, 3, 5))
    [a, pending] = selectors.statistics(
        Question.objects.all(),
        start=dt.date(2025, 1, 1),
        end=dt.date(2025, 12, 31),
        today=dt.date(2026, 1, 1),
    )
    assert (a.unit, a.received, a.replied, a.on_time) == (unit_a.name, 3, 3, 1)
    assert (pending.unit, pending.open, pending.overdue) == ("（待分办）", 1, 1)
    page = login(office).get(reverse("staff:question_statistics") + "?year=2025").content.decode()
    assert "33%" in page
    assert "按期答复率" in page
    assert login(supervisor).get(reverse("staff:question_statistics")).status_code == 200
    assert login(clerk_a).get(reverse("staff:question_statistics")).status_code == 404


# --- conversion --------------------------------------------------------------------------------
def test_conversion_keeps_the_receipt_date(office, clerk_a, unit_a):
    question = ask(unit_a, on=dt.date(2025, 1, 27))
    question = services.question_convert(
        actor=clerk_a.user, question=question, data=applicant(), unit=unit_a
    )
    application = question.application
    assert question.state is Status.CONVERTED
    assert application.receipt_date == dt.date(2025, 1, 27)
    assert "网上留言" in application.receipt_basis
    assert "第三十一条" in application.receipt_basis
    assert application.from_question == question
    event = AuditEvent.objects.get(action="question.convert")
    assert application.tracking_number in event.summary
    with pytest.raises(services.QuestionError, match="尚未起草答复"):
        services.question_convert(
            actor=office.user, question=question, data=applicant(), unit=unit_a
        )
    assert Application.objects.count() == 1


def test_conversion_through_the_page_asks_for_the_identity_document(office, unit_a):
    question = ask(unit_a, on=dt.date(2025, 1, 27))
    client = login(office)
    url = reverse("staff:question_convert", args=[question.pk])
    page = client.get(url).content.decode()
    assert question.text in page
    data = {
        "unit": unit_a.pk,
        "applicant_type": "natural",
        "applicant_name": "张三",
        "id_type": "resident_id",
        "id_number": "",
        "phone": "13800000000",
        "info_description": question.text,
        "provision_form": "electronic",
        "delivery_method": "download",
    }
    refused = client.post(url, data)
    assert refused.status_code == 400
    assert not Application.objects.exists()
    assert client.post(url, data | {"id_number": VALID_ID}).status_code == 302
    question.refresh_from_db()
    assert question.application.receipt_date == dt.date(2025, 1, 27)


# --- the website self-check ----------------------------------------------------------------------
def test_the_self_check_vetoes_a_question_unanswered_for_three_months(unit_a):
    th = thresholds.load()
    today = dt.date(2025, 6, 16)
    assert selectors.unanswered_older_than(0, today) == []
    ask(unit_a, on=dt.date(2025, 3, 16))  # three months end on 6月16日: not yet late
    ask(unit_a, on=dt.date(2025, 6, 1))
    received = selectors.unanswered_older_than(0, today)
    result = indicators.unanswered_messages(received, today=today, th=th)
    assert result.verdict == indicators.Verdict.PASS
    assert result.veto_from == dt.date(2025, 6, 17)
    assert selectors.unanswered_older_than(90, today) == [dt.date(2025, 3, 16)]
    later = today + dt.timedelta(days=1)
    late = indicators.unanswered_messages(
        selectors.unanswered_older_than(0, later), today=later, th=th
    )
    assert late.verdict == indicators.Verdict.VETO
    assert late.count == 1


# --- masking: no published page names the asker ------------------------------------------------
@given(rare_names, phones, id_numbers, st.booleans())
@settings(
    max_examples=examples(25),
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_no_published_page_contains_the_askers_name_id_number_or_phone(
    client, clerk_a, reviewer_a, unit_a, name, phone, id_number, bare
):
    text = f"我是{name}，身份证{id_number}，电话{phone if not bare else phone.replace('-', '')}。"
    question = ask(unit_a, asker_name=name, phone=phone, subject=f"{name}的咨询", text=text * 2)
    question = answered(question, clerk_a, reviewer_a, reply=f"{name}您好，已收到{phone}的来电。")
    for url in (reverse("portal:questions"), reverse("portal:question", args=[question.pk])):
        page = client.get(url).content.decode()
        for secret in (name, id_number, phone, phone.replace("-", "")):
            assert secret not in page, (url, secret)


def test_loading_a_years_holidays_recomputes_the_open_questions(unit_a, settings):
    from gongkai.questions.apps import recompute_open_questions
    from gongkai.workdays.services import baseline_calendar

    question = ask(unit_a, on=dt.date(2025, 1, 27))
    Question.objects.filter(pk=question.pk).update(due_date=dt.date(2025, 1, 30))
    settings.GONGKAI_QUESTION_REPLY_WORKING_DAYS = 6
    count = recompute_open_questions(None, years=frozenset({2025}), calendar=baseline_calendar())
    question.refresh_from_db()
    assert count == 1
    assert question.due_date == dt.date(2025, 2, 11)
