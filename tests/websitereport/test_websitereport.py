"""The website's annual return from the records, its lock, its files, the reconciliation with
table 二, the response log, the interpretation's form and the policy library."""

from __future__ import annotations

import csv
import datetime as dt
import io
import itertools
import os
import shutil
import subprocess

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone
from docx import Document as DocxDocument
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongkai.catalog import services as catalog_services
from gongkai.catalog.models import Item
from gongkai.questions.models import Question
from gongkai.reports import services as report_services
from gongkai.websitereport import render, services
from gongkai.websitereport.models import ReturnStatus
from tests.conftest import examples, login
from tests.factories import columns_of, publish

YEAR = 2025
_numbers = itertools.count(1)


def _figures(ret):
    return services.values(services.build(ret))


def _back_enter(office, unit, column, n, **extra):
    rows = [
        {
            "column": column,
            "title": f"测试信息{next(_numbers)}",
            "formed_on": dt.date(YEAR, 3, 1),
            "published_on": dt.date(YEAR, 3, 2),
            "topic": "综合政务",
            "body": "<p>正文</p>",
            **extra,
        }
        for _ in range(n)
    ]
    return catalog_services.items_back_enter(
        actor=office.user, unit=unit, rows=rows, note="测试补录"
    )


def _question(status: str, received: dt.date, replied: dt.date | None = None) -> Question:
    n = next(_numbers)
    return Question.objects.create(
        tracking_number=f"LY-T-{n}",
        query_code_hash="x",
        asker_name="张三",
        subject="咨询",
        text="请问",
        status=status,
        received_on=received,
        received_at=timezone.now(),
        due_date=received + dt.timedelta(days=10),
        replied_on=replied,
        public=True,
    )


@pytest.mark.django_db
def test_the_counted_rows_equal_the_hand_counts_of_a_built_world(office, unit_a):
    columns = columns_of(unit_a)
    _back_enter(office, unit_a, columns["news"], 3)
    _back_enter(office, unit_a, columns["functions"], 1)
    policies = _back_enter(office, unit_a, columns["normative"], 2)
    _back_enter(office, unit_a, columns["plans"], 4)
    policy = Item.objects.get(pk=policies[0])
    _back_enter(office, unit_a, columns["interpretations"], 2, interprets=policy)
    _back_enter(
        office,
        unit_a,
        columns["interpretations"],
        1,
        interprets=policy,
        interpretation_form="graphic",
    )
    _question("published", dt.date(YEAR, 3, 1), dt.date(YEAR, 3, 5))
    _question("answered", dt.date(YEAR, 3, 1), dt.date(YEAR, 3, 2))
    _question("routed", dt.date(YEAR, 12, 30))
    _question("published", dt.date(YEAR - 1, 12, 1), dt.date(YEAR - 1, 12, 3))  # another year
    # a report of an error on the site, answered: a row of the same table, but no 留言
    error = _question("answered", dt.date(YEAR, 4, 1), dt.date(YEAR, 4, 2))
    Question.objects.filter(pk=error.pk).update(
        kind="site_error", page_url="/items/12/", error_category="stale", public=False
    )
    for concern in ("落石", "落石", "供暖"):
        services.response_record(
            actor=office.user,
            data={
                "responded_on": dt.date(YEAR, 5, 1),
                "concern": concern,
                "response": "已发布通报",
                "channel": "weibo",
                "link": "",
            },
        )
    ret = services.return_create(actor=office.user, year=YEAR)
    got = _figures(ret)
    assert got["info_news"] == 3
    assert got["info_overview"] == 1
    assert got["info_catalog"] == 2 + 4 + 3
    assert got["info_total"] == 13
    assert (got["interp_total"], got["interp_materials"], got["interp_products"]) == (3, 2, 1)
    assert got["responses"] == 3
    assert got["messages_received"] == 3
    assert got["messages_closed"] == 2
    assert got["messages_days"] == 2.5  # (4 + 1) / 2
    assert got["messages_public"] == 1
    services.return_update(
        actor=office.user,
        ret=ret,
        entered={},
        column_categories={"plans": "none"},
        interpretation_products={"graphic": "material"},
        response_count="concerns",
    )
    ret.refresh_from_db()
    got = _figures(ret)
    assert (got["info_catalog"], got["info_total"]) == (5, 9)
    assert (got["interp_materials"], got["interp_products"]) == (3, 0)
    assert got["responses"] == 2


