"""The consolidated report of any government of the tree (docs/rollup.md): exact against a
hand-written aggregate over random trees, additive up the tree where it should be, the roll-up
dates by level, and the office's roll-up progress page."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable
from typing import Any

import pytest
from django.db import transaction
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongkai import report_format as fmt
from gongkai.appeals.models import Appeal
from gongkai.applications.models import ApplicationEvent, EventKind
from gongkai.applications.outcomes import Outcome
from gongkai.report_format import FormatVersion
from gongkai.reports import counting, rollup, selectors, services
from gongkai.reports.locks import locking_report
from gongkai.reports.models import AnnualReport, ReportStatus
from gongkai.units.models import Unit, UnitKind
from tests.conftest import examples, login, make_unit
from tests.reports.test_reports import make

D = dt.date.fromisoformat
SERIAL = itertools.count(500)
YEAR = 2025


# --- the pure rules ---------------------------------------------------------------------------
def test_the_default_dates_are_the_30hao_dates():
    due = rollup.parse([])
    assert rollup.due_on(2025, rollup.UNIT, due) == D("2026-01-31")
    assert rollup.due_on(2025, "district", due) == D("2026-02-20")
    assert rollup.due_on(2025, "county", due) == D("2026-02-20")
    assert rollup.due_on(2025, "city", due) == D("2026-03-10")
    assert rollup.due_on(2025, "province", due) == D("2026-03-31")
    rollup.check_order(due)


def test_a_province_may_set_earlier_dates():
    due = rollup.parse(["district=02-10", " city = 03-01 "])
    assert due["district"] == (2, 10)
    assert due["city"] == (3, 1)
    assert due["county"] == (2, 20)
    rollup.check_order(due)


@pytest.mark.parametrize(
    ("items", "message"),
    [
        (["town=01-31"], "级别"),
        (["city"], "级别"),
        (["city=0310"], "月-日"),
        (["city=02-30"], "不是有效的日期"),
        (["province=04-01"], "3月31日"),
    ],
)
def test_bad_dates_are_refused_in_chinese(items, message):
    with pytest.raises(rollup.DueDateError, match=message):
        rollup.parse(items)


def test_a_level_may_not_be_due_before_the_level_it_rolls_up():
    with pytest.raises(rollup.DueDateError, match="早于"):
        rollup.check_order(rollup.parse(["city=02-01"]))


@given(st.dates(), st.one_of(st.none(), st.dates()), st.dates())
@settings(max_examples=examples(100))
def test_late_means_done_or_still_undone_after_the_due_date(due, done, today):
    late = rollup.lateness(due, done, today)
    reference = done if done is not None else today
    assert late.late == (reference > due)
    assert late.days == max(0, (reference - due).days)


# --- exactness over random trees -----------------------------------------------------------------
def new_unit(kind: str, parent: Unit | None) -> Unit:
    n = next(SERIAL)
    return make_unit(f"u{n}", f"测试单位{n}", kind, serial=n, parent=parent, venues=False)


def long_subtree(root: Unit, units: Iterable[Unit]) -> set[int]:
    """The subtree the long way: every unit whose climb up its parents meets ``root``."""
    parent_of = {u.pk: u.parent_id for u in units}
    found = set()
    for pk in parent_of:
        node: int | None = pk
        while node is not None:
            if node == root.pk:
                found.add(pk)
                break
            node = parent_of.get(node)
    return found


def zero(value: Any) -> Any:
    return 0 if value is None else value


def add_tables(*tables: dict[str, dict[str, Any]]) -> dict[str, dict[str, int]]:
    out: dict[str, dict[str, int]] = {}
    for one in tables:
        for row, cells in one.items():
            for column, value in cells.items():
                out.setdefault(row, {}).setdefault(column, 0)
                out[row][column] += zero(value)
    return out


def normal(one: dict[str, dict[str, Any]]) -> dict[str, dict[str, int]]:
    return {row: {c: zero(v) for c, v in cells.items()} for row, cells in one.items()}


def figures(scope: counting.Scope, version: FormatVersion) -> dict[str, Any]:
    return {
        "三": normal(counting.table3(scope, version, services.DEFAULT_MAPPING)),
        "四": normal(counting.table4(scope)),
        "fees": counting.fees_collected(scope),
        "complaints": counting.complaints(scope),
    }


def blank(one: dict[str, Any]) -> bool:
    tables = (one["三"], one["四"])
    cells = [v for t in tables for row in t.values() for v in row.values()]
    return not any(cells) and not one["fees"] and not one["complaints"]


def summed(parts: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "三": add_tables(*(p["三"] for p in parts)),
        "四": add_tables(*(p["四"] for p in parts)),
        "fees": sum(p["fees"] for p in parts),
        "complaints": sum(p["complaints"] for p in parts),
    }


APPEAL_SHAPES = [
    ("reconsideration", ""),
    ("litigation", "direct"),
    ("litigation", "after_review"),
    ("complaint", ""),
]
# a district and the kinds of the units under it
district_shapes = st.lists(st.sampled_from(["department", "township"]), max_size=3)
days = st.dates(min_value=D("2024-06-01"), max_value=D("2026-03-31"))
applications = st.lists(
    st.tuples(
        st.integers(0, 99),
        days,
        st.one_of(st.none(), st.integers(0, 300)),
        st.sampled_from([o.value for o in Outcome]),
        st.sampled_from(["natural", "commercial", "other"]),
    ),
    max_size=25,
)
appeals = st.lists(
    st.tuples(
        st.integers(0, 99),
        st.sampled_from(APPEAL_SHAPES),
        days,
        st.one_of(st.none(), st.integers(0, 200)),
        st.sampled_from(["upheld", "corrected", "other"]),
        st.booleans(),  # a lawsuit after review follows the unit's reconsideration
    ),
    max_size=12,
)
fees = st.lists(st.tuples(st.integers(0, 99), days, st.integers(1, 500)), max_size=5)


@settings(
    max_examples=examples(30),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    st.integers(0, 2),
    st.lists(district_shapes, min_size=1, max_size=3),
    applications,
    appeals,
    fees,
    st.sampled_from(list(FormatVersion)),
    st.sampled_from(["filed", "active"]),
)
@pytest.mark.django_db
def test_every_government_report_is_the_sum_of_its_subtrees_unit_reports(
    django_settings, city_units, districts, apps, cases, paid, version, counting_rule
):
    django_settings.GONGKAI_APPEAL_COUNTING = counting_rule
    with transaction.atomic():
        city = new_unit(UnitKind.CITY, None)
        units = [city] + [new_unit(UnitKind.DEPARTMENT, city) for _ in range(city_units)]
        governments = [city]
        for shape in districts:
            district = new_unit(UnitKind.DISTRICT, city)
            governments.append(district)
            units.append(district)
            units += [new_unit(kind, district) for kind in shape]
        for index, received, lasted, outcome, kind in apps:
            concluded = None if lasted is None else received + dt.timedelta(days=lasted)
            make(
                units[index % len(units)],
                received.isoformat(),
                concluded.isoformat() if concluded else None,
                outcome,
                kind,
            )
        for index, (kind, route), filed, took, result, follows in cases:
            unit = units[index % len(units)]
            decided = None if took is None else filed + dt.timedelta(days=took)
            previous = None
            if follows and route == "after_review":
                # the reconsideration body (a government of the subtree) is co-defendant: one
                # record, under the original body only (30号)
                previous = Appeal.objects.create(
                    kind="reconsideration",
                    unit=unit,
                    body="上级政府",
                    appellant="甲",
                    filed_on=filed - dt.timedelta(days=70),
                    summary="复议",
                    result="upheld",
                    decided_on=filed - dt.timedelta(days=10),
                )
            Appeal.objects.create(
                kind=kind,
                route=route,
                unit=unit,
                previous=previous,
                body=governments[index % len(governments)].name,
                appellant="乙",
                filed_on=filed,
                summary="事由",
                result=result if decided else "pending",
                decided_on=decided,
            )
        for index, on, amount in paid:
            application = make(units[index % len(units)], "2024-06-01")
            ApplicationEvent.objects.create(
                application=application,
                seq=1,
                kind=EventKind.FEE_PAID,
                occurred_on=on,
                actor_label="测试",
                summary="缴费",
                data={"amount": amount},
            )

        per_unit = {u.pk: figures(counting.Scope(YEAR, u.pk), version) for u in units}
        consolidated: dict[int, dict[str, Any]] = {}
        for government in governments:
            report = AnnualReport(
                year=YEAR, unit=government, consolidated=True, format_version=version.value
            )
            got = figures(services.scope_of(report), version)
            expected = summed([per_unit[pk] for pk in long_subtree(government, units)])
            assert got == expected, government.name
            consolidated[government.pk] = got

        # Up the tree: the city is its districts' consolidated reports plus its own level's
        # units (the city government and the departments under it directly).
        city_level = [u for u in units if u.pk == city.pk or u.parent_id == city.pk]
        city_level = [u for u in city_level if u.kind != UnitKind.DISTRICT]
        parts = [consolidated[g.pk] for g in governments[1:]] + [per_unit[u.pk] for u in city_level]
        assert consolidated[city.pk] == summed(parts)
        # So the city's report is the sum of its districts' exactly when its own level has no
        # records; otherwise it differs by the city level's own figures.
        districts_only = summed([consolidated[g.pk] for g in governments[1:]])
        own_level_blank = all(blank(per_unit[u.pk]) for u in city_level)
        assert (consolidated[city.pk] == districts_only) == own_level_blank
        # The whole deployment (unit None) counts everything here: the city is the only top.
        assert figures(counting.Scope(YEAR, None), version) == consolidated[city.pk]
        transaction.set_rollback(True)


@pytest.fixture
def django_settings(settings):
    return settings


# --- the model, the services and the pages ------------------------------------------------
@pytest.fixture
def city_tree(district, unit_a, unit_b):
    """A second district beside the fixtures' district, under a city: the fixtures' district
    is then no longer the top government."""
    city = make_unit("city", "北京市人民政府", UnitKind.CITY, serial=40, venues=False)
    Unit.objects.filter(pk=district.pk).update(parent=city)
    other = make_unit("cp", "北京市昌平区人民政府", UnitKind.DISTRICT, serial=41, parent=city)
    bureau = make_unit("cpfgw", "北京市昌平区发展和改革委员会", serial=42, parent=other)
    district.refresh_from_db()
    return {"city": city, "district": district, "other": other, "bureau": bureau}


@pytest.fixture
def city_office(city_tree):
    """The city's office: with the city above it, the fixtures' office is the district's and
    sees the district's subtree only (accounts.access.scope)."""
    from tests.conftest import make_staff

    return make_staff("city_office", "office", city_tree["city"])


