"""Training: the office records a session, the units that attended and their people, and the
materials, each change audited; the year's figures feed the annual report's prose; the
supervisor reads; bad input gets a Chinese message and stores nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from gongkai.audit.models import AuditEvent
from gongkai.reports import counting
from gongkai.reports import services as reports
from gongkai.training import selectors, services
from gongkai.training.models import Attendance, Material, Session
from tests.conftest import login
from tests.factories import PNG

DATA = {
    "held_on": dt.date(2019, 6, 25),
    "title": "2019年度政府信息公开业务培训",
    "organiser": "区政府办",
    "place": "区政务服务中心",
    "content": "新修订《条例》解读",
}


@pytest.fixture
def session(office):
    return services.session_create(actor=office.user, data=DATA)


def test_a_session_with_its_units_and_materials_is_recorded_and_audited(
    session, office, unit_a, unit_b
):
    services.attendance_save(
        actor=office.user,
        session=session,
        rows=[services.Attendee(unit_a, 3, "张三、李四、王五"), services.Attendee(unit_b, 0)],
    )
    assert [(a.unit_id, a.people) for a in session.attendances.all()] == [(unit_a.pk, 3)]
    services.attendance_save(
        actor=office.user,
        session=session,
        rows=[services.Attendee(unit_a, 4), services.Attendee(unit_b, 2)],
    )
    assert sorted(session.attendances.values_list("people", flat=True)) == [2, 4]
    (material,) = services.materials_add(
        actor=office.user, session=session, files=[("讲义.png", PNG)]
    )
    assert material.file.read() == PNG
    actions = list(
        AuditEvent.objects.filter(object_type="session")
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == [
        "training.session_create",
        "training.attendance",
        "training.attendance",
        "training.material",
    ]
    event = AuditEvent.objects.filter(action="training.attendance").order_by("seq").last()
    assert "第三条" in event.legal_basis
    assert "6人" in event.summary


def test_saving_the_same_attendance_again_changes_and_records_nothing(session, office, unit_a):
    rows = [services.Attendee(unit_a, 3)]
    services.attendance_save(actor=office.user, session=session, rows=rows)
    before = AuditEvent.objects.count()
    services.attendance_save(actor=office.user, session=session, rows=rows)
    assert AuditEvent.objects.count() == before


def test_a_material_of_the_wrong_type_is_refused_and_nothing_stored(session, office):
    with pytest.raises(services.TrainingError, match="不是允许的类型"):
        services.materials_add(
            actor=office.user, session=session, files=[("a.png", PNG), ("b.exe", b"MZ\x90")]
        )
    assert Material.objects.count() == 0


def test_the_years_figures_for_the_district_and_for_a_unit(session, office, unit_a, unit_b):
    services.attendance_save(
        actor=office.user,
        session=session,
        rows=[services.Attendee(unit_a, 5), services.Attendee(unit_b, 2)],
    )
    other = services.session_create(
        actor=office.user, data=DATA | {"held_on": dt.date(2019, 11, 5)}
    )
    services.attendance_save(actor=office.user, session=other, rows=[services.Attendee(unit_a, 1)])
    services.session_create(actor=office.user, data=DATA | {"held_on": dt.date(2020, 1, 2)})
    district = selectors.year_figures(2019)
    assert (district.sessions, district.people, district.units) == (2, 8, 2)
    assert district.dates == (dt.date(2019, 6, 25), dt.date(2019, 11, 5))
    b = selectors.year_figures(2019, unit_id=unit_b.pk)
    assert (b.sessions, b.people, b.units) == (1, 2, 1)
    assert selectors.year_figures(2018).sessions == 0


def test_the_draft_report_states_the_years_training(session, office, district, unit_a, unit_b):
    services.attendance_save(
        actor=office.user,
        session=session,
        rows=[services.Attendee(unit_a, 100), services.Attendee(unit_b, 89)],
    )
    text = reports.training_sentence(counting.Scope(2019, None))
    assert text == (
        "业务培训方面，2019年组织政府信息公开业务培训1期（6月25日），"
        "全区2家公开单位189名工作人员参加。"
    )
    assert "本单位89名工作人员" in reports.training_sentence(counting.Scope(2019, unit_b.pk))
    assert reports.training_sentence(counting.Scope(2020, None)) == ""
    report = reports.report_create(actor=office.user, year=2019, unit=None).report
    assert text in report.overview
    # the sentence is one the prose check reads without a finding
    assert not [f for f in reports.validate(report) if f.severity == "error"]


# --- the pages ------------------------------------------------------------------------------------
def test_the_office_records_a_session_through_the_pages(office, unit_a, unit_b):
    client = login(office)
    response = client.post(
        reverse("staff:training_create"),
        {k: (v.isoformat() if isinstance(v, dt.date) else v) for k, v in DATA.items()},
    )
    session = Session.objects.get()
    assert response["Location"] == reverse("staff:training_attendance", args=[session.pk])
    page = client.get(response["Location"]).content.decode()
    assert unit_a.name in page
    assert unit_b.name in page
    response = client.post(
        reverse("staff:training_attendance", args=[session.pk]),
        {f"people_{unit_a.pk}": "7", f"names_{unit_a.pk}": "张三", f"people_{unit_b.pk}": ""},
    )
    assert response.status_code == 302
    assert list(Attendance.objects.values_list("people", flat=True)) == [7]
    detail = client.get(reverse("staff:training_session", args=[session.pk])).content.decode()
    assert "1 家单位，7 人" in detail
    listing = client.get(reverse("staff:training"), {"year": 2019}).content.decode()
    assert "2019年度政府信息公开业务培训" in listing
    client.post(
        reverse("staff:training_material_add", args=[session.pk]),
        {"materials": [_upload("讲义.png", PNG)]},
    )
    assert session.materials.count() == 1
    download = client.get(
        reverse("staff:training_material", args=[session.pk, session.materials.get().pk])
    )
    assert b"".join(download.streaming_content) == PNG


def _upload(name: str, content: bytes):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content)


@pytest.mark.parametrize(
    ("people", "message"),
    [("-1", "参训人数不能为负数"), ("abc", "参训人数应为整数"), ("100000", "不能超过9999")],
)
def test_bad_attendance_gets_a_chinese_message_and_stores_nothing(
    session, office, unit_a, people, message
):
    response = login(office).post(
        reverse("staff:training_attendance", args=[session.pk]), {f"people_{unit_a.pk}": people}
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert Attendance.objects.count() == 0


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"held_on": "2019-13-01"}, "日期格式不正确"),
        ({"title": ""}, "这个字段是必填项"),
        ({"title": "x" * 201}, "200"),
    ],
)
def test_a_bad_session_gets_a_chinese_message_and_stores_nothing(office, changes, message):
    data = {k: (v.isoformat() if isinstance(v, dt.date) else v) for k, v in DATA.items()}
    response = login(office).post(reverse("staff:training_create"), data | changes)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert Session.objects.count() == 0


def test_the_supervisor_reads_and_unit_staff_do_not_see_training(session, supervisor, clerk_a):
    assert (
        login(supervisor).get(reverse("staff:training_session", args=[session.pk])).status_code
        == 200
    )
    assert (
        login(supervisor).post(reverse("staff:training_edit", args=[session.pk])).status_code == 403
    )
    assert login(clerk_a).get(reverse("staff:training")).status_code == 404


def test_a_session_of_a_year_whose_report_is_published_cannot_change(session, office, monkeypatch):
    from gongkai.core import locks

    monkeypatch.setattr(
        locks, "_finder", lambda unit_id, year: "2019年度报告" if year == 2019 else None
    )
    with pytest.raises(services.TrainingError, match="2019年度报告"):
        services.session_update(actor=office.user, session=session, data=DATA | {"title": "改"})
    with pytest.raises(services.TrainingError):
        services.session_create(actor=office.user, data=DATA)
