"""Consultation of a third party or another agency (《条例》第三十二、三十四条); the time it
takes is not counted (第三十三条)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING

from django.db import transaction

from gongkai import law
from gongkai.applications import notices, rules
from gongkai.applications.eventlog import consultation_started
from gongkai.applications.models import Application, ApplicationEvent, DocumentKind, EventKind
from gongkai.applications.services.common import (
    ApplicationError,
    _append,
    _check_date,
    _events,
    _finish,
    _lock,
    _move,
    calendar_of,
)
from gongkai.applications.services.documents import (
    Upload,
    _issue_notice,
    _store_uploads,
    check_uploads,
)
from gongkai.applications.status import Status
from gongkai.core import uploads
from gongkai.workdays import clock

if TYPE_CHECKING:
    from gongkai.applications.services.common import Actor


@transaction.atomic
def application_start_consultation(
    *,
    actor: Actor,
    application: Application,
    on: dt.date,
    party: str,
    with_agency: bool,
    reason: str,
) -> ApplicationEvent:
    application = _lock(application)
    _check_date(application, on, "发出征求意见日期")
    if problem := rules.why_not_start_consultation(application):
        raise ApplicationError(problem)
    if not party.strip() or not reason.strip():
        raise ApplicationError("请填写被征求意见的第三方或机关，以及征求意见的理由")
    before = application.status
    _move(application, Status.CONSULTING, "征求意见")
    basis = law.ART34_OTHER_AGENCY if with_agency else law.ART32_THIRD_PARTY
    period = clock.AGENCY_REPLY if with_agency else clock.THIRD_PARTY_REPLY
    reply_by = calendar_of(application).add(on, period.days)
    event = _append(
        application,
        EventKind.CONSULTATION_STARTED,
        actor=actor,
        on=on,
        status_before=before,
        summary=f"书面征求{'其他机关' if with_agency else '第三方'}“{party}”意见，"
        f"答复期限至{reply_by}；所需时间不计入答复期限",
        basis=[basis, law.ART33_CONSULTATION_EXCLUDED],
        data={
            "party": party,
            "with_agency": with_agency,
            "reason": reason,
            "reply_by": reply_by.isoformat(),
        },
    )
    _finish(application)
    kind = (
        notices.NoticeKind.CONSULT_AGENCY if with_agency else notices.NoticeKind.CONSULT_THIRD_PARTY
    )
    _issue_notice(
        application,
        kind,
        actor=actor,
        on=on,
        event=event,
        context={"consult": {"party": party, "reason": reason, "reply_by": reply_by}},
    )
    return event


@transaction.atomic
def application_end_consultation(
    *,
    actor: Actor,
    application: Application,
    on: dt.date,
    result: str,
    files: Sequence[Upload] = (),
    position: str = "",
) -> None:
    """The consulted party replied, or its reply period ran out. ``position``: the third
    party's answer (agreed / objected / no_reply), which decides whether disclosing needs the
    written notice of 第三十二条."""
    application = _lock(application)
    _check_date(application, on, "征求意见结束日期")
    events = _events(application)
    if problem := rules.why_not_end_consultation(application, events):
        raise ApplicationError(problem)
    started = consultation_started(events)
    assert started is not None
    if on < started.occurred_on:
        raise ApplicationError("结束日期不能早于发出征求意见的日期")
    position = position or "no_reply"
    if position not in POSITIONS:
        raise ApplicationError("请从列表中选择被征求意见方的意见")
    checked = check_uploads(files, allowed=uploads.STAFF_TYPES)
    before = application.status
    _move(application, Status.PROCESSING, "结束征求意见")
    application.save()
    event = _append(
        application,
        EventKind.CONSULTATION_ENDED,
        actor=actor,
        on=on,
        status_before=before,
        summary=f"征求意见结束（{POSITIONS[position]}）" + (f"：{result}" if result else ""),
        basis=law.ART33_CONSULTATION_EXCLUDED,
        data={"result": result, "position": position},
    )
    _store_uploads(
        application,
        [Upload(f.name, f.content, DocumentKind.OPINION, f.title) for f in files],
        checked,
        actor=actor,
        event=event,
    )
    _finish(application)


POSITIONS = {
    "agreed": "同意公开",
    "objected": "不同意公开",
    "no_reply": "逾期未提出意见",
}
