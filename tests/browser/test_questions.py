"""A public question in a real browser: a visitor asks without an account; the office routes
it; the unit's clerk drafts the reply and its reviewer approves it; the question and reply are
published with the asker masked. Every page on the way passes the automated accessibility
check (axe-core) without a serious or critical violation."""

from __future__ import annotations

import pytest

from gongkai.questions.models import Question
from tests.browser import test_portal
from tests.browser.conftest import open_staff_page
from tests.browser.test_application_journey import log_in
from tests.browser.test_portal import violations

axe_source = test_portal.axe_source  # the portal's fixture: axe-core's source, or a skip

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_question_from_the_form_to_its_published_reply(
    new_page, live_server, axe_source, district, office, clerk_a, reviewer_a, unit_a
):
    base = live_server.url
    visitor = new_page()
    visitor.goto(base + "/")
    visitor.click("nav.main-nav >> text=留言咨询")
    assert "暂无公开的留言" in visitor.inner_text("main")
    assert violations(visitor, axe_source) == []
    visitor.click("main >> text=我要留言")
    assert violations(visitor, axe_source) == []
    visitor.click(
        "form button[type=submit]:has-text('提交留言')"
    )  # empty: told what is missing, in Chinese
    assert "请填写姓名" in visitor.inner_text("main")
    assert violations(visitor, axe_source) == []
    visitor.fill("#id_asker_name", "甄戬罡")
    visitor.fill("#id_phone", "13912345678")
    visitor.fill("#id_subject", "延庆赛区场馆是否开放参观")
    visitor.fill("#id_text", "我是甄戬罡，电话13912345678。请问冬奥场馆赛后能否预约参观？")
    visitor.check("#id_public_0")
    visitor.click("form button[type=submit]:has-text('提交留言')")
    assert "留言已提交" in visitor.inner_text("h1")
    number = visitor.inner_text("td.mono >> nth=0")
    assert violations(visitor, axe_source) == []
    question = Question.objects.get(tracking_number=number)

    staff = new_page()
    log_in(staff, base, office.user.username)
    open_staff_page(staff, "留言咨询")
    assert violations(staff, axe_source) == []
    staff.click(f"text={question.subject}")
    staff.select_option("#id_unit", str(unit_a.pk))
    staff.click("form[action$='/route/'] button[type=submit]")
    assert "已分办" in staff.inner_text(".messages")
    assert violations(staff, axe_source) == []

    clerk = new_page()
    log_in(clerk, base, clerk_a.user.username)
    clerk.goto(f"{base}/staff/questions/{question.pk}/")
    clerk.fill("#id_reply", "甄戬罡您好！延庆赛区场馆已对公众开放，可在官方平台预约参观。")
    clerk.click("form[action$='/draft/'] button[type=submit]")
    assert "答复已提交审核" in clerk.inner_text(".messages")

    reviewer = new_page()
    log_in(reviewer, base, reviewer_a.user.username)
    reviewer.goto(f"{base}/staff/questions/{question.pk}/")
    assert violations(reviewer, axe_source) == []
    reviewer.check("input[name=decision][value=approve]")
    reviewer.click("form[action$='/review/'] button[type=submit]")
    assert "在门户网站公开" in reviewer.inner_text(".messages")

    visitor.goto(base + "/questions/")
    visitor.click(f"text={question.subject}")
    text = visitor.inner_text("main")
    assert "已对公众开放" in text
    assert "甄戬罡" not in visitor.content()
    assert "13912345678" not in visitor.content()
    assert "甄**" in text
    assert violations(visitor, axe_source) == []


def test_a_question_asking_for_information_is_converted_into_an_application(
    new_page, live_server, axe_source, district, clerk_a, unit_a
):
    from tests.factories import VALID_ID

    base = live_server.url
    visitor = new_page()
    visitor.goto(base + "/questions/ask/")
    visitor.select_option("#id_unit", str(unit_a.pk))
    visitor.fill("#id_asker_name", "甄戬罡")
    visitor.fill("#id_phone", "13912345678")
    visitor.fill("#id_subject", "申请延庆镇村庄规划图")
    visitor.fill("#id_text", "请提供延庆镇2024年村庄规划图的电子版。")
    visitor.check("#id_public_1")
    visitor.click("form button[type=submit]:has-text('提交留言')")
    number = visitor.inner_text("td.mono >> nth=0")
    question = Question.objects.get(tracking_number=number)

    clerk = new_page()
    log_in(clerk, base, clerk_a.user.username)
    clerk.goto(f"{base}/staff/questions/{question.pk}/")
    clerk.click("text=转为政府信息公开申请")
    assert violations(clerk, axe_source) == []
    assert clerk.input_value("#id_applicant_name") == "甄戬罡"
    clerk.click("form button[type=submit]:has-text('登记为申请')")  # no ID document yet
    assert "未登记" in clerk.inner_text("main")
    assert violations(clerk, axe_source) == []
    clerk.select_option("#id_id_type", "resident_id")
    clerk.fill("#id_id_number", VALID_ID)
    clerk.select_option("#id_provision_form", "electronic")
    clerk.select_option("#id_delivery_method", "download")
    clerk.click("form button[type=submit]:has-text('登记为申请')")
    assert "已转为政府信息公开申请" in clerk.inner_text(".messages")
    question.refresh_from_db()
    application = question.application
    assert application is not None
    assert application.receipt_date == question.received_on

    visitor.goto(f"{base}/questions/track/{number}/")
    text = visitor.inner_text("main")
    assert "已转为政府信息公开申请" in text
    assert application.tracking_number in text
    assert violations(visitor, axe_source) == []
