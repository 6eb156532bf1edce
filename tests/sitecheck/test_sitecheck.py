"""The website self-check over a site's records: what it reads (the catalog's columns, links,
attachment files, dates, the search in-process), ``gongkai sitecheck [--json]`` and its exit
status, the staff page and the quarterly 自查表 XLSX."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from gongkai.catalog import services
from gongkai.catalog.models import Column, Item
from gongkai.sitecheck import selectors
from gongkai.sitecheck.indicators import Verdict
from tests.conftest import login
from tests.factories import PNG, columns_of, draft, publish

TODAY = timezone.localdate()


@pytest.fixture
def cols(unit_a):
    return columns_of(unit_a)


@pytest.fixture
def fresh_site(clerk_a, reviewer_a, unit_a, cols, django_capture_on_commit_callbacks):
    """Unit A's site: only its 工作动态 column on, with an item published today (indexed)."""
    Column.objects.exclude(pk=cols["news"].pk).update(is_active=False)
    with django_capture_on_commit_callbacks(execute=True):
        item = publish(clerk_a.user, reviewer_a.user, unit_a, cols["news"],
                       title="关于延庆区春季植树的通知", formed_on=TODAY)  # fmt: skip
    return item


def result(report, key):
    return next(r for r in report.results if r.key == key)


@pytest.mark.django_db
def test_a_fresh_site_passes_and_the_command_exits_0(fresh_site):
    report = selectors.run()
    assert report.verdict == Verdict.PASS, [(r.key, r.summary) for r in report.results]
    assert result(report, "search_probe").verdict == Verdict.PASS
    assert result(report, "unanswered_messages").verdict == Verdict.PASS
    out = io.StringIO()
    call_command("sitecheck", "--json", stdout=out)
    data = json.loads(out.getvalue())
    assert data["verdict"] == "pass"
    assert data["vetoes"] == []
    assert data["thresholds"]["version"] == 2019
    home = next(i for i in data["indicators"] if i["key"] == "home_page")
    assert home["forecasts"][0]["stale_from"] == (TODAY + dt.timedelta(days=15)).isoformat()


@pytest.mark.django_db
def test_the_command_exits_1_on_a_veto_and_says_which(fresh_site):
    later = (TODAY + dt.timedelta(days=15)).isoformat()
    out = io.StringIO()
    with pytest.raises(SystemExit) as exit_:
        call_command("sitecheck", "--date", later, stdout=out)
    assert exit_.value.code == 1
    text = out.getvalue()
    assert "[单项否决] 首页不更新" in text
    assert "结论：单项否决（首页不更新）" in text
    on_the_day = (TODAY + dt.timedelta(days=14)).isoformat()
    call_command("sitecheck", "--date", on_the_day, stdout=io.StringIO())  # no exit: 14 days


@pytest.mark.django_db
def test_a_bad_date_is_one_chinese_line(fresh_site, capsys):
    with pytest.raises(SystemExit) as exit_:
        call_command("sitecheck", "--date", "2025-13-01")
    assert exit_.value.code == 2
    assert "检查日期" in capsys.readouterr().err


@pytest.mark.django_db
def test_backdated_items_are_found_and_back_entries_are_not(
    clerk_a, reviewer_a, office, unit_a, cols
):
    two_days_ago = TODAY - dt.timedelta(days=2)
    backdated = publish(clerk_a.user, reviewer_a.user, unit_a, cols["news"], on=two_days_ago,
                        formed_on=two_days_ago - dt.timedelta(days=1))  # fmt: skip
    historical = draft(clerk_a.user, unit_a, cols["news"], title="2019年的旧信息",
                       formed_on=dt.date(2019, 3, 1))  # fmt: skip
    services.item_submit(actor=clerk_a.user, item=historical)
    services.item_back_enter(actor=office.user, item=historical, published_on=dt.date(2019, 3, 4),
                             note="据原纸质公开登记簿补录", secrecy_review="不涉密")  # fmt: skip
    found = result(selectors.run(), "backdated_items")
    assert found.verdict == Verdict.VETO
    assert found.count == 1
    assert backdated.title in found.findings[0]
    assert "2019年的旧信息" not in "".join(found.findings)


