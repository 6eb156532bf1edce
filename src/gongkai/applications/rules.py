"""When each handling step of a case may be taken: one ``why_not_<step>`` per step, the reason
in Chinese why the step cannot be taken now, or None when it can. Pure.

Each rule reads the case's state, its stored fields and its event log (oldest first); the case
page asks it whether to offer the step and, when it is not offered, why (``applications/
views.py``), and the service of the step asks it again before it changes anything and refuses
with its reason (``applications/services/``). The rules are written here once, so the page and
the service cannot disagree. What depends on the form's input (a date before the receipt, a
period of more working days than the law allows, an empty reason) stays in the service that
reads it; so does the transition table's own check (``status.can_move``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Sequence
from typing import Protocol

from gongkai import law
from gongkai.applications import outcomes
from gongkai.applications.eventlog import (
    Event,
    EventKind,
    consultation_started,
    correction_request,
    fee_notice,
    happened,
    pending_decision,
    pending_extension,
    pending_reasons,
    reasons_assessment,
    third_party_objection,
)
from gongkai.applications.fees import FEE_MEASURE_FROM
from gongkai.applications.outcomes import Outcome
from gongkai.applications.status import HANDLING, PROPOSALS_OPEN, WITHDRAWABLE, Status


class Case(Protocol):
    """What the rules read of an application (the model, or a plain object in a test)."""

    @property
    def status(self) -> str: ...

    @property
    def channel(self) -> str: ...

    @property
    def unit_id(self) -> int | None: ...

    @property
    def receipt_date(self) -> dt.date: ...

    @property
    def due_date(self) -> dt.date | None: ...

    @property
    def decided_on(self) -> dt.date | None: ...

    @property
    def extension_days(self) -> int: ...


Events = Sequence[Event]

ONLINE = "online"  # the channel of the portal (models.Channel.ONLINE)


def _not_in(case: Case, states: Collection[Status], doing: str) -> str | None:
    if case.status in states:
        return None
    return f"申请当前为“{Status(case.status).label}”，不能{doing}"


def _by_another(proposal: Event, approver: int | None, doing: str) -> str | None:
    """A proposal is approved by someone other than its proposer (the reviewer, 审核人, is a
    second person); a step taken by no person is not the proposer's."""
    if approver is not None and proposal.actor_id is not None and proposal.actor_id == approver:
        return f"{doing}须由提出人以外的审核人进行"
    return None


# --- routing ------------------------------------------------------------------------------------
def why_not_assign(case: Case, *, unit_id: int | None = None) -> str | None:
    """The office routes an unrouted case, or reassigns one being handled, to ``unit_id`` (when
    given, another unit than the one handling it)."""
    if unit_id is not None and case.unit_id == unit_id:
        return "申请已由该单位办理"
    return _not_in(case, {Status.UNROUTED, Status.PROCESSING}, "分办")


def why_not_hand_back(case: Case, events: Events) -> str | None:
    """A unit hands back a case routed to it (online, or assigned by the office): one it
    received itself it answers, even to say the information is not its own
    (第三十六条第（五）项)."""
    if problem := _not_in(case, {Status.PROCESSING}, "退回分办"):
        return problem
    if case.channel != ONLINE and not happened(events, EventKind.ASSIGNED):
        return "本单位直接收到的申请不能退回分办；不属于本机关负责公开的，应依法答复"
    return None


# --- correction (第三十条) ------------------------------------------------------------------------
def why_not_request_correction(case: Case, events: Events) -> str | None:
    """第三十条 asks the agency to say 一次性 what to correct: once a correction request went out,
    no second one."""
    if problem := _not_in(case, {Status.PROCESSING}, "告知补正"):
        return problem
    if happened(events, EventKind.CORRECTION_REQUESTED):
        return f"补正只能一次性告知，本申请已告知过补正（{law.ART30_CORRECTION.short}）"
    return None


def why_not_receive_correction(case: Case, events: Events) -> str | None:
    if case.status != Status.AWAITING_CORRECTION or correction_request(events) is None:
        return "尚未告知补正，不能登记收到补正"
    return None


