"""Requests beyond a reasonable number or frequency (《条例》第三十五条): reasons asked for and
assessed, a reasonable later deadline fixed."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.db import transaction

from gongkai import law
from gongkai.applications import notices, rules
from gongkai.applications.models import Application, ApplicationEvent, EventKind
from gongkai.applications.selectors import pending_reasons
from gongkai.applications.services.common import (
    ApplicationError,
    _append,
    _check_date,
    _events,
    _finish,
    _lock,
    calendar_of,
)
from gongkai.applications.services.documents import _issue_notice
from gongkai.workdays import clock

if TYPE_CHECKING:
    from gongkai.applications.services.common import Actor


@transaction.atomic
def application_request_reasons(
    *,
    actor: Actor,
    application: Application,
    on: dt.date,
    items: str,
    reply_days: int = clock.ART35_REPLY.default,
) -> ApplicationEvent:
    """The applicant's requests are clearly beyond a reasonable number or frequency: the agency
    asks for the reasons (第三十五条). The answer period keeps running — the law does not stop
    it, and the applicant's time is protected (docs/deadlines.md)."""
    application = _lock(application)
    _check_date(application, on)
    if problem := rules.why_not_request_reasons(application, _events(application)):
        raise ApplicationError(problem)
    if not items.strip():
        raise ApplicationError("请写明申请数量、频次明显超过合理范围的情况")
    if problem := clock.ART35_REPLY.problem(reply_days):
        raise ApplicationError(problem)
    calendar = calendar_of(application)
    reply_by = calendar.add(on, reply_days)
    event = _append(
        application,
        EventKind.ART35_REASONS_REQUESTED,
        actor=actor,
        on=on,
        summary=f"要求申请人说明理由（{items}），期限至{reply_by}",
        basis=law.ART35_REASONABLE_PERIOD,
        data={"items": items, "reply_days": reply_days, "reply_by": reply_by.isoformat()},
    )
    _finish(application)
    _issue_notice(
        application,
        notices.NoticeKind.ART35_REASONS,
        actor=actor,
        on=on,
        event=event,
        context={
            "art35": {
                "items": items,
                "reply_by": reply_by,
                "provisional": bool(calendar.unknown_years(on, reply_by)),
            }
        },
    )
    return event


@transaction.atomic
def application_assess_reasons(
    *, actor: Actor, application: Application, on: dt.date, reasonable: bool, summary: str
) -> ApplicationEvent:
    """The agency's view of the reasons the applicant gave (or did not give) under 第三十五条:
    reasonable → it may fix a reasonable later period; not → the request may be refused
    (不予处理, table 三 五4)."""
    application = _lock(application)
    _check_date(application, on)
    events = _events(application)
    if problem := rules.why_not_assess_reasons(application, events):
        raise ApplicationError(problem)
    request = pending_reasons(events)
    assert request is not None
    if on < request.occurred_on:
        raise ApplicationError("审查日期不能早于要求说明理由的日期")
    if not summary.strip():
        raise ApplicationError("请写明申请人说明的理由及审查意见")
    event = _append(
        application,
        EventKind.ART35_REASONS_ASSESSED,
        actor=actor,
        on=on,
        summary=f"审查申请人说明的理由：{'理由合理' if reasonable else '理由不合理'}。{summary}",
        basis=law.ART35_REASONABLE_PERIOD,
        data={"reasonable": reasonable, "summary": summary},
    )
    _finish(application)
    return event


@transaction.atomic
def application_set_reasonable_period(
    *, actor: Actor, application: Application, on: dt.date, due: dt.date, reason: str
) -> None:
    """Reasons found reasonable but the answer cannot be given within the period: the agency
    fixes a reasonable later deadline and tells the applicant (第三十五条)."""
    application = _lock(application)
    _check_date(application, on)
    if problem := rules.why_not_set_reasonable_period(application, _events(application)):
        raise ApplicationError(problem)
    if application.due_date is None or due <= application.due_date:
        raise ApplicationError(f"延迟答复的期限应晚于现答复期限（{application.due_date}）")
    if not reason.strip():
        raise ApplicationError("请说明理由")
    event = _append(
        application,
        EventKind.ART35_DEADLINE,
        actor=actor,
        on=on,
        summary=f"依第三十五条确定延迟答复的期限至{due}：{reason}",
        basis=law.ART35_REASONABLE_PERIOD,
        data={"due": due.isoformat(), "reason": reason},
    )
    _finish(application)
    _issue_notice(
        application,
        notices.NoticeKind.ART35,
        actor=actor,
        on=on,
        event=event,
        context={"art35": {"reason": reason}},
    )
