"""The monthly figures, counted from the records: a small world built by hand, whose figures
are counted here by hand (months at their boundaries, a case received in one month and
answered in the next, working days across the 2025 Spring Festival), the page for each role,
and the export."""

from __future__ import annotations

import datetime as dt
import io
from fractions import Fraction

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from gongkai.applications.models import Application
from gongkai.catalog import selectors as catalog
from gongkai.catalog.models import Column, Item
from gongkai.statistics.figures import Month
from gongkai.statistics.selectors import month_report, year_trend
from tests.conftest import login
from tests.factories import columns_of, publish, register
from tests.worlds import district_and_people, keys, read_from_world, rolled_back_after

TODAY = dt.date(2025, 6, 30)


def _case(clerk, owner, **fields) -> Application:
    """A case registered through the service, then given the dates and outcome under test."""
    application = register(clerk.user, owner)
    if fields.get("concluded_on"):
        fields["status"] = "withdrawn" if fields["outcome"] == "withdrawn" else "closed"
    elif fields.get("unit", owner) is None:
        fields["status"] = "unrouted"
    Application.objects.filter(pk=application.pk).update(**fields)
    return Application.objects.get(pk=application.pk)


def build_world(unit_a, unit_b, clerk_a, reviewer_a, clerk_b) -> dict:
    cases = {
        # January: received 2 Jan, answered 10 Jan (6 working days), on time, 予以公开
        "c1": _case(
            clerk_a, unit_a, receipt_date=dt.date(2025, 1, 2), channel="online",
            applicant_type="natural", outcome="provided", due_date=dt.date(2025, 2, 7),
            delivered_on=dt.date(2025, 1, 10), concluded_on=dt.date(2025, 1, 10),
        ),
        # received on the last day of January, answered in February after the Spring Festival
        # (28 Jan–4 Feb off): 1 working day (5 Feb); late against a due date of 3 Feb
        "c2": _case(
            clerk_a, unit_a, receipt_date=dt.date(2025, 1, 31), channel="in_person",
            applicant_type="commercial", outcome="partial", due_date=dt.date(2025, 2, 3),
            delivered_on=dt.date(2025, 2, 5), concluded_on=dt.date(2025, 2, 5),
        ),
        # received on the last day of February, answered on 3 March (1 working day)
        "c3": _case(
            clerk_a, unit_a, receipt_date=dt.date(2025, 2, 28), channel="mail_signed",
            applicant_type="natural", outcome="withhold_secret", due_date=dt.date(2025, 3, 28),
            delivered_on=dt.date(2025, 3, 3), concluded_on=dt.date(2025, 3, 3),
        ),
        # withdrawn in February: concluded (其他处理), never answered
        "c4": _case(
            clerk_a, unit_a, receipt_date=dt.date(2025, 2, 14), channel="email",
            applicant_type="natural", outcome="withdrawn", due_date=None,
            delivered_on=None, concluded_on=dt.date(2025, 2, 20),
        ),
        # received on 1 March, open
        "c5": _case(
            clerk_a, unit_a, receipt_date=dt.date(2025, 3, 1), channel="online",
            applicant_type="natural", outcome="", due_date=dt.date(2025, 3, 31),
            delivered_on=None, concluded_on=None,
        ),
        # unit B: received 3 Feb, answered 10 Feb: 5, 6, 7, 8 (a Saturday worked) and 10 Feb
        "d1": _case(
            clerk_b, unit_b, receipt_date=dt.date(2025, 2, 3), channel="fax",
            applicant_type="research", outcome="not_exist", due_date=dt.date(2025, 3, 4),
            delivered_on=dt.date(2025, 2, 10), concluded_on=dt.date(2025, 2, 10),
        ),
        # not yet routed to a unit: the district's only
        "e1": _case(
            clerk_a, unit_a, unit=None, receipt_date=dt.date(2025, 2, 10), channel="online",
            applicant_type="natural", outcome="", due_date=None,
            delivered_on=None, concluded_on=None,
        ),
    }  # fmt: skip
    columns = columns_of(unit_a)
    Column.objects.filter(unit=unit_a).update(created_at=dt.datetime(2024, 1, 1, tzinfo=dt.UTC))
    items = []
    for day, column in (
        (dt.date(2025, 1, 31), "other-documents"),
        (dt.date(2025, 2, 1), "news"),
        (dt.date(2025, 2, 28), "news"),
        (dt.date(2025, 3, 1), "news"),
    ):
        item = publish(
            clerk_a.user, reviewer_a.user, unit_a, columns[column], formed_on=dt.date(2025, 1, 2)
        )
        Item.objects.filter(pk=item.pk).update(published_on=day)
        items.append(item)
    return {"cases": cases, "columns": columns, "items": items}


