"""A submission of no unit belongs to the government it was sent to (docs/governments.md): an
application, a question or an error report left 不确定 on a district's portal host, or an
application registered at the counter of a district's office, is that district's
(Application/Question.government): its office sees it, routes it within its subtree only, and
its days run on the district's region's calendar; on a host naming no government it is the
deployment's, as before."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from django.test import Client
from django.urls import reverse

from gongkai import law
from gongkai.accounts.access import is_whole_deployment, visible_units
from gongkai.applications import services
from gongkai.applications.models import Application
from gongkai.applications.status import Status
from gongkai.audit.models import AuditEvent
from gongkai.questions import services as question_services
from gongkai.questions.models import Question
from gongkai.regions import services as regions
from gongkai.statistics.figures import Month
from gongkai.statistics.selectors import month_report
from gongkai.units import services as unit_services
from gongkai.units.models import Role, UnitKind
from tests.conftest import login, make_staff, make_unit
from tests.factories import VALID_ID, applicant

HOST_A = "jq.example.gov.cn"
HOST_B = "yq.example.gov.cn"
NEUTRAL = "www.example.gov.cn"


@pytest.fixture
def city(db, settings):
    settings.ALLOWED_HOSTS = [HOST_A, HOST_B, NEUTRAL, "testserver"]
    settings.GONGKAI_PUBLIC_RATE_LIMIT = 1000
    city = make_unit("bjs", "北京市人民政府", UnitKind.CITY, serial=101, venues=False)
    a = make_unit("jqzf", "北京市甲区人民政府", UnitKind.DISTRICT, serial=102, parent=city)
    b = make_unit("yqzf", "北京市乙区人民政府", UnitKind.DISTRICT, serial=103, parent=city)
    unit_a = make_unit("jqfgw", "北京市甲区发展和改革委员会", serial=104, parent=a)
    unit_b = make_unit("yqfgw", "北京市乙区发展和改革委员会", serial=105, parent=b)
    city_unit = make_unit("bjsfgw", "北京市发展和改革委员会", serial=106, parent=city)
    for government, host in ((a, HOST_A), (b, HOST_B)):
        unit_services.unit_update(actor=None, unit=government, data={"portal_host": host})
    return {
        "city": city,
        "a": a,
        "b": b,
        "unit_a": unit_a,
        "unit_b": unit_b,
        "city_unit": city_unit,
        "city_office": make_staff("city.office", Role.OFFICE, city, "市公开办"),
        "office_a": make_staff("office.a", Role.OFFICE, a, "甲区公开办"),
        "office_b": make_staff("office.b", Role.OFFICE, b, "乙区公开办"),
        "clerk_b": make_staff("clerk.b", Role.CLERK, unit_b, "乙区经办"),
        "office": make_staff("office", Role.OFFICE, None, "平台公开办"),
    }


def on(host: str) -> Client:
    return Client(HTTP_HOST=host)


def apply_form(**changes) -> dict:
    return {
        "unit": "",
        "applicant_type": "natural",
        "applicant_name": "张三",
        "id_type": "resident_id",
        "id_number": VALID_ID,
        "phone": "13800000000",
        "info_title": "某地块征地补偿方案",
        "provision_form": "electronic",
        "delivery_method": "download",
        "token": str(uuid.uuid4()),
        "promise": "on",
        "website": "",
    } | changes


def ask_form(**changes) -> dict:
    return {
        "unit": "",
        "asker_name": "张三",
        "phone": "13800000000",
        "email": "",
        "subject": "办理居住证需要哪些材料",
        "text": "请问需要哪些材料？",
        "public": "1",
        "token": str(uuid.uuid4()),
        "website": "",
    } | changes


def error_form(**changes) -> dict:
    return {
        "page_url": "/items/12/",
        "error_category": "typo",
        "description": "第二段有错字。",
        "reporter_name": "",
        "phone": "",
        "email": "",
        "token": str(uuid.uuid4()),
        "website": "",
    } | changes


def submit_everything(host: str) -> tuple[Application, Question, Question]:
    """An application, a question and an error report, each left 不确定, sent on ``host``."""
    client = on(host)
    assert client.post(reverse("portal:apply"), apply_form()).status_code == 302
    assert client.post(reverse("portal:ask"), ask_form()).status_code == 302
    assert client.post(reverse("portal:site_error"), error_form()).status_code == 302
    application = Application.objects.latest("id")
    question = Question.objects.filter(kind="question").latest("id")
    report = Question.objects.filter(kind="site_error").latest("id")
    return application, question, report


# --- intake ---------------------------------------------------------------------------------------
@pytest.mark.django_db
def test_every_submission_left_unsure_on_a_districts_host_is_that_districts(city):
    application, question, report = submit_everything(HOST_B)
    assert application.status == Status.UNROUTED
    assert (application.unit, application.government) == (None, city["b"])
    assert (question.unit, question.government) == (None, city["b"])
    assert (report.unit, report.government) == (None, city["b"])
    # audited under the district, whose office reads its own audit
    for obj in (application, question, report):
        event = AuditEvent.objects.filter(
            object_type=obj._meta.model_name, object_id=str(obj.pk)
        ).earliest("id")
        assert event.unit == city["b"]
        assert "待北京市乙区人民政府分办" in event.summary


@pytest.mark.django_db
def test_on_a_host_naming_no_government_they_stay_the_deployments(city):
    application, question, report = submit_everything(NEUTRAL)
    assert application.government is None
    assert question.government is None
    assert report.government is None
    for office in (city["office_a"], city["office_b"]):
        client = login(office)
        assert client.get(reverse("staff:case", args=[application.pk])).status_code == 404
        assert client.get(reverse("staff:question", args=[question.pk])).status_code == 404
        assert client.get(reverse("staff:question", args=[report.pk])).status_code == 404
    for office in (city["city_office"], city["office"]):
        client = login(office)
        assert client.get(reverse("staff:case", args=[application.pk])).status_code == 200
        assert client.get(reverse("staff:question", args=[report.pk])).status_code == 200


@pytest.mark.django_db
def test_a_unit_chosen_on_a_districts_host_keeps_the_district_for_a_hand_back(city):
    client = on(HOST_B)
    response = client.post(reverse("portal:apply"), apply_form(unit=city["unit_b"].pk))
    assert response.status_code == 302
    application = Application.objects.get()
    assert (application.unit, application.government) == (city["unit_b"], city["b"])
    services.application_hand_back(
        actor=city["clerk_b"].user, application=application, reason="不属于本单位职责"
    )
    application.refresh_from_db()
    assert application.status == Status.UNROUTED
    assert application.government == city["b"]
    page = login(city["office_b"]).get(reverse("staff:routing")).content.decode()
    assert application.tracking_number in page
    outsider = login(city["office_a"])
    assert outsider.get(reverse("staff:case", args=[application.pk])).status_code == 404


# --- the district's office: inbox, lists, routing ---------------------------------------------
@pytest.mark.django_db
def test_the_districts_office_finds_them_in_its_inbox_and_lists_and_no_other_district_does(city):
    application, question, report = submit_everything(HOST_B)
    b, a = login(city["office_b"]), login(city["office_a"])
    for path, shown in (
        (reverse("staff:routing"), application.tracking_number),
        (reverse("staff:workbench"), application.tracking_number),
        (reverse("staff:questions"), question.tracking_number),
        (reverse("staff:questions") + "?kind=site_error", report.tracking_number),
    ):
        assert shown in b.get(path).content.decode(), path
        assert shown not in a.get(path).content.decode(), path
    home = b.get(reverse("staff:home"))
    assert home.context["unrouted"] == 1
    assert home.context["questions_unrouted"] == 2
    assert a.get(reverse("staff:home")).context["unrouted"] == 0
    # the city's office, above both, sees them too
    city_page = login(city["city_office"]).get(reverse("staff:routing")).content.decode()
    assert application.tracking_number in city_page
    # the routing form offers 乙's units only
    form = b.get(reverse("staff:routing")).context["form"]
    assert set(form.fields["unit"].queryset) == {city["b"], city["unit_b"]}


@pytest.mark.django_db
def test_the_districts_office_routes_within_its_subtree_only(city):
    application, question, report = submit_everything(HOST_B)
    client = login(city["office_b"])
    url = reverse("staff:case_step", args=[application.pk, "assign"])
    # a unit of 甲: not on the form's list, nothing changes
    response = client.post(url, {"assign-unit": city["unit_a"].pk, "assign-note": ""})
    assert response.status_code == 400
    application.refresh_from_db()
    assert application.unit is None
    response = client.post(url, {"assign-unit": city["unit_b"].pk, "assign-note": ""})
    assert response.status_code == 302
    application.refresh_from_db()
    assert (application.unit, application.status) == (city["unit_b"], Status.PROCESSING)
    event = application.events.get(kind="assigned")
    assert event.basis.startswith(law.ART4_WORK_SYSTEM.citation)
    audit = AuditEvent.objects.filter(
        object_type="application", object_id=str(application.pk), unit=city["unit_b"]
    ).latest("id")
    assert law.ART4_WORK_SYSTEM.citation in audit.legal_basis
    for item in (question, report):
        url = reverse("staff:question_route", args=[item.pk])
        assert client.post(url, {"unit": city["unit_a"].pk}).status_code == 400
        assert client.post(url, {"unit": city["unit_b"].pk}).status_code == 302
        item.refresh_from_db()
        assert item.unit == city["unit_b"]


@pytest.mark.django_db
def test_not_even_the_city_office_routes_a_districts_submission_out_of_the_district(city):
    """The application was made to 乙's government: an organ of the city or of 甲 is not the
    agency applied to (《条例》第三十六条第（五）项: the unit tells the applicant which organ
    holds the information), so the service refuses it whoever routes."""
    application, question, _report = submit_everything(HOST_B)
    for unit in (city["city_unit"], city["unit_a"]):
        with pytest.raises(services.ApplicationError, match="第三十六条第（五）项"):
            services.application_assign(
                actor=city["city_office"].user, application=application, unit=unit
            )
        with pytest.raises(question_services.QuestionError, match="只能分办至其所属单位"):
            question_services.question_route(
                actor=city["city_office"].user, question=question, unit=unit
            )
    application.refresh_from_db()
    assert application.unit is None
    # the deployment's own submissions go anywhere, as ever
    neutral, _q, _r = submit_everything(NEUTRAL)
    services.application_assign(
        actor=city["city_office"].user, application=neutral, unit=city["unit_a"]
    )


# --- the counter and conversions ------------------------------------------------------------------
@pytest.mark.django_db
def test_the_counter_of_a_districts_office_receives_for_the_district(city):
    data = {
        "channel": "in_person",
        "submitted_on": "2025-03-03",
        "unit": "",
        "applicant_type": "natural",
        "applicant_name": "李四",
        "id_type": "resident_id",
        "id_number": VALID_ID,
        "phone": "010-69100000",
        "info_title": "某项目批复",
        "provision_form": "paper",
        "delivery_method": "post",
        "address": "北京市乙区",
    }
    response = login(city["office_b"]).post(reverse("staff:intake"), data)
    assert response.status_code == 200
    application = Application.objects.get()
    assert (application.unit, application.government) == (None, city["b"])
    assert application.status == Status.UNROUTED
    # a unit outside the district is not on the office's list
    response = login(city["office_b"]).post(
        reverse("staff:intake"), {**data, "unit": city["unit_a"].pk}
    )
    assert response.status_code == 400
    assert Application.objects.count() == 1
    # a unit's clerk still registers for their own unit
    response = login(city["clerk_b"]).post(reverse("staff:intake"), data)
    assert response.status_code == 400


@pytest.mark.django_db
def test_the_service_refuses_a_unit_outside_the_government_received_for(city):
    with pytest.raises(services.ApplicationError, match="不是北京市乙区人民政府所属的单位"):
        services.application_register(
            actor=city["office_b"].user,
            data=applicant(),
            unit=city["unit_a"],
            channel="in_person",
            submitted_on=dt.date(2025, 3, 3),
            government=city["b"],
        )
    assert not Application.objects.exists()


@pytest.mark.django_db
def test_a_question_converted_without_a_unit_stays_with_its_district(city):
    _application, question, _report = submit_everything(HOST_B)
    question = question_services.question_convert(
        actor=city["office_b"].user,
        question=question,
        data=applicant(info_title="居住证办理依据"),
        unit=None,
    )
    converted = question.application
    assert converted is not None
    assert (converted.unit, converted.government) == (None, city["b"])
    assert converted.status == Status.UNROUTED
    outsider = login(city["office_a"])
    assert outsider.get(reverse("staff:case", args=[converted.pk])).status_code == 404


# --- the clock on the district's calendar -------------------------------------------------------
def _district_holiday(city, day: dt.date) -> None:
    regions.regional_day_add(
        actor=city["office_b"].user,
        government=city["b"],
        day=day,
        kind="holiday",
        name="地方节日（测试）",
        basis="测政办发〔2026〕1号",
    )


@pytest.mark.django_db
def test_an_unrouted_submission_runs_on_its_districts_calendar(city):
    """A holiday of 乙 within the span: 乙's unrouted submissions are due when its units' are,
    a working day later than the deployment's (the national calendar)."""
    today = services.today()
    _district_holiday(city, regions.calendar_for(None).add(today, 1))
    unrouted, question, report = submit_everything(HOST_B)
    routed = on(HOST_B).post(reverse("portal:apply"), apply_form(unit=city["unit_b"].pk))
    assert routed.status_code == 302
    routed_application = Application.objects.get(unit=city["unit_b"])
    neutral, neutral_question, neutral_report = submit_everything(NEUTRAL)
    assert unrouted.due_date == routed_application.due_date
    assert unrouted.due_date > neutral.due_date
    for item, kind in ((question, "question"), (report, "site_error")):
        due, _provisional = question_services.due_for(
            item.received_on, question_services.Kind(kind), city["unit_b"]
        )
        assert item.due_date == due
    assert question.due_date > neutral_question.due_date
    assert report.due_date > neutral_report.due_date


