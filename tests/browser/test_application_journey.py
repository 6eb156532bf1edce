"""The whole journey in a real browser: an applicant files online and follows the case; the
clerk asks for a correction, registers it, proposes an extension and a decision; the reviewer
approves both; the applicant downloads a reply that cites the right articles."""

from __future__ import annotations

import io
import re

import pytest
from docx import Document as Docx

from tests.conftest import PASSWORD
from tests.factories import VALID_ID

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(page, base: str, username: str) -> None:
    page.goto(base + "/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(base + "/staff/")


def do_step(page, name: str, fill: dict[str, str] | None = None) -> str:
    page.click(f"form[action$='/{name}/'] >> xpath=.. >> summary")
    for field, value in (fill or {}).items():
        page.fill(f"#id_{name}-{field}", value)
    page.click(f"form[action$='/{name}/'] button[type=submit]")
    return page.inner_text(".messages")


def test_an_application_from_the_portal_to_the_reply(
    page, new_page, live_server, unit_a, clerk_a, reviewer_a
):
    base = live_server.url
    page.goto(base + "/apply/")
    page.select_option("#id_unit", value=str(unit_a.pk))
    page.fill("#id_applicant_name", "王小明")
    page.fill("#id_id_number", VALID_ID)
    page.fill("#id_phone", "13912345678")
    page.fill("#id_info_title", "延庆镇征地补偿方案")
    page.check("#id_promise")
    page.click("button[type=submit]:has-text('提交申请')")
    text = page.inner_text("main")
    number = re.search(r"申请编号\s+(\S+)", text).group(1)
    assert re.search(r"查询码\s+([A-Z0-9]{8})", text)

    clerk = new_page()
    log_in(clerk, base, "clerk.a")
    clerk.goto(base + "/staff/applications/")
    clerk.click(f"text={number}")
    case_url = clerk.url
    assert "已告知补正" in do_step(clerk, "request_correction", {"items": "请写明地块编号"})

    # The applicant sees the clock stopped and sends the correction from the status page.
    page.goto(f"{base}/track/{number}/")
    assert "停止计时" in page.inner_text("main")
    assert "请写明地块编号" in page.inner_text("main")
    page.fill("#id_text", "地块编号为延庆镇2019-07号")
    page.click("form[action$='/correct/'] button[type=submit]")
    assert "重新计算" in page.inner_text("main")
    assert "停止计时" not in page.inner_text("main")

    clerk.goto(case_url)
    assert "待审核人批准" in do_step(clerk, "propose_extension", {"reason": "档案量大"})

    reviewer = new_page()
    log_in(reviewer, base, "reviewer.a")
    reviewer.goto(case_url)
    assert "延期答复告知书已生成" in do_step(reviewer, "approve_extension")

    clerk.goto(case_url)
    clerk.click("form[action$='/propose_decision/'] >> xpath=.. >> summary")
    clerk.select_option("#id_propose_decision-outcome", "partial")
    clerk.check("#id_propose_decision-ground_withhold_third_party")
    clerk.fill(
        "#id_propose_decision-reason_withhold_third_party",
        "被征收户的姓名和补偿金额属于个人隐私",
    )
    clerk.fill("#id_propose_decision-details", "在线下载")
    clerk.click("form[action$='/propose_decision/'] button[type=submit]")
    assert "待审核人审核" in clerk.inner_text(".messages")
    reviewer.goto(case_url)
    assert "答复书已生成" in do_step(reviewer, "approve_decision")
    clerk.goto(case_url)
    clerk.click("form[action$='/deliver/'] >> xpath=.. >> summary")
    clerk.select_option("#id_deliver-method", "在线下载")
    clerk.click("form[action$='/deliver/'] button[type=submit]")
    assert "申请办结" in clerk.inner_text(".messages")

    page.goto(f"{base}/track/{number}/")
    assert "已办结" in page.inner_text("main")
    with page.expect_download() as download:
        page.click(f"a:text-is('答复书（{number}）')")
    reply = Docx(io.BytesIO(open(download.value.path(), "rb").read()))  # noqa: SIM115
    text = "\n".join(p.text for p in reply.paragraphs)
    assert (
        "《中华人民共和国政府信息公开条例》第十五条、第三十六条第（二）项、第三十六条第（三）项、"
        "第三十七条" in text
    )
    assert "被征收户的姓名和补偿金额属于个人隐私" in text
    assert "应当先申请行政复议" in text
    assert "行政复议网上申请" in text  # delivered online: the online channel is named
    assert "部分公开" in page.inner_text("main")  # the outcome in plain words
