"""The catalog's pages: a clerk drafts and submits, the reviewer publishes, and the item is on
the portal and in search at once; the portal's pages, feeds, sitemap, API and display modes;
bad input answered in Chinese without a 500 or a partial record."""

from __future__ import annotations

import datetime as dt
import json
import re
import xml.etree.ElementTree as ET

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client, TestCase, override_settings
from django.urls import reverse

from gongkai.audit.models import AuditEvent
from gongkai.catalog import services
from gongkai.catalog.models import Column, Guide, Item, PaperTransfer, ReadingPlace
from gongkai.catalog.status import State
from gongkai.search import engine
from gongkai.units.models import Staff, Unit
from tests.conftest import login, make_district, make_persona, make_unit_a, make_unit_b
from tests.factories import PNG, columns_of, draft, publish, server_day


@pytest.fixture
def cols(unit_a):
    return columns_of(unit_a)


def form_data(column: Column, /, **changes) -> dict:
    data = {
        "column": column.pk,
        "title": "关于2025年粮食作物种植补贴发放情况的公示",
        "doc_number": "",
        "publisher": "北京市延庆区发展和改革委员会",
        "formed_on": "2025-03-03",
        "topic": "农业、林业、水利",
        "summary": "",
        "body": "根据补贴政策，现将发放情况公示如下。\n公示期为5个工作日。",
        "interprets": "",
        "no_interpretation_reason": "",
    }
    data.update(changes)
    return data


# --- the journey --------------------------------------------------------------------------------
@pytest.mark.django_db
def test_a_clerk_drafts_the_reviewer_publishes_and_the_public_finds_it_at_once(
    clerk_a, reviewer_a, unit_a, cols, django_capture_on_commit_callbacks
):
    clerk = login(clerk_a)
    response = clerk.post(reverse("staff:item_create"), form_data(cols["news"]))
    assert response.status_code == 302
    item = Item.objects.get()
    assert item.body == "<p>根据补贴政策，现将发放情况公示如下。</p><p>公示期为5个工作日。</p>"
    assert clerk.post(reverse("staff:item_submit", args=[item.pk])).status_code == 302
    page = clerk.get(reverse("staff:item", args=[item.pk])).content.decode()
    assert "待审核" in page
    assert "审核通过并发布" not in page  # the clerk does not review
    reviewer = login(reviewer_a)
    with django_capture_on_commit_callbacks(execute=True):
        response = reviewer.post(
            reverse("staff:item_review", args=[item.pk, "publish"]),
            {"secrecy_review": "经审查不涉密"},
        )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.status == State.PUBLISHED
    public = Client()
    item_page = public.get(reverse("portal:item", args=[item.pk])).content.decode()
    assert item.index_number in item_page
    assert "根据补贴政策" in item_page
    found = public.get(reverse("portal:search"), {"q": "補貼"}).content.decode()  # traditional
    assert "共找到 1 条" in found
    assert "<mark>补贴</mark>" in found
    api = public.get(reverse("portal:api_items"), {"q": "补贴"}).json()
    assert api["total"] == 1
    assert api["results"][0]["index_number"] == item.index_number
    assert (
        public.get(reverse("portal:column", args=[cols["news"].pk]))
        .content.decode()
        .count(item.title)
    )


@pytest.mark.django_db
def test_an_invalid_draft_is_refused_in_chinese_and_nothing_is_stored(clerk_a, cols):
    client = login(clerk_a)
    for changes in (
        {"title": ""},
        {"formed_on": "2025-02-30"},
        {"formed_on": "3025-01-01"},
        {"formed_on": "'; DROP TABLE catalog_item; --"},
        {"column": "99999"},
        {"column": cols["documents"].pk},  # a group
        {"body": "政" * 200_001},
    ):
        response = client.post(reverse("staff:item_create"), form_data(cols["news"], **changes))
        assert response.status_code == 400, changes
        page = response.content.decode()
        assert 'class="field-error"' in page or 'class="errors"' in page, changes
    assert Item.objects.count() == 0
    assert not AuditEvent.objects.filter(action__startswith="item.").exists()


