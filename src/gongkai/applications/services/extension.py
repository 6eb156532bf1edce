"""Extension of the answer period (《条例》第三十三条第二款): proposed by the clerk, approved or
rejected by the reviewer."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.db import transaction

from gongkai import law
from gongkai.applications import notices, rules
from gongkai.applications.models import Application, ApplicationEvent, EventKind
from gongkai.applications.selectors import pending_extension
from gongkai.applications.services.common import (
    ApplicationError,
    _append,
    _check_date,
    _events,
    _finish,
    _lock,
    _user_id,
    original_due,
)
from gongkai.applications.services.documents import _issue_notice
from gongkai.workdays import clock

if TYPE_CHECKING:
    from gongkai.applications.services.common import Actor


@transaction.atomic
def application_propose_extension(
    *, actor: Actor, application: Application, on: dt.date, days: int, reason: str
) -> ApplicationEvent:
    """The clerk proposes to extend the answer period (at most 20 working days, once)."""
    application = _lock(application)
    _check_date(application, on)
    if problem := rules.why_not_propose_extension(application, _events(application)):
        raise ApplicationError(problem)
    longest = clock.rules_for(application.receipt_date).extension_max
    if not 1 <= days <= longest.days:
        raise ApplicationError(
            f"延长的期限最长不得超过{longest.days}个工作日（{longest.basis.short}）"
        )
    original = original_due(application)
    if original is None or on > original:
        raise ApplicationError(
            f"延期须在原答复期限届满前提出（原答复期限：{original or '未定'}；"
            f"{law.ART33_ANSWER_PERIOD.short}）"
        )
    if not reason.strip():
        raise ApplicationError("请说明延期的理由")
    return _append(
        application,
        EventKind.EXTENSION_PROPOSED,
        actor=actor,
        on=on,
        summary=f"拟延长答复期限{days}个工作日：{reason}，待审核人批准",
        basis=law.ART33_ANSWER_PERIOD,
        data={"days": days, "reason": reason},
    )


@transaction.atomic
def application_approve_extension(*, actor: Actor, application: Application, on: dt.date) -> None:
    """The reviewer (工作机构负责人) approves, before the original due date; the applicant is
    told by a notice."""
    application = _lock(application)
    _check_date(application, on)
    events = _events(application)
    if problem := rules.why_not_approve_extension(application, events, approver=_user_id(actor)):
        raise ApplicationError(problem)
    proposal = pending_extension(events)
    assert proposal is not None
    original = original_due(application, events)
    if original is None or on > original:
        raise ApplicationError(
            f"原答复期限（{original or '未定'}）已过，不能再延期（{law.ART33_ANSWER_PERIOD.short}）"
        )
    days = int(proposal.data["days"])
    application.extension_days = days
    application.save()
    event = _append(
        application,
        EventKind.EXTENSION_APPROVED,
        actor=actor,
        on=on,
        summary=f"批准延长答复期限{days}个工作日",
        basis=law.ART33_ANSWER_PERIOD,
        data={"days": days, "original_due": original.isoformat()},
    )
    _finish(application)
    _issue_notice(
        application,
        notices.NoticeKind.EXTENSION,
        actor=actor,
        on=on,
        event=event,
        context={
            "extension": {"days": days, "reason": proposal.data["reason"]},
            "due_original": original,
        },
    )


@transaction.atomic
def application_reject_extension(
    *, actor: Actor, application: Application, on: dt.date, reason: str
) -> None:
    application = _lock(application)
    _check_date(application, on)
    if problem := rules.why_not_reject_extension(application, _events(application)):
        raise ApplicationError(problem)
    _append(
        application,
        EventKind.EXTENSION_REJECTED,
        actor=actor,
        on=on,
        summary=f"不同意延期：{reason or '未说明'}",
        basis=law.ART33_ANSWER_PERIOD,
    )