def why_not_lapse_correction(case: Case, events: Events) -> str | None:
    """The case awaits a correction; whether its period has run out depends on the day given,
    which the service checks."""
    if case.status != Status.AWAITING_CORRECTION or correction_request(events) is None:
        return "申请不在待补正状态"
    return None


# --- consultation (第三十二、三十四条) ------------------------------------------------------------
def why_not_start_consultation(case: Case) -> str | None:
    return _not_in(case, {Status.PROCESSING}, "征求意见")


def why_not_end_consultation(case: Case, events: Events) -> str | None:
    if case.status != Status.CONSULTING or consultation_started(events) is None:
        return "没有正在进行的征求意见"
    return None


# --- extension (第三十三条第二款) -----------------------------------------------------------------
def why_not_propose_extension(case: Case, events: Events) -> str | None:
    """Once, while the unit handles the case; that it comes before the original due date
    depends on the day given, which the service checks."""
    if problem := _not_in(case, HANDLING, "申请延期"):
        return problem
    if case.extension_days or pending_extension(events) is not None:
        return f"答复期限只能延长一次（{law.ART33_ANSWER_PERIOD.short}）"
    return None


def why_not_approve_extension(
    case: Case, events: Events, *, approver: int | None = None
) -> str | None:
    """A proposed extension, approved by a reviewer (``approver``, a user id) who did not
    propose it."""
    if problem := _not_in(case, PROPOSALS_OPEN, "批准延期"):
        return problem
    proposal = pending_extension(events)
    if proposal is None:
        return "没有待批准的延期申请"
    return _by_another(proposal, approver, "批准延期")


def why_not_reject_extension(case: Case, events: Events) -> str | None:
    if problem := _not_in(case, PROPOSALS_OPEN, "不予延期"):
        return problem
    if pending_extension(events) is None:
        return "没有待批准的延期申请"
    return None


# --- the fee (国办函〔2020〕109号) ----------------------------------------------------------------
def why_not_notify_fee(case: Case, events: Events, on: dt.date) -> str | None:
    """A fee notice goes out once, while the case is handled, for an application received since
    the measure is in force, within the answer period (on ``on``)."""
    if problem := _not_in(case, {Status.PROCESSING}, "发出收费通知"):
        return problem
    if case.receipt_date < FEE_MEASURE_FROM:
        return (
            f"{law.FEE_MEASURE.citation}自{FEE_MEASURE_FROM.isoformat()}起施行，"
            "此前收到的申请不适用信息处理费"
        )
    if happened(events, EventKind.FEE_NOTIFIED):
        return "本申请已发出过收费通知"
    if case.due_date is None or on > case.due_date:
        return "收费通知应当在答复期限内发出"
    return None


def _awaiting_fee(case: Case, events: Events) -> str | None:
    if case.status != Status.AWAITING_FEE or fee_notice(events) is None:
        return "申请不在待缴费状态"
    return None


def why_not_record_fee_receipt(case: Case, events: Events) -> str | None:
    """The day the applicant received the notice is recorded once: after the notice, or with
    it when it was known then."""
    if problem := _awaiting_fee(case, events):
        return problem
    notice = fee_notice(events)
    assert notice is not None
    if happened(events, EventKind.FEE_NOTICE_RECEIVED) or notice.data.get("received"):
        return "已登记申请人收到收费通知的日期"
    return None


def why_not_record_payment(case: Case, events: Events) -> str | None:
    return _awaiting_fee(case, events)


def why_not_lapse_fee(case: Case, events: Events) -> str | None:
    """The case awaits payment; whether the period has run out depends on the day given, which
    the service checks."""
    return _awaiting_fee(case, events)


# --- requests beyond a reasonable number or frequency (第三十五条) --------------------------------
def why_not_request_reasons(case: Case, events: Events) -> str | None:
    if problem := _not_in(case, HANDLING, "要求说明理由"):
        return problem
    if law.regime_on(case.receipt_date) is law.Regime.R2007:
        return (
            f"{law.in_chinese(law.REGULATION_2019_FROM)}前收到的申请适用2007年条例，"
            "该条例没有第三十五条的规定"
        )
    if pending_reasons(events) is not None:
        return "已要求申请人说明理由，尚未审查"
    return None


