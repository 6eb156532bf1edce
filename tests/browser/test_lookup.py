"""先查一查 and 第四十四条 in a real browser: typing on the application form shows a similar
published item (with script, as one types; without, after the "查一查" button, the form kept as
typed); a unit turns two applications for the same information into a draft, publishes it, and
the portal lists it under 依申请转主动公开. The pages pass the automated accessibility check."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from tests.browser import test_portal
from tests.browser.conftest import open_staff_page
from tests.browser.test_application_journey import log_in
from tests.browser.test_portal import violations
from tests.factories import columns_of, publish, register

axe_source = test_portal.axe_source  # the portal's fixture: axe-core's source, or a skip

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TITLE = "延庆镇2024年征地补偿标准的公告"


@pytest.fixture
def published(unit_a, clerk_a, reviewer_a, district):
    columns = columns_of(unit_a)
    return publish(
        clerk_a.user, reviewer_a.user, unit_a, columns["news"], on=dt.date(2025, 3, 10),
        title=TITLE, doc_number="", body="<p>现将征地补偿标准予以公告。</p>",
    )  # fmt: skip


def test_typing_on_the_application_form_shows_a_similar_published_item(
    new_page, browser, live_server, published, axe_source
):
    base = live_server.url
    page = new_page()
    page.goto(base + "/apply/")
    page.fill("#id_applicant_name", "李四")
    page.focus("#id_info_description")
    page.keyboard.type("我想了解延庆镇征地补偿的标准")
    page.wait_for_selector(f"[data-lookup-results] >> text={TITLE}")
    assert violations(page, axe_source) == []

    context = browser.new_context(java_script_enabled=False, locale="zh-CN")
    try:
        plain = context.new_page()
        plain.goto(base + "/apply/")
        plain.fill("#id_applicant_name", "李四")
        plain.fill("#id_info_description", "延庆镇征地补偿标准")
        plain.click("button[name=lookup]")
        assert TITLE in plain.inner_text("[data-lookup-results]")
        assert plain.input_value("#id_applicant_name") == "李四"
        assert plain.input_value("#id_info_description") == "延庆镇征地补偿标准"
        assert "申请未提交" not in plain.inner_text("main")
        plain.click(f"text={TITLE}")
        assert TITLE in plain.inner_text("h1")
    finally:
        context.close()


def test_two_applications_for_the_same_information_become_a_published_item(
    new_page, live_server, clerk_a, reviewer_a, unit_a, district, axe_source
):
    news = columns_of(unit_a)["news"]
    today = timezone.localdate()
    first = register(clerk_a.user, unit_a, received=today, info_description="延庆镇征地补偿标准")
    register(clerk_a.user, unit_a, received=today, info_description="延庆镇2024年征地补偿标准")
    base = live_server.url
    clerk = new_page()
    log_in(clerk, base, clerk_a.user.username)
    open_staff_page(clerk, "相同申请")
    assert first.tracking_number in clerk.inner_text("main")
    assert violations(clerk, axe_source) == []
    clerk.click("text=转为主动公开（起草信息）")
    clerk.fill("#id_title", "延庆镇征地补偿标准")
    clerk.select_option("#id_column", value=str(news.pk))
    assert violations(clerk, axe_source) == []
    clerk.click("button:has-text('起草信息')")
    assert "已起草信息并关联申请" in clerk.inner_text(".messages")
    clerk.click("button:has-text('提交审核')")

    reviewer = new_page()
    log_in(reviewer, base, reviewer_a.user.username)
    reviewer.goto(clerk.url)
    reviewer.fill("form[action$='/publish/'] [name=secrecy_review]", "经审查，不涉密，同意公开")
    reviewer.click("button:has-text('审核通过并发布')")

    visitor = new_page()
    visitor.goto(base + "/from-requests/")
    assert "延庆镇征地补偿标准" in visitor.inner_text("main")
    assert violations(visitor, axe_source) == []


def test_typing_on_the_question_form_shows_an_answered_question(
    new_page, live_server, unit_a, clerk_a, reviewer_a, district, axe_source
):
    from tests.questions.test_questions import answered, ask

    subject = "延庆镇征地补偿标准是多少"
    answered(ask(unit_a, subject=subject, text="请问在哪里可以查到？"), clerk_a, reviewer_a)
    page = new_page()
    page.goto(live_server.url + "/questions/ask/")
    page.fill("#id_subject", "征地补偿")
    page.focus("#id_text")
    page.keyboard.type("请问延庆镇的征地补偿标准")
    page.wait_for_selector(f"[data-lookup-results] >> text={subject}")
    assert "已答复的留言" in page.inner_text("[data-lookup-results]")
    assert violations(page, axe_source) == []
    page.click(f"text={subject}")
    assert subject in page.inner_text("h1")
