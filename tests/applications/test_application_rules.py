"""The rules of the handling steps (gongkai/applications/rules.py), walked exhaustively: every
step in every status, and each condition a step depends on, without a database. Then that the
case page and the services both ask these rules and nothing else."""

from __future__ import annotations

import ast
import datetime as dt
import itertools
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import pytest

from gongkai.applications import rules
from gongkai.applications.eventlog import EventKind
from gongkai.applications.fees import FEE_MEASURE_FROM
from gongkai.applications.outcomes import Decision, Outcome
from gongkai.applications.status import HANDLING, PROPOSALS_OPEN, TRANSITIONS, WITHDRAWABLE, Status
from tests import sources

SRC = Path(__file__).resolve().parents[2] / "src" / "gongkai" / "applications"
RECEIVED = dt.date(2025, 3, 3)
DUE = dt.date(2025, 3, 31)
CLERK, REVIEWER = 11, 12


@dataclass(frozen=True)
class Case:
    status: str = Status.PROCESSING.value
    channel: str = "in_person"
    unit_id: int | None = 1
    receipt_date: dt.date = RECEIVED
    due_date: dt.date | None = DUE
    decided_on: dt.date | None = None
    extension_days: int = 0


@dataclass(frozen=True)
class Event:
    kind: str
    data: dict[str, Any] = field(default_factory=dict)
    actor_id: int | None = CLERK
    seq: int = 0
    occurred_on: dt.date = dt.date(2025, 3, 10)


def log(*events: Event) -> list[Event]:
    return [replace(e, seq=i) for i, e in enumerate(events, start=1)]


def ev(kind: EventKind, **data: Any) -> Event:
    return Event(kind.value, data)


ASKED = ev(EventKind.CORRECTION_REQUESTED, due="2025-03-31")
CONSULTING = ev(EventKind.CONSULTATION_STARTED, with_agency=False)
EXTENSION = ev(EventKind.EXTENSION_PROPOSED, days=10)
FEE = ev(EventKind.FEE_NOTIFIED, pay_by="2025-04-10", total=100)
REASONS = ev(EventKind.ART35_REASONS_REQUESTED)
REASONABLE = ev(EventKind.ART35_REASONS_ASSESSED, reasonable=True)
UNREASONABLE = ev(EventKind.ART35_REASONS_ASSESSED, reasonable=False)
DRAFT = ev(EventKind.DECISION_PROPOSED)
ON = dt.date(2025, 3, 20)  # within the answer period


# --- every step in every status -----------------------------------------------------------------
@dataclass(frozen=True)
class Walk:
    """A step, the states in which it may be taken, and the case and history that let it be
    taken there (so that only the status decides)."""

    check: Any  # (case, events) -> str | None
    states: frozenset[Status]
    events: tuple[Event, ...] = ()
    case: Case = Case()


def _only(*states: Status) -> frozenset[Status]:
    return frozenset(states)


ALL = frozenset(Status)
WALKS: dict[str, Walk] = {
    "assign": Walk(lambda c, e: rules.why_not_assign(c), _only(Status.UNROUTED, Status.PROCESSING)),
    "hand_back": Walk(rules.why_not_hand_back, _only(Status.PROCESSING), (ev(EventKind.ASSIGNED),)),
    "request_correction": Walk(rules.why_not_request_correction, _only(Status.PROCESSING)),
    "receive_correction": Walk(
        rules.why_not_receive_correction, _only(Status.AWAITING_CORRECTION), (ASKED,)
    ),
    "lapse_correction": Walk(
        rules.why_not_lapse_correction, _only(Status.AWAITING_CORRECTION), (ASKED,)
    ),
    "start_consultation": Walk(
        lambda c, e: rules.why_not_start_consultation(c), _only(Status.PROCESSING)
    ),
    "end_consultation": Walk(
        rules.why_not_end_consultation, _only(Status.CONSULTING), (CONSULTING,)
    ),
    "propose_extension": Walk(rules.why_not_propose_extension, HANDLING),
    # A proposal is answered while the unit has the case and it is not yet answered for.
    "approve_extension": Walk(rules.why_not_approve_extension, PROPOSALS_OPEN, (EXTENSION,)),
    "reject_extension": Walk(rules.why_not_reject_extension, PROPOSALS_OPEN, (EXTENSION,)),
    "notify_fee": Walk(lambda c, e: rules.why_not_notify_fee(c, e, ON), _only(Status.PROCESSING)),
    "record_fee_receipt": Walk(
        rules.why_not_record_fee_receipt, _only(Status.AWAITING_FEE), (FEE,)
    ),
    "record_payment": Walk(rules.why_not_record_payment, _only(Status.AWAITING_FEE), (FEE,)),
    "lapse_fee": Walk(rules.why_not_lapse_fee, _only(Status.AWAITING_FEE), (FEE,)),
    "request_reasons": Walk(rules.why_not_request_reasons, HANDLING),
    "assess_reasons": Walk(rules.why_not_assess_reasons, PROPOSALS_OPEN, (REASONS,)),
    "set_reasonable_period": Walk(
        rules.why_not_set_reasonable_period, HANDLING, (REASONS, REASONABLE)
    ),
    "propose_decision": Walk(rules.why_not_propose_decision, _only(Status.PROCESSING)),
    "approve_decision": Walk(
        rules.why_not_approve_decision, _only(Status.DECISION_PENDING), (DRAFT,)
    ),
    "return_decision": Walk(
        rules.why_not_return_decision, _only(Status.DECISION_PENDING), (DRAFT,)
    ),
    "deliver": Walk(
        lambda c, e: rules.why_not_deliver(c),
        _only(Status.DECIDED),
        case=Case(decided_on=dt.date(2025, 3, 25)),
    ),
    "withdraw": Walk(lambda c, e: rules.why_not_withdraw(c), WITHDRAWABLE),
    "add_documents": Walk(lambda c, e: rules.why_not_add_documents(c), ALL),
}


