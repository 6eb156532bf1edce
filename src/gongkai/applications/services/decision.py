"""The decision: drafted by the clerk, returned or approved by the reviewer (the reply, 答复书,
is generated), delivered to the applicant."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from django.db import transaction

from gongkai import law, remedies
from gongkai.applications import notices, outcomes, rules
from gongkai.applications.models import (
    Application,
    ApplicationEvent,
    Document,
    DocumentKind,
    EventKind,
)
from gongkai.applications.outcomes import Outcome
from gongkai.applications.selectors import (
    decision_of,
    third_party_objection,
)
from gongkai.applications.services.common import (
    ApplicationError,
    _append,
    _check_date,
    _conclude,
    _events,
    _finish,
    _lock,
    _move,
    _user_id,
)
from gongkai.applications.services.documents import (
    Upload,
    _issue_notice,
    _issue_reply,
    _store_uploads,
    check_uploads,
    venue_for,
)
from gongkai.applications.status import Status
from gongkai.core import uploads

if TYPE_CHECKING:
    from gongkai.applications.services.common import Actor


@transaction.atomic
def application_propose_decision(
    *,
    actor: Actor,
    application: Application,
    on: dt.date,
    decision: outcomes.Decision,
    files: Sequence[Upload] = (),
) -> ApplicationEvent:
    """The clerk drafts the decision for the reviewer: exactly one outcome of the national
    taxonomy with everything its reply must state (《条例》第三十六条; for 不予公开 each ground
    with its own reason, 法释〔2025〕8号第五条), and the information to provide attached
    (提供的政府信息, given to the applicant once the reply is approved)."""
    application = _lock(application)
    _check_date(application, on)
    decision = decision.normalized()
    problem = rules.why_not_propose_decision(application, _events(application), decision)
    if problem:
        raise ApplicationError(problem)
    if files and not decision.rule.provides:
        raise ApplicationError("只有予以公开、部分公开的答复可以附提供的政府信息")
    checked = check_uploads(files, allowed=uploads.STAFF_TYPES)
    chosen = decision.rule
    before = application.status
    _move(application, Status.DECISION_PENDING, "提交答复审核")
    application.outcome = chosen.outcome.value
    application.decision = decision.to_data()
    _finish(application)
    event = _append(
        application,
        EventKind.DECISION_PROPOSED,
        actor=actor,
        on=on,
        status_before=before,
        summary=f"拟答复：{chosen.label}，待审核",
        basis=outcomes.bases_for(decision, application.regime),
        data=decision.to_data(),
    )
    _store_uploads(
        application,
        [
            Upload(f.name, f.content, DocumentKind.INFORMATION, f.title or "提供的政府信息")
            for f in files
        ],
        checked,
        actor=actor,
        event=event,
    )
    return event


@transaction.atomic
def application_return_decision(
    *, actor: Actor, application: Application, on: dt.date, reason: str
) -> None:
    application = _lock(application)
    _check_date(application, on)
    if problem := rules.why_not_return_decision(application, _events(application)):
        raise ApplicationError(problem)
    if not reason.strip():
        raise ApplicationError("请说明退回的理由")
    before = application.status
    _move(application, Status.PROCESSING, "退回答复")
    application.outcome = ""
    application.decision = {}
    _finish(application)
    _append(
        application,
        EventKind.DECISION_RETURNED,
        actor=actor,
        on=on,
        status_before=before,
        summary=f"审核退回：{reason}",
        basis=law.ART45_CASE_FILES,
    )


@transaction.atomic
def application_approve_decision(
    *, actor: Actor, application: Application, on: dt.date
) -> Document:
    """The reviewer approves the drafted decision; the reply (答复书) is generated and filed,
    naming the reconsideration body and court in force that day. Disclosing over a third
    party's objection, the third party is told in writing what is disclosed and why
    (《条例》第三十二条)."""
    application = _lock(application)
    _check_date(application, on, "审核日期")
    events = _events(application)
    if problem := rules.why_not_approve_decision(application, events, approver=_user_id(actor)):
        raise ApplicationError(problem)
    decision = decision_of(application)
    venue = venue_for(application, on) if decision.rule.reviewable else None
    before = application.status
    _move(application, Status.DECIDED, "审核通过")
    application.decided_on = on
    _finish(application)
    chosen = decision.rule
    event = _append(
        application,
        EventKind.DECISION_APPROVED,
        actor=actor,
        on=on,
        status_before=before,
        summary=f"审核通过：{chosen.label}（{chosen.row_label(_current_format(on))}）",
        basis=outcomes.bases_for(decision, application.regime),
        data={
            "venue": {
                "rule": venue.rule.value,
                "bodies": list(venue.bodies),
                "court": venue.court,
                "online_channel": venue.online_channel,
                "valid_from": venue.valid_from.isoformat(),
            }
            if venue is not None
            else {}
        },
    )
    reply = _issue_reply(application, actor=actor, on=on, event=event, venue=venue)
    objection = third_party_objection(events)
    if objection is not None and decision.public_interest:
        # A disclosing outcome is always reviewable, so the venue is known here.
        assert venue is not None
        notice_remedies = remedies.paragraph(
            decided_on=on, venue=venue, withholds=False, what="本决定"
        )
        _issue_notice(
            application,
            notices.NoticeKind.THIRD_PARTY_DISCLOSURE,
            actor=actor,
            on=on,
            event=event,
            context={
                "disclosure": {
                    "party": objection.data.get("party", ""),
                    "consulted": objection.occurred_on,
                    "content": application.info_summary or "（见申请）",
                    "reason": outcomes.clean(decision.public_interest),
                    "remedies": notice_remedies.text,
                }
            },
        )
    return reply


def _current_format(on: dt.date) -> Any:
    from gongkai.report_format import FormatVersion

    return FormatVersion.for_year(on.year)


@transaction.atomic
def application_deliver(
    *,
    actor: Actor,
    application: Application,
    on: dt.date,
    method: str,
    note: str = "",
    files: Sequence[Upload] = (),
) -> None:
    """The reply reached the applicant: 签收 date when handed over, 交邮 date when posted
    (国办公开办函〔2016〕235号). The case is concluded on that day."""
    application = _lock(application)
    _check_date(application, on, "送达日期")
    if problem := rules.why_not_deliver(application):
        raise ApplicationError(problem)
    assert application.decided_on is not None
    if on < application.decided_on:
        raise ApplicationError("送达日期不能早于审核通过日期")
    checked = check_uploads(files, allowed=uploads.STAFF_TYPES)
    before = application.status
    _move(application, Status.CLOSED, "登记送达")
    application.delivered_on = on
    _conclude(application, Outcome(application.outcome or ""), on)
    _finish(application)
    in_time = application.due_date is None or on <= application.due_date
    event = _append(
        application,
        EventKind.DELIVERED,
        actor=actor,
        on=on,
        status_before=before,
        summary=f"答复已送达（{method}{('，' + note) if note else ''}）；"
        + ("在法定期限内答复" if in_time else f"超过答复期限（{application.due_date}）"),
        basis="国办公开办函〔2016〕235号（送达时点）",
        data={"method": method, "in_time": in_time},
    )
    _store_uploads(
        application,
        [Upload(f.name, f.content, DocumentKind.DELIVERY_PROOF, f.title) for f in files],
        checked,
        actor=actor,
        event=event,
    )
