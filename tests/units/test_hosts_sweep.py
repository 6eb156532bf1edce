"""Every public URL of the portal on two district hosts of one city (units/hosts.py): on 甲's
host nothing of 乙 appears — no name, no title, no link to one of its records — and 乙's records
answer 404 there, while 乙's own host shows them. The URLs are read from the portal's URL
patterns, so that a public page added later must be put in one of the tables below (and so be
swept) before this test passes again (docs/governments.md)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.urls import URLPattern, reverse
from django.utils import timezone

from gongkai.catalog import services as catalog_services
from gongkai.catalog.sitemaps import SITEMAPS
from gongkai.consultations import services as consultation_services
from gongkai.portal import urls as portal_urls
from gongkai.reports import services as report_services
from gongkai.reuse import services as reuse_services
from gongkai.units import services as unit_services
from gongkai.units.models import Role, UnitKind
from tests.conftest import make_staff, make_unit
from tests.factories import columns_of, draft, publish, register
from tests.questions.test_questions import answered, ask
from tests.reuse.test_reuse import conclude

HOSTS = {"a": "jq.example.gov.cn", "b": "yq.example.gov.cn"}
MARK = {"a": "甲区", "b": "乙区"}  # in every name and title of the district's records
OTHER = {"a": "b", "b": "a"}
YEAR_ITEMS, YEAR_REPORTS = 2025, 2024
PUBLISHED_ON = dt.date(2025, 3, 10)


def build_district(key: str, city, office) -> dict[str, Any]:
    """A district with a department, and one public record of every kind the portal lists,
    each named with the district's mark."""
    mark = MARK[key]
    government = make_unit(
        f"{key}qzf", f"北京市{mark}人民政府", UnitKind.DISTRICT, serial=110 + ord(key), parent=city
    )
    unit_services.unit_update(actor=None, unit=government, data={"portal_host": HOSTS[key]})
    columns_of(government, key_areas=True)
    unit = make_unit(
        f"{key}qfgw",
        f"北京市{mark}发展和改革委员会",
        serial=120 + ord(key),
        parent=government,
        short_name=f"{mark}发改委",
    )
    clerk = make_staff(f"clerk.{key}", Role.CLERK, unit)
    reviewer = make_staff(f"reviewer.{key}", Role.REVIEWER, unit)
    user, boss = clerk.user, reviewer.user
    columns = columns_of(unit)
    item = publish(
        user, boss, unit, columns["news"], on=PUBLISHED_ON, title=f"{mark}关于植树造林的通知"
    )
    policy = draft(user, unit, columns["normative"], title=f"{mark}节能补助管理办法")
    reading = draft(
        user, unit, columns["interpretations"], title=f"《{mark}节能补助管理办法》解读",
        interprets=policy,
    )  # fmt: skip
    for one in (policy, reading):
        catalog_services.item_submit(actor=user, item=one)
    # the policy is published with its interpretation (the normative-document rule)
    catalog_services.item_publish(actor=boss, item=policy, secrecy_review="不涉密")
    catalog_services.item_publish(actor=boss, item=reading, secrecy_review="不涉密")
    asked = [
        register(user, unit, info_title="", info_description=f"{mark}2024年征地补偿标准")
        for _ in range(2)
    ]
    converted = reuse_services.publication_draft(
        actor=user, unit=unit, applications=asked, column=columns["news"],
        title=f"{mark}征地补偿标准", body="<p>标准如下。</p>",
    )  # fmt: skip
    catalog_services.item_submit(actor=user, item=converted)
    catalog_services.item_publish(actor=boss, item=converted, secrecy_review="不涉密")
    concluded = conclude(clerk, reviewer, unit, info_description=f"{mark}财政预算执行情况")
    reuse_services.register_switch(actor=boss, unit=unit, enabled=True)
    question = answered(
        ask(unit, subject=f"{mark}办理居住证需要哪些材料", text=f"请问在{mark}办理居住证？"),
        clerk,
        reviewer,
        reply=f"{mark}：需要身份证。",
    )
    report = report_services.report_create(actor=user, year=YEAR_REPORTS, unit=unit).report
    report_services.report_submit(actor=boss, report=report)
    report = report_services.report_publish(actor=office.user, report=report)
    today = consultation_services.today()
    consultation = consultation_services.consultation_open(
        actor=office.user, unit=unit, title=f"{mark}征求意见稿", draft="草案",
        opens_on=today, closes_on=today + dt.timedelta(days=30),
    )  # fmt: skip
    survey = consultation_services.survey_create(
        actor=office.user, title=f"{mark}问卷", intro="", consultation=consultation,
        questions_text="[单选] 是否赞成\n- 是\n- 否", opens_on=today, closes_on=today,
    )  # fmt: skip
    return {
        "government": government,
        "unit": unit,
        "column": columns["news"],
        "item": item,
        "policy": policy,
        "question": question,
        "report": report,
        "consultation": consultation,
        "survey": survey,
        "application": concluded,
    }