@pytest.mark.django_db
def test_a_hostile_body_is_stored_sanitized_and_shown_harmless(clerk_a, reviewer_a, unit_a, cols):
    client = login(clerk_a)
    body = '<p>正文</p><script>alert("x")</script><p onmouseover="alert(1)">二</p>'
    client.post(reverse("staff:item_create"), form_data(cols["news"], body=body))
    item = Item.objects.get()
    assert "script" not in item.body
    assert "onmouseover" not in item.body
    services.item_submit(actor=clerk_a.user, item=item)
    services.item_publish(actor=reviewer_a.user, item=item, secrecy_review="不涉密")
    page = Client().get(reverse("portal:item", args=[item.pk])).content.decode()
    assert "<script>alert" not in page
    assert "onmouseover" not in page


@pytest.mark.django_db
def test_the_reviewer_returns_publishes_revises_marks_and_withdraws_from_the_page(
    clerk_a, reviewer_a, unit_a, cols
):
    item = draft(clerk_a.user, unit_a, cols["other-documents"])
    services.item_submit(actor=clerk_a.user, item=item)
    client = login(reviewer_a)
    step = lambda action, data: client.post(  # noqa: E731
        reverse("staff:item_review", args=[item.pk, action]), data
    )
    assert step("return", {"reason": ""}).status_code == 302
    item.refresh_from_db()
    assert item.status == State.SUBMITTED  # no reason, nothing done
    step("return", {"reason": "请补充文号"})
    item.refresh_from_db()
    assert item.status == State.DRAFT
    services.item_submit(actor=clerk_a.user, item=item)
    with server_day(dt.date(2025, 3, 10)):
        step("publish", {"secrecy_review": "不涉密"})
    item.refresh_from_db()
    assert item.published_on == dt.date(2025, 3, 10)
    response = client.post(
        reverse("staff:item_revise", args=[item.pk]),
        {"title": "更正后的标题", "doc_number": "", "publisher": item.publisher,
         "topic": item.topic, "summary": "", "body": item.body, "reason": "错字"},
    )  # fmt: skip
    assert response.status_code == 302
    step("validity", {"validity": "repealed", "changed_on": "2025-05-06", "replaced_by": ""})
    item.refresh_from_db()
    assert (item.title, item.validity) == ("更正后的标题", "repealed")
    banner = Client().get(reverse("portal:item", args=[item.pk])).content.decode()
    assert "本文件已于2025年5月6日废止" in banner
    step("withdraw", {"reason": "重复发布"})
    assert Client().get(reverse("portal:item", args=[item.pk])).status_code == 404


@pytest.mark.django_db
def test_a_reviewer_of_another_unit_cannot_publish(clerk_a, unit_a, unit_b, cols):
    from tests.conftest import make_staff

    other = make_staff("reviewer.b", "reviewer", unit_b)
    item = draft(clerk_a.user, unit_a, cols["news"])
    services.item_submit(actor=clerk_a.user, item=item)
    response = login(other).post(
        reverse("staff:item_review", args=[item.pk, "publish"]), {"secrecy_review": "x"}
    )
    assert response.status_code == 404
    item.refresh_from_db()
    assert item.status == State.SUBMITTED


@pytest.mark.django_db
def test_attachments_upload_through_the_page_and_bad_files_are_refused(clerk_a, unit_a, cols):
    item = draft(clerk_a.user, unit_a, cols["news"])
    client = login(clerk_a)
    url = reverse("staff:attachment_add", args=[item.pk])
    good = SimpleUploadedFile("图.png", PNG, content_type="image/png")
    assert client.post(url, {"attachments": [good]}).status_code == 302
    bad = SimpleUploadedFile("病毒.pdf", b"MZ\x90\x00", content_type="application/pdf")
    response = client.post(url, {"attachments": [bad]}, follow=True)
    assert "不是允许的类型" in response.content.decode()
    assert item.attachments.count() == 1
    attachment = item.attachments.get()
    download = client.get(reverse("staff:attachment", args=[item.pk, attachment.pk]))
    assert b"".join(download.streaming_content) == PNG
    # not public before publication
    assert (
        Client().get(reverse("portal:attachment", args=[item.pk, attachment.pk])).status_code == 404
    )


