"""Phones: at 375 px (the width of the common small phone) no page of any kind is wider than the
screen — every public route and every staff route the office opens, filled from the world of the
outsider sweep (tests/accounts/test_access.py) — and the header takes at most a third of the
first screen (375×667), on the portal and on the staff pages."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

import pytest
from django.urls import URLPattern

from gongkai.applications import services as application_services
from gongkai.catalog.models import Column
from gongkai.portal import urls as portal_urls
from gongkai.questions import services as question_services
from tests import pages
from tests.accounts.test_access import build_world, routes, url_for
from tests.browser.test_application_journey import log_in
from tests.factories import applicant, publish

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTH, HEIGHT = 375, 667
SHOTS = Path(os.environ.get("GONGKAI_SCREENSHOTS", "/tmp"))

# Public routes that answer with something other than a page (feeds, files, JSON, XML, the
# display switch's redirect).
NOT_A_PAGE = {
    "column_feed",
    "attachment",
    "api_items",
    "display",
    "similar",
    "report_download",
    "register_document",
    "consultation_attachment",
    "track_document",
    "sitemap",
    "sitemap_section",
    "correct",  # POST only: the applicant's correction and withdrawal, from the tracking page
    "withdraw",
    # the open data: files and JSON for machines (docs/api.md); their page for people is "api"
    "policies_csv",
    "api_openapi",
    "api_catalog",
    "api_items_year",
    "api_questions_year",
    "api_reports_year",
    "website_return_download",
}

# What the page measures: the document's width, and each element that reaches past the right
# edge of the screen without a scrolling box of its own around it (a wide statistical table
# scrolls inside its box; the page itself never does).
WIDE = """() => {
  const limit = window.innerWidth;
  const name = (el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
    (el.className && typeof el.className === 'string' ?
      '.' + el.className.trim().split(/\\s+/).join('.') : '');
  const clipped = (el) => {
    for (let p = el.parentElement; p && p !== document.documentElement; p = p.parentElement) {
      if (getComputedStyle(p).overflowX !== 'visible' &&
          p.getBoundingClientRect().right <= limit + 0.5) return true;
    }
    return false;
  };
  const wide = [];
  for (const el of document.body.querySelectorAll('*')) {
    const box = el.getBoundingClientRect();
    if (box.right > limit + 0.5 && !clipped(el)) {
      wide.push(name(el) + ' (' + Math.round(box.right) + ' px) in ' + name(el.parentElement));
    }
  }
  return {scroll: document.documentElement.scrollWidth, inner: limit, wide: wide.slice(0, 6)};
}"""


def measure(page) -> str | None:
    found: dict[str, Any] = page.evaluate(WIDE)
    if found["scroll"] <= found["inner"] and not found["wide"]:
        return None
    return f"{found['scroll']} px wide: {'; '.join(found['wide'])}"


def header_height(page) -> float:
    return float(page.evaluate("document.querySelector('.site-header').offsetHeight"))


def public_routes() -> list[URLPattern]:
    return [
        p for p in portal_urls.urlpatterns if isinstance(p, URLPattern) and p.name not in NOT_A_PAGE
    ]


@pytest.fixture
def world(office, supervisor, clerk_a, reviewer_a, clerk_b, citizen, unit_a, district):
    made = build_world(office=office, clerk_a=clerk_a, unit_a=unit_a)
    # the public sees published records: an item, and an answered question
    made["item"] = publish(
        clerk_a.user,
        reviewer_a.user,
        unit_a,
        made["column"],
        on=dt.date(2025, 3, 10),
        title="关于印发《延庆区2025年政府信息公开工作要点》的通知",
        body="<p>各乡镇人民政府，区政府各委、办、局：现将工作要点印发给你们。</p>",
    )
    publish(
        clerk_a.user,
        reviewer_a.user,
        unit_a,
        Column.objects.get(unit=unit_a, code="interpretations"),
        on=dt.date(2025, 3, 11),
        title="《延庆区2025年政府信息公开工作要点》解读",
        interprets=made["item"],
    )
    # what the office routes: an application and a question sent without a unit
    application_services.application_submit_online(data=applicant(), unit=None)
    question_services.question_submit(
        data=question_services.AskerData(
            asker_name="李四", subject="咨询办事时间", text="请问周六是否办公", phone="13900000000"
        ),
        unit=None,
    )
    return made


@pytest.fixture
def phone(browser):
    context = browser.new_context(locale="zh-CN", viewport={"width": WIDTH, "height": HEIGHT})
    yield context.new_page()
    context.close()


def test_no_page_is_wider_than_a_phone(phone, live_server, world, office):
    base = live_server.url
    wide: dict[str, str] = {}
    opened = 0
    for pattern in public_routes():
        path = pages.url_for(f"portal:{pattern.name}", pattern, world, step="propose_decision")
        answer = phone.context.request.get(base + path, max_redirects=0)
        kind = answer.headers.get("content-type", "")
        assert kind.startswith("text/html"), f"portal:{pattern.name} answers {kind}: NOT_A_PAGE?"
        phone.goto(base + path)
        opened += 1
        if problem := measure(phone):
            wide[f"portal:{pattern.name} {path}"] = problem
    log_in(phone, base, office.user.username)
    for pattern in routes():
        path = url_for(pattern, world)
        # first asked without the browser (it shares the browser's cookies): downloads, and
        # pages the office does not open (405, 404), are left out
        answer = phone.context.request.get(base + path, max_redirects=0)
        if answer.status != 200 or not answer.headers["content-type"].startswith("text/html"):
            continue
        phone.goto(base + path)
        opened += 1
        if problem := measure(phone):
            wide[f"staff:{pattern.name} {path}"] = problem
    assert not wide, "wider than 375 px:\n" + "\n".join(f"{k}: {v}" for k, v in wide.items())
    assert opened >= 100


def test_the_header_takes_at_most_a_third_of_the_first_screen(phone, live_server, office, district):
    base = live_server.url
    for size in ("normal", "large"):
        phone.goto(f"{base}/display/?size={size}&next=/")
        phone.screenshot(path=str(SHOTS / f"phone-home-{size}.png"))
        assert header_height(phone) <= HEIGHT / 3, size
    phone.goto(f"{base}/display/?size=normal&next=/")
    log_in(phone, base, office.user.username)
    phone.screenshot(path=str(SHOTS / "phone-staff.png"))
    assert header_height(phone) <= HEIGHT / 3
