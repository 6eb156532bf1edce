"""The site's identity on every public page: the meta tags of the 《政府网站网页设计规范》 per
kind of page (every page: the site's; column pages: the column's; item pages: the article's,
with the item's real title, date and source), the footer (标识码, filing numbers, 党政机关网站
标识, sponsor, operator, contacts, 网站地图 and 我为政府网站找错 links), and the 网站地图."""

from __future__ import annotations

import datetime as dt
import re
from html.parser import HTMLParser

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from gongkai.core.siteidentity import SiteIdentity
from gongkai.questions import services as question_services
from gongkai.reports import services as report_services
from tests import pages
from tests.factories import columns_of
from tests.test_hostile_input import build_world, routes

IDENTITY = SiteIdentity(
    domain="www.bjyq.gov.cn",
    id_code="1101190001",
    icp="京ICP备19000001号",
    psb="京公网安备 11011902000001号",
    party_mark=True,
    party_mark_url="https://bszs.conac.cn/sitename?method=show&id=1101190001",
    sponsor="北京市延庆区人民政府",
    operator="北京市延庆区政府信息和政务公开管理服务中心",
    phone="010-69173291",
    email="yqxzfxxgk_ysq@126.com",
)
SITE_TAGS = {"SiteName", "SiteDomain", "SiteIDCode"}
COLUMN_TAGS = {"ColumnName", "ColumnType"}
ARTICLE_TAGS = {"ArticleTitle", "PubDate", "ContentSource", "Keywords"}
# The portal's pages by kind: lists of a column's entries, and single entries.
COLUMN_PAGES = {
    "portal:units",
    "portal:unit",
    "portal:column",
    "portal:key_areas",
    "portal:interpretations",
    "portal:guide",
    "portal:questions",
    "portal:consultations",
    "portal:reports",
    "portal:sitemap_page",
}
ITEM_PAGES = {"portal:item", "portal:question", "portal:consultation", "portal:report"}


