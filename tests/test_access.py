"""Access is decided in one place (gongkai.accounts.access). Every staff page is tried by an
outsider: not logged in, logged in without a staff role, staff of another unit, and the
read-only supervisor trying to change something."""

from __future__ import annotations

import pytest
from django.urls import URLPattern, reverse

from gongkai import staff_urls
from gongkai.accounts.access import POLICY, Action, can
from gongkai.units.models import Role
from tests.conftest import login

# The pages only the office may use, and those that concern one unit's records.
OFFICE_ONLY = {"unit_create", "staff_create", "staff_password", "calendar_load"}
UNIT_SCOPED = {"unit_detail", "unit_edit", "staff_edit", "staff_password"}


def routes() -> list[URLPattern]:
    return [p for p in staff_urls.urlpatterns if isinstance(p, URLPattern)]


def url_for(pattern: URLPattern, unit, member) -> str:
    kwargs = {}
    for key in pattern.pattern.converters:
        if key == "pk":
            kwargs[key] = member.pk if pattern.name.startswith("staff_") else unit.pk
        elif key == "year":
            kwargs[key] = 2025
    return reverse(f"staff:{pattern.name}", kwargs=kwargs)


@pytest.fixture
def everyone(office, supervisor, clerk_a, reviewer_a, clerk_b, citizen):
    return {
        "office": office,
        "supervisor": supervisor,
        "clerk_a": clerk_a,
        "reviewer_a": reviewer_a,
        "clerk_b": clerk_b,
        "citizen": citizen,
    }


def test_every_staff_view_names_its_action():
    for pattern in routes():
        assert getattr(pattern.callback, "gongkai_action", None) in set(Action), pattern.name


@pytest.mark.django_db
@pytest.mark.parametrize("pattern", routes(), ids=lambda p: p.name)
def test_it_sends_an_anonymous_visitor_to_the_login_page(client, pattern, unit_a, clerk_a):
    url = url_for(pattern, unit_a, clerk_a)
    for method in (client.get, client.post):
        response = method(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.django_db
@pytest.mark.parametrize("pattern", routes(), ids=lambda p: p.name)
def test_it_answers_404_to_a_user_without_a_staff_role(pattern, unit_a, clerk_a, citizen):
    client = login(citizen)
    url = url_for(pattern, unit_a, clerk_a)
    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize(
    "pattern", [p for p in routes() if p.name in UNIT_SCOPED], ids=lambda p: p.name
)
def test_it_answers_404_to_staff_of_another_unit(pattern, unit_a, clerk_a, clerk_b):
    client = login(clerk_b)
    url = url_for(pattern, unit_a, clerk_a)
    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize(
    "pattern", [p for p in routes() if p.name in OFFICE_ONLY], ids=lambda p: p.name
)
def test_office_pages_answer_404_to_unit_staff(pattern, unit_a, clerk_a, reviewer_a):
    for member in (clerk_a, reviewer_a):
        client = login(member)
        url = url_for(pattern, unit_a, clerk_a)
        assert client.get(url).status_code == 404
        assert client.post(url).status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("pattern", routes(), ids=lambda p: p.name)
def test_the_supervisor_reads_but_never_changes(pattern, unit_a, clerk_a, supervisor):
    client = login(supervisor)
    url = url_for(pattern, unit_a, clerk_a)
    response = client.post(url, {"name": "改名"})
    assert response.status_code == 403
    assert "只能查看，不能修改" in response.content.decode()
    expected = 200 if Role.SUPERVISOR in POLICY[pattern.callback.gongkai_action] else 403
    if pattern.name == "calendar_export":
        assert client.get(url).status_code == 200
    else:
        assert client.get(url).status_code == expected


@pytest.mark.django_db
@pytest.mark.parametrize("pattern", routes(), ids=lambda p: p.name)
def test_the_office_can_open_every_staff_page(pattern, unit_a, clerk_a, office):
    assert login(office).get(url_for(pattern, unit_a, clerk_a)).status_code == 200


@pytest.mark.django_db
def test_unit_staff_see_their_own_unit_only(unit_a, unit_b, clerk_a):
    client = login(clerk_a)
    page = client.get(reverse("staff:unit_list")).content.decode()
    assert unit_a.name in page
    assert unit_b.name not in page
    assert client.get(reverse("staff:unit_detail", args=[unit_a.pk])).status_code == 200
    assert client.get(reverse("staff:unit_edit", args=[unit_a.pk])).status_code == 404


@pytest.mark.django_db
def test_an_inactive_staff_account_is_an_outsider(clerk_a):
    clerk_a.user.is_active = False
    clerk_a.user.save()
    client = login(clerk_a)
    assert client.get(reverse("staff:home")).status_code in (302, 404)


def test_the_policy_table_is_complete_and_the_supervisor_changes_nothing():
    assert set(POLICY) == set(Action)
    changing = {Action.EDIT_UNIT, Action.CREATE_UNIT, Action.MANAGE_STAFF, Action.MANAGE_CALENDAR}
    for action in changing:
        assert Role.SUPERVISOR not in POLICY[action]
    for action in Action:
        for role in Role:

            class Member:
                pass

            member = Member()
            member.role = role
            assert can(member, action) == (role in POLICY[action])  # type: ignore[arg-type]
    assert not can(None, Action.STAFF_HOME)
