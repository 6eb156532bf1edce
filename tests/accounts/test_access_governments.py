"""The outsider sweep of tests/accounts/test_access.py, in a city of two districts: the office
and the supervisor of district 甲 are outsiders to district 乙's records on every staff page, the
city's office (the deployment's top government) sees both, and the scope of the office of any
government of any tree is that government's subtree (gongkai.accounts.access.scope).

A module of its own: its world has two governments under a city, while test_access.py's has one
district at the top, whose office is the whole deployment's."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import URLPattern, reverse

from gongkai.accounts.access import (
    DEPLOYMENT_ACTIONS,
    POLICY,
    Action,
    acts_for,
    can,
    is_whole_deployment,
    own_government_id,
    scope,
    visible_staff,
    visible_units,
)
from gongkai.applications import services as application_services
from gongkai.questions import services as question_services
from gongkai.reports import services as report_services
from gongkai.reports.models import ReportStatus
from gongkai.units import services as unit_services
from gongkai.units.models import Role, Staff, Unit, UnitKind
from tests.accounts.test_access import (
    POST_ONLY,
    UNIT_HANDLING,
    UNIT_SCOPED,
    World,
    build_world,
    fresh,
    routes,
    url_for,
)
from tests.conftest import login, make_staff, make_unit
from tests.factories import applicant

OTHER = "乙区"  # in the name of every unit of district 乙, and nowhere else


def make_city() -> dict[str, Any]:
    city = make_unit("bjs", "北京市人民政府", UnitKind.CITY, serial=101, venues=False)
    district_a = make_unit("jqzf", "北京市甲区人民政府", UnitKind.DISTRICT, serial=102, parent=city)
    district_b = make_unit(
        "yqzf", f"北京市{OTHER}人民政府", UnitKind.DISTRICT, serial=103, parent=city
    )
    unit_a = make_unit("jqfgw", "北京市甲区发展和改革委员会", serial=104, parent=district_a)
    unit_b = make_unit("yqfgw", f"北京市{OTHER}发展和改革委员会", serial=105, parent=district_b)
    return {
        "city": city,
        "district_a": district_a,
        "district_b": district_b,
        "unit_a": unit_a,
        "unit_b": unit_b,
        "city_office": make_staff("city.office", Role.OFFICE, city, "市公开办"),
        "office_a": make_staff("office.a", Role.OFFICE, district_a, "甲区公开办"),
        "supervisor_a": make_staff("supervisor.a", Role.SUPERVISOR, district_a, "甲区监督"),
        "office_b": make_staff("office.b", Role.OFFICE, district_b, "乙公开办"),
        "clerk_a": make_staff("clerk.ja", Role.CLERK, unit_a, "甲区经办"),
        "clerk_b": make_staff("clerk.yb", Role.CLERK, unit_b, "乙经办"),
    }


def build_unrouted(records: dict[str, Any]) -> dict[str, Any]:
    """The submissions of no unit sent to district 乙 (its portal host, its counter): an
    application, a question and an error report, each naming 乙 in its text, so that the
    sweep below finds them on any page of 甲's office that shows them."""
    district_b = records["district_b"]
    application = application_services.application_register(
        actor=records["office_b"].user,
        data=applicant(info_title=f"{OTHER}某地块征地补偿方案"),
        unit=None,
        channel="in_person",
        submitted_on=dt.date(2025, 3, 3),
        registered_on=dt.date(2025, 3, 3),
        government=district_b,
    ).application
    question = question_services.question_submit(
        data=question_services.AskerData(
            asker_name="王五", subject=f"{OTHER}居住证办理", text="请问材料", phone="13800000001"
        ),
        unit=None,
        government=district_b,
    ).question
    site_error = question_services.site_error_submit(
        data=question_services.SiteErrorData(
            page_url="/items/1/", category="typo", description=f"{OTHER}网页错字"
        ),
        government=district_b,
    ).question
    return {
        "unrouted_application": application,
        "unrouted_document": application.documents.exclude(rendered=[]).get(),
        "unrouted_question": question,
        "unrouted_site_error": site_error,
    }


