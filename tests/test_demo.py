"""``gongkai demo`` builds the district of the seed and can be run again safely."""

from __future__ import annotations

from collections import Counter
from io import StringIO

import pytest
from django.core.management import call_command

from gongkai.audit.models import AuditEvent
from gongkai.units.codes import uscc_problem
from gongkai.units.models import Role, Staff, Unit, UnitKind


def run_demo() -> str:
    out = StringIO()
    call_command("demo", stdout=out, stderr=StringIO())
    return out.getvalue()


@pytest.mark.django_db
def test_the_demo_builds_62_units_as_the_seed_describes():
    output = run_demo()
    assert Unit.objects.count() == 62
    kinds = Counter(Unit.objects.values_list("kind", flat=True))
    assert kinds == {
        UnitKind.DISTRICT: 1,
        UnitKind.DEPARTMENT: 43,
        UnitKind.TOWNSHIP: 15,
        UnitKind.STREET: 3,
    }
    district = Unit.objects.get(kind=UnitKind.DISTRICT)
    assert district.name == "北京市延庆区人民政府"
    assert Unit.objects.exclude(pk=district.pk).filter(parent=district).count() == 61
    assert all(uscc_problem(code) is None for code in Unit.objects.values_list("uscc", flat=True))
    assert "公开单位：62个（新建62个" in output


@pytest.mark.django_db
def test_every_unit_has_a_clerk_and_a_reviewer_and_the_office_and_supervisor_exist():
    output = run_demo()
    for unit in Unit.objects.all():
        roles = set(unit.staff.values_list("role", flat=True))
        assert {Role.CLERK, Role.REVIEWER} <= roles, unit.name
    assert Staff.objects.filter(role=Role.OFFICE).count() == 2
    assert Staff.objects.filter(role=Role.SUPERVISOR).count() == 1
    assert "全部演示账号的密码：gongkai-demo" in output
    assert "fgw.clerk" in output
    assert "http://127.0.0.1:8000/accounts/login/" in output


@pytest.mark.django_db
def test_running_the_demo_twice_duplicates_nothing():
    run_demo()
    counts = (Unit.objects.count(), Staff.objects.count(), AuditEvent.objects.count())
    output = run_demo()
    assert (Unit.objects.count(), Staff.objects.count(), AuditEvent.objects.count()) == counts
    assert "新建0个" in output


@pytest.mark.django_db
def test_the_demo_repairs_what_was_changed_by_hand(client):
    run_demo()
    Unit.objects.filter(code="fgw").update(name="被改动的名称")
    Staff.objects.filter(user__username="office").update(role=Role.CLERK)
    run_demo()
    assert Unit.objects.get(code="fgw").name == "北京市延庆区发展和改革委员会"
    assert Staff.objects.get(user__username="office").role == Role.OFFICE
    assert client.login(username="office", password="gongkai-demo")