def why_not_assess_reasons(case: Case, events: Events) -> str | None:
    if problem := _not_in(case, PROPOSALS_OPEN, "审查申请理由"):
        return problem
    if pending_reasons(events) is None:
        return "尚未要求申请人说明理由"
    return None


def why_not_set_reasonable_period(case: Case, events: Events) -> str | None:
    if problem := _not_in(case, HANDLING, "确定延迟答复期限"):
        return problem
    if reasons_assessment(events) is not True:
        return (
            "确定延迟答复期限前，应当要求申请人说明理由并认定理由合理"
            f"（{law.ART35_REASONABLE_PERIOD.short}）"
        )
    return None


# --- the decision -------------------------------------------------------------------------------
def decision_problems(case: Case, events: Events, decision: outcomes.Decision) -> list[str]:
    """Everything that stands against this decision on this case now (empty when nothing
    does): the case's state, the decision's own rules (outcomes.decision_problems), and what
    the case's history requires of it."""
    problems = outcomes.decision_problems(decision)
    chosen = decision.rule
    if problem := why_not_propose_decision(case, events):
        problems.insert(0, problem)
    if chosen.outcome is Outcome.UNCLEAR_AFTER_CORRECTION and not happened(
        events, EventKind.CORRECTION_RECEIVED
    ):
        problems.append("只有补正后申请内容仍不明确，才能答复无法提供（补正后仍不明确）")
    if chosen.outcome is Outcome.EXCESSIVE and reasons_assessment(events) is not False:
        problems.append(
            "以申请数量、频次明显超过合理范围为由不予处理，应当先要求申请人说明理由，并认定理由不合理"
            f"（{law.ART35_REASONABLE_PERIOD.short}）"
        )
    objection = third_party_objection(events)
    if (
        objection is not None
        and chosen.outcome is Outcome.PROVIDED
        and not decision.public_interest.strip()
    ):
        problems.append(
            "第三方不同意公开：决定予以公开的，须写明不公开可能对公共利益造成重大影响的理由"
            f"（{law.ART15_THIRD_PARTY_RIGHTS.short}、{law.ART32_THIRD_PARTY.short}）"
        )
    if objection is None and decision.public_interest.strip():
        problems.append("没有第三方不同意公开的征求意见记录，无需写明决定公开的理由")
    return problems


def why_not_propose_decision(
    case: Case, events: Events, decision: outcomes.Decision | None = None
) -> str | None:
    """The clerk drafts the reply of a case being handled; with ``decision``, also everything
    that stands against that decision (:func:`decision_problems`), joined."""
    if decision is not None:
        return "；".join(decision_problems(case, events, decision)) or None
    return _not_in(case, {Status.PROCESSING}, "拟定答复")


def _pending_decision(case: Case, events: Events) -> str | None:
    if case.status != Status.DECISION_PENDING or pending_decision(events) is None:
        return "没有待审核的答复"
    return None


def why_not_approve_decision(
    case: Case, events: Events, *, approver: int | None = None
) -> str | None:
    """A drafted reply, approved by a reviewer (``approver``, a user id) who did not draft it."""
    if problem := _pending_decision(case, events):
        return problem
    proposal = pending_decision(events)
    assert proposal is not None
    return _by_another(proposal, approver, "审核答复")


def why_not_return_decision(case: Case, events: Events) -> str | None:
    return _pending_decision(case, events)


def why_not_deliver(case: Case) -> str | None:
    if case.status != Status.DECIDED or case.decided_on is None:
        return "答复尚未审核通过，不能登记送达"
    return None


# --- the end, and what may come at any time -----------------------------------------------------
def why_not_withdraw(case: Case) -> str | None:
    """The applicant may withdraw until the decision is approved."""
    return _not_in(case, WITHDRAWABLE, "撤回")


def why_not_add_documents(case: Case) -> str | None:
    """Documents may be added to any case, a concluded one too: a 送达回证 or a letter arrives
    after the reply, and the case file (第四十五条 档案) keeps them."""
    return None