@pytest.mark.django_db
def test_a_districts_new_holiday_moves_its_unrouted_due_dates(city):
    today = services.today()
    unrouted, question, report = submit_everything(HOST_B)
    before = (unrouted.due_date, question.due_date, report.due_date)
    neutral, neutral_question, _ = submit_everything(NEUTRAL)
    _district_holiday(city, regions.calendar_for(None).add(today, 1))
    for item in (unrouted, question, report, neutral, neutral_question):
        item.refresh_from_db()
    assert unrouted.due_date > before[0]
    assert question.due_date > before[1]
    assert report.due_date > before[2]
    # the deployment's own stay on the national calendar
    assert neutral.due_date == before[0]
    assert neutral_question.due_date == before[1]


# --- the district's figures -----------------------------------------------------------------------
@pytest.mark.django_db
def test_the_districts_monthly_figures_count_what_was_sent_to_it(city):
    """The statistics page of a government's office: the applications sent to it and not yet
    routed count among its month's new applications, another district's do not."""
    today = services.today()
    submit_everything(HOST_B)
    submit_everything(NEUTRAL)
    month = Month(today.year, today.month)
    for office, expected in ((city["office_b"], 1), (city["office_a"], 0), (city["office"], 2)):
        units = list(visible_units(office))
        report = month_report(
            month, units, district=True, today=today, whole=is_whole_deployment(office)
        )
        assert report.total.new == expected, office
    response = login(city["office_b"]).get(reverse("staff:monthly_statistics"))
    assert response.status_code == 200