def test_every_step_of_the_case_page_is_walked():
    from gongkai.applications.views import STEPS

    assert set(WALKS) == set(STEPS)


@pytest.mark.parametrize(("step", "status"), list(itertools.product(sorted(WALKS), Status)))
def test_each_step_in_each_status(step, status):
    walk = WALKS[step]
    why = walk.check(replace(walk.case, status=status.value), log(*walk.events))
    if status in walk.states:
        assert why is None
    else:
        assert why, f"{step} in {status} should be refused with a reason"
        assert isinstance(why, str)
        assert any("\u4e00" <= ch <= "\u9fff" for ch in why)


def test_a_refusal_for_the_state_names_the_state():
    why = rules.why_not_start_consultation(Case(status=Status.AWAITING_FEE.value))
    assert why == "申请当前为“待缴费”，不能征求意见"


def test_the_states_a_step_may_be_taken_in_can_reach_where_it_goes():
    """A step that changes the status is offered only where the transition table allows it."""
    moves = {
        "assign": Status.PROCESSING,
        "hand_back": Status.UNROUTED,
        "request_correction": Status.AWAITING_CORRECTION,
        "receive_correction": Status.PROCESSING,
        "lapse_correction": Status.CLOSED,
        "start_consultation": Status.CONSULTING,
        "end_consultation": Status.PROCESSING,
        "notify_fee": Status.AWAITING_FEE,
        "record_payment": Status.PROCESSING,
        "lapse_fee": Status.CLOSED,
        "propose_decision": Status.DECISION_PENDING,
        "approve_decision": Status.DECIDED,
        "return_decision": Status.PROCESSING,
        "deliver": Status.CLOSED,
        "withdraw": Status.WITHDRAWN,
    }
    for step, target in moves.items():
        for status in WALKS[step].states:
            assert target in TRANSITIONS[status], (step, status, target)


# --- each condition -----------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("channel", "assigned", "allowed"),
    [
        ("online", False, True),
        ("online", True, True),
        ("in_person", True, True),
        ("in_person", False, False),
        ("mail_signed", False, False),
        ("fax", True, True),
    ],
)
def test_a_unit_hands_back_only_what_was_routed_to_it(channel, assigned, allowed):
    events = log(ev(EventKind.ASSIGNED)) if assigned else []
    why = rules.why_not_hand_back(Case(channel=channel), events)
    assert (why is None) is allowed
    if not allowed:
        assert "不能退回分办" in why


def test_the_office_does_not_assign_a_case_to_the_unit_handling_it():
    assert rules.why_not_assign(Case(), unit_id=1) == "申请已由该单位办理"
    assert rules.why_not_assign(Case(), unit_id=2) is None
    assert rules.why_not_assign(Case(status="unrouted", unit_id=None), unit_id=1) is None