class Meta(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: dict[str, list[str]] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "meta" and found.get("name") and found.get("content") is not None:
            self.tags.setdefault(str(found["name"]), []).append(str(found["content"]))


def meta_of(html: str) -> dict[str, str]:
    parser = Meta()
    parser.feed(html)
    assert all(len(v) == 1 for v in parser.tags.values()), parser.tags  # each tag once
    return {name: values[0] for name, values in parser.tags.items()}


@pytest.fixture
def identity(settings):
    settings.GONGKAI_SITE_IDENTITY = IDENTITY
    return IDENTITY


def _publish_question(world, clerk_a, reviewer_a):
    question = world["question"]
    question_services.question_draft(actor=clerk_a.user, question=question, reply="请到大厅办理")
    question_services.question_approve(actor=reviewer_a.user, question=question)
    question.refresh_from_db()
    return question


@pytest.mark.django_db
def test_every_public_page_carries_the_meta_tags_of_its_kind(
    identity, clerk_a, reviewer_a, office, unit_a, unit_b, settings
):
    # The hostile-input sweep's world (one record of every kind a route names), built here for
    # this one walk: the sweep's own is a module world that cannot be mixed with conftest's people.
    settings.GONGKAI_PUBLIC_RATE_LIMIT = 0
    world = build_world(
        office=office, clerk_a=clerk_a, reviewer_a=reviewer_a, unit_a=unit_a, unit_b=unit_b
    )
    question = _publish_question(world, clerk_a, reviewer_a)
    report_services.report_submit(actor=reviewer_a.user, report=world["report"])
    report_services.report_publish(actor=office.user, report=world["report"])
    world["report"].refresh_from_db()
    client = Client()
    seen: dict[str, dict[str, str]] = {}
    for name, pattern in routes():
        if not name.startswith("portal:"):
            continue
        url = pages.url_for(name, pattern, world, step="request_correction")
        response = client.get(url)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        tags = meta_of(response.content.decode())
        seen[name] = tags
        assert "SiteName" in tags, (name, url, response.content.decode()[:600])
        assert tags["SiteName"] == "北京市延庆区人民政府", name
        assert tags["SiteDomain"] == "www.bjyq.gov.cn", name
        assert tags["SiteIDCode"] == "1101190001", name
        if name in COLUMN_PAGES | ITEM_PAGES:
            assert set(tags) >= COLUMN_TAGS, name
            assert tags["ColumnType"] in ("信息发布", "解读回应", "办事服务", "互动交流"), name
        else:
            assert not (COLUMN_TAGS | ARTICLE_TAGS) & set(tags), name
        if name in ITEM_PAGES:
            assert set(tags) >= ARTICLE_TAGS, name
            assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d", tags["PubDate"]), name
        else:
            assert not ARTICLE_TAGS & set(tags), name
    # every kind of page was opened: the walk is not empty where it matters
    assert set(seen) >= COLUMN_PAGES | ITEM_PAGES, sorted((COLUMN_PAGES | ITEM_PAGES) - set(seen))
    assert {"portal:home", "portal:ask", "portal:site_error", "portal:search"} <= set(seen)

    item = world["item"]
    item.refresh_from_db()  # as published by the world
    assert seen["portal:item"]["ArticleTitle"] == item.title
    assert seen["portal:item"]["ContentSource"] == item.publisher
    assert seen["portal:item"]["PubDate"].startswith(f"{item.published_on:%Y-%m-%d} ")
    assert seen["portal:item"]["ColumnName"] == item.column.name
    assert item.topic in seen["portal:item"]["Keywords"].split(",")
    assert seen["portal:question"]["ArticleTitle"] == question.public_subject
    assert seen["portal:question"]["ContentSource"] == question.unit.name
    published = timezone.localtime(question.published_at)
    assert seen["portal:question"]["PubDate"] == f"{published:%Y-%m-%d %H:%M}"
    assert seen["portal:consultation"]["ArticleTitle"] == world["consultation"].title
    report = world["report"]
    assert seen["portal:report"]["ArticleTitle"] == report.title
    assert seen["portal:report"]["ContentSource"] == report.agency
    assert seen["portal:column"]["ColumnName"] == world["column"].name


@pytest.mark.django_db
def test_the_footer_shows_the_site_identity_on_every_kind_of_page(
    client, identity, district, unit_a, clerk_a, reviewer_a
):
    columns = columns_of(unit_a)
    from tests.factories import publish

    item = publish(clerk_a.user, reviewer_a.user, unit_a, columns["news"], on=dt.date(2025, 3, 3))
    for url in (
        reverse("portal:home"),
        reverse("portal:column", args=[columns["news"].pk]),
        reverse("portal:item", args=[item.pk]),
        reverse("portal:ask"),
        reverse("portal:site_error"),
        reverse("portal:sitemap_page"),
        reverse("accounts:login"),
    ):
        page = client.get(url).content.decode()
        footer = page.split('<footer class="site-footer">')[1]
        for text in (
            "网站标识码：1101190001",
            "京ICP备19000001号",
            "京公网安备 11011902000001号",
            'href="https://beian.mps.gov.cn/#/query/webSearch?code=11011902000001"',
            'href="https://beian.miit.gov.cn/"',
            "党政机关",
            'href="https://bszs.conac.cn/sitename?method=show&amp;id=1101190001"',
            "主办单位：北京市延庆区人民政府",
            "承办单位：北京市延庆区政府信息和政务公开管理服务中心",
            "联系电话：010-69173291",
            "mailto:yqxzfxxgk_ysq@126.com",
            f'href="{reverse("portal:sitemap_page")}"',
            "我为政府网站找错",
        ):
            assert text in footer, (url, text)
        assert f"{reverse('portal:site_error')}?url=" in footer


@pytest.mark.django_db
def test_an_unconfigured_identity_is_left_out_and_the_sponsor_is_the_district(
    client, settings, district
):
    settings.GONGKAI_SITE_IDENTITY = SiteIdentity()
    page = client.get(reverse("portal:home")).content.decode()
    footer = page.split('<footer class="site-footer">')[1]
    assert "主办单位：北京市延庆区人民政府" in footer
    assert "网站标识码" not in footer
    assert "ICP" not in footer
    assert "党政机关" not in footer
    tags = meta_of(page)
    assert tags == {"SiteName": "北京市延庆区人民政府", "viewport": tags["viewport"]}


@pytest.mark.django_db
def test_the_sitemap_lists_the_sections_the_units_and_their_columns(
    client, district, unit_a, unit_b
):
    columns = columns_of(unit_a)
    page = client.get(reverse("portal:sitemap_page")).content.decode()
    for name in ("portal:units", "portal:interpretations", "portal:questions", "portal:sitemap"):
        assert f'href="{reverse(name)}"' in page
    for unit in (district, unit_a, unit_b):
        assert f'href="{reverse("portal:unit", args=[unit.code])}"' in page
    assert f'href="{reverse("portal:column", args=[columns["news"].pk])}"' in page
    unit_b.is_active = False
    unit_b.save()
    page = client.get(reverse("portal:sitemap_page")).content.decode()
    assert unit_b.name not in page
    # the XML sitemap for crawlers is still there
    assert client.get(reverse("portal:sitemap")).status_code == 200
