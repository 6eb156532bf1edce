"""The public pages and the staff home page, as a visitor and a clerk see them."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.conftest import PASSWORD, login


@pytest.mark.django_db
def test_the_home_page_lists_the_units(client, district, unit_a, unit_b):
    page = client.get(reverse("portal:home")).content.decode()
    assert '<html lang="zh-CN">' in page
    assert "北京市延庆区人民政府" in page
    assert unit_a.short_name in page
    assert "工作人员登录" in page


@pytest.mark.django_db
def test_a_unit_page_shows_the_disclosure_office_contacts(client, unit_a):
    unit_a.phone = "010-69101234"
    unit_a.office_hours = "周一至周五"
    unit_a.save()
    page = client.get(reverse("portal:unit", args=[unit_a.code])).content.decode()
    assert "010-69101234" in page
    assert unit_a.uscc in page
    assert client.get(reverse("portal:unit", args=["nope"])).status_code == 404


@pytest.mark.django_db
def test_the_deadline_calculator_shows_its_arithmetic(client):
    page = client.get(
        reverse("portal:deadline"), {"received": "2025-01-24", "extended": "on", "on": "2025-03-26"}
    ).content.decode()
    assert "2025年3月27日" in page
    assert "还剩 <strong>1</strong> 个工作日" in page
    assert "调休上班日（春节，国办发明电〔2024〕12号）" in page


@pytest.mark.django_db
def test_the_deadline_calculator_uses_the_period_in_force_at_receipt(client):
    """An application received before 2019-05-15: 15 working days (国务院令第492号第二十四条)."""
    page = client.get(reverse("portal:deadline"), {"received": "2019-03-01"}).content.decode()
    assert "共 15 个工作日" in page
    assert "2019年3月22日" in page
    page = client.get(reverse("portal:deadline"), {"received": "2019-05-15"}).content.decode()
    assert "共 20 个工作日" in page


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"received": "2025-13-01"}, "日期格式不正确"),
        ({"received": "2025-01-24", "days": "0"}, "期限至少为1个工作日"),
        ({"received": "2025-01-24", "days": "x"}, "期限应为整数"),
        ({"received": "2025-01-24", "pause1_start": "2025-02-10"}, "同时填写开始和结束日期"),
        (
            {"received": "2025-01-24", "pause1_start": "2025-02-10", "pause1_end": "2025-02-01"},
            "结束日期不能早于开始日期",
        ),
        ({"received": "2025-01-24", "correction_received": "2025-01-01"}, "不能早于收到申请之日"),
        ({"received": "2199-12-30"}, "超出可计算范围"),
        ({"received": "<script>"}, "日期格式不正确"),
        ({"received": "9" * 5000}, "日期格式不正确"),
    ],
)
def test_bad_calculator_input_gets_a_chinese_message(client, params, message):
    response = client.get(reverse("portal:deadline"), params)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert "<script>" not in response.content.decode().split("<main")[1]


@pytest.mark.django_db
def test_a_clerk_logs_in_sees_the_staff_home_and_logs_out(client, clerk_a):
    wrong = client.post(reverse("accounts:login"), {"username": "clerk.a", "password": "nope"})
    assert "账号或密码不正确" in wrong.content.decode()
    response = client.post(reverse("accounts:login"), {"username": "clerk.a", "password": PASSWORD})
    assert response.status_code == 302
    home = client.get(reverse("staff:home")).content.decode()
    assert "经办丙" in home
    assert "区发展改革委" in home or "北京市延庆区发展和改革委员会" in home
    assert "退出" in home
    client.post(reverse("accounts:logout"))
    assert client.get(reverse("staff:home")).status_code == 302


@pytest.mark.django_db
def test_a_staff_member_changes_their_password(clerk_a, client):
    response = login(clerk_a).post(
        reverse("accounts:password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "another-Long-pass-7",
            "new_password2": "another-Long-pass-7",
        },
    )
    assert response.status_code == 302
    assert client.login(username="clerk.a", password="another-Long-pass-7")


@pytest.mark.django_db
def test_the_calendar_year_page_shows_the_arrangement(office):
    page = login(office).get(reverse("staff:calendar_year", args=[2025])).content.decode()
    assert "国办发明电〔2024〕12号" in page
    assert "春节：1月28日至2月4日" in page
    assert 'class="kind-makeup"' in page
    assert login(office).get(reverse("staff:calendar_year", args=[1800])).status_code == 404
    export = login(office).get(reverse("staff:calendar_export", args=[2025]))
    assert "notice: 国办发明电〔2024〕12号" in export.content.decode()


@pytest.mark.django_db
def test_an_unknown_page_is_a_chinese_404(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "页面不存在" in response.content.decode()
