"""Access is decided in one place (gongkai.accounts.access). Every staff page is tried by an
outsider: not logged in, logged in without a staff role, staff of another unit, unit staff on
the office's pages, and the read-only supervisor trying to change something."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Mapping
from typing import Any

import pytest
from django.conf import settings
from django.db import transaction
from django.db.models import Model
from django.test import Client
from django.urls import URLPattern, reverse

from gongkai import staff_urls
from gongkai.accounts.access import (
    POLICY,
    READ_ONLY_POSTS,
    Action,
    acts_for,
    can,
    is_district_wide,
    is_office,
    is_read_only,
)
from gongkai.appeals import services as appeal_services
from gongkai.applications import services
from gongkai.assessment import services as assessment_services
from gongkai.catalog import services as catalog_services
from gongkai.consultations import services as consultation_services
from gongkai.inspections import services as inspection_services
from gongkai.questions import services as question_services
from gongkai.reports import services as report_services
from gongkai.tasks import services as task_services
from gongkai.training import services as training_services
from gongkai.units.models import Role, Staff
from gongkai.websitereport import services as website_return_services
from tests import pages
from tests.conftest import (
    PERSONAS,
    login,
    make_citizen,
    make_district,
    make_persona,
    make_unit_a,
    make_unit_b,
)
from tests.factories import PNG, columns_of, draft, far_regional_day, register

# Pages for the office (and, where the policy says so, the supervisor) only.
NOT_FOR_UNIT_STAFF = {
    "report_act",  # tried with "publish"
    "reports_rollup",  # a government's roll-up progress: the office's (and the supervisor's)
    "unit_create",
    "staff_create",
    "staff_password",
    "calendar_load",
    "regional_day_add",  # a government's office enters its region's days
    "regional_day_withdraw",
    "routing",
    "export",
    "column_create",
    "column_edit",
    "places",
    "venue_create",
    # the district's training: the office records it, the supervisor reads it
    "training",
    "training_create",
    "training_session",
    "training_edit",
    "training_attendance",
    "training_material_add",
    "training_material",
    "inspection_create",
    "inspection_finding",
    "inspection_issue",
    "rectification_close",
    "rectification_return",
    "item_back_enter",
    "sitecheck",
    "sitecheck_export",
    "assessment_create",
    "assessment_rubric_load",
    "assessment_ranking",
    "assessment_export",
    "assessment_third_party",
    "assessment_template",
    "assessment_score",
    "assessment_act",  # tried with "publish"
    # the district's consultations: the office runs them, the supervisor reads them
    "consultations",
    "consultation_create",
    "consultation",
    "consultation_attachment_add",
    "consultation_end",
    "consultation_feedback",
    "consultation_moderate",
    "consultation_adoption",
    "survey_create",
    "survey",
    # the public's questions: the office routes and reads the figures
    "question_route",
    "question_statistics",
    # the website's annual return and the response log: the office keeps them, the supervisor reads
    "website_returns",
    "website_return_create",
    "website_return",
    "website_return_edit",
    "website_return_act",
    "website_return_download",
    "concern_responses",
    "concern_response_create",
    "concern_response_edit",
}
# Pages about one unit's records: staff of another unit are outsiders.
UNIT_SCOPED = {
    "repeat_draft",  # the cluster of another unit's application
    "register_release",
    "unit_detail",
    "unit_edit",
    "venue_create",
    "staff_edit",
    "staff_password",
    "case",
    "case_step",
    "reset_code",
    "reveal",
    "case_print",
    "case_zip",
    "document",
    "document_print",
    "appeal",
    "report",
    "report_cell",
    "report_act",
    "report_download",
    "item",
    "item_edit",
    "item_submit",
    "item_revise",
    "item_review",
    "item_back_enter",
    "attachment_add",
    "attachment",
    "attachment_delete",
    "columns",
    "column_create",
    "column_edit",
    "guide",
    "inspection",
    "inspection_finding",
    "inspection_issue",
    "rectification",
    "rectification_notice",
    "rectification_respond",
    "rectification_close",
    "rectification_return",
    "rectification_evidence",
    "assessment_sheet",
    "assessment_score",
    "question",
    "question_route",
    "question_draft",
    "question_review",
    "question_convert",
    # a run about unit A's report: its state and its file (tasks/access.py)
    "task",
    "task_file",
}
POST_ONLY = {
    "regional_day_add",
    "regional_day_withdraw",
    "register_release",
    "item_back_enter",
    "case_step",
    "reset_code",
    "reveal",
    "inspection_finding",
    "inspection_issue",
    "rectification_close",
    "rectification_return",
    "training_material_add",
    "consultation_attachment_add",
    "consultation_end",
    "consultation_feedback",
    "consultation_moderate",
    "consultation_adoption",
    "question_route",
    "question_draft",
    "question_review",
    "website_return_act",
    "task_queue",
}
# Pages the office does not use: handling a unit's case, or drafting and reviewing a unit's
# items, is for that unit's staff.
UNIT_HANDLING = {
    "reset_code",
    "case_step",  # tried with a handling step
    "item_create",
    "item_edit",
    "item_submit",
    "item_revise",
    "item_review",
    "attachment_add",
    "attachment_delete",
    "rectification_respond",  # the unit reports its own rectification
    "question_draft",  # the unit answers its own question
    "question_review",
}


def routes() -> list[URLPattern]:
    return [p for p in staff_urls.urlpatterns if isinstance(p, URLPattern)]


def build_world(*, office, clerk_a, unit_a) -> dict[str, Any]:
    """A record of every kind a staff page shows: a case with its receipt notice, an appeal, a
    report, a column with a draft item and its attachment."""
    application = register(clerk_a.user, unit_a)
    notice = application.documents.exclude(rendered=[]).first()
    appeal = appeal_services.appeal_record(
        actor=office.user,
        data={
            "kind": "reconsideration",
            "unit": unit_a,
            "application": application,
            "body": "北京市延庆区人民政府",
            "appellant": "张三",
            "filed_on": dt.date(2025, 3, 1),
            "summary": "不服答复",
        },
    )
    report = report_services.report_create(actor=office.user, year=2025, unit=unit_a).report
    # the report's JSON, made by its task (eager: no broker) at the office's request
    task_run, _queued = task_services.run_queue(
        actor=office.user, request=task_services.report_request(report, ".json")
    )
    inspection = inspection_services.inspection_create(
        actor=office.user,
        title="2025年度检查",
        start_on=dt.date(2025, 9, 15),
        end_on=dt.date(2025, 9, 19),
        units=[unit_a],
    )
    inspection_services.finding_add(
        actor=office.user, inspection=inspection, unit=unit_a, kind="other", description="问题"
    )
    rectification = inspection_services.rectification_issue(
        actor=office.user, inspection=inspection, unit=unit_a, on=dt.date(2025, 9, 26)
    )
    response = inspection_services.rectification_respond(
        actor=clerk_a.user, rectification=rectification, text="已整改", files=[("e.png", PNG)]
    )
    assessment = assessment_services.assessment_create(actor=office.user, year=2025)
    columns = columns_of(unit_a)
    item = draft(clerk_a.user, unit_a, columns["news"])
    attachment = catalog_services.attachments_add(
        actor=clerk_a.user, item=item, files=[("photo.png", PNG)]
    )[0]
    session = training_services.session_create(
        actor=office.user,
        data={
            "held_on": dt.date(2025, 6, 25),
            "title": "政府信息公开业务培训",
            "organiser": "区政府办",
            "place": "会议室",
            "content": "",
        },
    )
    training_services.attendance_save(
        actor=office.user, session=session, rows=[training_services.Attendee(unit_a, 3)]
    )
    material = training_services.materials_add(
        actor=office.user, session=session, files=[("讲义.png", PNG)]
    )[0]
    consultation = consultation_services.consultation_open(
        actor=office.user,
        unit=unit_a,
        title="征求意见稿",
        draft="草案",
        opens_on=consultation_services.today(),
        closes_on=consultation_services.today() + dt.timedelta(days=30),
    )
    comment = consultation_services.comment_submit(consultation=consultation, body="意见")
    survey = consultation_services.survey_create(
        actor=office.user,
        title="问卷",
        intro="",
        questions_text="[单选] 是否赞成\n- 是\n- 否",
        opens_on=dt.date(2025, 3, 1),
        closes_on=dt.date(2025, 3, 31),
    )
    question = question_services.question_submit(
        data=question_services.AskerData(
            asker_name="张三", subject="咨询", text="请问如何申请", phone="13800000000"
        ),
        unit=unit_a,
    ).question
    website_return = website_return_services.return_create(actor=office.user, year=2025)
    concern_response = website_return_services.response_record(
        actor=office.user,
        data={
            "responded_on": dt.date(2025, 5, 1),
            "concern": "关注事项",
            "response": "回应",
            "channel": "website",
            "link": "",
        },
    )
    # A day of the district's own, far from every date above: no due date moves.
    regional_day = far_regional_day(office, unit_a.parent)
    return {
        "regional_day": regional_day,
        "website_return": website_return,
        "concern_response": concern_response,
        "question": question,
        "consultation": consultation,
        "comment": comment,
        "survey": survey,
        "training": session,
        "material": material,
        "item": item,
        "attachment": attachment,
        "column": columns["news"],
        "unit": unit_a,
        "member": clerk_a,
        "application": application,
        "document": notice,
        "appeal": appeal,
        "report": report,
        "task_run": task_run,
        "inspection": inspection,
        "rectification": rectification,
        "evidence": response.evidence.get(),
        "assessment": assessment,
    }


# --- the district and the world, built once for this module --------------------------------------
# Some 300 tests each open one page: building the district and the world for each took most of
# their time. They are built once, in a transaction rolled back after the module's last test;
# each test runs in a savepoint inside it (pytest-django's ``db``), so whatever a test changes
# is gone before the next one, as with Django's ``setUpTestData``. Each test gets its own
# instances, read afresh from the database.
Stored = dict[str, tuple[type[Model], int]]


@pytest.fixture(scope="module")
def stored(django_db_setup, django_db_blocker) -> Iterator[Stored]:
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            district = make_district()
            units = {"district": district, "unit_a": make_unit_a(district)}
            units["unit_b"] = make_unit_b(district)
            staff = {
                key: make_persona(key, units[unit] if unit else None)
                for key, (_username, _role, unit, _name) in PERSONAS.items()
            }
            citizen = make_citizen()
            world = build_world(
                office=staff["office"], clerk_a=staff["clerk_a"], unit_a=units["unit_a"]
            )
        except BaseException:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
            raise
    records = {**units, **staff, "citizen": citizen}
    yield {key: (type(record), record.pk) for key, record in records.items()} | {
        f"world.{key}": (type(record), record.pk) for key, record in world.items()
    }
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        outer.__exit__(None, None, None)


def fresh(stored: Stored, key: str):
    model, pk = stored[key]
    return model._default_manager.get(pk=pk)


class World(Mapping[str, Any]):
    """The world's records, each read afresh the first time a test asks for it (a test opens
    one page, which needs one or two of them: reading all fifteen took a third of the sweep)."""

    def __init__(self, stored: Stored) -> None:
        self._stored = stored
        self._keys = [key.removeprefix("world.") for key in stored if key.startswith("world.")]
        self._read: dict[str, Any] = {}

    def __getitem__(self, key: str) -> Any:
        if key not in self._read:
            self._read[key] = fresh(self._stored, f"world.{key}")
        return self._read[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._keys)

    def __len__(self) -> int:
        return len(self._keys)


@pytest.fixture
def world(db, stored):
    return World(stored)


@pytest.fixture(scope="module")
def sessions(stored, django_db_blocker) -> dict[int, str]:
    """A session for each person of the world, opened once with it (inside its transaction):
    the parametrized tests go in on it. A login for each of them took a tenth of the sweep."""
    opened = {}
    with django_db_blocker.unblock():
        for key in [*PERSONAS, "citizen"]:
            record = fresh(stored, key)
            user = getattr(record, "user", record)
            client = Client()
            client.force_login(user)
            opened[user.pk] = client.cookies[settings.SESSION_COOKIE_NAME].value
    return opened


@pytest.fixture
def logged_in(db, sessions) -> Callable[[Any], Client]:
    """``login`` of tests/conftest.py on the session opened for that person with the world."""

    def login(member) -> Client:
        client = Client()
        client.cookies[settings.SESSION_COOKIE_NAME] = sessions[getattr(member, "user", member).pk]
        return client

    return login


@pytest.fixture
def unit_a(db, stored):
    return fresh(stored, "unit_a")


@pytest.fixture
def unit_b(db, stored):
    return fresh(stored, "unit_b")


@pytest.fixture
def office(db, stored):
    return fresh(stored, "office")


@pytest.fixture
def supervisor(db, stored):
    return fresh(stored, "supervisor")


@pytest.fixture
def clerk_a(db, stored):
    return fresh(stored, "clerk_a")


@pytest.fixture
def reviewer_a(db, stored):
    return fresh(stored, "reviewer_a")


@pytest.fixture
def clerk_b(db, stored):
    return fresh(stored, "clerk_b")


@pytest.fixture
def citizen(db, stored):
    return fresh(stored, "citizen")


def url_for(pattern: URLPattern, world) -> str:
    url = pages.url_for(f"staff:{pattern.name}", pattern, world, step="propose_decision")
    if pattern.name == "report_cell":
        url += "?table=三&row=一、本年新收政府信息公开申请数量&col=总计"
    return url


def test_every_staff_view_names_its_action():
    for pattern in routes():
        assert getattr(pattern.callback, "gongkai_action", None) in set(Action), pattern.name


@pytest.mark.django_db
@pytest.mark.parametrize("pattern", routes(), ids=lambda p: p.name)
def test_it_sends_an_anonymous_visitor_to_the_login_page(client, pattern, world):
    url = url_for(pattern, world)
    for method in (client.get, client.post):
        response = method(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.django_db
@pytest.mark.parametrize("pattern", routes(), ids=lambda p: p.name)
def test_it_answers_404_to_a_user_without_a_staff_role(pattern, world, citizen, logged_in):
    client = logged_in(citizen)
    url = url_for(pattern, world)
    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize(
    "pattern", [p for p in routes() if p.name in UNIT_SCOPED], ids=lambda p: p.name
)
def test_it_answers_404_to_staff_of_another_unit(pattern, world, clerk_b, logged_in):
    client = logged_in(clerk_b)
    url = url_for(pattern, world)
    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize(
    "pattern", [p for p in routes() if p.name in NOT_FOR_UNIT_STAFF], ids=lambda p: p.name
)
def test_office_pages_answer_404_to_unit_staff(pattern, world, clerk_a, reviewer_a, logged_in):
    for member in (clerk_a, reviewer_a):
        client = logged_in(member)
        url = url_for(pattern, world)
        assert client.get(url).status_code == 404
        assert client.post(url).status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("pattern", routes(), ids=lambda p: p.name)
def test_the_supervisor_reads_but_never_changes(pattern, world, supervisor, logged_in):
    client = logged_in(supervisor)
    url = url_for(pattern, world)
    response = client.post(url, {"name": "改名"})
    if pattern.callback.gongkai_action in READ_ONLY_POSTS:
        # a form that is posted to be read, never stored (a report to check): refused as
        # incomplete, not as a change
        assert response.status_code == 400
        assert "只能查看，不能修改" not in response.content.decode()
    else:
        assert response.status_code == 403
        assert "只能查看，不能修改" in response.content.decode()
    readable = Role.SUPERVISOR in POLICY[pattern.callback.gongkai_action]
    expected = 200 if readable else 403
    if readable and pattern.name in POST_ONLY:  # a form the supervisor may post (a task)
        expected = 405
    if pattern.name in ("case_step", "report_act"):  # a step the supervisor may not take
        expected = 404
    if pattern.name == "item_review":  # a step the supervisor may not take
        expected = 403
    assert client.get(url).status_code == expected


@pytest.mark.django_db
@pytest.mark.parametrize("pattern", routes(), ids=lambda p: p.name)
def test_the_office_can_open_every_staff_page(pattern, world, office, logged_in):
    expected = 404 if pattern.name in UNIT_HANDLING else 405 if pattern.name in POST_ONLY else 200
    if pattern.name in ("report_act", "report_create", "assessment_act", "website_return_create"):
        # POSTs; a GET goes back
        expected = 302
    assert logged_in(office).get(url_for(pattern, world)).status_code == expected


@pytest.mark.django_db
def test_the_office_may_post_the_routing_step_only(world, office):
    application = world["application"]
    client = login(office)
    assert (
        client.get(reverse("staff:case_step", args=[application.pk, "assign"])).status_code == 405
    )
    assert client.get(reverse("staff:case_step", args=[application.pk, "nope"])).status_code == 404


@pytest.mark.django_db
def test_unit_staff_see_their_own_unit_only(unit_a, unit_b, clerk_a):
    client = login(clerk_a)
    page = client.get(reverse("staff:unit_list")).content.decode()
    assert unit_a.name in page
    assert unit_b.name not in page
    assert client.get(reverse("staff:unit_detail", args=[unit_a.pk])).status_code == 200
    assert client.get(reverse("staff:unit_edit", args=[unit_a.pk])).status_code == 404


@pytest.mark.django_db
def test_the_office_routes_but_does_not_handle_a_units_case(world, office):
    client = login(office)
    application = world["application"]
    url = reverse("staff:case_step", args=[application.pk, "request_correction"])
    response = client.post(
        url, {"request_correction-on": "2025-03-04", "request_correction-items": "x"}
    )
    assert response.status_code == 404
    application.refresh_from_db()
    assert application.status == "processing"
    assert services.today() >= application.receipt_date


@pytest.mark.django_db
def test_an_inactive_staff_account_is_an_outsider(clerk_a):
    clerk_a.user.is_active = False
    clerk_a.user.save()
    client = login(clerk_a)
    assert client.get(reverse("staff:home")).status_code in (302, 404)


def test_the_policy_table_is_complete_and_the_supervisor_changes_nothing():
    assert set(POLICY) == set(Action)
    changing = {
        Action.EDIT_UNIT,
        Action.CREATE_UNIT,
        Action.MANAGE_STAFF,
        Action.MANAGE_CALENDAR,
        Action.INTAKE,
        Action.HANDLE_CASE,
        Action.APPROVE,
        Action.ROUTE,
        Action.MANAGE_TEMPLATES,
        Action.RECORD_APPEAL,
        Action.REVEAL_PERSONAL_DATA,
        Action.MANAGE_VENUES,
        Action.OWN_TOTP,
    }
    for action in changing:
        assert Role.SUPERVISOR not in POLICY[action]
    assert POLICY[Action.APPROVE] == {Role.REVIEWER}
    assert POLICY[Action.CHECK_REPORT] == set(Role)  # it changes nothing: everyone on the staff
    assert {a for a in Action if Role.SUPERVISOR in POLICY[a]} >= READ_ONLY_POSTS
    for action in Action:
        for role in Role:

            class Member:
                pass

            member = Member()
            member.role = role
            member.unit_id = None  # the whole deployment's (accounts.access.scope)
            assert can(member, action) == (role in POLICY[action])  # type: ignore[arg-type]
    assert not can(None, Action.STAFF_HOME)


# --- the predicates pages ask instead of reading a role ----------------------------------------
@pytest.mark.django_db  # an office's unit is looked up in the tree (unit 9: none, the deployment)
@pytest.mark.parametrize(
    (
        "role",
        "unit_id",
        "office",
        "district_wide",
        "read_only",
        "acts_for_own",
        "acts_for_district",
    ),
    [
        (Role.CLERK, 1, False, False, False, True, False),
        (Role.REVIEWER, 1, False, False, False, True, False),
        (Role.OFFICE, None, True, True, False, True, True),
        (Role.OFFICE, 9, True, True, False, True, True),
        (Role.SUPERVISOR, None, False, True, True, False, False),
    ],
)
def test_who_is_the_office_sees_every_unit_reads_only_or_acts_for_a_unit(
    role, unit_id, office, district_wide, read_only, acts_for_own, acts_for_district
):
    staff = Staff(role=role, unit_id=unit_id)
    assert is_office(staff) is office
    assert is_district_wide(staff) is district_wide
    assert is_read_only(staff) is read_only
    assert acts_for(staff, 1) is acts_for_own  # unit 1: the clerk's and the reviewer's own
    assert acts_for(staff, 2) is office  # another unit: only the office acts for it
    assert acts_for(staff, None) is acts_for_district  # the district's own records
