"""Regional days entered by a government's office: the entry and its withdrawal (audited, with
the basis), inheritance down the tree, and every due date of a unit counted on its region's
calendar — end to end, from the clock to the notice and the case page."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from gongkai.applications.models import Application
from gongkai.audit.models import AuditEvent
from gongkai.questions import services as questions
from gongkai.regions import services as regions
from gongkai.regions.models import RegionalDay, RegionalDayKind
from gongkai.units.models import Role, UnitKind
from gongkai.workdays import services as workdays
from tests.conftest import examples, login, make_staff, make_unit
from tests.factories import register

D = dt.date.fromisoformat
HOLIDAY = D("2025-03-17")  # a Monday inside the 20 working days from 2025-03-03
BASIS = "测试区人民政府办公室关于2025年地方节日放假的通知（测政办发〔2025〕1号）"


def build_tree():
    """省 → 市 → 区 → 委办局, and a district elsewhere with a unit of its own."""
    province = make_unit("prov", "测试自治区人民政府", UnitKind.PROVINCE, serial=31, venues=False)
    city = make_unit(
        "city", "测试市人民政府", UnitKind.CITY, serial=32, parent=province, venues=False
    )
    district = make_unit(
        "dist", "测试市甲区人民政府", UnitKind.DISTRICT, serial=33, parent=city, short_name="甲区"
    )
    bureau = make_unit("bur", "测试市甲区发展和改革委员会", serial=34, parent=district)
    other = make_unit("oth", "另一区人民政府", UnitKind.DISTRICT, serial=35, short_name="另一区")
    elsewhere = make_unit("els", "另一区发展和改革委员会", serial=36, parent=other)
    return province, city, district, bureau, other, elsewhere


def add(government, day=HOLIDAY, kind=RegionalDayKind.HOLIDAY, actor=None):
    return regions.regional_day_add(
        actor=actor, government=government, day=day, kind=kind, name="地方节日（测试）", basis=BASIS
    )


@pytest.mark.django_db
def test_without_regional_days_every_unit_counts_on_the_national_calendar():
    *_, bureau, _other, elsewhere = build_tree()
    national = workdays.current_calendar()
    assert regions.calendar_for(bureau) is national
    assert regions.calendar_for(elsewhere) is national
    assert regions.calendar_for(None) is national


@pytest.mark.django_db
def test_a_province_s_days_apply_down_its_tree_and_a_lower_government_adds_its_own():
    province, city, district, bureau, other, elsewhere = build_tree()
    add(province)
    own = D("2025-03-18")
    add(district, day=own)
    national = workdays.current_calendar()
    for unit in (province, city, district, bureau):
        assert not regions.calendar_for(unit).is_workday(HOLIDAY), unit
    for unit in (province, city):
        assert regions.calendar_for(unit).is_workday(own), unit
    for unit in (district, bureau):
        assert not regions.calendar_for(unit).is_workday(own), unit
    for unit in (other, elsewhere):
        assert regions.calendar_for(unit) is national
    assert [g.pk for g in regions.region_of(bureau)] == [province.pk, city.pk, district.pk]
    # built once per region: the same object while nothing changes
    assert regions.calendar_for(bureau) is regions.calendar_for(district)
    assert regions.calendar_for(city) is regions.calendar_for(province)


@pytest.mark.django_db
def test_an_entry_is_audited_with_its_basis_and_a_withdrawal_restores_the_calendar(office):
    province, _city, _district, bureau, *_ = build_tree()
    changed = add(province, actor=office.user)
    event = AuditEvent.objects.get(action="regional_day.add")
    assert BASIS in event.legal_basis
    assert "第三条" in event.legal_basis
    assert event.actor_id == office.user_id
    assert not regions.calendar_for(bureau).is_workday(HOLIDAY)
    regions.regional_day_withdraw(actor=office.user, entry=changed.entry, reason="日期登记错误")
    assert regions.calendar_for(bureau) is workdays.current_calendar()
    event = AuditEvent.objects.get(action="regional_day.withdraw")
    assert "日期登记错误" in event.legal_basis
    entry = RegionalDay.objects.get()
    assert entry.withdrawn_at is not None  # kept, never deleted
    # a corrected entry on the same day may follow
    add(province, actor=office.user)
    assert RegionalDay.objects.active().count() == 1


@pytest.mark.django_db
def test_bad_entries_are_refused_with_a_reason_and_nothing_stored():
    province, _city, _district, bureau, *_ = build_tree()
    with pytest.raises(regions.RegionalDayError, match="不是一级政府"):
        add(bureau)
    with pytest.raises(regions.RegionalDayError, match="不是星期六或星期日"):
        add(province, kind=RegionalDayKind.MAKEUP)
    with pytest.raises(regions.RegionalDayError, match="依据"):
        regions.regional_day_add(
            actor=None, government=province, day=HOLIDAY, kind="holiday", name="节", basis=" "
        )
    add(province)
    with pytest.raises(regions.RegionalDayError, match="已登记"):
        add(province)
    assert RegionalDay.objects.count() == 1
    assert AuditEvent.objects.filter(action="regional_day.add").count() == 1


@pytest.mark.django_db
def test_end_to_end_a_regional_holiday_gives_one_more_working_day_everywhere_it_is_shown():
    province, _city, _district, bureau, _other, elsewhere = build_tree()
    clerk = make_staff("clerk.r", Role.CLERK, bureau)
    clerk_else = make_staff("clerk.e", Role.CLERK, elsewhere)
    add(province)
    here = register(clerk.user, bureau)  # received Monday 2025-03-03
    there = register(clerk_else.user, elsewhere)
    assert there.due_date == D("2025-03-31")
    assert here.due_date == D("2025-04-01")  # one working day later
    # the receipt notice states the same date
    receipt = here.documents.get(notice_kind="receipt")
    assert "2025年4月1日" in "".join(text for _, text in receipt.rendered)
    # the case page shows it, and its explanation names the holiday and its basis
    page = login(clerk).get(f"/staff/applications/{here.pk}/").content.decode()
    assert "2025年4月1日" in page
    assert "地方节日（测试）放假" in page
    assert "测政办发〔2025〕1号" in page
    # and the correction, consultation and reasons periods run on the same calendar
    calendar = regions.calendar_for(bureau)
    assert calendar.add(D("2025-03-10"), 15) == workdays.current_calendar().add(
        D("2025-03-10"), 15
    ) + dt.timedelta(days=1)


@pytest.mark.django_db
def test_an_entry_recomputes_the_open_cases_of_the_subtree_only(office):
    province, _city, _district, bureau, _other, elsewhere = build_tree()
    clerk = make_staff("clerk.r", Role.CLERK, bureau)
    clerk_else = make_staff("clerk.e", Role.CLERK, elsewhere)
    here = register(clerk.user, bureau)
    there = register(clerk_else.user, elsewhere)
    changed = add(province, actor=office.user)
    assert changed.recomputed == 1
    assert Application.objects.get(pk=here.pk).due_date == D("2025-04-01")
    assert Application.objects.get(pk=there.pk).due_date == D("2025-03-31")
    regions.regional_day_withdraw(actor=office.user, entry=changed.entry, reason="通知已撤回")
    assert Application.objects.get(pk=here.pk).due_date == D("2025-03-31")


@pytest.mark.django_db
def test_a_question_s_reply_is_due_on_its_unit_s_calendar(monkeypatch):
    province, _city, _district, bureau, _other, elsewhere = build_tree()
    add(province)
    monkeypatch.setattr(questions, "today", lambda: D("2025-03-10"))
    data = questions.AskerData(asker_name="张三", subject="咨询", text="请问", phone="13800000000")
    here = questions.question_submit(data=data, unit=bureau).question
    there = questions.question_submit(data=data, unit=elsewhere).question
    assert here.due_date > there.due_date


@pytest.mark.django_db
def test_the_due_soon_monitoring_counts_on_each_unit_s_calendar():
    from gongkai.applications.selectors import due_soon

    province, _city, _district, bureau, _other, elsewhere = build_tree()
    clerk = make_staff("clerk.r", Role.CLERK, bureau)
    clerk_else = make_staff("clerk.e", Role.CLERK, elsewhere)
    here = register(clerk.user, bureau)
    there = register(clerk_else.user, elsewhere)
    add(province, day=D("2025-03-18"))  # recomputes the bureau's case: set the dates after
    Application.objects.filter(pk__in=[here.pk, there.pk]).update(due_date=D("2025-03-20"))
    today = D("2025-03-14")  # a Friday; due soon: within 3 working days (GONGKAI_DUE_SOON_DAYS)
    soon = set(Application.objects.filter(due_soon(today)).values_list("pk", flat=True))
    # nationally 03-20 is the 4th working day after; with the holiday on 03-18, the 3rd
    assert soon == {here.pk}


class TestRegionalHolidayNeverEarlier(TestCase):
    """Against the database: any holiday a province enters leaves every due date of its units
    the same or later, by at most one working day."""

    @settings(max_examples=examples(15), deadline=None)
    @given(st.dates(D("2025-01-01"), D("2025-12-31")), st.integers(0, 40))
    def test_property(self, received, offset):
        regions.reset()
        workdays._cached = None
        province, _city, _district, bureau, *_ = build_tree()
        national = workdays.current_calendar()
        before = national.add(received, 20)
        add(province, day=received + dt.timedelta(days=offset))
        after = regions.calendar_for(bureau).add(received, 20)
        assert before <= after
        assert national.count(before, after) <= 1


@pytest.mark.django_db
def test_the_page_lists_and_the_office_enters_and_withdraws(office, clerk_a, supervisor):
    district = office.unit
    client = login(office)
    page = client.get("/staff/calendar/regional/")
    assert page.status_code == 200
    assert "登记地方节假日" in page.content.decode()
    response = client.post(
        "/staff/calendar/regional/add/",
        {
            "government": district.pk,
            "day": "2025-03-17",
            "kind": "holiday",
            "name": "地方节日（测试）",
            "basis": BASIS,
        },
    )
    assert response.status_code == 302
    entry = RegionalDay.objects.get()
    bad = client.post(
        "/staff/calendar/regional/add/",
        {"government": district.pk, "day": "2025-03-17", "kind": "holiday", "name": "x"},
    )
    assert bad.status_code == 400
    assert "请填写依据" in bad.content.decode()
    # a clerk reads the page but cannot enter; the supervisor reads only
    assert login(clerk_a).get("/staff/calendar/regional/").status_code == 200
    assert login(clerk_a).post("/staff/calendar/regional/add/", {}).status_code == 404
    assert login(supervisor).post("/staff/calendar/regional/add/", {}).status_code == 403
    withdraw = f"/staff/calendar/regional/{entry.pk}/withdraw/"
    assert login(clerk_a).post(withdraw, {"reason": "x"}).status_code == 404
    assert client.post(withdraw, {"reason": "登记错误"}).status_code == 302
    assert RegionalDay.objects.get().withdrawn_at is not None


@pytest.mark.django_db
def test_an_office_enters_only_its_own_government_s_subtree(office):
    province, _city, district, *_ = build_tree()
    # the fixture's office belongs to another district (北京市延庆区): none of these is its own
    client = login(office)
    response = client.post(
        "/staff/calendar/regional/add/",
        {
            "government": province.pk,
            "day": "2025-03-17",
            "kind": "holiday",
            "name": "节",
            "basis": BASIS,
        },
    )
    assert response.status_code == 400
    assert not RegionalDay.objects.exists()
    entry = add(district).entry
    assert (
        client.post(f"/staff/calendar/regional/{entry.pk}/withdraw/", {"reason": "x"}).status_code
        == 404
    )


class TestInheritance(TestCase):
    """For any days entered at any level of 省 → 市 → 区: every unit's calendar holds the days of
    every government at and above it (the lowest entry deciding a day entered twice), and none
    of a government beside or below it."""

    @settings(max_examples=examples(10), deadline=None)
    @given(
        st.lists(
            st.tuples(
                st.sampled_from(["province", "city", "district", "other"]),
                st.dates(D("2025-01-01"), D("2025-12-31")),
                st.booleans(),
            ),
            min_size=1,
            max_size=6,
        )
    )
    def test_property(self, entries):
        regions.reset()
        workdays._cached = None
        province, city, district, bureau, other, elsewhere = build_tree()
        governments = {"province": province, "city": city, "district": district, "other": other}
        level = {"province": 0, "city": 1, "district": 2, "other": 0}
        decided: dict[str, dict[dt.date, tuple[int, bool]]] = {}
        for where, day, makeup in entries:
            if makeup and day.weekday() < 5:
                continue
            government = governments[where]
            if RegionalDay.objects.active().filter(government=government, day=day).exists():
                continue
            kind = RegionalDayKind.MAKEUP if makeup else RegionalDayKind.HOLIDAY
            add(government, day=day, kind=kind)
            decided.setdefault(where, {})[day] = (level[where], makeup)
        national = workdays.current_calendar()
        chains = {
            "province": ["province"],
            "city": ["province", "city"],
            "district": ["province", "city", "district"],
            "bureau": ["province", "city", "district"],
            "other": ["other"],
            "elsewhere": ["other"],
        }
        units = {**governments, "bureau": bureau, "elsewhere": elsewhere}
        for name, chain in chains.items():
            calendar = regions.calendar_for(units[name])
            expected: dict[dt.date, bool] = {}
            for government in chain:  # highest first: a lower entry overrides
                for day, (_level, makeup) in decided.get(government, {}).items():
                    expected[day] = makeup
            for day, makeup in expected.items():
                assert calendar.is_workday(day) == makeup, (name, day)
            others = {
                day
                for government, days in decided.items()
                if government not in chain
                for day in days
            } - set(expected)
            for day in others:
                assert calendar.is_workday(day) == national.is_workday(day), (name, day)