@pytest.mark.django_db
def test_a_districts_export_lists_its_own_applications_only(city):
    """The export of a year's applications (with personal data) from a government's office:
    its own, routed or not; never another district's or the deployment's."""
    ours, _q, _r = submit_everything(HOST_B)
    on(HOST_B).post(reverse("portal:apply"), apply_form(unit=city["unit_b"].pk))
    routed = Application.objects.get(unit=city["unit_b"])
    neutral, _q, _r = submit_everything(NEUTRAL)
    query = {"year": services.today().year, "unit": "", "format": "csv"}

    def exported(office) -> str:
        response = login(office).get(reverse("staff:export"), query)
        assert response.status_code == 200
        return response.content.decode("utf-8-sig")

    page = exported(city["office_b"])
    assert ours.tracking_number in page
    assert routed.tracking_number in page
    assert neutral.tracking_number not in page
    page = exported(city["office_a"])
    assert ours.tracking_number not in page
    assert routed.tracking_number not in page
    # a unit of another district named in the address: nothing of it either
    response = login(city["office_a"]).get(
        reverse("staff:export"), {**query, "unit": city["unit_b"].code}
    )
    assert routed.tracking_number not in response.content.decode("utf-8-sig")
    page = exported(city["office"])
    for application in (ours, routed, neutral):
        assert application.tracking_number in page


