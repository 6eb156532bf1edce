"""The Content-Security-Policy in a real browser: the pages that used inline styles and script
render with their styles and behaviour from the static folder (or, for the self-contained
documents, from a <style> block allowed by its hash, also in the 繁體 display), and Chromium
reports no violation — while an injected style attribute is refused (the control)."""

from __future__ import annotations

import pytest

from tests.browser.test_application_journey import log_in
from tests.factories import register

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def style(page, selector: str, prop: str) -> str:
    return page.evaluate(
        "([s, p]) => getComputedStyle(document.querySelector(s)).getPropertyValue(p)",
        [selector, prop],
    )


def test_pages_render_under_the_policy_without_a_violation(page, live_server, clerk_a, office):
    base = live_server.url
    refused: list[str] = []
    page.on(
        "console",
        lambda m: refused.append(m.text) if "Content Security Policy" in m.text else None,
    )
    application = register(clerk_a.user, clerk_a.unit)
    notice = application.documents.exclude(rendered=[]).first()

    # the blank application form: its stylesheet sizes the columns and the tall blanks
    page.goto(base + "/apply/form/")
    assert style(page, "col.w46", "width").startswith("173.")  # 46 mm at 96 dpi
    assert page.evaluate("document.querySelector('td.h36').offsetHeight") >= 136  # 36 mm

    log_in(page, base, clerk_a.user.username)
    case_file = f"{base}/staff/applications/{application.pk}/print/"
    for script in ("hans", "hant"):  # the 繁體 display converts the page, not the style
        page.context.add_cookies([{"name": "gk_script", "value": script, "url": base}])
        page.goto(case_file)
        assert style(page, "p.center", "text-align") == "center"
        assert style(page, "body", "font-size") == "14.6667px"  # 11pt
    page.goto(f"{base}/staff/applications/{application.pk}/documents/{notice.pk}/print/")
    assert style(page, "h1", "text-align") == "center"
    assert style(page, "body", "font-size") == "21.3333px"  # 16pt

    # site.js: choosing a year sends the form (it was an inline onchange)
    page.context.add_cookies([{"name": "gk_script", "value": "hans", "url": base}])
    page.goto(base + "/staff/reports/")
    page.select_option("select[name=year]", "2020")
    page.wait_for_url("**/staff/reports/?year=2020")
    assert refused == []

    # the control: a style attribute put in by script is refused, and reported
    page.evaluate("document.body.insertAdjacentHTML('beforeend', '<p style=\"color:red\">x</p>')")
    page.wait_for_timeout(200)
    assert refused
