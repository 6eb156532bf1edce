"""The two helpers every app's services share (gongkai.core.updates): the fields of a row set
from a form with what changed for the audit row, and the next version of a versioned record."""

from __future__ import annotations

import datetime as dt

import pytest

from gongkai.applications.models import NoticeTemplate
from gongkai.audit.models import AuditEvent
from gongkai.catalog.models import ReadingPlace
from gongkai.core.updates import create_version, diff, model_update, next_version, snapshot
from gongkai.reports.models import RowMapping
from gongkai.units.models import Unit
from gongkai.units.services import unit_update

FIELDS = ("name", "level", "address", "is_active")


def place() -> ReadingPlace:
    return ReadingPlace.objects.create(name="区档案馆", level="district", address="高塔街1号")


@pytest.mark.django_db
def test_it_sets_only_the_fields_given_and_lists_only_what_changed():
    row = place()
    update = model_update(
        row,
        fields=FIELDS,
        data={"address": "妫水北街2号", "name": "区档案馆", "pk": 999, "level": "district"},
    )
    assert row.address == "妫水北街2号"
    assert row.pk != 999  # not one of the fields
    assert update.changes() == {"address": ["高塔街1号", "妫水北街2号"]}


@pytest.mark.django_db
def test_it_saves_nothing():
    row = place()
    model_update(row, fields=FIELDS, data={"address": "妫水北街2号"})
    assert ReadingPlace.objects.get(pk=row.pk).address == "高塔街1号"


@pytest.mark.django_db
def test_nothing_changed_is_an_empty_diff():
    row = place()
    assert model_update(row, fields=FIELDS, data={"name": "区档案馆"}).changes() == {}
    assert model_update(row, fields=FIELDS, data={}).changes() == {}


@pytest.mark.django_db
def test_the_changes_are_read_when_asked_after_the_service_cleaned_the_row():
    row = place()
    update = model_update(row, fields=FIELDS, data={"address": "  妫水北街2号  "})
    row.address = row.address.strip()  # what a service's checks may do before saving
    assert update.changes() == {"address": ["高塔街1号", "妫水北街2号"]}


def test_a_row_not_stored_yet_has_every_field_new():
    row = ReadingPlace()
    update = model_update(row, fields=FIELDS, data={"name": "区图书馆", "level": "district"})
    assert update.before == {}
    assert update.changes() == {
        "address": [None, ""],
        "is_active": [None, True],
        "level": [None, "district"],
        "name": [None, "区图书馆"],
    }


@pytest.mark.django_db
def test_values_kept_elsewhere_are_listed_with_the_rows_fields_in_order():
    row = place()
    update = model_update(row, fields=FIELDS, data={"name": "区图书馆"})
    assert list(update.changes(also={"active": (True, False)})) == ["active", "name"]
    assert update.changes(also={"active": (True, True)}) == {"name": ["区档案馆", "区图书馆"]}


@pytest.mark.django_db
def test_values_are_compared_and_stored_as_the_audit_row_keeps_them(unit_a):
    before = {"unit": unit_a, "on": dt.date(2025, 1, 2), "table": {"a": {"b": 1}}}
    after = {"unit": unit_a, "on": dt.date(2025, 1, 3), "table": {"a": {"b": 1.0}}}
    assert diff(before, after) == {"on": ["2025-01-02", "2025-01-03"]}
    assert snapshot(unit_a, ["name", "parent"]) == {
        "name": unit_a.name,
        "parent": str(unit_a.parent),
    }
    assert diff({"table": {"a": [1, 2]}}, {"table": {"a": [2, 1]}}) == {
        "table": [{"a": [1, 2]}, {"a": [2, 1]}]
    }


@pytest.mark.django_db
def test_the_first_version_is_1_and_each_next_one_more_per_thing():
    first = create_version(NoticeTemplate, of={"kind": "receipt"}, body="a", created_by_label="x")
    second = create_version(NoticeTemplate, of={"kind": "receipt"}, body="b", created_by_label="x")
    other = create_version(NoticeTemplate, of={"kind": "reply"}, body="c", created_by_label="x")
    assert (first.version, second.version, other.version) == (1, 2, 1)
    assert (second.kind, second.body) == ("receipt", "b")
    assert next_version(NoticeTemplate.objects.filter(kind="receipt")) == 3
    assert next_version(NoticeTemplate.objects.filter(kind="never")) == 1


@pytest.mark.django_db
def test_a_gap_in_the_numbers_is_never_filled():
    NoticeTemplate.objects.create(kind="fee", version=7, body="a", created_by_label="x")
    assert (
        create_version(NoticeTemplate, of={"kind": "fee"}, body="b", created_by_label="x").version
        == 8
    )


@pytest.mark.django_db
def test_a_model_that_versions_one_thing_needs_no_scope():
    assert create_version(RowMapping, mapping={}, note="n", created_by_label="x").version == 1
    assert create_version(RowMapping, mapping={}, note="n", created_by_label="x").version == 2


@pytest.mark.django_db
def test_a_unit_update_through_the_service_audits_the_diff(office, unit_a):
    unit_update(actor=office.user, unit=unit_a, data={"phone": "010-69100000", "bogus": "x"})
    row = AuditEvent.objects.filter(action="unit.update").get()
    assert row.changes == {"phone": [unit_a.phone, "010-69100000"]}
    assert Unit.objects.get(pk=unit_a.pk).phone == "010-69100000"