@pytest.mark.parametrize("earlier", [(), (ASKED, ev(EventKind.CORRECTION_RECEIVED))])
def test_a_correction_is_asked_for_once(earlier):
    why = rules.why_not_request_correction(Case(), log(*earlier))
    if earlier:
        assert why is not None
        assert "一次性" in why
        assert "第三十条" in why
    else:
        assert why is None


@pytest.mark.parametrize(
    "check", [rules.why_not_receive_correction, rules.why_not_lapse_correction]
)
def test_a_correction_is_received_or_lapses_only_once_asked_for(check):
    awaiting = Case(status=Status.AWAITING_CORRECTION.value)
    assert check(awaiting, []) is not None
    assert check(awaiting, log(ASKED)) is None


def test_a_consultation_ends_only_once_started():
    consulting = Case(status=Status.CONSULTING.value)
    assert rules.why_not_end_consultation(consulting, []) == "没有正在进行的征求意见"
    assert rules.why_not_end_consultation(consulting, log(CONSULTING)) is None


@pytest.mark.parametrize(
    ("extended", "history", "allowed"),
    [
        (0, (), True),
        (10, (), False),  # approved already
        (0, (EXTENSION,), False),  # proposed, awaiting the reviewer
        (0, (EXTENSION, ev(EventKind.EXTENSION_REJECTED)), True),  # rejected: may ask again
        (0, (EXTENSION, ev(EventKind.EXTENSION_APPROVED)), True),  # the stored days decide
    ],
)
def test_the_answer_period_is_extended_once(extended, history, allowed):
    for status in HANDLING:
        why = rules.why_not_propose_extension(
            Case(status=status.value, extension_days=extended), log(*history)
        )
        assert (why is None) is allowed
        if not allowed:
            assert "只能延长一次" in why


@pytest.mark.parametrize(
    ("check", "doing"),
    [
        (rules.why_not_approve_extension, "批准延期"),
        (rules.why_not_approve_decision, "审核答复"),
    ],
)
def test_a_proposal_is_approved_by_someone_other_than_its_proposer(check, doing):
    proposal = EXTENSION if check is rules.why_not_approve_extension else DRAFT
    case = Case(status=Status.DECISION_PENDING.value)
    events = log(replace(proposal, actor_id=REVIEWER))
    assert check(case, events, approver=REVIEWER) == f"{doing}须由提出人以外的审核人进行"
    assert check(case, events, approver=REVIEWER + 1) is None
    assert check(case, events) is None  # no person (a command): not the proposer
    assert check(case, log(replace(proposal, actor_id=None)), approver=REVIEWER) is None


@pytest.mark.parametrize(
    ("history", "pending"),
    [
        ((), False),
        ((EXTENSION,), True),
        ((EXTENSION, ev(EventKind.EXTENSION_APPROVED)), False),
        ((EXTENSION, ev(EventKind.EXTENSION_REJECTED)), False),
        ((EXTENSION, ev(EventKind.EXTENSION_REJECTED), EXTENSION), True),
    ],
)
def test_only_a_pending_extension_is_approved_or_rejected(history, pending):
    for check in (rules.why_not_approve_extension, rules.why_not_reject_extension):
        why = check(Case(), log(*history))
        assert (why is None) is pending
        if not pending:
            assert why == "没有待批准的延期申请"


@pytest.mark.parametrize(
    ("case", "history", "on", "message"),
    [
        (Case(), (), ON, None),
        (Case(), (), DUE, None),  # the last day of the period
        (Case(receipt_date=FEE_MEASURE_FROM), (), ON, None),
        (Case(receipt_date=FEE_MEASURE_FROM - dt.timedelta(days=1)), (), ON, "此前收到的申请"),
        (Case(), (FEE,), ON, "已发出过收费通知"),
        (Case(), (FEE, ev(EventKind.FEE_PAID)), ON, "已发出过收费通知"),
        (Case(), (), DUE + dt.timedelta(days=1), "答复期限内"),
        (Case(due_date=None), (), ON, "答复期限内"),  # the clock stopped: no period to keep
    ],
)
def test_a_fee_notice_goes_out_once_within_the_period_under_the_measure(case, history, on, message):
    why = rules.why_not_notify_fee(case, log(*history), on)
    if message is None:
        assert why is None
    else:
        assert message in why


