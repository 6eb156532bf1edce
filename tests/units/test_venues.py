"""Where a unit's replies may be contested: the venue records, versioned by date."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse
from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai import remedies
from gongkai.audit.models import AuditEvent
from gongkai.demo import build
from gongkai.demo import district as demo_district
from gongkai.remedies import VenueRule
from gongkai.units import selectors, services
from gongkai.units.models import RemedyVenue, Unit, UnitKind
from tests.conftest import examples, login

GOV = "北京市延庆区人民政府"
CITY = "北京市发展和改革委员会"
COURT = "北京市延庆区人民法院"


# These tests record the venues themselves: the shared units start without any.
@pytest.fixture
def district(district):
    RemedyVenue.objects.filter(unit=district).delete()
    return district


@pytest.fixture
def unit_a(unit_a):
    RemedyVenue.objects.filter(unit=unit_a).delete()
    return unit_a


@pytest.fixture
def unit_b(unit_b):
    RemedyVenue.objects.filter(unit=unit_b).delete()
    return unit_b


def add(unit, valid_from: dt.date, rule: VenueRule, *bodies: str, court: str = COURT, **more):
    return services.venue_record(
        actor=None,
        unit=unit,
        valid_from=valid_from,
        rule=rule,
        body=bodies[0] if bodies else "",
        second_body=bodies[1] if len(bodies) > 1 else "",
        court=court,
        **more,
    )


# --- the record in force ------------------------------------------------------------------------
@pytest.mark.django_db
def test_the_record_in_force_is_the_latest_that_has_begun(unit_a):
    records = [
        add(unit_a, dt.date(2019, 1, 1), VenueRule.DEPARTMENT_2017, GOV, CITY),
        add(unit_a, dt.date(2021, 7, 1), VenueRule.DEPARTMENT_2017, GOV),
        add(unit_a, dt.date(2024, 1, 1), VenueRule.DEPARTMENT, GOV),
        add(unit_a, dt.date(2025, 3, 15), VenueRule.DEPARTMENT, GOV, court="北京市某区人民法院"),
    ]

    @given(st.dates(min_value=dt.date(2015, 1, 1), max_value=dt.date(2030, 12, 31)))
    @settings(max_examples=examples(300), deadline=None)
    def check(day: dt.date) -> None:
        begun = [r for r in records if r.valid_from <= day]
        expected = max(begun, key=lambda r: r.valid_from) if begun else None
        venue = selectors.venue_on(unit_a, day)
        if expected is None:
            assert venue is None
            return
        assert venue == expected.as_venue()
        assert venue is not None
        assert venue.valid_from <= day
        assert venue.bodies == expected.bodies
        # The record serves a reply of that day when it follows the text in force that day.
        assert remedies.RULES[venue.rule].text is remedies.law_on(day)

    check()


@pytest.mark.django_db
def test_a_records_bodies_and_the_page_order(unit_a, unit_b):
    first = add(unit_a, dt.date(2019, 1, 1), VenueRule.DEPARTMENT_2017, GOV, CITY)
    later = add(unit_a, dt.date(2024, 1, 1), VenueRule.DEPARTMENT, GOV)
    add(unit_b, dt.date(2024, 1, 1), VenueRule.LOWER_GOVERNMENT, GOV)
    assert list(selectors.venues_of(unit_a)) == [later, first]
    assert first.as_venue() == remedies.Venue(
        rule=VenueRule.DEPARTMENT_2017,
        bodies=(GOV, CITY),
        valid_from=dt.date(2019, 1, 1),
        court=COURT,
    )
    assert later.as_venue().bodies == (GOV,)
    assert selectors.venue_on(unit_a, dt.date(2018, 12, 31)) is None


@pytest.mark.django_db
def test_a_record_cannot_be_changed(unit_a):
    venue = add(unit_a, dt.date(2024, 1, 1), VenueRule.DEPARTMENT, GOV)
    venue.court = "别的法院"
    with pytest.raises(RuntimeError, match="不可修改"):
        venue.save()
    venue.refresh_from_db()
    assert venue.court == COURT


# --- the service --------------------------------------------------------------------------------
@pytest.mark.django_db
def test_recording_a_venue_is_audited_with_its_provision(office, unit_a):
    venue = services.venue_record(
        actor=office.user,
        unit=unit_a,
        valid_from=dt.date(2024, 1, 1),
        rule=VenueRule.DEPARTMENT,
        body=f"  {GOV} ",
        second_body="",
        online_channel="北京市延庆区人民政府门户网站",
        court=COURT,
        note="区政府工作部门",
    )
    assert venue.body == GOV
    assert venue.created_by_label.startswith("公开办甲")
    event = AuditEvent.objects.get(action="unit.venue")
    assert event.actor_id == office.user.pk
    assert event.unit_id == unit_a.pk
    assert event.object_id == str(venue.pk)
    assert event.legal_basis == remedies.RULES[VenueRule.DEPARTMENT].basis.citation
    assert "第二十四条第一款第（一）项" in event.legal_basis
    assert event.changes["body"] == [None, GOV]
    assert event.changes["valid_from"] == [None, "2024-01-01"]
    assert GOV in event.summary
    assert COURT in event.summary


BAD = [
    pytest.param(
        {"rule": VenueRule.DEPARTMENT, "bodies": ()}, ["请写明行政复议机关"], id="no-body"
    ),
    pytest.param(
        {"rule": VenueRule.DEPARTMENT, "bodies": ("", GOV)},
        ["请写明行政复议机关"],
        id="only-the-second-body",
    ),
    pytest.param(
        {"rule": VenueRule.JUSTICE, "bodies": (GOV,)},
        ["该情形应当写明两个行政复议机关"],
        id="justice-needs-two",
    ),
    pytest.param(
        {"rule": VenueRule.DEPARTMENT, "bodies": (GOV, CITY)},
        ["该情形只有一个行政复议机关"],
        id="one-body-only",
    ),
    pytest.param(
        {
            "rule": VenueRule.DEPARTMENT_2017,
            "bodies": (GOV, GOV),
            "valid_from": dt.date(2019, 1, 1),
        },
        ["两个行政复议机关不能相同"],
        id="same-body-twice",
    ),
    pytest.param({"court": "  "}, ["请写明管辖法院"], id="no-court"),
    pytest.param(
        {"rule": VenueRule.DEPARTMENT_2017, "bodies": (GOV, CITY)},
        ["2023年修订前", "不适用于自2024-01-01起的记录"],
        id="2017-rule-from-2024",
    ),
    pytest.param(
        {"valid_from": dt.date(2023, 12, 31)},
        ["2023年修订", "不适用于自2023-12-31起的记录"],
        id="2023-rule-before-2024",
    ),
    pytest.param({"rule": "emperor"}, ["请选择适用的情形"], id="unknown-rule"),
    pytest.param({"note": "说" * 501}, ["500"], id="note-too-long"),
    pytest.param(
        {"rule": VenueRule.DEPARTMENT_2017, "bodies": (), "court": ""},
        ["请写明行政复议机关", "请写明管辖法院", "不适用于自2024-01-01起的记录"],
        id="every-problem-at-once",
    ),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("changes", "messages"), BAD)
def test_an_invalid_record_is_refused_in_chinese_and_nothing_is_stored(
    office, unit_a, changes, messages
):
    data = {
        "valid_from": dt.date(2024, 1, 1),
        "rule": VenueRule.DEPARTMENT,
        "bodies": (GOV,),
        "court": COURT,
        "note": "",
    } | changes
    bodies = data.pop("bodies")
    with pytest.raises(ValidationError) as refused:
        services.venue_record(
            actor=office.user,
            unit=unit_a,
            body=bodies[0] if bodies else "",
            second_body=bodies[1] if len(bodies) > 1 else "",
            online_channel="",
            **data,
        )
    text = " ".join(refused.value.messages)
    for message in messages:
        assert message in text
    assert not RemedyVenue.objects.exists()
    assert not AuditEvent.objects.exists()


@pytest.mark.django_db
def test_a_second_record_for_the_same_day_is_refused(unit_a):
    add(unit_a, dt.date(2024, 1, 1), VenueRule.DEPARTMENT, GOV)
    with pytest.raises(ValidationError) as refused:
        add(unit_a, dt.date(2024, 1, 1), VenueRule.DEPARTMENT, "另一个机关")
    assert "已有自2024-01-01起的记录" in refused.value.message_dict["valid_from"][0]
    assert RemedyVenue.objects.count() == 1
    assert AuditEvent.objects.filter(action="unit.venue").count() == 1


# --- the pages ----------------------------------------------------------------------------------
def form(**changes) -> dict[str, str]:
    data = {
        "valid_from": "2024-01-01",
        "rule": VenueRule.DEPARTMENT.value,
        "body": GOV,
        "second_body": "",
        "online_channel": "北京市延庆区人民政府门户网站“行政复议网上申请”栏目",
        "court": COURT,
        "note": "区政府工作部门",
    }
    data.update(changes)
    return data


@pytest.mark.django_db
def test_the_office_records_a_venue_through_the_page(office, unit_a):
    client = login(office)
    url = reverse("staff:venue_create", args=[unit_a.pk])
    page = client.get(url).content.decode()
    assert remedies.ReconsiderationLaw.L2017.label in page
    assert remedies.ReconsiderationLaw.L2023.label in page
    for info in remedies.RULES.values():
        assert info.label in page
    response = client.post(url, form())
    assert response.status_code == 302
    venue = RemedyVenue.objects.get(unit=unit_a)
    assert venue.rule == VenueRule.DEPARTMENT
    assert AuditEvent.objects.filter(action="unit.venue", actor_id=office.user.pk).exists()
    detail = client.get(reverse("staff:unit_detail", args=[unit_a.pk])).content.decode()
    assert "救济途径（行政复议机关和管辖法院）" in detail
    assert remedies.RULES[VenueRule.DEPARTMENT].basis.citation in detail
    assert "现行" in detail
    # The form offers the record in force as a start for the next one.
    assert COURT in client.get(url).content.decode()


@pytest.mark.django_db
def test_the_unit_page_lists_the_records_newest_first(office, clerk_a, unit_a):
    add(unit_a, dt.date(2019, 1, 1), VenueRule.DEPARTMENT_2017, GOV, CITY)
    add(unit_a, dt.date(2024, 1, 1), VenueRule.DEPARTMENT, GOV, online_channel="某某栏目")
    page = login(clerk_a).get(reverse("staff:unit_detail", args=[unit_a.pk])).content.decode()
    assert page.index("2024-01-01") < page.index("2019-01-01")
    assert f"或者{CITY}" in page
    assert "某某栏目" in page
    assert "已被替代" in page
    assert reverse("staff:venue_create", args=[unit_a.pk]) not in page
    office_page = login(office).get(reverse("staff:unit_detail", args=[unit_a.pk]))
    assert reverse("staff:venue_create", args=[unit_a.pk]) in office_page.content.decode()


@pytest.mark.django_db
def test_a_bad_record_from_the_page_is_explained_and_nothing_is_stored(office, unit_a):
    client = login(office)
    url = reverse("staff:venue_create", args=[unit_a.pk])
    response = client.post(
        url, form(rule=VenueRule.JUSTICE.value, court="", valid_from="2024-13-01")
    )
    assert response.status_code == 400
    assert "日期格式不正确" in response.content.decode()
    response = client.post(url, form(rule=VenueRule.JUSTICE.value, court=""))
    assert response.status_code == 400
    page = response.content.decode()
    assert "该情形应当写明两个行政复议机关" in page
    assert "请写明管辖法院" in page
    assert not RemedyVenue.objects.exists()
    client.post(url, form())
    again = client.post(url, form(body="北京市人民政府"))
    assert again.status_code == 400
    assert "已有自2024-01-01起的记录" in again.content.decode()
    assert RemedyVenue.objects.count() == 1


@pytest.mark.django_db
def test_only_the_office_records_venues(supervisor, clerk_a, reviewer_a, clerk_b, citizen, unit_a):
    url = reverse("staff:venue_create", args=[unit_a.pk])
    watcher = login(supervisor)
    assert watcher.get(url).status_code == 403
    refused = watcher.post(url, form())
    assert refused.status_code == 403
    assert "只能查看，不能修改" in refused.content.decode()
    for outsider in (clerk_a, reviewer_a, clerk_b, citizen):
        client = login(outsider)
        assert client.get(url).status_code == 404
        assert client.post(url, form()).status_code == 404
    assert not RemedyVenue.objects.exists()


@pytest.mark.django_db
def test_the_office_gets_404_for_a_unit_that_does_not_exist(office):
    assert login(office).get(reverse("staff:venue_create", args=[999999])).status_code == 404


# --- the demo -----------------------------------------------------------------------------------
SPECIAL = {
    "ghzr": (
        ("北京市规划和自然资源委员会", "北京市人民政府"),
        ("北京市人民政府", GOV),
    ),
    "gaj": (("北京市公安局", "北京市人民政府"), ("北京市人民政府", GOV)),
    "sfj": ((GOV, "北京市司法局"), (GOV, "北京市司法局")),
    "fgw": ((GOV, CITY), (GOV,)),
    "jw": ((GOV, "北京市教育委员会"), (GOV,)),
    "qxj": (("北京市气象局",), ("北京市气象局",)),
    "qzf": (("北京市人民政府",), ("北京市人民政府",)),
    "zdb": ((GOV,), (GOV,)),
    "rmt": ((GOV,), (GOV,)),
}


def test_the_demo_gives_every_unit_a_valid_record_under_each_text():
    units = demo_district.units()
    assert len(units) == 62
    for spec in units:
        code, kind = str(spec["code"]), str(spec["kind"])
        old, new = demo_district.venues(code, kind)
        assert (old.valid_from, new.valid_from) == (dt.date(2019, 1, 1), dt.date(2024, 1, 1))
        for record, decided in ((old, dt.date(2019, 6, 3)), (new, dt.date(2024, 6, 3))):
            venue = remedies.Venue(
                rule=record.rule,
                bodies=record.bodies,
                valid_from=record.valid_from,
                online_channel=record.online_channel,
                court=record.court,
            )
            assert remedies.venue_problems(venue) == [], code
            assert remedies.check_for_decision(venue, decided, str(spec["name"])) == venue
        assert remedies.RULES[old.rule].text is remedies.ReconsiderationLaw.L2017
        assert remedies.RULES[new.rule].text is remedies.ReconsiderationLaw.L2023
        assert not old.online_channel  # the 2017 text asks for no internet channel
        assert new.online_channel.endswith("“行政复议网上申请”栏目")
        expected_court = (
            "北京市第四中级人民法院" if kind == UnitKind.DISTRICT else "北京市延庆区人民法院"
        )
        assert old.court == new.court == expected_court
        if code in SPECIAL:
            assert (old.bodies, new.bodies) == SPECIAL[code], code


def test_the_demo_picks_the_provision_that_fits_each_kind_of_unit():
    rules = {
        str(spec["code"]): tuple(
            v.rule for v in demo_district.venues(str(spec["code"]), str(spec["kind"]))
        )
        for spec in demo_district.units()
    }
    assert rules["qzf"] == (VenueRule.LOWER_GOVERNMENT_2017, VenueRule.LOWER_GOVERNMENT)
    assert rules["kzz"] == (VenueRule.LOWER_GOVERNMENT_2017, VenueRule.LOWER_GOVERNMENT)
    assert rules["rljd"] == (VenueRule.DISPATCHED_ORGAN_2017, VenueRule.DISPATCHED_ORGAN)
    assert rules["qxj"] == (VenueRule.VERTICAL_2017, VenueRule.VERTICAL)
    assert rules["ghzr"] == rules["gaj"]
    assert rules["gaj"] == (VenueRule.DISPATCHED_AGENCY_2017, VenueRule.DISPATCHED_AGENCY)
    assert rules["sfj"] == (VenueRule.DEPARTMENT_2017, VenueRule.JUSTICE)
    for code in ("rmt", "dag", "tzcj", "dafw"):
        assert rules[code] == (VenueRule.AUTHORIZED_ORG_2017, VenueRule.AUTHORIZED_ORG)
    assert rules["fgw"] == (VenueRule.DEPARTMENT_2017, VenueRule.DEPARTMENT)


@pytest.mark.slow
@pytest.mark.django_db
def test_the_demo_records_the_venues_once_and_repairs_them():
    report = build.DemoReport()
    build.build_units(report, lambda _: None)
    build.build_venues(report, lambda _: None)
    assert RemedyVenue.objects.count() == 124
    assert "新建124条" in report.lines[-1]
    for unit in Unit.objects.all():
        for day in (dt.date(2019, 6, 3), dt.date(2024, 6, 3)):
            venue = selectors.venue_on(unit, day)
            assert venue is not None
            remedies.check_for_decision(venue, day, unit.name)
    events = AuditEvent.objects.count()
    build.build_venues(report, lambda _: None)
    assert "新建0条，修复0条" in report.lines[-1]
    assert AuditEvent.objects.count() == events
    # A record changed by hand (bypassing the model) is put back as the demo made it.
    RemedyVenue.objects.filter(unit__code="fgw", valid_from=dt.date(2024, 1, 1)).update(
        court="被改动的法院"
    )
    build.build_venues(report, lambda _: None)
    assert "修复1条" in report.lines[-1]
    fgw = Unit.objects.get(code="fgw")
    venue = selectors.venue_on(fgw, dt.date(2024, 6, 3))
    assert venue is not None
    assert venue.court == "北京市延庆区人民法院"
    assert AuditEvent.objects.filter(action="unit.venue_repair").count() == 1


# --- the data migration -------------------------------------------------------------------------
@pytest.mark.django_db(transaction=True)
@pytest.mark.slow
def test_the_migration_turns_a_units_bodies_into_a_record_valid_from_2024():
    before = [("units", "0002_unit_remedy_bodies")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old_apps = executor.loader.project_state(before).apps
    OldUnit = old_apps.get_model("units", "Unit")
    uscc = iter(["91110119MA00000001", "91110119MA00000002", "91110119MA00000003"])
    common = {"parent": None, "sort_order": 0, "is_active": True}
    OldUnit.objects.create(
        code="kzz",
        name="北京市延庆区康庄镇人民政府",
        short_name="康庄镇",
        kind="township",
        uscc=next(uscc),
        reconsideration_body=GOV,
        court=COURT,
        **common,
    )
    OldUnit.objects.create(
        code="rljd",
        name="北京市延庆区儒林街道办事处",
        short_name="儒林街道",
        kind="street",
        uscc=next(uscc),
        reconsideration_body=GOV,
        court=COURT,
        **common,
    )
    OldUnit.objects.create(
        code="half",
        name="未填法院的单位",
        short_name="未填",
        kind="department",
        uscc=next(uscc),
        reconsideration_body=GOV,
        court="",
        **common,
    )
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
    records = {v.unit.code: v for v in RemedyVenue.objects.select_related("unit")}
    assert set(records) == {"kzz", "rljd"}
    assert records["kzz"].rule == VenueRule.LOWER_GOVERNMENT
    assert records["rljd"].rule == VenueRule.DISPATCHED_ORGAN
    for venue in records.values():
        assert venue.valid_from == dt.date(2024, 1, 1)
        assert (venue.body, venue.court) == (GOV, COURT)
        assert venue.note == "由单位信息中的行政复议机关和管辖法院迁移，请核对"
        assert remedies.venue_problems(venue.as_venue()) == []
    assert not hasattr(Unit.objects.get(code="kzz"), "reconsideration_body")
