"""Loading a new year's holiday arrangement: validated, versioned, audited, and followed by the
recomputation of every stored due date that depends on that year."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import IntegrityError
from django.urls import reverse

from gongkai.audit.models import AuditEvent
from gongkai.workdays import services
from gongkai.workdays.arrangement import ArrangementError, parse_text
from gongkai.workdays.calendar import DayKind
from gongkai.workdays.models import ArrangementVersion
from tests.clockapp.models import TrackedCase
from tests.conftest import login

D = dt.date.fromisoformat

Y2027 = """year: 2027
notice: 国办发明电〔2026〕99号
title: 国务院办公厅关于2027年部分节假日安排的通知
holidays:
  - {name: 元旦, start: 2027-01-01, end: 2027-01-03}
  - {name: 春节, start: 2027-02-06, end: 2027-02-13}
makeup_workdays:
  - {date: 2027-02-14, name: 春节}
"""


def tracked(received: str, closed: bool = False) -> TrackedCase:
    case = TrackedCase(received=D(received), due=D(received), closed=closed)
    case.recompute(services.current_calendar())
    case.save()
    return case


@pytest.mark.django_db
def test_loading_a_year_recomputes_the_open_due_dates_that_depend_on_it(office):
    reaching = tracked("2027-01-20")  # runs through the new Spring Festival
    assert reaching.provisional
    # Provisionally the statutory 春节 (除夕 5 Feb to 初三 8 Feb, 《全国年节及纪念日放假办法》):
    # two working days lost.
    assert reaching.due == D("2027-02-19")
    before = tracked("2025-01-24")  # 2025 only: not touched
    closed = tracked("2027-01-20", closed=True)

    result = services.arrangement_load(
        actor=office.user, arrangement=parse_text(Y2027), source_name="2027.yaml"
    )

    reaching.refresh_from_db()
    closed.refresh_from_db()
    before.refresh_from_db()
    assert result.recomputed == 1
    assert reaching.provisional is False
    # 8–12 Feb are now holidays (five working days lost), 14 Feb a working day (one gained):
    # the 13th working day is 14 Feb, the 20th is 23 Feb.
    assert reaching.due == D("2027-02-23")
    assert closed.due == D("2027-02-19")
    assert before.due == D("2025-02-27")
    assert result.version.version == 1
    assert services.current_calendar().info(D("2027-02-14")).kind is DayKind.MAKEUP


@pytest.mark.django_db
def test_a_load_is_versioned_and_audited(office):
    services.arrangement_load(actor=office.user, arrangement=parse_text(Y2027), source_name="a")
    second = parse_text(Y2027.replace("end: 2027-02-13", "end: 2027-02-11"))
    result = services.arrangement_load(actor=office.user, arrangement=second, source_name="b")
    assert result.version.version == 2
    assert [(c.day, c.after) for c in result.changes] == [
        (D("2027-02-12"), DayKind.WORKDAY),
        (D("2027-02-13"), DayKind.WEEKEND),
    ]
    assert services.in_force()[2027][1] == result.version
    events = AuditEvent.objects.filter(action="calendar.load").order_by("id")
    assert events.count() == 2
    last = events.last()
    assert last.actor_id == office.user.pk
    assert "国办发明电〔2026〕99号" in last.legal_basis
    assert "《全国年节及纪念日放假办法》" in last.legal_basis
    assert last.changes["days"] == {
        "2027-02-12": ["holiday", "workday"],
        "2027-02-13": ["holiday", "weekend"],
    }


@pytest.mark.django_db
def test_loading_the_same_arrangement_again_is_refused(office):
    services.arrangement_load(actor=office.user, arrangement=parse_text(Y2027), source_name="a")
    with pytest.raises(ArrangementError, match="完全相同"):
        services.arrangement_load(actor=office.user, arrangement=parse_text(Y2027), source_name="a")
    assert ArrangementVersion.objects.count() == 1


@pytest.mark.django_db
def test_a_stored_version_cannot_be_changed(office):
    result = services.arrangement_load(
        actor=office.user, arrangement=parse_text(Y2027), source_name="a"
    )
    version = result.version
    version.note = "changed"
    with pytest.raises(RuntimeError):
        version.save()
    with pytest.raises(IntegrityError):
        ArrangementVersion.objects.create(
            year=2027, version=1, notice="x", payload={}, sha256="", loaded_by_label="x"
        )


@pytest.mark.django_db
def test_the_command_loads_lists_and_exports(tmp_path):
    path = tmp_path / "2027.yaml"
    path.write_text(Y2027, encoding="utf-8")
    out = StringIO()
    call_command("holidays", "load", str(path), "--note", "国办通知发布", stdout=out)
    assert "已载入 2027 年节假日安排（国办发明电〔2026〕99号），第1版" in out.getvalue()
    event = AuditEvent.objects.get(action="calendar.load")
    assert event.actor_id is None
    assert event.actor_label.startswith("命令行")

    out = StringIO()
    call_command("holidays", "list", stdout=out)
    assert "2027  国办发明电〔2026〕99号  第1版" in out.getvalue()
    assert "2025  国办发明电〔2024〕12号  基线数据" in out.getvalue()

    exported = tmp_path / "out.yaml"
    call_command("holidays", "export", "2027", "--output", str(exported), stdout=StringIO())
    assert parse_text(exported.read_text(encoding="utf-8")) == parse_text(Y2027)


@pytest.mark.django_db
def test_the_command_refuses_an_invalid_file_and_stores_nothing(tmp_path, capsys):
    path = tmp_path / "bad.yaml"
    path.write_text(Y2027.replace("2027-02-14", "2027-02-13"), encoding="utf-8")
    with pytest.raises(SystemExit) as info:
        call_command("holidays", "load", str(path))
    assert info.value.code == 2
    assert "既是" in capsys.readouterr().err
    assert ArrangementVersion.objects.count() == 0
    assert AuditEvent.objects.count() == 0
    with pytest.raises(SystemExit):
        call_command("holidays", "load", str(tmp_path / "missing.yaml"))
    assert "无法读取文件" in capsys.readouterr().err


@pytest.mark.django_db
def test_the_office_loads_a_year_in_the_staff_pages_after_a_preview(office):
    client = login(office)
    url = reverse("staff:calendar_load")
    preview = client.post(url, {"text": Y2027, "note": "年度安排"})
    assert preview.status_code == 200
    assert "请核对：2027年" in preview.content.decode()
    assert ArrangementVersion.objects.count() == 0  # nothing stored before confirming

    done = client.post(
        url, {"text": Y2027, "note": "年度安排", "confirm": "True", "source_name": "2027.yaml"}
    )
    assert done.status_code == 302
    assert done["Location"] == reverse("staff:calendar_year", args=[2027])
    version = ArrangementVersion.objects.get()
    assert version.loaded_by == office.user
    assert version.note == "年度安排"
    page = client.get(done["Location"]).content.decode()
    assert "国办发明电〔2026〕99号" in page
    assert "第1版" in page


@pytest.mark.django_db
def test_an_uploaded_invalid_file_shows_every_problem_and_stores_nothing(office):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = login(office)
    bad = SimpleUploadedFile("2027.yaml", b"year: 2027\nnotice: ''\nholidays: nope\n")
    response = client.post(reverse("staff:calendar_load"), {"file": bad})
    assert response.status_code == 400
    page = response.content.decode()
    assert "文件未载入" in page
    assert "不能为空" in page
    assert "holidays：应为列表" in page
    assert ArrangementVersion.objects.count() == 0
    huge = SimpleUploadedFile("big.yaml", b"#" * 70_000)
    response = client.post(reverse("staff:calendar_load"), {"file": huge})
    assert response.status_code == 400
    assert "文件过大" in response.content.decode()


@pytest.mark.django_db
def test_the_staff_pages_warn_when_next_year_is_missing(office, settings):
    page = login(office).get(reverse("staff:home")).content.decode()
    next_year = dt.datetime.now(dt.UTC).year + 1
    if next_year not in services.current_calendar().known_years:
        assert f"{next_year}年的节假日安排尚未载入" in page
