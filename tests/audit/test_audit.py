"""The audit log is append-only: the model, its queryset and the database all refuse changes."""

from __future__ import annotations

import pytest
from django.db import DatabaseError, connection, transaction

from gongkai import law
from gongkai.audit.actions import AuditAction
from gongkai.audit.models import AuditEvent, ImmutableError
from gongkai.audit.services import actor_label, record
from gongkai.core.updates import diff


@pytest.mark.django_db
def test_an_audit_row_cannot_be_changed_or_deleted(office):
    event = record(
        actor=office.user,
        action=AuditAction.UNIT_UPDATE,
        summary="做了一件事",
        basis=law.ART4_WORK_SYSTEM,
    )
    assert event.actor_label == "公开办甲（区政府·公开办）"
    assert event.legal_basis == law.ART4_WORK_SYSTEM.citation
    event.summary = "改写历史"
    with pytest.raises(ImmutableError):
        event.save()
    with pytest.raises(ImmutableError):
        event.delete()
    with pytest.raises(ImmutableError):
        AuditEvent.objects.filter(pk=event.pk).update(summary="改写")
    with pytest.raises(ImmutableError):
        AuditEvent.objects.filter(pk=event.pk).delete()


@pytest.mark.django_db
def test_the_database_itself_refuses_an_update(office):
    event = record(actor=None, action=AuditAction.UNIT_UPDATE, summary="系统操作", basis="测试依据")
    assert event.actor_label == "系统"
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE audit_auditevent SET summary = %s WHERE id = %s", ["x", event.pk])
    assert AuditEvent.objects.get(pk=event.pk).summary == "系统操作"


def test_diff_lists_only_what_changed():
    assert diff({"a": 1, "b": "x"}, {"a": 1, "b": "y", "c": None}) == {"b": ["x", "y"]}


def test_the_label_of_nobody_is_the_system():
    assert actor_label(None) == "系统"


def test_every_basis_names_its_provision_and_rule():
    keys = [b.key for b in law.ALL]
    assert len(keys) == len(set(keys))
    for basis in law.ALL:
        assert basis.citation.startswith("《")
        assert basis.rule
        if basis.instrument == law.REGULATION_2007:
            # The 2007 text keeps its decree number: "《条例》" would read as the 2019 text.
            assert basis.short == basis.citation
        else:
            assert "《条例》" in basis.short or law.REGULATION not in basis.citation