# --- columns, guides, transfers, monitoring -----------------------------------------------------
@pytest.mark.django_db
def test_the_office_builds_and_edits_a_units_tree(office, unit_b):
    client = login(office)
    assert client.post(reverse("staff:columns", args=[unit_b.pk])).status_code == 302
    assert Column.objects.filter(unit=unit_b).count() > 15
    news = Column.objects.get(unit=unit_b, code="news")
    response = client.post(
        reverse("staff:column_edit", args=[unit_b.pk, news.pk]),
        {"name": "镇务动态", "parent": news.parent_id, "kind": "general",
         "expected_interval_days": "abc", "sort_order": 1},
    )  # fmt: skip
    assert response.status_code == 400
    assert "请填写整数天数" in response.content.decode()
    client.post(
        reverse("staff:column_edit", args=[unit_b.pk, news.pk]),
        {"name": "镇务动态", "parent": news.parent_id, "kind": "general",
         "expected_interval_days": 15, "sort_order": 1, "is_active": "on"},
    )  # fmt: skip
    news.refresh_from_db()
    assert (news.name, news.expected_interval_days) == ("镇务动态", 15)


@pytest.mark.django_db
def test_a_unit_publishes_its_guide_and_the_public_reads_every_version(reviewer_a, unit_a):
    client = login(reviewer_a)
    page = client.get(reverse("staff:guide", args=[unit_a.pk])).content.decode()
    assert "发布新版本" in page
    data = {key: f"{label}：内容" for key, label in services.GUIDE_PARTS}
    assert (
        client.post(reverse("staff:guide", args=[unit_a.pk]), {**data, "remedies": ""}).status_code
        == 400
    )
    assert not Guide.objects.exists()
    client.post(reverse("staff:guide", args=[unit_a.pk]), data)
    client.post(reverse("staff:guide", args=[unit_a.pk]), {**data, "note": "更新电话"})
    public = Client().get(reverse("portal:guide", args=[unit_a.code])).content.decode()
    assert "第2版" in public
    assert "一、政府信息的分类与编排体系" in public
    assert "第1版" in public  # listed among the versions
    old = Client().get(reverse("portal:guide", args=[unit_a.code]), {"version": 1})
    assert "第1版" in old.content.decode()
    assert (
        Client().get(reverse("portal:guide", args=[unit_a.code]), {"version": 9}).status_code == 404
    )


@pytest.mark.django_db
def test_paper_transfers_are_recorded_and_counted(office, clerk_a, reviewer_a, unit_a, cols):
    item = publish(clerk_a.user, reviewer_a.user, unit_a, cols["news"], on=dt.date(2025, 3, 20))
    client = login(office)
    client.post(
        reverse("staff:places"), {"name": "区图书馆", "level": "district", "is_active": "on"}
    )
    place = ReadingPlace.objects.get()
    clerk = login(clerk_a)
    response = clerk.post(
        reverse("staff:transfers"),
        {"place": place.pk, "sent_on": "2025-03-25", "copies": 3,
         "index_numbers": f"{item.index_number}\nNOPE-1", "note": ""},
    )  # fmt: skip
    assert response.status_code == 400
    assert "NOPE-1" in response.content.decode()
    assert not PaperTransfer.objects.exists()
    clerk.post(
        reverse("staff:transfers"),
        {"place": place.pk, "sent_on": "2025-03-25", "copies": 3,
         "index_numbers": item.index_number, "note": "第一批"},
    )  # fmt: skip
    page = clerk.get(reverse("staff:transfers"), {"year": 2025}).content.decode()
    assert "区图书馆" in page
    assert PaperTransfer.objects.get().copies == 3


@pytest.mark.django_db
def test_the_monitoring_page_names_the_problems(office, clerk_a, unit_a, cols):
    draft(clerk_a.user, unit_a, cols["news"], formed_on=dt.date(2025, 1, 6))
    page = login(office).get(reverse("staff:monitoring"), {"unit": unit_a.pk}).content.decode()
    assert "已超过应公开期限、尚未发布的信息（1）" in page
    assert "尚未发布政府信息公开指南" in page


@pytest.mark.django_db
def test_unit_staff_see_only_their_own_items(clerk_a, clerk_b, unit_a, cols):
    mine = draft(clerk_a.user, unit_a, cols["news"], title="发展改革委的草稿")
    page = login(clerk_b).get(reverse("staff:items")).content.decode()
    assert mine.title not in page
    assert login(clerk_a).get(reverse("staff:items")).content.decode().count(mine.title) == 1


