"""The reviewer's queue: decisions and extensions proposed by the clerks and not yet approved or
returned. A reviewer sees their unit's, the office and the supervisor every unit's; the staff
home page links the queue with its count; a workbench row says what awaits approval."""

from __future__ import annotations

import datetime as dt

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from gongkai.applications import outcomes, queue, selectors, services
from gongkai.applications.models import Application
from gongkai.applications.outcomes import Outcome
from tests.conftest import login
from tests.factories import register
from tests.worlds import district_and_people, fresh, keys, read_from_world, rolled_back_after

D = dt.date.fromisoformat
URL = "staff:review_queue"


def propose_decision(clerk, case: Application, on: str = "2025-03-20") -> None:
    services.application_propose_decision(
        actor=clerk.user,
        application=case,
        on=D(on),
        decision=outcomes.Decision(Outcome.PROVIDED),
    )


def propose_extension(clerk, case: Application, on: str = "2025-03-18") -> None:
    services.application_propose_extension(
        actor=clerk.user, application=case, on=D(on), days=15, reason="需要调取档案"
    )


def build_cases(clerk_a, clerk_b, unit_a, unit_b) -> dict[str, Application]:
    """Unit A: a decision and an extension awaiting approval, and a case with nothing pending;
    unit B: a decision awaiting approval. All received on Monday 2025-03-03 (due 03-31)."""
    decision = register(clerk_a.user, unit_a)
    extension = register(clerk_a.user, unit_a)
    quiet = register(clerk_a.user, unit_a)
    other = register(clerk_b.user, unit_b)
    propose_decision(clerk_a, decision)
    propose_extension(clerk_a, extension)
    propose_decision(clerk_b, other, on="2025-03-19")
    return {"decision": decision, "extension": extension, "quiet": quiet, "other": other}


# The district and the cases, built once for the module: each test reads them in a savepoint of
# their transaction (tests/worlds.py), rolled back after the last. Building them for each test
# took nearly all its time.
@pytest.fixture(scope="module")
def stored(django_db_setup, django_db_blocker):
    with rolled_back_after(django_db_blocker):
        with django_db_blocker.unblock():
            people = district_and_people()
            cases = build_cases(*(people[k] for k in ("clerk_a", "clerk_b", "unit_a", "unit_b")))
        yield keys(people | {f"case.{name}": case for name, case in cases.items()})


unit_a, unit_b, office, supervisor, clerk_a, reviewer_a, clerk_b, citizen = read_from_world(
    "unit_a", "unit_b", "office", "supervisor", "clerk_a", "reviewer_a", "clerk_b", "citizen"
)


@pytest.fixture
def cases(db, stored) -> dict[str, Application]:
    return {
        name.removeprefix("case."): fresh(stored, name)
        for name in stored
        if name.startswith("case.")
    }


def queue_page(member) -> str:
    response = login(member).get(reverse(URL))
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.django_db
def test_the_reviewer_sees_their_units_pending_decisions_and_extensions(cases, reviewer_a):
    page = queue_page(reviewer_a)
    assert "待我审核" in page
    for name in ("decision", "extension"):
        case = cases[name]
        assert case.tracking_number in page
        assert reverse("staff:case", args=[case.pk]) in page
    assert cases["quiet"].tracking_number not in page
    assert cases["other"].tracking_number not in page  # another unit's
    assert "拟答复：" in page
    assert "拟延长答复期限15个工作日" in page
    assert "经办丙" in page  # who proposed it
    assert '<span class="tag">答复</span>' in page
    assert '<span class="tag">延期</span>' in page
    assert "2025-03-31" in page  # the case's due date
    assert "已超期" in page  # and the working days left (long past, today)


@pytest.mark.django_db
def test_the_queue_lists_the_oldest_proposal_first(cases, office):
    found = selectors.awaiting_approval(Application.objects.all())
    assert [a.what for a in found] == ["延期", "答复", "答复"]
    rows = queue.review_queue(Application.objects.all(), services.today())
    assert [r.application.pk for r in rows] == [a.application.pk for a in found]
    assert all(r.row.application.pk == r.application.pk for r in rows)


@pytest.mark.django_db
def test_an_approved_or_returned_proposal_leaves_the_queue(cases, reviewer_a):
    services.application_approve_extension(
        actor=reviewer_a.user, application=cases["extension"], on=D("2025-03-19")
    )
    services.application_return_decision(
        actor=reviewer_a.user, application=cases["decision"], on=D("2025-03-21"), reason="请补充"
    )
    page = queue_page(reviewer_a)
    assert cases["extension"].tracking_number not in page
    assert cases["decision"].tracking_number not in page
    assert "没有待审核的答复或延期" in page


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["office", "supervisor"])
def test_the_office_and_the_supervisor_see_every_units_queue(cases, who, request):
    page = queue_page(request.getfixturevalue(who))
    assert "待审核" in page
    assert "待我审核" not in page
    for name in ("decision", "extension", "other"):
        assert cases[name].tracking_number in page
    assert cases["quiet"].tracking_number not in page
    assert "康庄镇" in page  # the unit column


@pytest.mark.django_db
def test_a_clerk_of_another_unit_sees_none_of_unit_as_proposals(cases, clerk_b):
    page = queue_page(clerk_b)
    assert cases["other"].tracking_number in page
    assert cases["decision"].tracking_number not in page
    assert cases["extension"].tracking_number not in page


@pytest.mark.django_db
def test_outsiders_do_not_reach_the_queue(client, cases, citizen):
    assert client.get(reverse(URL))["Location"].startswith(reverse("accounts:login"))
    assert login(citizen).get(reverse(URL)).status_code == 404


# --- the staff home page ------------------------------------------------------------------------
@pytest.mark.django_db
def test_the_home_page_links_the_queue_with_its_count_for_a_reviewer(cases, reviewer_a):
    page = login(reviewer_a).get(reverse("staff:home")).content.decode()
    assert reverse(URL) in page
    assert '<span class="n">2</span><span>待我审核' in page


@pytest.mark.django_db
def test_the_home_page_shows_the_office_every_units_count(cases, office):
    page = login(office).get(reverse("staff:home")).content.decode()
    assert '<span class="n">3</span><span>待审核' in page
    assert "待我审核" not in page


@pytest.mark.django_db
def test_a_clerk_has_no_queue_tile(cases, clerk_a):
    page = login(clerk_a).get(reverse("staff:home")).content.decode()
    assert "待我审核" not in page
    assert "<span>待审核" not in page


# --- the workbench ------------------------------------------------------------------------------
@pytest.mark.django_db
def test_workbench_rows_are_tagged_with_what_awaits_approval(cases, clerk_a):
    cases_a = Application.objects.filter(unit=clerk_a.unit)
    board = queue.with_pending(selectors.workbench(cases_a, services.today()), cases_a)
    tags = {row.application.pk: row.pending for row in board.overdue}
    assert tags[cases["extension"].pk] == ("延期待批准",)
    assert tags[cases["decision"].pk] == ("答复待审核",)
    assert tags[cases["quiet"].pk] == ()
    html = render_to_string("applications/staff/_rows.html", {"rows": board.overdue})
    assert '<span class="tag">延期待批准</span>' in html
    assert '<span class="tag">答复待审核</span>' in html


@pytest.mark.django_db
def test_a_clerks_workbench_row_says_the_extension_awaits_approval(cases, clerk_a):
    page = login(clerk_a).get(reverse("staff:workbench")).content.decode()
    assert reverse(URL) in page
    row = next(line for line in page.splitlines() if cases["extension"].tracking_number in line)
    assert "延期待批准" in row