@pytest.fixture
def city(db, settings, django_capture_on_commit_callbacks):
    settings.ALLOWED_HOSTS = [*HOSTS.values(), "testserver"]
    city = make_unit("bjs", "北京市人民政府", UnitKind.CITY, serial=101, venues=False)
    office = make_staff("city.office", Role.OFFICE, city)
    with django_capture_on_commit_callbacks(execute=True):  # the search index is fed on commit
        return {key: build_district(key, city, office) for key in HOSTS}


# --- the public URLs, each in one table ---------------------------------------------------------
# Lists and pages without a record in their address, with the query that makes them list.
LISTINGS: dict[str, dict[str, str]] = {
    "home": {},
    "units": {},
    "key_areas": {},
    "interpretations": {},
    "policies": {},
    "policies_csv": {},
    "search": {"q": "植树造林"},
    "api_items": {"q": "植树造林"},
    "api": {},
    "api_openapi": {},
    "api_catalog": {},
    "display": {},
    "deadline": {},
    "apply": {},
    "similar": {"q": "办理居住证需要哪些材料 植树造林"},
    "from_requests": {},
    "register": {},
    "apply_form": {},
    "lookup": {},
    "questions": {},
    "ask": {},
    "question_lookup": {},
    "site_error": {},
    "sitemap_page": {},
    "consultations": {},
    "reports": {},
    "sitemap": {},
}


# Lists by year and format (and the sitemap's sections): every value of the address is swept.
# The questions are published today (their year is the server's).
def by_year() -> dict[str, list[dict[str, Any]]]:
    return {
        "api_items_year": [{"year": YEAR_ITEMS, "ext": e} for e in ("csv", "json")],
        "api_questions_year": [
            {"year": timezone.localdate().year, "ext": e} for e in ("csv", "json")
        ],
        "api_reports_year": [{"year": YEAR_REPORTS, "ext": e} for e in ("csv", "json")],
        "sitemap_section": [{"section": s} for s in SITEMAPS],
    }