# --- the portal ---------------------------------------------------------------------------------
@pytest.mark.django_db
class TestThePortalOf25PublishedItems:
    """The portal's pages, feeds, sitemap, search and API over 25 items a clerk drafted and the
    reviewer published. Publishing and indexing them took most of each test's time, and these
    tests only read: the items are published once for the class, in a transaction rolled back
    after its last test, with a search index of the class's own. Each test runs in a savepoint
    inside it (pytest-django's ``db``), as with Django's ``setUpTestData``, and gets its own
    instances, read afresh from the database."""

    @pytest.fixture(scope="class")
    @classmethod
    def stored(cls, django_db_setup, django_db_blocker, tmp_path_factory):
        index = tmp_path_factory.mktemp("portal-search")
        with django_db_blocker.unblock(), override_settings(SEARCH_INDEX_DIR=index):
            outer = transaction.atomic()
            outer.__enter__()
            try:
                engine.clear_cache()
                district = make_district()
                unit_a, unit_b = make_unit_a(district), make_unit_b(district)
                clerk_a = make_persona("clerk_a", unit_a)
                reviewer_a = make_persona("reviewer_a", unit_a)
                office = make_persona("office", district)
                cols = columns_of(unit_a)
                with TestCase.captureOnCommitCallbacks(execute=True):
                    items = [
                        publish(
                            clerk_a.user,
                            reviewer_a.user,
                            unit_a,
                            cols["news"],
                            on=dt.date(2025, 3, 4 + i % 20),
                            title=f"关于第{i + 1}批政府投资项目的公示",
                        )
                        for i in range(25)
                    ]
            except BaseException:
                transaction.set_rollback(True)
                outer.__exit__(None, None, None)
                raise
            finally:
                engine.clear_cache()
        yield {
            "index": index,
            "unit_a": unit_a.pk,
            "unit_b": unit_b.pk,
            "office": office.pk,
            "items": [item.pk for item in items],
        }
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)

    @pytest.fixture(autouse=True)
    def _own_search_index(self, settings, stored):
        """The class's index, in place of each test's own (conftest.py)."""
        settings.SEARCH_INDEX_DIR = stored["index"]
        engine.clear_cache()
        yield
        engine.clear_cache()

    @pytest.fixture
    def published(self, stored):
        by_pk = Item.objects.in_bulk(stored["items"])
        return [by_pk[pk] for pk in stored["items"]]

    @pytest.fixture
    def unit_a(self, stored):
        return Unit.objects.get(pk=stored["unit_a"])

    @pytest.fixture
    def unit_b(self, stored):
        return Unit.objects.get(pk=stored["unit_b"])

    @pytest.fixture
    def office(self, stored):
        return Staff.objects.select_related("user").get(pk=stored["office"])

    @pytest.fixture
    def cols(self, unit_a):
        return {c.code: c for c in Column.objects.filter(unit=unit_a)}

    def test_the_home_and_unit_pages_show_the_latest_items_and_the_tree(self, published, unit_a):
        home = Client().get(reverse("portal:home")).content.decode()
        assert "最新公开" in home
        newest = max(published, key=lambda i: (i.published_on, i.pk))
        assert newest.title in home
        unit_page = Client().get(reverse("portal:unit", args=[unit_a.code])).content.decode()
        assert "信息公开目录" in unit_page
        assert "工作动态" in unit_page
        assert "(25)" in unit_page  # the count in the tree

    def test_column_pages_are_paginated_and_bad_page_numbers_are_harmless(self, published, cols):
        url = reverse("portal:column", args=[cols["news"].pk])
        first = Client().get(url).content.decode()
        assert "第 1 / 2 页，共 25 条" in first
        assert Client().get(url, {"page": 2}).status_code == 200
        for page in ("99", "-1", "abc", "1e9"):
            assert Client().get(url, {"page": page}).status_code == 200
        group = Client().get(reverse("portal:column", args=[cols["statutory"].pk])).content.decode()
        assert "共 25 条" in group  # a group column lists what is below it

    def test_a_unit_switched_off_leaves_search_and_comes_back_when_switched_on(
        self, published, unit_a, office, django_capture_on_commit_callbacks
    ):
        """What the public sees (Item.objects.public()) is what search counts and shows: once the
        unit is switched off, the total and the hits agree on nothing, in the page and the API."""
        from django.core.management import call_command

        from gongkai.search import engine
        from gongkai.units import services as unit_services

        def found() -> tuple[int, int, int, int]:
            page = Client().get(reverse("portal:search"), {"q": "投资"})
            api = Client().get(reverse("portal:api_items"), {"q": "投资"}).json()
            return (
                page.context["total"],
                len(page.context["hits"]),
                api["total"],
                len(api["results"]),
            )

        assert found() == (25, 20, 25, 20)
        with django_capture_on_commit_callbacks(execute=True):
            unit_services.unit_update(actor=office.user, unit=unit_a, data={"is_active": False})
        assert found() == (0, 0, 0, 0)
        assert engine.search("投资").total == 0
        assert Client().get(reverse("portal:item", args=[published[0].pk])).status_code == 404
        call_command("search", "check")  # the index and the catalog agree (exits 1 when not)
        with django_capture_on_commit_callbacks(execute=True):
            unit_services.unit_update(actor=office.user, unit=unit_a, data={"is_active": True})
        assert found() == (25, 20, 25, 20)
        assert Client().get(reverse("portal:item", args=[published[0].pk])).status_code == 200
        call_command("search", "check")

    def test_the_atom_feed_and_the_sitemap(self, published, cols):
        feed = Client().get(reverse("portal:column_feed", args=[cols["news"].pk]))
        assert feed["Content-Type"].startswith("application/atom+xml")
        root = ET.fromstring(feed.content)  # noqa: S314 - our own feed, in a test
        entries = root.findall("{http://www.w3.org/2005/Atom}entry")
        assert len(entries) == 25
        index = Client().get(reverse("portal:sitemap"))
        assert index.status_code == 200
        items = Client().get(reverse("portal:sitemap_section", kwargs={"section": "items"}))
        assert items.content.decode().count("<loc>") == 25

    def test_search_filters_sorts_and_pages(self, published, unit_a, unit_b, cols):
        client = Client()
        page = client.get(
            reverse("portal:search"), {"q": "投资", "unit": unit_a.code}
        ).content.decode()
        assert "共找到 25 条" in page
        assert "下一页" in page
        assert (
            "共找到 0 条"
            in client.get(
                reverse("portal:search"), {"q": "投资", "unit": unit_b.code}
            ).content.decode()
        )
        dated = client.get(reverse("portal:api_items"), {"q": "投资", "sort": "date"}).json()
        dates = [r["published_on"] for r in dated["results"]]
        assert dates == sorted(dates, reverse=True)
        assert len(dated["results"]) == 20
        second = client.get(reverse("portal:api_items"), {"q": "投资", "page": 2}).json()
        assert len(second["results"]) == 5
        assert second["total"] == 25
        in_column = client.get(
            reverse("portal:api_items"), {"q": "投资", "column": cols["statutory"].pk}
        ).json()
        assert in_column["total"] == 25
        year = client.get(reverse("portal:api_items"), {"year": 2024}).json()
        assert year["total"] == 0

    def test_search_input_that_cannot_be_read_is_answered_in_chinese(self, published):
        client = Client()
        for params in (
            {"q": "！！！"},
            {"year": "20x5"},
            {"unit": "nope"},
            {"column": "abc"},
            {"page": "-3", "q": "投资"},
            {"q": "征" * 5000},
            {"validity": "<b>"},
        ):
            response = client.get(reverse("portal:search"), params)
            assert response.status_code == 200, params
        assert (
            "年份应为四位数字"
            in client.get(reverse("portal:search"), {"year": "20x5"}).content.decode()
        )
        api = client.get(reverse("portal:api_items"), {"year": "20x5"})
        assert api.status_code == 400
        assert "年份" in api.json()["error"]

    def test_the_api_returns_the_documented_fields(self, published):
        body = Client().get(reverse("portal:api_items"), {"q": "第1批"})
        data = json.loads(body.content)
        result = data["results"][0]
        assert set(result) >= {"title", "index_number", "doc_number", "unit", "column",
                               "formed_on", "published_on", "url"}  # fmt: skip
        assert result["url"].startswith("http://testserver/items/")
        assert body["Access-Control-Allow-Origin"] == "*"

    def test_the_traditional_display_converts_the_page_but_not_what_was_typed(self, published):
        client = Client()
        response = client.get(reverse("portal:display"), {"script": "hant", "next": "/search/"})
        assert response.status_code == 302
        assert response["Location"] == "/search/"
        page = client.get(reverse("portal:search"), {"q": "投资项目"}).content.decode()
        assert "檢索政府信息" in page  # converted
        assert 'lang="zh-Hant"' in page
        assert 'value="投资项目"' in page  # the query as typed
        assert "投資項目" in page  # the results, converted
        client.get(reverse("portal:display"), {"script": "hans"})
        assert "检索政府信息" in client.get(reverse("portal:search")).content.decode()

    def test_portal_pages_load_no_external_assets(self, published, unit_a, cols):
        for url in (
            reverse("portal:home"),
            reverse("portal:unit", args=[unit_a.code]),
            reverse("portal:column", args=[cols["news"].pk]),
            reverse("portal:item", args=[published[0].pk]),
            reverse("portal:search") + "?q=投资",
        ):
            page = Client().get(url).content.decode()
            for tag in ('src="http', "src='http", 'href="//', '<link rel="stylesheet" href="http'):
                assert tag not in page, url
            # only the 适老化 toolbar's own static script (docs/accessibility.md), deferred
            scripts = re.findall(r"<script\b[^>]*>", page)
            assert scripts == ['<script src="/static/gongkai/a11y.js" defer>'], url