@pytest.fixture(scope="module")
def stored(django_db_setup, django_db_blocker) -> Iterator[dict[str, tuple[type, int]]]:
    """The city and a record of every kind in district 乙 (test_access.build_world), built once
    in a transaction rolled back after the module's last test."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            records = make_city()
            world = build_world(
                office=records["city_office"], clerk_a=records["clerk_b"], unit_a=records["unit_b"]
            )
            records |= build_unrouted(records)
        except BaseException:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
            raise
    yield {key: (type(r), r.pk) for key, r in records.items()} | {
        f"world.{key}": (type(r), r.pk) for key, r in world.items()
    }
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        outer.__exit__(None, None, None)


@pytest.fixture
def world(db, stored):
    return World(stored)


@pytest.fixture
def city(db, stored):
    return {key: fresh(stored, key) for key in stored if not key.startswith("world.")}


def _url(pattern: URLPattern, world) -> str:
    return url_for(pattern, world)


# --- the sweep ----------------------------------------------------------------------------------
@pytest.mark.django_db
@pytest.mark.parametrize(
    "pattern", [p for p in routes() if p.name in UNIT_SCOPED], ids=lambda p: p.name
)
def test_another_districts_office_and_supervisor_get_404(pattern, world, city):
    url = _url(pattern, world)
    client = login(city["office_a"])
    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404
    # the supervisor, on a page the role may read; a change is refused as a change (403)
    readable = Role.SUPERVISOR in POLICY[pattern.callback.gongkai_action]
    assert login(city["supervisor_a"]).get(url).status_code == (404 if readable else 403)


@pytest.mark.django_db
@pytest.mark.parametrize("pattern", routes(), ids=lambda p: p.name)
def test_no_staff_page_shows_a_district_office_the_other_districts_records(pattern, world, city):
    """Every page the office of 甲 opens, with the records of 乙 in its address: refused, or
    shown without a word of 乙."""
    response = login(city["office_a"]).get(_url(pattern, world))
    assert response.status_code in (200, 302, 404, 405)
    if response.status_code == 200 and response.get("Content-Type", "").startswith("text/html"):
        assert OTHER not in response.content.decode(), pattern.name


@pytest.mark.django_db
@pytest.mark.parametrize(
    "pattern",
    [p for p in routes() if p.callback.gongkai_action in DEPLOYMENT_ACTIONS],
    ids=lambda p: p.name,
)
def test_the_deployments_own_pages_are_not_a_districts(pattern, world, city):
    assert login(city["office_a"]).get(_url(pattern, world)).status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize(
    "pattern",
    [p for p in routes() if p.name in UNIT_SCOPED - UNIT_HANDLING - POST_ONLY],
    ids=lambda p: p.name,
)
def test_the_city_office_and_the_districts_own_office_open_its_records(pattern, world, city):
    url = _url(pattern, world)
    expected = 302 if pattern.name == "report_act" else 200  # a POST; a GET goes back
    assert login(city["city_office"]).get(url).status_code == expected
    if pattern.callback.gongkai_action in DEPLOYMENT_ACTIONS:
        expected = 404  # scoring the assessment is the deployment's (the city's) office's
    assert login(city["office_b"]).get(url).status_code == expected


@pytest.mark.django_db
def test_the_city_office_sees_both_districts_and_a_district_office_its_own(world, city):
    page = login(city["city_office"]).get(reverse("staff:unit_list")).content.decode()
    assert city["unit_a"].name in page
    assert city["unit_b"].name in page
    page = login(city["office_a"]).get(reverse("staff:unit_list")).content.decode()
    assert city["unit_a"].name in page
    assert OTHER not in page
    # the city above is not theirs either (the header and footer name the deployment's government)
    assert "北京市人民政府" not in page.split("<main", 1)[1].split("</main>", 1)[0]
    page = login(city["office_a"]).get(reverse("staff:staff_list")).content.decode()
    assert "甲区经办" in page
    assert "乙经办" not in page
    assert "市公开办" not in page


@pytest.mark.django_db
def test_only_the_city_office_receives_a_districts_submitted_report(world, city):
    """District 乙's consolidated report, submitted up to the city (docs/rollup.md): 甲's office
    and 甲's supervisor do not see it, nor do 乙's unit clerks; 乙's own office sent it and does
    not accept or return it; the city's office does."""
    report = report_services.report_create(
        actor=city["office_b"].user, year=2025, unit=city["district_b"], consolidated=True
    ).report
    report_services.report_submit(actor=city["office_b"].user, report=report)
    government_clerk = make_staff("clerk.yqzf", Role.CLERK, city["district_b"], "乙区政府经办")
    page = reverse("staff:report", args=[report.pk])
    steps = [reverse("staff:report_act", args=[report.pk, s]) for s in STEPS]
    for outsider in (city["office_a"], city["supervisor_a"], city["clerk_b"], government_clerk):
        client = login(outsider)
        assert client.get(page).status_code == 404
        for url in steps:
            assert client.get(url).status_code == 404
            assert client.post(url, {"reason": "x"}).status_code in (403, 404)
    own = login(city["office_b"])
    for step in ("accept", "return"):
        url = reverse("staff:report_act", args=[report.pk, step])
        assert own.post(url, {"reason": "x"}).status_code == 404
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED
    assert own_government_id(city["office_b"]) == city["district_b"].pk
    assert own_government_id(city["city_office"]) == city["city"].pk
    assert own_government_id(city["clerk_b"]) is None
    url = reverse("staff:report_act", args=[report.pk, "accept"])
    assert login(city["city_office"]).post(url).status_code == 302
    report.refresh_from_db()
    assert report.status == ReportStatus.ACCEPTED