# The district and the world, built once for the module: each test reads them in a savepoint of
# their transaction (tests/worlds.py), rolled back after the last. Building them for each test
# took nearly all its time.
@pytest.fixture(scope="module")
def stored(django_db_setup, django_db_blocker):
    with rolled_back_after(django_db_blocker):
        with django_db_blocker.unblock():
            people = district_and_people()
            build_world(
                *(people[k] for k in ("unit_a", "unit_b", "clerk_a", "reviewer_a", "clerk_b"))
            )
        yield keys(people)


unit_a, unit_b, office, supervisor, clerk_a, reviewer_a, clerk_b = read_from_world(
    "unit_a", "unit_b", "office", "supervisor", "clerk_a", "reviewer_a", "clerk_b"
)


@pytest.fixture
def world(db, stored):
    """The cases and items the figures are counted from (built once, in ``stored``)."""


def _report(month: Month, units, *, district: bool):
    return month_report(month, units, district=district, today=TODAY)


def test_the_districts_february_is_what_we_count_by_hand(world, unit_a, unit_b):
    feb = _report(Month(2025, 2), [unit_a, unit_b], district=True)
    total = feb.total
    # received 3, 14 and 28 Feb (unit A: c3, c4; B: d1) and 10 Feb (unrouted)
    assert total.new == 4
    assert dict(total.channel_rows()) == {
        "网上申请": 1, "当面提交": 0, "邮寄（签收）": 1, "平常信函（无需签收）": 0, "传真": 1,
        "电子邮件": 1,
    }  # fmt: skip
    assert dict(total.applicant_rows())["自然人"] == 3
    assert dict(total.applicant_rows())["科研机构"] == 1
    assert dict(total.applicant_rows())["商业企业"] == 0  # c2 was received in January
    # concluded: c2 (5 Feb, partial), c4 (20 Feb, withdrawn), d1 (10 Feb, not held)
    assert dict(total.outcome_rows()) == {
        "予以公开": 0, "部分公开": 1, "不予公开": 0, "无法提供": 1, "不予处理": 0, "其他处理": 1,
    }  # fmt: skip
    assert total.concluded == 3
    # answered: c2 after 1 working day, late; d1 after 5, on time
    assert sorted(total.days) == [1, 5]
    assert (total.answered, total.on_time) == (2, 1)
    assert total.on_time_rate == Fraction(1, 2)
    assert total.median_days == 3
    # published: news on 1 and 28 Feb (31 Jan and 1 Mar are the neighbours' months)
    assert dict(total.published_rows())["其他栏目信息"] == 2
    assert total.published_total == 2
    units = {u.code: f for u, f in feb.units}
    assert (units["fgw"].new, units["kzz"].new) == (2, 1)
    assert (units["fgw"].answered, units["fgw"].on_time, units["fgw"].median_days) == (1, 0, 1)
    assert units["fgw"].on_time_rate == 0
    assert (units["kzz"].on_time_rate, units["kzz"].median_days) == (1, 5)


def test_january_and_march_take_the_cases_on_either_side_of_february(world, unit_a, unit_b):
    jan = _report(Month(2025, 1), [unit_a, unit_b], district=True).total
    assert jan.new == 2  # c1 on 2 Jan, c2 on 31 Jan
    assert dict(jan.applicant_rows())["商业企业"] == 1
    assert dict(jan.outcome_rows())["予以公开"] == 1
    assert (jan.days, jan.on_time_rate) == ([6], 1)
    assert jan.published_total == 1  # 31 Jan
    mar = _report(Month(2025, 3), [unit_a, unit_b], district=True).total
    assert mar.new == 1  # c5 on 1 Mar
    assert (mar.days, mar.on_time) == ([1], 1)  # c3: 28 Feb to 3 Mar
    assert dict(mar.outcome_rows())["不予公开"] == 1
    assert mar.published_total == 1


def test_a_units_figures_leave_out_the_other_units_and_the_unrouted(world, unit_a):
    feb = _report(Month(2025, 2), [unit_a], district=False).total
    assert feb.new == 2
    assert (feb.answered, feb.on_time) == (1, 0)