@pytest.mark.django_db
@settings(
    max_examples=examples(25),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    questions=st.lists(
        st.tuples(
            st.sampled_from(["received", "routed", "drafted", "published", "answered"]),
            st.integers(0, 364),
            st.integers(0, 40),
        ),
        max_size=12,
    )
)
def test_the_question_counts_hold_for_any_set_of_questions(office, questions):
    Question.objects.all().delete()
    start = dt.date(YEAR, 1, 1)
    for status, offset, took in questions:
        received = start + dt.timedelta(days=offset)
        replied = (
            received + dt.timedelta(days=took) if status in ("published", "answered") else None
        )
        _question(status, received, replied)
    ret = services.return_create(actor=office.user, year=YEAR)
    got = _figures(ret)
    replied = [(o, t) for s, o, t in questions if s in ("published", "answered") and o + t <= 364]
    assert got["messages_received"] == len(questions)
    converted = sum(1 for s, _, _ in questions if s == "converted")
    assert got["messages_closed"] == len(replied) + converted
    assert got["messages_public"] == sum(
        1 for s, o, t in questions if s == "published" and o + t <= 364
    )
    expected = round(sum(t for _, t in replied) / len(replied), 1) if replied else 0.0
    assert got["messages_days"] == expected


def _fill(ret, office):
    entered = {}
    for row in services.form.ENTERED:
        if row.kind == services.form.Kind.YESNO:
            entered[row.key] = "否"
        elif row.kind == services.form.Kind.TEXT:
            entered[row.key] = '=HYPERLINK("http://x")' if row.key == "site_name" else "测试"
        else:
            entered[row.key] = "7"
    return services.return_update(actor=office.user, ret=ret, entered=entered)


@pytest.mark.django_db
def test_publishing_locks_the_return_and_the_years_response_log(office):
    ret = services.return_create(actor=office.user, year=YEAR)
    with pytest.raises(services.WebsiteReturnError, match="尚有"):
        services.return_publish(actor=office.user, ret=ret)
    _fill(ret, office)
    services.return_publish(actor=office.user, ret=ret)
    ret.refresh_from_db()
    assert ret.status == ReturnStatus.PUBLISHED
    assert ret.snapshot["published"]
    with pytest.raises(services.WebsiteReturnError, match="已锁定"):
        services.return_update(actor=office.user, ret=ret, entered={"visits": "1"})
    data = {
        "responded_on": dt.date(YEAR, 6, 1),
        "concern": "供暖",
        "response": "已答复",
        "channel": "website",
        "link": "",
    }
    with pytest.raises(services.WebsiteReturnError, match="已锁定"):
        services.response_record(actor=office.user, data=data)
    services.response_record(
        actor=office.user, data={**data, "responded_on": dt.date(YEAR + 1, 1, 2)}
    )
    with pytest.raises(services.WebsiteReturnError, match="理由"):
        services.return_reopen(actor=office.user, ret=ret, reason=" ")
    services.return_reopen(actor=office.user, ret=ret, reason="数据有误")
    services.response_record(actor=office.user, data=data)  # open again


@pytest.mark.django_db
def test_the_current_year_cannot_be_published_and_a_future_one_not_compiled(office):
    this_year = timezone.localdate().year
    with pytest.raises(services.WebsiteReturnError):
        services.return_create(actor=office.user, year=this_year + 1)
    ret = services.return_create(actor=office.user, year=this_year)
    _fill(ret, office)
    with pytest.raises(services.WebsiteReturnError, match="尚未结束"):
        services.return_publish(actor=office.user, ret=ret)