STEPS = ("submit", "accept", "return")


# --- the predicates ----------------------------------------------------------------------------
@pytest.mark.django_db
def test_the_scope_of_each_office(city):
    office_a, city_office = city["office_a"], city["city_office"]
    district_a, unit_a, unit_b = city["district_a"], city["unit_a"], city["unit_b"]
    assert scope(city_office) is None
    assert is_whole_deployment(city_office)
    assert scope(office_a) == {district_a.pk, unit_a.pk}
    assert not is_whole_deployment(office_a)
    assert acts_for(office_a, unit_a.pk)
    assert not acts_for(office_a, unit_b.pk)
    assert not acts_for(office_a, None)  # the records of no unit are the deployment's
    assert acts_for(city_office, unit_b.pk)
    assert acts_for(city_office, None)
    assert set(visible_units(office_a)) == {district_a, unit_a}
    assert set(visible_staff(office_a).values_list("name", flat=True)) == {
        "甲区公开办",
        "甲区监督",
        "甲区经办",
    }
    for action in DEPLOYMENT_ACTIONS:
        assert not can(office_a, action)
        assert can(city_office, action) == (Role.OFFICE in POLICY[action])
    assert can(office_a, Action.ROUTE)


@pytest.mark.django_db
def test_a_district_office_appoints_and_registers_within_its_district_only(world, city):
    client = login(city["office_a"])
    data = {
        "username": "new.person",
        "password": "Zx9!long-enough-pass",
        "name": "新人",
        "role": Role.OFFICE,
        "phone": "",
        "sso_id": "",
    }
    # no unit (the whole deployment) and a unit of 乙: refused, nothing stored
    assert client.post(reverse("staff:staff_create"), data).status_code == 400
    response = client.post(reverse("staff:staff_create"), {**data, "unit": city["unit_b"].pk})
    assert response.status_code == 400
    assert "请选择列表中的单位" in response.content.decode()
    assert not Staff.objects.filter(user__username="new.person").exists()
    response = client.post(reverse("staff:staff_create"), {**data, "unit": city["district_a"].pk})
    assert response.status_code == 302
    # a unit under 乙 cannot be registered by 甲's office, nor its own district moved
    unit_data = {
        "code": "jqnew",
        "name": "北京市甲区新单位",
        "short_name": "新单位",
        "kind": UnitKind.DEPARTMENT,
        "uscc": "",
    }
    response = client.post(reverse("staff:unit_create"), {**unit_data, "parent": city["unit_b"].pk})
    assert response.status_code == 400
    assert not Unit.objects.filter(code="jqnew").exists()
    page = client.get(reverse("staff:unit_edit", args=[city["district_a"].pk])).content.decode()
    assert 'name="parent"' not in page
    assert 'name="kind"' not in page


