"""The portal in a real browser: a visitor browses from the home page to an item, searches in
traditional characters and finds the simplified items, uses the keyboard and the display
switches, and every main page passes an automated accessibility check (axe-core, injected into
the page) without a serious or critical violation. Also without JavaScript."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from tests.factories import columns_of, publish

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = Path(__file__).parent / "node_modules" / "axe-core" / "axe.min.js"
# The WCAG 2.1 A and AA rules (what 适老化 and accessibility guidance in China build on).
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@pytest.fixture
def axe_source() -> str:
    if not AXE.exists():
        if os.environ.get("GONGKAI_REQUIRE_SYSTEM_TOOLS"):
            pytest.fail("axe-core is required here: run `npm ci` in tests/browser")
        pytest.skip("axe-core is not installed (make test installs it with npm)")
    return AXE.read_text(encoding="utf-8")


@pytest.fixture
def catalog(unit_a, clerk_a, reviewer_a, district):
    columns = columns_of(unit_a)
    columns_of(district, key_areas=True)
    items = [
        publish(
            clerk_a.user,
            reviewer_a.user,
            unit_a,
            columns["news"],
            on=dt.date(2025, 3, 10 + i),
            title=title,
            body=f"<p>{body}</p>",
        )
        for i, (title, body) in enumerate(
            (
                ("关于2025年耕地地力保护补贴发放情况的公示", "现将补贴发放情况予以公示。"),
                ("区发展改革委召开优化营商环境工作推进会", "会议部署了营商环境改革任务。"),
                ("关于征集2025年民生实事项目建议的公告", "欢迎社会各界提出建议。"),
            )
        )
    ]
    return {"columns": columns, "items": items}


def violations(page, axe_source: str) -> list[str]:
    # evaluated through the browser's debugging protocol: the page's Content-Security-Policy
    # (rightly) refuses an inline <script>, which add_script_tag would insert
    page.evaluate(axe_source)
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})",
        AXE_TAGS,
    )
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def test_a_visitor_browses_searches_and_opens_an_item(page, live_server, catalog, unit_a):
    base = live_server.url
    page.goto(base + "/")
    assert "最新公开" in page.inner_text("main")
    page.click(f"a[href='/units/{unit_a.code}/']")
    page.click("nav[aria-label='信息公开目录'] >> text=工作动态")
    assert "第 1" not in page.inner_text("main")  # one page only
    page.click("text=关于征集2025年民生实事项目建议的公告")
    assert "索引号" in page.inner_text("table.item-meta")
    assert "欢迎社会各界提出建议" in page.inner_text(".body")
    # search in traditional characters, from the home page's form
    page.goto(base + "/")
    page.fill("#home-q", "補貼")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search/?q=*")
    assert "共找到 1 条" in page.inner_text("main")
    assert page.inner_text("mark") == "补贴"
    page.click("ol.results a")
    assert page.inner_text("h1.item-title") == "关于2025年耕地地力保护补贴发放情况的公示"
    page.screenshot(path=str(Path(os.environ.get("GONGKAI_SCREENSHOTS", "/tmp")) / "item.png"))


def test_the_keyboard_reaches_the_content_and_the_search(page, live_server, catalog):
    base = live_server.url
    page.goto(base + "/search/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "跳到正文"
    page.keyboard.press("Enter")
    assert page.url.endswith("#main")
    page.focus("#q")
    page.keyboard.type("营商环境")
    page.keyboard.press("Enter")
    page.wait_for_url("**q=*")
    assert "共找到 1 条" in page.inner_text("main")


def test_the_display_switches_work_without_javascript(browser, live_server, catalog):
    context = browser.new_context(java_script_enabled=False, locale="zh-CN")
    try:
        page = context.new_page()
        base = live_server.url
        page.goto(base + "/search/?q=" + "民生实事")
        page.click("text=繁體")
        assert "檢索政府信息" in page.inner_text("h1")
        assert "民生實事" in page.inner_text("main")
        page.click("text=大字版")
        size = page.evaluate("getComputedStyle(document.body).fontSize")
        assert float(size.rstrip("px")) >= 20
        page.click("text=简体")
        assert "检索政府信息" in page.inner_text("h1")
    finally:
        context.close()


def test_the_main_pages_have_no_serious_accessibility_violation(
    new_page, live_server, catalog, axe_source, unit_a
):
    base = live_server.url
    item = catalog["items"][0]
    pages = {
        "home": "/",
        "unit": f"/units/{unit_a.code}/",
        "column": f"/columns/{catalog['columns']['news'].pk}/",
        "item": f"/items/{item.pk}/",
        "search": "/search/?q=补贴",
        "apply": "/apply/",
        "guide": f"/units/{unit_a.code}/guide/",
    }
    found = {}
    for large in (False, True):
        page = new_page()
        if large:
            page.goto(base + "/display/?size=large&next=/")
        for name, path in pages.items():
            page.goto(base + path)
            problems = violations(page, axe_source)
            if problems:
                found[f"{name}{' (大字版)' if large else ''}"] = problems
    assert found == {}