@pytest.mark.django_db
def test_an_unpublished_item_is_not_on_the_portal(clerk_a, unit_a, cols):
    item = draft(clerk_a.user, unit_a, cols["news"])
    assert Client().get(reverse("portal:item", args=[item.pk])).status_code == 404


@pytest.mark.django_db
def test_an_interpretation_and_its_policy_link_to_each_other(clerk_a, reviewer_a, unit_a, cols):
    policy = draft(clerk_a.user, unit_a, cols["normative"], title="延庆区节能补助管理办法")
    interpretation = draft(
        clerk_a.user, unit_a, cols["interpretations"], title="节能补助管理办法解读",
        interprets=policy,
    )  # fmt: skip
    for item in (policy, interpretation):
        services.item_submit(actor=clerk_a.user, item=item)
        services.item_publish(actor=reviewer_a.user, item=item, secrecy_review="不涉密")
    policy_page = Client().get(reverse("portal:item", args=[policy.pk])).content.decode()
    assert "节能补助管理办法解读" in policy_page
    page = Client().get(reverse("portal:item", args=[interpretation.pk])).content.decode()
    assert "解读的政策" in page
    assert "延庆区节能补助管理办法" in page
    listing = Client().get(reverse("portal:interpretations")).content.decode()
    assert "节能补助管理办法解读" in listing