# A record's page: the address of the district's record (404 on the other district's host).
def records(d: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {
        "unit": {"code": d["unit"].code},
        "guide": {"code": d["unit"].code},
        "column": {"pk": d["column"].pk},
        "column_feed": {"pk": d["column"].pk},
        "item": {"pk": d["item"].pk},
        "question": {"pk": d["question"].pk},
        "consultation": {"pk": d["consultation"].pk},
        "survey": {"pk": d["survey"].pk},
        "report": {"pk": d["report"].pk},
        "report_download": {"pk": d["report"].pk, "ext": "json"},
    }


RECORD_PAGES = {
    "unit", "guide", "column", "column_feed", "item", "question", "consultation", "survey",
    "report", "report_download",
}  # fmt: skip
# Not swept here, and why.
NOT_LISTINGS = {
    # a file of a record above, through the same guarded getter as its record's page
    "attachment": "the item's getter",
    "consultation_attachment": "the consultation's getter",
    "register_document": "the register's narrowed selector",
    # a person's own case, reached by its number or its receipt's token, never listed
    "apply_done": "receipt",
    "track": "tracking number",
    "track_document": "tracking number",
    "correct": "tracking number",
    "withdraw": "tracking number",
    "question_done": "receipt",
    "question_status": "tracking number",
    # the deployment's own record (docs/governments.md, 'Left out')
    "website_return": "deployment",
    "website_return_download": "deployment",
}


def test_every_portal_url_is_in_one_table():
    names = {p.name for p in portal_urls.urlpatterns if isinstance(p, URLPattern)}
    tables = [set(LISTINGS), set(by_year()), RECORD_PAGES, set(NOT_LISTINGS)]
    assert sum(len(t) for t in tables) == len(set().union(*tables))  # no name in two
    assert names == set().union(*tables)


def body(response) -> str:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode("utf-8")
    return response.content.decode("utf-8")


def record_paths(d: dict[str, Any]) -> list[str]:
    """The paths of the district's records, as a link or an absolute URL holds them."""
    return [reverse(f"portal:{name}", kwargs=kwargs) for name, kwargs in records(d).items()] + [
        reverse("portal:item", args=[d["policy"].pk])
    ]


def listing_urls() -> list[str]:
    urls = []
    for name, query in LISTINGS.items():
        path = reverse(f"portal:{name}")
        urls.append(path + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else ""))
    for name, values in by_year().items():
        urls += [reverse(f"portal:{name}", kwargs=kwargs) for kwargs in values]
    return urls


@pytest.mark.django_db
def test_nothing_of_the_other_district_appears_on_a_districts_host(city):
    seen = {"a": "", "b": ""}
    for key, host in HOSTS.items():
        client = Client(HTTP_HOST=host)
        other = city[OTHER[key]]
        for url in listing_urls():
            response = client.get(url)
            assert response.status_code < 500, url
            text = body(response)
            assert MARK[OTHER[key]] not in text, (host, url)
            for path in record_paths(other):
                assert path not in text, (host, url, path)
            seen[key] += text
        for name, kwargs in records(other).items():
            assert client.get(reverse(f"portal:{name}", kwargs=kwargs)).status_code == 404, (
                host,
                name,
            )
        for name, kwargs in records(city[key]).items():
            assert client.get(reverse(f"portal:{name}", kwargs=kwargs)).status_code == 200, (
                host,
                name,
            )
    # the sweep is not empty: each host listed its own records of every kind
    for key in HOSTS:
        d = city[key]
        for title in (
            d["item"].title,
            d["policy"].title,
            d["question"].public_subject,
            d["consultation"].title,
            f"{MARK[key]}征地补偿标准",  # 依申请转主动公开
            d["application"].tracking_number,  # the register
        ):
            assert title in seen[key], (key, title)
        for name in ("unit", "column", "item", "question", "consultation", "report"):
            path = reverse(f"portal:{name}", kwargs=records(d)[name])
            assert path in seen[key], (key, path)


@pytest.mark.django_db
def test_the_deployments_host_lists_both_districts(city):
    client = Client()
    for name in ("reports", "consultations", "questions", "policies", "from_requests"):
        text = client.get(reverse(f"portal:{name}")).content.decode()
        assert MARK["a"] in text, name
        assert MARK["b"] in text, name
    sitemap = body(client.get(reverse("portal:sitemap_section", args=["items"])))
    for key in HOSTS:
        assert reverse("portal:item", args=[city[key]["item"].pk]) in sitemap
    data = body(client.get(reverse("portal:api_reports_year", args=[YEAR_REPORTS, "json"])))
    assert MARK["a"] in data
    assert MARK["b"] in data
