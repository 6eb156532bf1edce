"""The staff menu: labelled groups (<details>), the same links the flat row showed, each only to
those the access policy lets use it, and the page being shown marked with its group."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from gongkai.accounts import menu
from gongkai.accounts.access import Action, can
from tests.conftest import login

# Every page the flat navigation linked to before it was grouped, and the action guarding it.
FLAT_ROW = {
    "workbench": Action.VIEW_CASES,
    "appeals": Action.VIEW_CASES,
    "questions": Action.VIEW_QUESTIONS,
    "consultations": Action.VIEW_CONSULTATIONS,
    "unit_list": Action.VIEW_UNITS,
    "staff_list": Action.VIEW_STAFF,
    "items": Action.VIEW_CATALOG,
    "column_units": Action.VIEW_CATALOG,
    "guides": Action.VIEW_CATALOG,
    "transfers": Action.VIEW_CATALOG,
    "monitoring": Action.VIEW_MONITORING,
    "statistics": Action.VIEW_MONITORING,
    "monthly_statistics": Action.VIEW_STATISTICS,
    "sitecheck": Action.VIEW_SITECHECK,
    "reports": Action.VIEW_REPORTS,
    "website_returns": Action.VIEW_WEBSITE_RETURN,
    "repeats": Action.VIEW_REPEATS,
    "register_settings": Action.MANAGE_REGISTER,
    "training": Action.VIEW_TRAINING,
    "inspections": Action.VIEW_INSPECTIONS,
    "assessment": Action.VIEW_ASSESSMENT,
    "calendar": Action.VIEW_CALENDAR,
    "deadline": None,
    "templates": Action.VIEW_TEMPLATES,
    "tasks": Action.VIEW_TASKS,
    "audit": Action.VIEW_AUDIT,
}


def menu_of(page: str) -> str:
    return page.split('class="main-nav"')[1].split("</nav>")[0]


def test_every_link_of_the_flat_row_is_in_a_group_under_the_same_rule():
    grouped = {e.url_name: e.action for _, entries in menu.GROUPS for e in entries}
    assert grouped == FLAT_ROW


@pytest.mark.parametrize("persona", ["office", "supervisor", "clerk_a", "reviewer_a"])
def test_it_shows_each_member_exactly_the_links_they_may_use(request, persona):
    member = request.getfixturevalue(persona)
    nav = menu_of(login(member).get(reverse("staff:home")).content.decode())
    for name, action in FLAT_ROW.items():
        shown = f'href="{reverse(f"staff:{name}")}"' in nav
        assert shown == (action is None or can(member, action)), (persona, name)
    assert len(re.findall(r"<details", nav)) == len(re.findall(r"<summary", nav)) >= 2
    assert "<summary></summary>" not in nav  # no empty group
    assert reverse("portal:home") in nav


def test_it_marks_the_page_and_its_group(office):
    nav = menu_of(login(office).get(reverse("staff:monthly_statistics")).content.decode())
    assert nav.count('aria-current="page"') == 1
    assert (
        f'<a href="{reverse("staff:monthly_statistics")}" aria-current="page">月度统计</a>' in nav
    )
    assert nav.count('aria-current="true"') == 1
    assert '<summary aria-current="true">年报与统计</summary>' in nav
    # 统计 (/staff/statistics/) is a prefix of the page's address, but not the page
    assert f'<a href="{reverse("staff:statistics")}">统计</a>' in nav


def test_the_home_page_marks_no_group(office):
    nav = menu_of(login(office).get(reverse("staff:home")).content.decode())
    assert 'aria-current="true"' not in nav
    assert f'<a href="{reverse("staff:home")}" aria-current="page">工作台</a>' in nav


HREFS = [reverse(f"staff:{name}") for name in FLAT_ROW]


@given(
    allowed=st.sets(st.sampled_from([a.value for a in Action])),
    path=st.one_of(
        st.sampled_from(HREFS),
        st.sampled_from(HREFS).map(lambda h: h + "12/edit/"),
        st.just(reverse("staff:home")),
        st.text(max_size=20),
    ),
)
def test_the_menu_shows_the_allowed_links_and_marks_at_most_one(allowed, path):
    may = {a.value: a.value in allowed for a in Action}
    groups = menu.build(may, path)
    shown = {link.href for g in groups for link in g.links}
    expected = {
        reverse(f"staff:{n}") for n, a in FLAT_ROW.items() if a is None or a.value in allowed
    }
    assert shown == expected
    assert all(g.links for g in groups)
    current = [link for g in groups for link in g.links if link.current]
    assert len(current) <= 1
    for link in current:  # the longest shown address the path lies under
        assert path.startswith(link.href)
        assert not any(path.startswith(h) and len(h) > len(link.href) for h in shown)
    if any(path.startswith(h) for h in shown):
        assert current