@pytest.mark.parametrize(
    ("history", "told_with_notice", "allowed"),
    [
        ((FEE,), False, True),
        ((FEE,), True, False),  # the day was known and given with the notice
        ((FEE, ev(EventKind.FEE_NOTICE_RECEIVED)), False, False),
        ((), False, False),
    ],
)
def test_the_day_a_fee_notice_arrived_is_recorded_once(history, told_with_notice, allowed):
    events = [
        replace(e, data={**e.data, "received": "2025-03-12"}) if told_with_notice else e
        for e in log(*history)
    ]
    why = rules.why_not_record_fee_receipt(Case(status=Status.AWAITING_FEE.value), events)
    assert (why is None) is allowed


@pytest.mark.parametrize("check", [rules.why_not_record_payment, rules.why_not_lapse_fee])
def test_payment_and_lapse_need_a_fee_notice(check):
    awaiting = Case(status=Status.AWAITING_FEE.value)
    assert check(awaiting, []) == "申请不在待缴费状态"
    assert check(awaiting, log(FEE)) is None


@pytest.mark.parametrize(
    ("received", "history", "message"),
    [
        (RECEIVED, (), None),
        (dt.date(2019, 5, 15), (), None),  # the 2019 text in force
        (dt.date(2019, 5, 14), (), "2007年条例"),
        (RECEIVED, (REASONS,), "尚未审查"),
        (RECEIVED, (REASONS, UNREASONABLE), None),  # assessed: may be asked again
    ],
)
def test_reasons_are_asked_for_under_the_2019_text_one_request_at_a_time(
    received, history, message
):
    why = rules.why_not_request_reasons(Case(receipt_date=received), log(*history))
    assert (why is None) if message is None else (message in why)


@pytest.mark.parametrize(
    ("history", "pending"),
    [((), False), ((REASONS,), True), ((REASONS, REASONABLE), False), ((REASONABLE,), False)],
)
def test_only_reasons_asked_for_are_assessed(history, pending):
    why = rules.why_not_assess_reasons(Case(), log(*history))
    assert (why is None) is pending


@pytest.mark.parametrize(
    ("history", "allowed"),
    [
        ((), False),
        ((REASONS,), False),  # not yet assessed
        ((REASONS, UNREASONABLE), False),
        ((REASONS, REASONABLE), True),
        ((REASONS, REASONABLE, REASONS), False),  # asked again: the new answer counts
        ((REASONS, UNREASONABLE, REASONS, REASONABLE), True),
    ],
)
def test_a_later_deadline_needs_reasons_found_reasonable(history, allowed):
    for status in HANDLING:
        why = rules.why_not_set_reasonable_period(Case(status=status.value), log(*history))
        assert (why is None) is allowed
        if not allowed:
            assert "第三十五条" in why


@pytest.mark.parametrize(
    ("decision", "history", "message"),
    [
        (Decision(Outcome.PROVIDED), (), None),
        (Decision(Outcome.UNCLEAR_AFTER_CORRECTION, details="x"), (), "补正后申请内容仍不明确"),
        (
            Decision(Outcome.UNCLEAR_AFTER_CORRECTION, details="x"),
            (ASKED, ev(EventKind.CORRECTION_RECEIVED)),
            None,
        ),
        (Decision(Outcome.EXCESSIVE, details="x"), (), "说明理由"),
        (Decision(Outcome.EXCESSIVE, details="x"), (REASONS, REASONABLE), "说明理由"),
        (Decision(Outcome.EXCESSIVE, details="x"), (REASONS, UNREASONABLE), None),
        (Decision(Outcome.PROVIDED, public_interest="重大公共利益"), (), "无需写明"),
    ],
)
def test_a_decision_meets_what_the_history_requires(decision, history, message):
    why = rules.why_not_propose_decision(Case(), log(*history), decision)
    problems = rules.decision_problems(Case(), log(*history), decision)
    if message is None:
        assert why is None
        assert problems == []
    else:
        assert message in why
        assert why == "；".join(problems)


def test_a_third_partys_objection_needs_the_public_interest_to_disclose():
    objected = (
        CONSULTING,
        ev(EventKind.CONSULTATION_ENDED, position="objected"),
    )
    agency = (
        ev(EventKind.CONSULTATION_STARTED, with_agency=True),
        ev(EventKind.CONSULTATION_ENDED, position="objected"),
    )
    provided = Decision(Outcome.PROVIDED)
    assert "第三方不同意公开" in rules.why_not_propose_decision(Case(), log(*objected), provided)
    assert rules.why_not_propose_decision(Case(), log(*agency), provided) is None
    weighed = Decision(Outcome.PROVIDED, public_interest="涉及重大公共利益")
    assert rules.why_not_propose_decision(Case(), log(*objected), weighed) is None


