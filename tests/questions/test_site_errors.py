"""我为政府网站找错 end to end: a visitor reports an error on the site without an account (its
contact optional), gets a number (ZC-…) and a query code; the report is stored whole or not at
all and the form is rate-limited like the question form; the office finds it in its list by
kind and routes it, the unit answers, a second person approves, and the reply goes to the
reporter only; due on the working-day calendar; counted apart from the questions."""

from __future__ import annotations

import datetime as dt
import uuid
from unittest import mock

import pytest
from django.urls import reverse

from gongkai.audit.models import AuditEvent
from gongkai.questions import selectors, services
from gongkai.questions.models import Question, QuestionCounter
from gongkai.questions.status import Kind, Status
from gongkai.workdays import services as workdays
from tests.conftest import login

pytestmark = pytest.mark.django_db


def form(**changes) -> dict:
    return {
        "page_url": "https://www.bjyq.gov.cn/items/12/",
        "error_category": "typo",
        "description": "第二段“延庆区人民攻府”应为“人民政府”。",
        "reporter_name": "",
        "phone": "",
        "email": "",
        "token": str(uuid.uuid4()),
        "website": "",
    } | changes


def report(**changes) -> Question:
    data = {
        "page_url": "/items/12/",
        "category": "stale",
        "description": "工作动态栏目三个月未更新。",
    } | changes
    return services.site_error_submit(data=services.SiteErrorData(**data)).question


def test_a_visitor_reports_an_error_anonymously_and_reads_the_reply_with_the_code(
    client, district, office, clerk_a, reviewer_a, unit_a
):
    page = client.get(reverse("portal:site_error") + "?url=/items/12/").content.decode()
    assert 'value="/items/12/"' in page  # the page the visitor came from
    assert "内容无法访问" in page
    assert "错别字" in page
    response = client.post(reverse("portal:site_error"), form())
    assert response.status_code == 302
    found = Question.objects.get()
    assert found.kind == Kind.SITE_ERROR
    assert found.tracking_number.startswith(f"ZC-{found.received_on.year}-")
    assert found.state is Status.RECEIVED
    assert found.unit is None
    assert not found.public
    assert found.subject.startswith("网站找错：错别字")
    assert found.due_date == workdays.current_calendar().add(found.received_on, 3)
    receipt = client.get(response["Location"]).content.decode()
    assert "找错编号" in receipt
    assert found.tracking_number in receipt
    code = receipt.split('查询码</th><td class="mono">')[1].split("<")[0]
    assert services.query_code_matches(found, code)
    assert AuditEvent.objects.filter(object_id=str(found.pk), action="question.submit").exists()

    # the office finds it by kind, routes it; the unit answers; a second person approves
    office_client = login(office)
    listed = office_client.get(reverse("staff:questions") + "?kind=site_error").content.decode()
    assert found.tracking_number in listed
    assert "网站找错" in listed
    questions_only = office_client.get(reverse("staff:questions") + "?kind=question")
    assert found.tracking_number not in questions_only.content.decode()
    detail = office_client.get(reverse("staff:question", args=[found.pk])).content.decode()
    assert "https://www.bjyq.gov.cn/items/12/" in detail
    assert "（未留姓名）" in detail
    assert "转为政府信息公开申请" not in detail
    found = services.question_route(actor=office.user, question=found, unit=unit_a)
    found = services.question_draft(actor=clerk_a.user, question=found, reply="已更正，谢谢。")
    found = services.question_approve(actor=reviewer_a.user, question=found)
    assert found.state is Status.ANSWERED  # to the reporter, never onto the portal
    assert not Question.objects.on_portal().exists()

    other = type(client)()
    lookup = other.post(
        reverse("portal:question_lookup"),
        {"tracking_number": found.tracking_number.lower(), "query_code": code},
    )
    assert lookup.status_code == 302
    status = other.get(lookup["Location"]).content.decode()
    assert "已更正，谢谢。" in status
    assert "错别字" in status


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"error_category": ""}, "请选择错误类型"),
        ({"error_category": "nonsense"}, "请从列表中选择错误类型"),
        ({"page_url": ""}, "请填写出错网页地址"),
        ({"page_url": "javascript:alert(1)"}, "请填写出错网页的完整地址"),
        ({"description": ""}, "请填写问题描述"),
        ({"description": "错" * 2001}, "问题描述不超过2000字"),
        ({"email": "not-an-address"}, "电子邮箱格式不正确"),
        ({"website": "http://spam"}, "提交未被接受"),
    ],
)
def test_bad_input_is_refused_in_chinese_and_nothing_is_stored(client, district, changes, message):
    response = client.post(reverse("portal:site_error"), form(**changes))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Question.objects.exists()
    assert not QuestionCounter.objects.exists()


