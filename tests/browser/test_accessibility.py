"""适老化 and accessibility in a real browser (docs/accessibility.md): each switch of the toolbar
changes the page, the choice persists from page to page, nothing breaks the Content-Security-
Policy, and high contrast passes axe; without JavaScript the CSS switches still work. Every page
kind, public and the office's, passes axe without a serious or critical violation, and without
the findings once left (a select or textarea without a name, headings out of order, empty table
headers, a page without its main landmark) at any impact."""

from __future__ import annotations

import pytest

from gongkai.portal.views import SWITCHES
from tests import pages
from tests.accounts.test_access import routes, url_for
from tests.browser import test_portal
from tests.browser.test_application_journey import log_in
from tests.browser.test_mobile import public_routes, world
from tests.browser.test_portal import catalog, violations

axe_source = test_portal.axe_source  # the portal's fixture: axe-core's source, or a skip
__all__ = ["catalog", "world"]  # fixtures shared with the portal's and the phone's tests

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# The findings that were left (issue 17), checked at every impact, not only serious/critical.
NAMED_RULES = [
    "label",
    "select-name",
    "heading-order",
    "empty-table-header",
    "landmark-one-main",
]

# Read-aloud through a stand-in for the browser's speech synthesis (headless Chromium has no
# voices): what the page asks to be spoken is recorded, with its language.
SPEECH = """
window.__spoken = [];
const record = { speak: (u) => window.__spoken.push([u.text, u.lang]), cancel: () => {} };
if (window.speechSynthesis) {
  window.speechSynthesis.speak = record.speak;
  window.speechSynthesis.cancel = record.cancel;
} else {
  window.speechSynthesis = record;
  window.SpeechSynthesisUtterance = function (text) { this.text = text; };
}
"""


def named(page) -> list[str]:
    result = page.evaluate(
        "async (rules) => await axe.run(document, {runOnly: {type: 'rule', values: rules}})",
        NAMED_RULES,
    )
    return [
        f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
    ]


def body_classes(page) -> set[str]:
    return set(page.evaluate("Array.from(document.body.classList)"))


def computed(page, selector: str, prop: str) -> str:
    return page.evaluate(
        "([s, p]) => getComputedStyle(document.querySelector(s)).getPropertyValue(p)",
        [selector, prop],
    )


def test_each_switch_changes_the_page_and_persists_under_the_policy(
    page, live_server, catalog, axe_source
):
    base = live_server.url
    refused: list[str] = []
    page.on(
        "console",
        lambda m: refused.append(m.text) if "Content Security Policy" in m.text else None,
    )
    page.add_init_script(SPEECH)
    item = catalog["items"][0]
    page.goto(f"{base}/items/{item.pk}/")
    toolbar = "nav.display"

    page.click(f"{toolbar} >> text=大字版")
    assert float(computed(page, "body", "font-size").rstrip("px")) >= 20

    page.click(f"{toolbar} >> text=高对比度")
    assert "high-contrast" in body_classes(page)
    assert computed(page, "body", "background-color") == "rgb(0, 0, 0)"
    assert computed(page, "main a", "color") == "rgb(255, 255, 0)"
    page.goto(base + "/search/?q=补贴")  # the choice persists on the next page
    assert {"high-contrast", "large-text"} <= body_classes(page)
    for path in ("/", f"/items/{item.pk}/", "/search/?q=补贴", "/interpretations/"):
        page.goto(base + path)
        assert violations(page, axe_source) == [], path
    page.goto(f"{base}/items/{item.pk}/")

    page.click(f"{toolbar} >> text=大鼠标")
    assert "cursor.svg" in computed(page, "body", "cursor")
    assert "cursor-hand.svg" in computed(page, "main a", "cursor")

    page.click(f"{toolbar} >> text=阅读线")
    guide = page.locator(".reading-guide")
    assert guide.count() == 1
    page.mouse.move(120, 400)
    assert abs(guide.bounding_box()["y"] + guide.bounding_box()["height"] / 2 - 400) <= 2
    page.mouse.move(120, 250)
    assert abs(guide.bounding_box()["y"] + guide.bounding_box()["height"] / 2 - 250) <= 2

    page.click(f"{toolbar} >> text=朗读")
    assert "read-aloud" in body_classes(page)
    page.hover("main h1")
    for _ in range(60):  # after the pointer rests (wait_for_function would need 'unsafe-eval')
        if page.evaluate("window.__spoken.length"):
            break
        page.wait_for_timeout(50)
    heading = page.inner_text("main h1")
    assert page.evaluate("window.__spoken")[-1] == [heading, "zh-CN"]
    page.click(f"{toolbar} >> text=朗读全文")
    spoken, language = page.evaluate("window.__spoken")[-1]
    assert language == "zh-CN"
    assert heading in spoken
    assert len(spoken) > len(heading)  # the whole of <main>, not only its heading

    # every switch back off
    for label in ("标准字号", "标准配色", "标准光标", "关阅读线", "关朗读"):
        page.click(f"{toolbar} >> text={label}")
    assert body_classes(page) == {"public"}
    assert page.locator(".reading-guide").count() == 0
    assert refused == []


def test_without_javascript_the_css_switches_work_and_the_others_are_not_offered(
    browser, live_server, catalog
):
    context = browser.new_context(java_script_enabled=False, locale="zh-CN")
    try:
        page = context.new_page()
        base = live_server.url
        page.goto(base + "/")
        page.click("text=高对比度")
        assert computed(page, "body", "background-color") == "rgb(0, 0, 0)"
        page.click("text=大鼠标")
        assert "cursor.svg" in computed(page, "body", "cursor")
        assert not page.is_visible("text=阅读线")  # they need script: not shown without it
        assert not page.is_visible("text=朗读")
        assert {c["name"] for c in context.cookies()} >= {
            SWITCHES["contrast"][0],
            SWITCHES["cursor"][0],
        }
    finally:
        context.close()


def test_every_page_kind_passes_axe(page, live_server, world, office, axe_source):
    base = live_server.url
    found: dict[str, list[str]] = {}
    checked = 0

    def check(label: str) -> None:
        nonlocal checked
        checked += 1
        problems = violations(page, axe_source) + named(page)
        if problems:
            found[label] = problems

    interpretation = world["item"].interpretations.get()
    for pattern in public_routes():
        path = pages.url_for(f"portal:{pattern.name}", pattern, world, step="propose_decision")
        page.goto(base + path)
        check(f"portal:{pattern.name} {path}")
    page.goto(f"{base}/items/{interpretation.pk}/")
    check("portal:item (an interpretation)")
    log_in(page, base, office.user.username)
    for pattern in routes():
        path = url_for(pattern, world)
        answer = page.context.request.get(base + path, max_redirects=0)
        if answer.status != 200 or not answer.headers["content-type"].startswith("text/html"):
            continue
        page.goto(base + path)
        check(f"staff:{pattern.name} {path}")
    assert not found, "\n".join(f"{k}: {v}" for k, v in found.items())
    assert checked >= 100