@pytest.mark.django_db
def test_bad_entries_are_refused_whole_in_chinese(office):
    ret = services.return_create(actor=office.user, year=YEAR)
    before = dict(ret.entered)  # the site's identity, as a new return starts
    with pytest.raises(services.WebsiteReturnError, match="应为不小于0的整数"):
        services.return_update(
            actor=office.user, ret=ret, entered={"site_name": "网站", "visits": "-3"}
        )
    ret.refresh_from_db()
    assert ret.entered == before
    assert "网站" not in ret.entered.values()


@pytest.mark.django_db
def test_the_docx_and_xlsx_read_back_with_formulas_neutralised(office):
    ret = _fill(services.return_create(actor=office.user, year=YEAR), office)
    built = services.build(ret)
    document = DocxDocument(io.BytesIO(render.docx(built)))
    text = "\n".join(c.text for t in document.tables for r in t.rows for c in r.cells)
    assert "回应公众关注热点或重大舆情数量" in text
    assert "信息公开目录信息更新量" in text
    sheet = openpyxl.load_workbook(io.BytesIO(render.xlsx(built))).active
    cells = [c.value for row in sheet.iter_rows() for c in row if c.value is not None]
    assert '\'=HYPERLINK("http://x")' in cells
    assert not any(isinstance(v, str) and v.startswith("=") for v in cells)
    assert "政府网站工作年度报表" in render.produce(built, ".json")[1].decode("utf-8")


@pytest.mark.office
@pytest.mark.django_db
def test_the_return_docx_opens_in_libreoffice(office, tmp_path):
    soffice = shutil.which("soffice")
    if soffice is None:
        if os.environ.get("GONGKAI_REQUIRE_SYSTEM_TOOLS"):
            pytest.fail("LibreOffice is required here but not installed")
        pytest.skip("LibreOffice is not installed on this machine (CI installs it)")
    ret = _fill(services.return_create(actor=office.user, year=YEAR), office)
    (tmp_path / "r.docx").write_bytes(render.docx(services.build(ret)))
    result = subprocess.run(
        [soffice, "--headless", "--convert-to", "txt:Text", "--outdir", str(tmp_path),
         str(tmp_path / "r.docx")],
        capture_output=True, text=True, timeout=120, check=False,
        env={**os.environ, "HOME": str(tmp_path)},
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    text = (tmp_path / "r.txt").read_text(encoding="utf-8", errors="replace")
    assert "政府网站工作年度报表" in text


@pytest.mark.django_db
def test_the_reconciliation_finds_a_planted_difference_with_table_two(office, unit_a):
    ret = services.return_create(actor=office.user, year=YEAR)
    assert "尚未编制" in services.build(ret)["reconciliation"]["note"]
    report = report_services.report_create(actor=office.user, year=YEAR, unit=None).report
    assert services.build(ret)["reconciliation"]["differences"] == []
    table = report_services.proactive_table(report)
    cells = table[report_services.CATALOG_ITEM]
    row = next(iter(cells))
    column = next(iter(cells[row]))
    cells[row][column] = 4  # the catalog holds none
    report_services.report_update(
        actor=office.user,
        report=report,
        overview=report.overview,
        problems=report.problems,
        other=report.other,
        proactive=table,
        proactive_from_catalog=False,
    )
    differences = services.build(ret)["reconciliation"]["differences"]
    assert (
        f"表二“{row}”的“{column}”：年度报告表二为4，网站年度报表按目录统计为0，相差4" in differences
    )


@pytest.mark.django_db
def test_an_interpretation_keeps_its_form_and_other_items_have_none(unit_a, clerk_a, reviewer_a):
    columns = columns_of(unit_a)
    policy = publish(
        clerk_a.user, reviewer_a.user, unit_a, columns["normative"], no_interpretation_reason="测试"
    )
    assert policy.interpretation_form == ""
    reading = publish(
        clerk_a.user, reviewer_a.user, unit_a, columns["interpretations"],
        title="一图读懂", interprets=policy, interpretation_form="graphic",
    )  # fmt: skip
    assert reading.interpretation_form == "graphic"
    plain = publish(
        clerk_a.user, reviewer_a.user, unit_a, columns["interpretations"], interprets=policy
    )
    assert plain.interpretation_form == "text"


@pytest.mark.django_db
def test_the_policy_library_lists_valid_normative_documents_with_a_safe_csv(
    client, unit_a, clerk_a, reviewer_a
):
    columns = columns_of(unit_a)
    policy = publish(
        clerk_a.user,
        reviewer_a.user,
        unit_a,
        columns["normative"],
        title="=1+1 规范性文件",
        no_interpretation_reason="测试",
    )
    publish(clerk_a.user, reviewer_a.user, unit_a, columns["plans"], title="规划不列入")
    publish(
        clerk_a.user, reviewer_a.user, unit_a, columns["interpretations"],
        title="问答解读", interprets=policy, interpretation_form="qa",
    )  # fmt: skip
    page = client.get(reverse("portal:policies")).content.decode()
    assert "=1+1 规范性文件" in page
    assert "问答解读" in page
    assert "规划不列入" not in page
    response = client.get(reverse("portal:policies_csv"))
    assert response["Content-Type"].startswith("text/csv")
    assert response.content.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][0] == "标题"
    assert rows[1][0] == "'=1+1 规范性文件"
    assert "问答解读（问答）" in rows[1][-1]