@pytest.mark.django_db
def test_the_receipt_of_an_unrouted_application_is_signed_by_its_government(city):
    ours, _q, _r = submit_everything(HOST_B)
    receipt = ours.documents.exclude(rendered=[]).get()
    assert city["b"].name in str(receipt.rendered)
    neutral, _q, _r = submit_everything(NEUTRAL)
    receipt = neutral.documents.exclude(rendered=[]).get()
    assert "人民政府" not in str(receipt.rendered)


@pytest.mark.django_db
def test_the_forms_say_who_routes_a_submission_left_unsure(city):
    for name in ("portal:apply", "portal:ask"):
        page = on(HOST_B).get(reverse(name)).content.decode()
        assert "不确定（由北京市乙区人民政府分办）" in page
        page = on(NEUTRAL).get(reverse(name)).content.decode()
        assert "不确定（由区政府信息公开办公室分办）" in page


@pytest.mark.django_db
def test_the_districts_consolidated_report_counts_what_was_sent_to_it_and_not_routed(city):
    """An application sent to 乙 and still unrouted: a new case of 乙's year in 乙's
    consolidated report (table 三), not in 甲's."""
    from gongkai import report_format as fmt
    from gongkai.reports import services as report_services

    ours, _q, _r = submit_everything(HOST_B)
    year = ours.receipt_date.year
    for government, expected in ((city["b"], 1), (city["a"], 0)):
        report = report_services.report_create(
            actor=city["city_office"].user, year=year, unit=government, consolidated=True
        ).report
        rows = report_services.build(report)["applications"]["rows"]
        assert rows[fmt.ROW_NEW][fmt.TOTAL] == expected, government