def test_a_report_is_stored_whole_or_not_at_all(district):
    with (
        mock.patch.object(services, "record", side_effect=RuntimeError("audit down")),
        pytest.raises(RuntimeError),
    ):
        report()
    assert not Question.objects.exists()
    assert not AuditEvent.objects.filter(action="question.submit").exists()
    assert report().tracking_number.endswith("-00001")  # the number was not used up


def test_the_same_form_sent_twice_stores_one_report(client, district):
    values = form()
    assert client.post(reverse("portal:site_error"), values).status_code == 302
    assert client.post(reverse("portal:site_error"), values).status_code == 302
    assert Question.objects.count() == 1


def test_the_form_is_rate_limited_like_the_question_form(client, district, settings):
    settings.GONGKAI_PUBLIC_RATE_LIMIT = 1
    assert client.post(reverse("portal:site_error"), form()).status_code == 302
    assert client.post(reverse("portal:site_error"), form()).status_code == 429
    assert Question.objects.count() == 1
    settings.GONGKAI_PUBLIC_RATE_LIMIT = 100
    settings.GONGKAI_PUBLIC_ATTEMPT_LIMIT = 2
    client.post(reverse("portal:site_error"), form(error_category=""))
    assert client.post(reverse("portal:site_error"), form()).status_code == 429


def test_reports_and_questions_are_numbered_and_counted_apart(
    office, clerk_a, reviewer_a, unit_a, settings
):
    settings.GONGKAI_SITE_ERROR_REPLY_WORKING_DAYS = 1
    with mock.patch.object(services, "today", return_value=dt.date(2025, 3, 7)):  # a Friday
        error = report()
        question = services.question_submit(
            data=services.AskerData(asker_name="张三", subject="咨询", text="问", phone="1380000"),
            unit=unit_a,
        ).question
    assert error.tracking_number == "ZC-2025-00001"
    assert question.tracking_number == "LY-2025-00001"
    assert error.due_date == dt.date(2025, 3, 10)  # one working day: the Monday
    with pytest.raises(services.QuestionError, match="不能转为政府信息公开申请"):
        services.question_convert(actor=office.user, question=error, data=None, unit=None)  # type: ignore[arg-type]
    rows = Question.objects.all()
    start, end, today = dt.date(2025, 1, 1), dt.date(2025, 12, 31), dt.date(2025, 3, 20)
    [errors] = selectors.statistics(
        rows.of_kind(Kind.SITE_ERROR), start=start, end=end, today=today
    )
    [questions] = selectors.statistics(
        rows.of_kind(Kind.QUESTION), start=start, end=end, today=today
    )
    assert (errors.unit, errors.received, errors.overdue) == ("（待分办）", 1, 1)
    assert (questions.unit, questions.received) == (unit_a.name, 1)
    page = login(office).get(reverse("staff:question_statistics") + "?year=2025").content.decode()
    assert 'id="stats-question"' in page
    assert 'id="stats-site_error"' in page
    assert page.index("<h2>留言咨询</h2>") < page.index("<h2>网站找错</h2>")


def test_another_units_staff_cannot_see_a_report_routed_to_a_unit(office, clerk_a, clerk_b, unit_a):
    error = services.question_route(actor=office.user, question=report(), unit=unit_a)
    url = reverse("staff:question", args=[error.pk])
    assert login(clerk_a).get(url).status_code == 200
    assert login(clerk_b).get(url).status_code == 404
    assert (
        error.tracking_number not in login(clerk_b).get(reverse("staff:questions")).content.decode()
    )