@pytest.mark.django_db
def test_an_office_or_supervisor_belongs_to_a_government_or_to_no_unit(city):
    loose = make_unit("loose", "不属于任何政府的单位", serial=150)
    for role in (Role.OFFICE, Role.SUPERVISOR):
        with pytest.raises(ValidationError) as caught:
            unit_services.staff_create(
                actor=None,
                username=f"x.{role}",
                password="Zx9!long-enough-pass",
                name="某人",
                role=role,
                unit=loose,
                phone="",
            )
        assert "一级政府" in str(caught.value)
    assert not Staff.objects.filter(user__username__startswith="x.").exists()
    # a government, a unit under one (its general office), or none: accepted
    for n, unit in enumerate((city["district_a"], city["unit_a"], None)):
        unit_services.staff_create(
            actor=None,
            username=f"ok.{n}",
            password="Zx9!long-enough-pass",
            name="某人",
            role=Role.OFFICE,
            unit=unit,
            phone="",
        )


# --- the submissions of no unit sent to 乙 (Application/Question.government) --------------------
# The case and question pages, opened on 乙's unrouted application and question.
UNROUTED_PAGES = {
    "case",
    "case_step",
    "reset_code",
    "reveal",
    "case_print",
    "case_zip",
    "document",
    "document_print",
    "question",
    "question_route",
    "question_draft",
    "question_review",
    "question_convert",
}
# … of which 乙's office and the city's open with a GET (the others are POSTs or a unit's steps)
UNROUTED_OPENED = {
    "case",
    "case_print",
    "case_zip",
    "document",
    "document_print",
    "question",
    "question_convert",
}


def _unrouted_world(world, city, *, site_error: bool = False) -> dict[str, Any]:
    """The world with 乙's unrouted application, its receipt notice and its question (or error
    report) in the places the pages' addresses take them from."""
    return {
        **dict(world.items()),
        "application": city["unrouted_application"],
        "document": city["unrouted_document"],
        "question": city["unrouted_site_error" if site_error else "unrouted_question"],
    }


@pytest.mark.django_db
@pytest.mark.parametrize(
    "pattern", [p for p in routes() if p.name in UNROUTED_PAGES], ids=lambda p: p.name
)
def test_another_districts_office_gets_404_on_the_unrouted_submissions(pattern, world, city):
    """甲's office and supervisor, and 乙's own unit staff (even of the government unit
    itself), are outsiders to a submission of no unit sent to 乙."""
    insider_clerk = make_staff("clerk.yzf", Role.CLERK, city["district_b"], "乙政府经办")
    for site_error in (False, True):
        url = _url(pattern, _unrouted_world(world, city, site_error=site_error))
        for outsider in (city["office_a"], city["clerk_b"], insider_clerk):
            client = login(outsider)
            assert client.get(url).status_code == 404, outsider
            assert client.post(url).status_code == 404, outsider
        readable = Role.SUPERVISOR in POLICY[pattern.callback.gongkai_action]
        assert login(city["supervisor_a"]).get(url).status_code == (404 if readable else 403)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "pattern", [p for p in routes() if p.name in UNROUTED_OPENED], ids=lambda p: p.name
)
def test_the_districts_own_office_and_the_citys_open_its_unrouted_submissions(pattern, world, city):
    url = _url(pattern, _unrouted_world(world, city))
    for office in (city["office_b"], city["city_office"]):
        response = login(office).get(url)
        assert response.status_code == 200, office
    if pattern.name in ("case", "question"):
        page = login(city["office_b"]).get(url).content.decode()
        assert "收件政府" in page
        assert city["district_b"].name in page