@pytest.mark.django_db
def test_the_top_governments_consolidated_report_stays_the_unit_none_report(district, office):
    created = services.report_create(
        actor=office.user, year=YEAR, unit=district, consolidated=True
    ).report
    assert created.unit is None
    assert not created.consolidated
    assert created.title == f"{district.name}{YEAR}年政府信息公开工作年度报告（全区汇总）"
    assert services.rollup_due(created) == D("2026-02-20")  # a district's roll-up date
    assert services.deadline(created) == D("2026-03-31")  # 第四十九条's publication date


@pytest.mark.django_db
def test_a_lower_government_has_a_consolidated_report_of_its_subtree(city_tree, office, unit_a):
    make(unit_a, "2025-03-01", "2025-03-10")
    make(city_tree["bureau"], "2025-04-01")
    make(city_tree["bureau"], "2025-04-02")
    district = city_tree["district"]
    created = services.report_create(
        actor=office.user, year=YEAR, unit=district, consolidated=True
    ).report
    assert created.unit == district
    assert created.consolidated
    assert created.title.endswith("（全区汇总）")
    own = services.report_create(actor=office.user, year=YEAR, unit=district).report
    assert own.pk != created.pk
    assert not own.consolidated
    rows = services.build(created)["applications"]["rows"]
    assert rows[fmt.ROW_NEW][fmt.TOTAL] == 1
    other = services.report_create(
        actor=office.user, year=YEAR, unit=city_tree["other"], consolidated=True
    ).report
    assert services.build(other)["applications"]["rows"][fmt.ROW_NEW][fmt.TOTAL] == 2
    assert "共收到政府信息公开申请2件" in other.overview
    top = services.report_create(
        actor=office.user, year=YEAR, unit=city_tree["city"], consolidated=True
    ).report
    assert top.unit is None  # the city is now the top government
    assert top.title.endswith("（全市汇总）")
    assert top.agency == "北京市人民政府"
    assert services.rollup_due(top) == D("2026-03-10")
    with pytest.raises(services.ReportError, match="省、市、区、县"):
        services.report_create(actor=office.user, year=YEAR, unit=unit_a, consolidated=True)


