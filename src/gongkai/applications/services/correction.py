"""Correction (补正, 《条例》第三十条): asked for once, received, sent online, or lapsed."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING

from django.db import transaction

from gongkai import law
from gongkai.applications import notices, rules
from gongkai.applications.models import Application, ApplicationEvent, DocumentKind, EventKind
from gongkai.applications.outcomes import Outcome
from gongkai.applications.selectors import correction_request, deadline
from gongkai.applications.services.common import (
    ApplicationError,
    _append,
    _check_date,
    _events,
    _finish,
    _lapse,
    _lock,
    _move,
    calendar_of,
    today,
)
from gongkai.applications.services.documents import (
    Upload,
    _issue_notice,
    _issue_reply,
    _store_uploads,
    check_uploads,
)
from gongkai.applications.status import Status
from gongkai.core import uploads
from gongkai.workdays import clock

if TYPE_CHECKING:
    from gongkai.applications.services.common import Actor


@transaction.atomic
def application_request_correction(
    *,
    actor: Actor,
    application: Application,
    on: dt.date,
    items: str,
    guidance: str = "",
    period_days: int = clock.CORRECTION_PERIOD.default,
) -> ApplicationEvent:
    """The one-time correction notice (第三十条): due within 7 working days of receipt. The
    answer clock stops until the correction arrives and then starts again in full — unless the
    notice went out after the 7 working days: then the original due date still binds, and the
    case says so."""
    application = _lock(application)
    _check_date(application, on, "告知补正日期")
    events = _events(application)
    problem = rules.why_not_request_correction(application, events)
    if problem:
        raise ApplicationError(problem)
    if not items.strip():
        raise ApplicationError("请写明需要补正的事项")
    if problem := clock.CORRECTION_PERIOD.problem(period_days):
        raise ApplicationError(problem)
    before = application.status
    _move(application, Status.AWAITING_CORRECTION, "告知补正")
    calendar = calendar_of(application)
    periods = clock.rules_for(application.receipt_date)
    notice_due = clock.correction_notice_due(calendar, application.receipt_date)
    correction_due = calendar.add(on, period_days)
    late = clock.correction_late(calendar, application.receipt_date, on)
    summary = f"一次性告知补正：{items}；补正期限至{correction_due}"
    if late:
        summary += (
            f"。注意：晚于收到申请后{clock.CORRECTION_NOTICE.days}个工作日（{notice_due}），"
            f"答复期限不停止计算，原答复期限（{application.due_date}）仍然有效"
        )
    event = _append(
        application,
        EventKind.CORRECTION_REQUESTED,
        actor=actor,
        on=on,
        status_before=before,
        summary=summary,
        basis=law.ART30_CORRECTION
        if periods.regime is law.Regime.R2019
        else law.R2007_ART21_4_UNCLEAR,
        data={
            "items": items,
            "guidance": guidance,
            "due": correction_due.isoformat(),
            "period_days": period_days,
            "late": late,
            "notice_due": notice_due.isoformat() if notice_due else "",
        },
    )
    _finish(application)
    _issue_notice(
        application,
        notices.NoticeKind.CORRECTION,
        actor=actor,
        on=on,
        event=event,
        context={
            "correction": {
                "items": items,
                "guidance": guidance,
                "due": correction_due,
                "provisional": bool(calendar.unknown_years(on, correction_due)),
            }
        },
    )
    return event


@transaction.atomic
def application_receive_correction(
    *,
    actor: Actor,
    application: Application,
    on: dt.date,
    note: str = "",
    files: Sequence[Upload] = (),
    label: str = "",
    allowed: frozenset[str] = uploads.STAFF_TYPES,
) -> None:
    """The corrected application arrived: the answer period starts again in full (第三十条)."""
    application = _lock(application)
    _check_date(application, on, "收到补正日期")
    events = _events(application)
    if problem := rules.why_not_receive_correction(application, events):
        raise ApplicationError(problem)
    request = correction_request(events)
    assert request is not None
    if on < request.occurred_on:
        raise ApplicationError("收到补正日期不能早于告知补正日期")
    checked = check_uploads(files, allowed=allowed)
    before = application.status
    _move(application, Status.PROCESSING, "登记收到补正")
    application.save()
    event = _append(
        application,
        EventKind.CORRECTION_RECEIVED,
        actor=actor,
        on=on,
        status_before=before,
        summary="收到补正后的申请，答复期限自该日重新计算" + (f"：{note}" if note else ""),
        basis=law.ART30_CORRECTION,
        data={"text": note} if note else None,
        label=label,
    )
    _store_uploads(application, files, checked, actor=actor, event=event, label=label)
    _finish(application)


CORRECTION_TEXT_MAX = 2000


@transaction.atomic
def application_correct_online(
    *, application: Application, text: str, files: Sequence[Upload] = ()
) -> None:
    """The applicant sends the correction from the status page (《条例》第三十条): the same
    checks as online intake, received today (both sides confirm it at once, 第三十一条第（三）项
    by analogy); the answer period starts again in full."""
    text = text.strip()
    if not text and not files:
        raise ApplicationError("请填写补正内容或者上传补正材料")
    if len(text) > CORRECTION_TEXT_MAX:
        raise ApplicationError(f"补正内容不超过{CORRECTION_TEXT_MAX}字")
    application_receive_correction(
        actor=None,
        application=application,
        on=today(),
        note=text,
        files=[
            Upload(f.name, f.content, DocumentKind.CORRECTION, "申请人网上提交的补正材料")
            for f in files
        ],
        label="申请人（网上补正）",
        allowed=uploads.PUBLIC_TYPES,
    )


@transaction.atomic
def application_lapse_correction(*, actor: Actor, application: Application, on: dt.date) -> None:
    """No correction within the stated period: the application is deemed abandoned
    (第三十条; 2021 row 其他处理 1)."""
    application = _lock(application)
    _check_date(application, on)
    events = _events(application)
    if problem := rules.why_not_lapse_correction(application, events):
        raise ApplicationError(problem)
    request = correction_request(events)
    assert request is not None
    due = deadline(application, "correction") or dt.date.fromisoformat(request.data["due"])
    event = _lapse(
        application,
        actor=actor,
        on=on,
        due=due,
        doing="补正",
        kind=EventKind.CORRECTION_LAPSED,
        outcome=Outcome.NO_CORRECTION,
        basis=law.ART30_CORRECTION,
    )
    _issue_reply(application, actor=actor, on=on, event=event)