@pytest.mark.django_db
def test_broken_internal_links_and_missing_files_are_found_without_the_network(
    clerk_a, reviewer_a, unit_a, cols, fresh_site
):
    body = (
        f'<p><a href="/items/{fresh_site.pk}/">好的</a> <a href="/items/999999/">撤回的</a>'
        '<a href="/no-such-page/">坏的</a> <a href="https://www.gov.cn/zhengce/">外站</a>'
        '<a href="http://localhost/columns/999999/">本站的坏栏目</a> <a href="#top">锚点</a></p>'
    )
    item = draft(clerk_a.user, unit_a, cols["news"], body=body, title="含链接的信息",
                 formed_on=TODAY)  # fmt: skip
    [attachment] = services.attachments_add(actor=clerk_a.user, item=item, files=[("图.png", PNG)])
    services.item_submit(actor=clerk_a.user, item=item)
    services.item_publish(actor=reviewer_a.user, item=item, secrecy_review="不涉密")
    report = selectors.run()
    links = result(report, "broken_links")
    assert sorted(link.split("：")[1] for link in links.findings) == [
        "/items/999999/（信息不存在或未公开）",
        "/no-such-page/（页面不存在）",
        "http://localhost/columns/999999/（栏目不存在或已停用）",
    ]
    assert links.verdict == Verdict.DEDUCT
    assert result(report, "missing_attachments").count == 0
    attachment.file.storage.delete(attachment.file.name)
    missing = result(selectors.run(), "missing_attachments")
    assert missing.findings == ("含链接的信息：图.png",)


@pytest.mark.django_db
def test_the_probe_fails_when_the_search_misses_the_newest_item(clerk_a, reviewer_a, unit_a, cols):
    Column.objects.exclude(pk=cols["news"].pk).update(is_active=False)
    publish(clerk_a.user, reviewer_a.user, unit_a, cols["news"], formed_on=TODAY)  # not indexed
    probe = result(selectors.run(), "search_probe")
    assert probe.verdict == Verdict.DEDUCT
    assert "未找到" in probe.summary


@pytest.mark.django_db
def test_stale_and_blank_columns_of_the_whole_site(clerk_a, reviewer_a, unit_a, cols):
    """Every column of the standard tree is on: the empty ones are blank, and 工作动态, the
    only news column, has been quiet for 20 days."""
    Column.objects.update(created_at=dt.datetime(2024, 1, 1, tzinfo=dt.UTC))
    publish(clerk_a.user, reviewer_a.user, unit_a, cols["news"], on=TODAY - dt.timedelta(days=20),
            formed_on=TODAY - dt.timedelta(days=20))  # fmt: skip
    report = selectors.run()
    news = result(report, "news_columns")
    assert news.count == 1
    assert news.verdict == Verdict.PASS  # one of five
    assert news.veto_from is None  # one news column can never make five
    blank = result(report, "blank_columns")
    assert blank.verdict == Verdict.VETO
    assert "区发展改革委 › 行政规范性文件" in blank.findings
    assert not [f for f in blank.findings if f.endswith("› 规章")]  # a department makes no 规章
    assert result(report, "policy_columns").count == 2  # 行政规范性文件, 其他文件: empty


@pytest.mark.django_db
def test_the_page_and_the_xlsx_for_the_office_and_the_supervisor(office, supervisor, fresh_site):
    Item.objects.filter(pk=fresh_site.pk).update(title='=HYPERLINK("http://x")')
    for member in (office, supervisor):
        client = login(member)
        page = client.get(reverse("staff:sitecheck")).content.decode()
        assert "政府网站自查" in page
        assert "首页不更新" in page
        assert "留言办理" in page
        response = client.get(reverse("staff:sitecheck_export"))
        assert response.status_code == 200
        book = load_workbook(io.BytesIO(response.content))
        sheet = book["自查表"]
        assert str(sheet["A1"].value).startswith("政府网站自查表（")
        assert [c.value for c in sheet[4]][:3] == ["序号", "指标类别", "检查指标"]
        assert sheet["B5"].value == "单项否决指标"
        assert "更新预测" in book.sheetnames
        for row in sheet.iter_rows(values_only=True):
            for value in row:
                assert not (isinstance(value, str) and value.startswith("="))


@pytest.mark.django_db
def test_unit_staff_do_not_see_the_check(clerk_a, reviewer_a):
    for member in (clerk_a, reviewer_a):
        client = login(member)
        assert client.get(reverse("staff:sitecheck")).status_code == 404
        assert client.get(reverse("staff:sitecheck_export")).status_code == 404
        assert "网站自查" not in client.get(reverse("staff:home")).content.decode()