@pytest.mark.django_db
def test_the_office_fills_and_publishes_through_the_pages_and_the_portal_shows_it(office):
    client = login(office)
    response = client.post(reverse("staff:website_return_create"), {"year": str(YEAR)})
    ret = services.WebsiteReturn.objects.get(year=YEAR)
    assert response.url == reverse("staff:website_return", args=[ret.pk])
    page = client.get(reverse("staff:website_return_edit", args=[ret.pk]))
    assert page.status_code == 200
    bad = client.post(
        reverse("staff:website_return_edit", args=[ret.pk]),
        {"e_visits": "abc", "response_count": "entries"},
    )
    assert bad.status_code == 400
    assert "应为不小于0的整数" in bad.content.decode()
    _fill(ret, office)
    client.post(reverse("staff:website_return_act", args=[ret.pk, "publish"]))
    ret.refresh_from_db()
    assert ret.status == ReturnStatus.PUBLISHED
    home = client.get(reverse("portal:home")).content.decode()
    assert ret.title in home
    public = client.get(reverse("portal:website_return", args=[YEAR]))
    assert public.status_code == 200
    for ext in ("docx", "xlsx", "json"):
        download = client.get(reverse("portal:website_return_download", args=[YEAR, ext]))
        assert download.status_code == 200
    assert (
        client.get(reverse("portal:website_return_download", args=[YEAR, "exe"])).status_code == 404
    )


@pytest.mark.django_db
def test_the_staff_home_warns_as_31_january_nears(office, monkeypatch):
    from gongkai.applications import services as applications

    monkeypatch.setattr(applications, "today", lambda: dt.date(2026, 1, 20))
    page = login(office).get(reverse("staff:home")).content.decode()
    assert "2025年度政府网站工作年度报表应于2026-01-31前在网站首页发布" in page


@pytest.mark.django_db
def test_a_new_return_starts_from_the_sites_identity_and_last_years_entries_win(
    office, district, settings
):
    from gongkai.core.siteidentity import SiteIdentity

    settings.GONGKAI_SITE_IDENTITY = SiteIdentity(
        domain="www.bjyq.gov.cn",
        id_code="1101190001",
        icp="京ICP备05012345号",
        psb="京公网安备11011902000001号",
    )
    first = services.return_create(actor=office.user, year=YEAR - 1)
    assert first.entered["site_code"] == "1101190001"
    assert first.entered["site_url"] == "https://www.bjyq.gov.cn/"
    assert first.entered["sponsor"] == first.entered["site_name"] == district.name
    assert first.entered["icp"] == "京ICP备05012345号"
    services.return_update(actor=office.user, ret=first, entered={"icp": "京ICP备09999999号"})
    second = services.return_create(actor=office.user, year=YEAR)
    assert second.entered["icp"] == "京ICP备09999999号"  # what the office entered last year
    assert second.entered["site_code"] == "1101190001"
