"""A consultation in a real browser: the office opens one on a draft, a visitor comments
without an account, the office publishes the comment, ends the consultation, marks the
comment's adoption and publishes the feedback, which the portal shows without the commenter's
name or number. Every page passes the automated accessibility check (axe-core)."""

from __future__ import annotations

import datetime as dt

import pytest

from gongkai.consultations import services
from tests.browser import test_portal
from tests.browser.conftest import open_staff_page
from tests.browser.test_application_journey import log_in
from tests.browser.test_portal import violations

axe_source = test_portal.axe_source  # the portal's fixture: axe-core's source, or a skip

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_consultation_from_the_draft_to_the_published_feedback(
    new_page, live_server, axe_source, office, unit_a
):
    base = live_server.url
    today = services.today()
    page = new_page()
    log_in(page, base, office.user.username)
    open_staff_page(page, "意见征集")
    assert violations(page, axe_source) == []
    page.click("text=发布意见征集")
    page.select_option("#id_unit", str(unit_a.pk))
    page.fill("#id_title", "《停车管理办法（征求意见稿）》")
    page.fill("#id_draft", "第一条 为规范停车管理，制定本办法。")
    page.fill("#id_opens_on", f"{today:%Y-%m-%d}")
    page.fill("#id_closes_on", f"{today + dt.timedelta(days=30):%Y-%m-%d}")
    assert violations(page, axe_source) == []
    page.click("main form button[type=submit]")
    assert "已发布意见征集" in page.inner_text(".messages")
    staff_url = page.url

    visitor = new_page()
    visitor.goto(f"{base}/consultations/")
    assert violations(visitor, axe_source) == []
    visitor.click("text=《停车管理办法（征求意见稿）》")
    visitor.fill("#id_body", "建议增加夜间免费停车。我是赵六，电话13611112222")
    visitor.fill("#id_name", "赵六")
    visitor.fill("#id_contact", "13611112222")
    assert violations(visitor, axe_source) == []
    visitor.click("main form button[type=submit]")
    assert "您的意见已提交" in visitor.inner_text(".messages")

    page.goto(staff_url)
    page.check("input[name=verdict][value=approve]")
    page.click("form[action$='/moderate/'] button[type=submit]")
    assert "已审核" in page.inner_text(".messages")
    page.fill("#id_reason", "征集工作提前完成")
    page.click("form[action$='/end/'] button[type=submit]")
    assert "已结束征集" in page.inner_text(".messages")
    page.select_option("select[name=adoption]", "partly")
    page.fill("form[action$='/adoption/'] input[name=reason]", "部分路段已实行")
    page.click("form[action$='/adoption/'] button[type=submit]")
    assert "采纳情况" in page.inner_text(".messages")
    page.fill("#id_text", "感谢社会各界参与，意见采纳情况如下。")
    page.click("form[action$='/feedback/'] button[type=submit]")
    assert "已发布反馈" in page.inner_text(".messages")
    assert violations(page, axe_source) == []

    visitor.reload()
    text = visitor.inner_text("main")
    assert "意见采纳情况反馈" in text
    assert "部分采纳" in text
    assert "部分路段已实行" in text
    assert "赵六" not in text
    assert "13611112222" not in text
    assert violations(visitor, axe_source) == []