def test_a_decision_on_a_case_not_being_handled_says_so_first():
    why = rules.why_not_propose_decision(
        Case(status=Status.CLOSED.value), [], Decision(Outcome.PROVIDED, public_interest="x")
    )
    assert why.startswith("申请当前为“已办结”，不能拟定答复；")


@pytest.mark.parametrize(
    ("status", "history", "pending"),
    [
        (Status.DECISION_PENDING, (DRAFT,), True),
        (Status.DECISION_PENDING, (), False),
        (Status.PROCESSING, (DRAFT, ev(EventKind.DECISION_RETURNED)), False),
        (Status.DECIDED, (DRAFT, ev(EventKind.DECISION_APPROVED)), False),
    ],
)
def test_only_a_pending_decision_is_approved_or_returned(status, history, pending):
    for check in (rules.why_not_approve_decision, rules.why_not_return_decision):
        why = check(Case(status=status.value), log(*history))
        assert (why is None) is pending
        if not pending:
            assert why == "没有待审核的答复"


def test_a_reply_is_delivered_once_approved():
    assert rules.why_not_deliver(Case(status="decided", decided_on=dt.date(2025, 3, 25))) is None
    assert rules.why_not_deliver(Case(status="decided", decided_on=None)) is not None


# --- one home: the case page and the services ask these rules --------------------------------
def _calls(path: Path) -> set[str]:
    tree = sources.parse(path.read_text(encoding="utf-8"))
    return {
        node.attr
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute)
        and isinstance(node.value, ast.Name)
        and node.value.id == "rules"
        and node.attr.startswith("why_not_")
    }


def test_the_case_page_and_the_services_ask_the_same_rule_for_every_step():
    from gongkai.applications.views import STEPS

    by_views = _calls(SRC / "views.py")
    by_services = set().union(*(_calls(p) for p in (SRC / "services").glob("*.py")))
    for name in STEPS:
        assert f"why_not_{name}" in by_views, f"the case page does not ask why_not_{name}"
        assert f"why_not_{name}" in by_services, f"no service asks why_not_{name}"
    defined = {name for name in vars(rules) if name.startswith("why_not_")}
    assert defined == {f"why_not_{name}" for name in STEPS}


# --- where the page and the service used to disagree ----------------------------------------------
def _page(client, application) -> str:
    from django.urls import reverse

    return client.get(reverse("staff:case", args=[application.pk])).content.decode()


@pytest.mark.django_db
def test_a_decision_is_returned_only_when_one_awaits_review(clerk_a, reviewer_a, unit_a):
    from gongkai.applications import services
    from tests.factories import register

    case = register(clerk_a.user, unit_a)
    with pytest.raises(services.ApplicationError, match="没有待审核的答复"):
        services.application_return_decision(
            actor=reviewer_a.user, application=case, on=dt.date(2025, 3, 20), reason="再核实"
        )
    assert case.events.count() == 1


@pytest.mark.django_db
def test_the_case_page_explains_why_a_reviewer_may_not_approve_their_own_proposal(
    reviewer_a, unit_a
):
    from gongkai.applications import services
    from tests.conftest import login
    from tests.factories import register

    case = register(reviewer_a.user, unit_a)
    services.application_propose_extension(
        actor=reviewer_a.user, application=case, on=dt.date(2025, 3, 20), days=10, reason="量大"
    )
    page = _page(login(reviewer_a), case)
    assert "approve_extension" not in page  # no form to post
    assert "批准延期：批准延期须由提出人以外的审核人进行" in page
    assert "申请延长答复期限：答复期限只能延长一次" in page


@pytest.mark.django_db
def test_the_page_does_not_offer_to_record_a_fee_receipt_given_with_the_notice(clerk_a, unit_a):
    from gongkai.applications import services
    from gongkai.applications.fees import FeeBasis
    from tests.conftest import login
    from tests.factories import register

    case = register(clerk_a.user, unit_a)
    services.application_notify_fee(
        actor=clerk_a.user,
        application=case,
        on=dt.date(2025, 3, 10),
        basis=FeeBasis.PER_PAGE,
        pages=120,
        method="银行转账",
        delivery="post",
        received_on=dt.date(2025, 3, 12),
    )
    page = _page(login(clerk_a), case)
    assert "record_fee_receipt" not in page
    assert "已登记申请人收到收费通知的日期" in page
    assert "record_payment" in page