@pytest.mark.django_db
def test_table_2_of_a_lower_government_sums_its_units_entries(city_tree, office, unit_a, unit_b):
    item = "第二十条第（五）项"
    for unit, count in ((unit_a, 3), (unit_b, 4), (city_tree["bureau"], 100)):
        report = services.report_create(actor=office.user, year=YEAR, unit=unit).report
        report.proactive = {item: {"行政许可": {"本年处理决定数量": count}}}
        report.save()
    report = services.report_create(
        actor=office.user, year=YEAR, unit=city_tree["district"], consolidated=True
    ).report
    report.format_version = "2021"
    assert services.proactive_table(report)[item]["行政许可"]["本年处理决定数量"] == 7


@pytest.mark.django_db
def test_a_published_consolidated_report_locks_its_subtree_only(city_tree, office, unit_a):
    report = services.report_create(
        actor=office.user, year=YEAR, unit=city_tree["district"], consolidated=True
    ).report
    AnnualReport.objects.filter(pk=report.pk).update(status=ReportStatus.PUBLISHED, snapshot={})
    assert locking_report(unit_a.pk, YEAR) == report.title
    assert locking_report(city_tree["bureau"].pk, YEAR) is None
    assert locking_report(unit_a.pk, YEAR - 1) is None


@pytest.mark.django_db
def test_unit_staff_of_a_government_unit_never_see_its_consolidated_report(
    city_tree, office, city_office
):
    from tests.conftest import make_staff

    other = city_tree["other"]
    clerk = make_staff("cp_clerk", "clerk", other)
    report = services.report_create(
        actor=office.user, year=YEAR, unit=other, consolidated=True
    ).report
    assert login(clerk).get(reverse("staff:report", args=[report.pk])).status_code == 404
    # the other district's office is outside the subtree; the city's office sees it
    assert login(office).get(reverse("staff:report", args=[report.pk])).status_code == 404
    assert login(city_office).get(reverse("staff:report", args=[report.pk])).status_code == 200


