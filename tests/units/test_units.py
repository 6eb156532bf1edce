"""The registry of units and staff: codes, edits, audit, and bad input."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from gongkai.audit.models import AuditEvent
from gongkai.units.codes import (
    ORGAN,
    USCC_CHARSET,
    make_uscc,
    org_code_check_char,
    uscc_check_char,
    uscc_problem,
)
from gongkai.units.models import Role, Staff, Unit
from tests.conftest import PASSWORD, login


@given(
    st.text(alphabet=USCC_CHARSET, min_size=17, max_size=17),
    st.integers(0, 16),
    st.sampled_from(USCC_CHARSET),
)
def test_the_check_character_catches_any_single_substitution(body, position, replacement):
    body = body[:2] + "110119" + body[8:]
    code = body + uscc_check_char(body)
    assert uscc_problem(code) is None
    changed = code[:position] + replacement + code[position + 1 :]
    if changed != code and changed[2:8].isdigit():
        assert uscc_problem(changed) == "统一社会信用代码校验位不正确"


@pytest.mark.parametrize(
    ("code", "problem"),
    [
        ("1111011900000000", "应为18位"),
        ("11110119000000000I", "不允许的字符"),
        ("111101O90000000000", "不允许的字符"),
        ("11ABCDEF0000000000", "行政区划代码"),
    ],
)
def test_malformed_codes_are_explained(code, problem):
    assert problem in (uscc_problem(code) or "")


def test_demo_codes_carry_a_valid_organization_code():
    code = make_uscc(ORGAN, "110119", 12345678)
    assert uscc_problem(code) is None
    assert code[8:16] == "12345678"
    assert code[16] == org_code_check_char("12345678")


def form_data(unit: Unit, **changes) -> dict[str, str]:
    data = {
        "code": unit.code,
        "name": unit.name,
        "short_name": unit.short_name,
        "kind": unit.kind,
        "parent": unit.parent_id or "",
        "uscc": unit.uscc,
        "address": "北京市延庆区高塔街3号",
        "postcode": "102100",
        "office_hours": "周一至周五 9:00—17:00",
        "phone": "010-69100000",
        "fax": "",
        "email": "gk@bjyq.gov.cn",
        "website": "https://www.bjyq.gov.cn",
        "sort_order": "10",
        "is_active": "on",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


@pytest.mark.django_db
def test_the_office_edits_a_unit_and_the_change_is_audited(office, unit_a):
    client = login(office)
    response = client.post(
        reverse("staff:unit_edit", args=[unit_a.pk]), form_data(unit_a, short_name="发改委")
    )
    assert response.status_code == 302
    unit_a.refresh_from_db()
    assert unit_a.short_name == "发改委"
    event = AuditEvent.objects.get(action="unit.update")
    assert event.actor_id == office.user.pk
    assert event.unit_id == unit_a.pk
    assert event.changes["short_name"] == ["区发展改革委", "发改委"]
    assert "第四条" in event.legal_basis
    assert "简称" in event.summary


@pytest.mark.django_db
def test_a_reviewer_keeps_the_contacts_of_their_own_unit_but_not_its_registration(
    reviewer_a, unit_a
):
    client = login(reviewer_a)
    url = reverse("staff:unit_edit", args=[unit_a.pk])
    assert 'name="name"' not in client.get(url).content.decode()
    client.post(url, form_data(unit_a, name="被篡改的名称", phone="010-69111111"))
    unit_a.refresh_from_db()
    assert unit_a.phone == "010-69111111"
    assert unit_a.name == "北京市延庆区发展和改革委员会"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("changes", "field_error"),
    [
        ({"uscc": "111101190000000000"}, "校验位不正确"),
        ({"email": "not-an-email"}, "电子邮箱格式不正确"),
        ({"postcode": "10210"}, "邮政编码应为6位数字"),
        ({"phone": "call me <maybe>"}, "电话号码只能包含"),
        ({"website": "javascript:alert(1)"}, "网址格式不正确"),
        ({"name": "名" * 101}, "不超过 100 字符"),
        ({"sort_order": "-1"}, "大于或等于0"),
        ({"kind": "empire"}, "选择一个有效的选项"),
    ],
)
def test_bad_input_is_refused_in_chinese_and_nothing_is_saved(office, unit_a, changes, field_error):
    client = login(office)
    before = Unit.objects.values().get(pk=unit_a.pk)
    response = client.post(
        reverse("staff:unit_edit", args=[unit_a.pk]), form_data(unit_a, **changes)
    )
    assert response.status_code == 400
    assert field_error in response.content.decode()
    assert Unit.objects.values().get(pk=unit_a.pk) == before
    assert not AuditEvent.objects.exists()


@pytest.mark.django_db
def test_a_unit_cannot_become_its_own_ancestor(office, district, unit_a):
    client = login(office)
    response = client.post(
        reverse("staff:unit_edit", args=[district.pk]), form_data(district, parent=unit_a.pk)
    )
    assert response.status_code == 400
    assert "循环" in response.content.decode()


@pytest.mark.django_db
def test_a_hostile_name_is_stored_as_text_and_shown_escaped(office, unit_a):
    client = login(office)
    hostile = "<script>alert('x')</script>委员会"
    client.post(reverse("staff:unit_edit", args=[unit_a.pk]), form_data(unit_a, name=hostile))
    unit_a.refresh_from_db()
    assert unit_a.name == hostile
    for url in (reverse("staff:unit_detail", args=[unit_a.pk]), reverse("portal:units")):
        page = (client.get(url)).content.decode()
        assert "<script>alert" not in page
        assert "&lt;script&gt;" in page


@pytest.mark.django_db
def test_the_office_registers_a_unit(office, district):
    client = login(office)
    data = form_data(
        Unit(
            code="new-unit",
            name="北京市延庆区新设局",
            short_name="新设局",
            kind="department",
            uscc=make_uscc(ORGAN, "110119", 30000001),
            parent=district,
        )
    )
    response = client.post(reverse("staff:unit_create"), data)
    assert response.status_code == 302
    unit = Unit.objects.get(code="new-unit")
    assert AuditEvent.objects.get(action="unit.create").object_id == str(unit.pk)
    again = client.post(reverse("staff:unit_create"), data)
    assert again.status_code == 400
    assert Unit.objects.filter(code="new-unit").count() == 1
    bad = client.post(reverse("staff:unit_create"), {**data, "code": "有 空格"})
    assert bad.status_code == 400
    assert "只能包含英文字母" in bad.content.decode()


@pytest.mark.django_db
def test_a_units_code_does_not_change_after_registration(office, unit_a):
    login(office).post(reverse("staff:unit_edit", args=[unit_a.pk]), form_data(unit_a, code="x"))
    unit_a.refresh_from_db()
    assert unit_a.code == "fgw"


@pytest.mark.django_db
def test_the_office_opens_an_account_and_the_new_clerk_can_log_in(office, unit_a, client):
    response = login(office).post(
        reverse("staff:staff_create"),
        {
            "username": "new.clerk",
            "password": "a-long-Passphrase-9",
            "name": "新经办",
            "role": Role.CLERK,
            "unit": unit_a.pk,
            "phone": "",
        },
    )
    assert response.status_code == 302
    member = Staff.objects.get(user__username="new.clerk")
    assert member.unit == unit_a
    assert AuditEvent.objects.filter(action="staff.create", object_id=str(member.pk)).exists()
    assert client.login(username="new.clerk", password="a-long-Passphrase-9")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("changes", "error"),
    [
        ({"username": "office"}, "该账号已存在"),
        ({"username": "x"}, "账号由3—40位"),
        ({"password": "12345678901"}, "密码"),
        ({"role": Role.CLERK, "unit": ""}, "必须属于一个单位"),
        ({"role": "emperor"}, "选择"),
    ],
)
def test_a_bad_account_is_refused(office, unit_a, changes, error):
    data = {
        "username": "someone",
        "password": "a-long-Passphrase-9",
        "name": "某人",
        "role": Role.CLERK,
        "unit": unit_a.pk,
        "phone": "",
    }
    data.update(changes)
    response = login(office).post(reverse("staff:staff_create"), data)
    assert response.status_code == 400
    assert error in response.content.decode()
    assert not Staff.objects.filter(user__username="someone").exists()


@pytest.mark.django_db
def test_deactivating_an_account_locks_it_out_and_is_audited(office, clerk_a, client):
    response = login(office).post(
        reverse("staff:staff_edit", args=[clerk_a.pk]),
        {"name": clerk_a.name, "role": Role.CLERK, "unit": clerk_a.unit_id, "phone": ""},
    )
    assert response.status_code == 302
    assert not get_user_model().objects.get(pk=clerk_a.user_id).is_active
    assert not client.login(username="clerk.a", password=PASSWORD)
    event = AuditEvent.objects.get(action="staff.update")
    assert event.changes["is_active"] == [True, False]


@pytest.mark.django_db
def test_the_office_cannot_lock_itself_out(office):
    response = login(office).post(
        reverse("staff:staff_edit", args=[office.pk]),
        {"name": office.name, "role": Role.OFFICE, "unit": office.unit_id, "phone": ""},
    )
    assert response.status_code == 400
    assert "不能停用自己的账号" in response.content.decode()