def test_stale_columns_are_the_catalogs_as_they_stood_at_the_end_of_the_month(world, unit_a):
    jan = _report(Month(2025, 1), [unit_a], district=False)
    feb = _report(Month(2025, 2), [unit_a], district=False)
    assert (jan.as_of, feb.as_of) == (dt.date(2025, 1, 31), dt.date(2025, 2, 28))
    stale_jan = {s.column.code for s in jan.total.stale}
    stale_feb = {s.column.code for s in feb.total.stale}
    # news: nothing by 31 Jan (created a year before, every 30 days); fresh on 28 Feb
    assert "news" in stale_jan
    assert "news" not in stale_feb
    # the catalog's own monitoring on the same day says the same
    for month, stale in ((jan, stale_jan), (feb, stale_feb)):
        (monitored,) = catalog.monitoring([unit_a], year=2025, today=month.as_of)
        assert stale == {s.column.code for s in monitored.stale}
    # the current month is judged today
    assert _report(Month(2025, 6), [unit_a], district=False).as_of == TODAY


def test_the_years_trend_counts_each_month(world, unit_a, unit_b):
    trend = year_trend(2025, [unit_a, unit_b], district=True, through=3)
    assert trend == {"new": [2, 4, 1], "answered": [1, 2, 1]}


# --- the page and the export ---------------------------------------------------------------------
def _page(member, **query):
    return login(member).get(reverse("staff:monthly_statistics"), query)


def test_the_office_sees_the_district_with_charts_and_a_table_beside_each(world, office):
    response = _page(office, year=2025, month=2)
    assert response.status_code == 200
    page = response.content.decode()
    assert "全区2025年2月政府信息公开统计" in page
    assert page.count('<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img"') == 5
    assert page.count("（数据表）</caption>") == 5
    assert "北京市延庆区康庄镇人民政府" in page  # the per-unit table
    assert "50%" in page
    assert ">3 个工作日" in page.replace("</td>", "")


def test_the_supervisor_sees_any_unit(world, supervisor, unit_b):
    response = _page(supervisor, year=2025, month=2, unit=unit_b.pk)
    assert response.status_code == 200
    assert "北京市延庆区康庄镇人民政府2025年2月" in response.content.decode()


def test_unit_staff_see_their_own_unit_and_never_another(world, clerk_a, unit_a, unit_b):
    page = _page(clerk_a, year=2025, month=2).content.decode()
    assert f"{unit_a.name}2025年2月政府信息公开统计" in page
    assert 'value="">全区' not in page
    assert "康庄镇" not in page
    assert _page(clerk_a, year=2025, month=2, unit=unit_b.pk).status_code == 404
    assert (
        login(clerk_a)
        .get(reverse("staff:monthly_statistics_export"), {"unit": unit_b.pk})
        .status_code
        == 404
    )


@pytest.mark.parametrize(
    "query",
    [{"year": "x"}, {"month": "13"}, {"month": "-1"}, {"unit": "abc"}, {"year": "9" * 40}],
)
@pytest.mark.slow
def test_bad_parameters_fall_back_and_never_fail(world, office, query):
    assert _page(office, **query).status_code == 200


def test_the_export_opens_and_states_the_same_figures(world, office):
    response = login(office).get(
        reverse("staff:monthly_statistics_export"), {"year": 2025, "month": 2}
    )
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    book = load_workbook(io.BytesIO(response.content))
    summary = {row[0]: row[1] for row in book["汇总"].iter_rows(values_only=True) if row and row[0]}
    assert summary["按期答复率"] == "50%"
    assert summary["答复用时中位数（工作日）"] == "3"
    assert summary["答复送达（件）"] == 2
    assert summary["传真"] == 1
    units = list(book["各单位"].iter_rows(values_only=True))
    assert units[0][0] == "单位"
    assert units[-1][:4] == ("全区合计", 4, 3, 2)


def test_a_unit_name_like_a_formula_is_written_as_text(world, office, unit_a):
    unit_a.name = "=HYPERLINK(1)"
    unit_a.save()
    response = login(office).get(
        reverse("staff:monthly_statistics_export"), {"year": 2025, "month": 2}
    )
    book = load_workbook(io.BytesIO(response.content))
    names = [row[0] for row in book["各单位"].iter_rows(values_only=True)]
    assert "'=HYPERLINK(1)" in names