@pytest.mark.django_db
def test_the_office_creates_a_consolidated_report_from_the_dashboard(
    city_tree, office, city_office
):
    district_page = login(office).get(reverse("staff:reports"), {"year": YEAR}).content.decode()
    assert "北京市昌平区人民政府（全区汇总）" not in district_page  # another district's
    assert f"{city_tree['district'].name}（全区汇总）" in district_page  # its own
    # … and drafts it: the district's office acts for its government's consolidated report
    drafted = login(office).post(
        reverse("staff:report_create"), {"year": YEAR, "unit": "qzf", "consolidated": "1"}
    )
    assert drafted.status_code == 302
    own = AnnualReport.objects.get(consolidated=True, unit=city_tree["district"])
    assert login(office).get(reverse("staff:report", args=[own.pk])).status_code == 200
    own.delete()
    client = login(city_office)
    page = client.get(reverse("staff:reports"), {"year": YEAR}).content.decode()
    assert "北京市昌平区人民政府（全区汇总）" in page
    assert "地市级于2026年3月10日前" in page
    response = client.post(
        reverse("staff:report_create"), {"year": YEAR, "unit": "cp", "consolidated": "1"}
    )
    report = AnnualReport.objects.get(consolidated=True)
    assert response.status_code == 302
    assert report.unit == city_tree["other"]
    detail = client.get(reverse("staff:report", args=[report.pk])).content.decode()
    assert "区级汇总报告的报送期限 2026年2月20日" in detail


@pytest.mark.django_db
def test_the_rollup_page_lists_the_subtrees_reports_against_their_dates(
    city_tree, office, city_office, unit_a, settings
):
    settings.GONGKAI_REPORT_ROLLUP_DUE = rollup.parse(["unit=01-20"])
    own = services.report_create(actor=office.user, year=YEAR, unit=unit_a).report
    AnnualReport.objects.filter(pk=own.pk).update(
        status=ReportStatus.SUBMITTED,
        submitted_at=dt.datetime(2026, 1, 25, 10, tzinfo=dt.UTC),
    )
    summary = selectors.rollup_of(
        city_tree["city"], YEAR, top_id=city_tree["city"].pk, today=D("2026-02-25")
    )
    by_label = {row.label: row for row in summary.rows}
    row_a = by_label[unit_a.name]
    assert row_a.due == D("2026-01-20")
    assert row_a.late
    assert row_a.days_late == 5
    district_row = by_label[f"{city_tree['district'].name}（全区汇总）"]
    assert district_row.report is None
    assert district_row.late
    city_row = by_label["北京市人民政府（全市汇总）"]
    assert city_row.due == D("2026-03-10")
    assert not city_row.late
    assert summary.submitted == 1
    assert summary.missing == len(summary.rows) - 1
    assert (
        login(office).get(reverse("staff:reports_rollup"), {"government": "cp"}).status_code == 404
    )  # another district's
    page = login(city_office).get(
        reverse("staff:reports_rollup"), {"year": YEAR, "government": "cp"}
    )
    assert page.status_code == 200
    text = page.content.decode()
    assert "北京市昌平区发展和改革委员会" in text
    assert unit_a.name not in text
    assert "1月20日前" in text
    assert (
        login(city_office).get(reverse("staff:reports_rollup"), {"government": "nope"}).status_code
        == 404
    )