@pytest.mark.django_db
def test_large_text_mode_and_a_foreign_next_address_is_ignored(db):
    client = Client()
    response = client.get(
        reverse("portal:display"), {"size": "large", "next": "https://evil.example/"}
    )
    assert response["Location"] == "/"
    page = client.get(reverse("portal:home")).content.decode()
    assert 'class="public large-text"' in page
    assert "标准字号" in page


@pytest.mark.django_db
def test_an_item_page_shows_its_whole_column_path_in_few_queries(
    clerk_a, reviewer_a, unit_a, cols, django_assert_max_num_queries
):
    """The path is loaded with the item for three levels; a deeper column costs a query a level,
    and a page of an ordinary item stays at three queries (item, its interpretations, its
    attachments) — the portal's busiest page."""
    parent = cols["news"]
    for depth in range(3):  # four levels below the root
        parent = Column.objects.create(
            unit=unit_a, parent=parent, code=f"deep{depth}", name=f"第{depth + 1}层栏目"
        )
    deep = publish(clerk_a.user, reviewer_a.user, unit_a, parent, title="深层栏目中的信息")
    page = Client().get(reverse("portal:item", args=[deep.pk])).content.decode()
    crumbs = page.split('class="crumbs"')[1].split("</nav>")[0]
    names = [cols["news"].name, "第1层栏目", "第2层栏目", "第3层栏目"]
    assert all(name in crumbs for name in names)
    assert [crumbs.index(name) for name in names] == sorted(crumbs.index(n) for n in names)
    plain = publish(clerk_a.user, reviewer_a.user, unit_a, cols["news"], title="普通信息")
    client = Client()
    with django_assert_max_num_queries(3):
        assert client.get(reverse("portal:item", args=[plain.pk])).status_code == 200
