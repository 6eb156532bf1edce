"""我为政府网站找错 in a real browser: from the footer of an item page a visitor reports a typo
without an account (the page's address prefilled), is told in Chinese what is missing, gets a
number and a query code; the footer shows the site's identity; the 网站地图 opens. Every page
on the way passes the automated accessibility check (axe-core) without a serious or critical
violation."""

from __future__ import annotations

import datetime as dt

import pytest

from gongkai.core.siteidentity import SiteIdentity
from gongkai.questions.models import Question
from gongkai.questions.status import Kind
from tests.browser import test_portal
from tests.browser.test_portal import violations
from tests.factories import columns_of, publish

axe_source = test_portal.axe_source  # the portal's fixture: axe-core's source, or a skip

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_visitor_reports_an_error_from_the_footer(
    new_page, live_server, axe_source, settings, district, unit_a, clerk_a, reviewer_a
):
    settings.GONGKAI_SITE_IDENTITY = SiteIdentity(
        domain="www.bjyq.gov.cn",
        id_code="1101190001",
        icp="京ICP备19000001号",
        psb="京公网安备 11011902000001号",
        party_mark=True,
        party_mark_url="https://bszs.conac.cn/sitename?method=show&id=1101190001",
        operator="北京市延庆区政府信息和政务公开管理服务中心",
        phone="010-69173291",
        email="yqxzfxxgk_ysq@126.com",
    )
    columns = columns_of(unit_a)
    item = publish(
        clerk_a.user,
        reviewer_a.user,
        unit_a,
        columns["news"],
        on=dt.date(2025, 3, 3),
        title="区发展改革委召开优化营商环境工作推进会",
    )
    base = live_server.url
    visitor = new_page()
    visitor.goto(f"{base}/items/{item.pk}/")
    footer = visitor.inner_text("footer")
    assert "网站标识码：1101190001" in footer
    assert "京ICP备19000001号" in footer
    assert violations(visitor, axe_source) == []
    visitor.click("footer >> text=网站地图")
    assert visitor.inner_text("h1") == "网站地图"
    assert violations(visitor, axe_source) == []
    visitor.go_back()
    visitor.click("footer >> text=我为政府网站找错")
    assert visitor.input_value("#id_page_url") == f"/items/{item.pk}/"
    assert violations(visitor, axe_source) == []
    visitor.click("form button[type=submit]")  # no kind of error: told so, in Chinese
    assert "请选择错误类型" in visitor.inner_text("main")
    assert violations(visitor, axe_source) == []
    visitor.select_option("#id_error_category", "typo")
    visitor.fill("#id_description", "正文第二段“人民攻府”应为“人民政府”。")
    visitor.click("form button[type=submit]")
    assert "找错已提交" in visitor.inner_text("h1")
    number = visitor.inner_text("td.mono >> nth=0")
    assert number.startswith("ZC-")
    assert violations(visitor, axe_source) == []
    report = Question.objects.get(tracking_number=number)
    assert report.kind == Kind.SITE_ERROR
    assert report.page_url == f"/items/{item.pk}/"
    visitor.click("text=查看办理情况")
    assert "错别字" in visitor.inner_text("main")
    assert violations(visitor, axe_source) == []
