"""The documents of a case: uploads checked and stored, the notices (告知书) and the reply
(答复书) built from their templates and filed with the step that issues them."""

from __future__ import annotations

import datetime as dt
import hashlib
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.conf import settings

from gongkai import law, remedies
from gongkai.applications import notices, outcomes, receipt
from gongkai.applications.models import Application, ApplicationEvent, Document, DocumentKind
from gongkai.applications.selectors import current_template, decision_of
from gongkai.applications.services.common import ApplicationError
from gongkai.audit.services import actor_label
from gongkai.core import storedfiles, uploads
from gongkai.units.models import Unit
from gongkai.workdays import clock

if TYPE_CHECKING:
    from gongkai.applications.services.common import Actor


def _file_name(name: str) -> str:
    return f"{uuid.uuid4().hex}-{name}"


def _document(
    application: Application,
    *,
    name: str,
    content: bytes,
    kind: DocumentKind,
    title: str,
    content_type: str,
    actor: Actor,
    event: ApplicationEvent | None = None,
    for_applicant: bool = False,
    notice_kind: str = "",
    rendered: list[list[str]] | None = None,
    label: str = "",
) -> Document:
    """The row of a document, not saved and without its file."""
    return Document(
        application=application,
        event=event,
        kind=kind.value,
        notice_kind=notice_kind,
        title=title[:200],
        original_name=name[:200],
        content_type=content_type,
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
        rendered=rendered or [],
        for_applicant=for_applicant,
        created_by_label=label or actor_label(actor),
    )


def max_upload_bytes() -> int:
    return int(settings.MAX_UPLOAD_MB) * 1024 * 1024


@dataclass(frozen=True)
class Upload:
    name: str
    content: bytes
    kind: DocumentKind = DocumentKind.OTHER
    title: str = ""


def check_uploads(files: Sequence[Upload], *, allowed: frozenset[str]) -> list[uploads.CheckedFile]:
    """Check every file before anything is stored (a submission is stored whole or not at all)."""
    return [
        uploads.check(f.name, f.content, allowed=allowed, max_bytes=max_upload_bytes())
        for f in files
    ]


def _upload_documents(
    application: Application,
    files: Sequence[Upload],
    checked: Sequence[uploads.CheckedFile],
    *,
    actor: Actor,
    event: ApplicationEvent | None = None,
    label: str = "",
) -> list[Document]:
    """The rows of checked uploads, not saved and without their files."""
    return [
        _document(
            application,
            name=c.name,
            content=f.content,
            kind=f.kind,
            title=f.title or f.kind.label,
            content_type=c.content_type,
            actor=actor,
            event=event,
            label=label,
        )
        for f, c in zip(files, checked, strict=True)
    ]


def _store_uploads(
    application: Application,
    files: Sequence[Upload],
    checked: Sequence[uploads.CheckedFile],
    *,
    actor: Actor,
    event: ApplicationEvent | None,
    label: str = "",
) -> list[Document]:
    """The uploads of a step, each file written and its row saved: inside the step's
    transaction, a file is removed again if the transaction rolls back (storedfiles)."""
    documents = _upload_documents(
        application, files, checked, actor=actor, event=event, label=label
    )
    for document, f, c in zip(documents, files, checked, strict=True):
        storedfiles.save(document.file, _file_name(c.name), f.content)
        document.save()
    return documents


def unit_context(unit: Unit | None) -> dict[str, str]:
    if unit is None:
        return {"name": "", "short_name": "", "address": "", "phone": "", "postcode": ""}
    return {
        "name": unit.name,
        "short_name": unit.short_name,
        "address": unit.address,
        "phone": unit.phone,
        "postcode": unit.postcode,
        "email": unit.email,
    }


def notice_context(application: Application, on: dt.date, **extra: Any) -> dict[str, Any]:
    """Plain data only: a template sees values, never model objects."""
    return {
        "tracking_number": application.tracking_number,
        # a case of no unit answers in the name of the government it was sent to (its receipt
        # is signed by it); the deployment's is signed by none, as before
        "unit": unit_context(application.unit or application.government),
        "applicant": {
            "name": application.applicant_name,
            "type": application.get_applicant_type_display(),
        },
        "received": application.receipt_date,
        "receipt_basis": application.receipt_basis,
        "receipt_reason": receipt.plain_reason(application.receipt_basis),
        "info": application.info_summary or "（见申请）",
        "due": application.due_date,
        "due_provisional": application.due_provisional,
        "today": on,
        **extra,
    }


def _issue_notice(
    application: Application,
    kind: notices.NoticeKind,
    *,
    actor: Actor,
    on: dt.date,
    event: ApplicationEvent,
    context: dict[str, Any],
    label: str = "",
) -> Document:
    notice, content = _notice_document(application, kind, actor=actor, on=on, context=context)
    notice.event = event
    if label:
        notice.created_by_label = label
    storedfiles.save(notice.file, _file_name(notice.original_name), content)
    notice.save()
    return notice


def _notice_document(
    application: Application,
    kind: notices.NoticeKind,
    *,
    actor: Actor,
    on: dt.date,
    context: dict[str, Any],
) -> tuple[Document, bytes]:
    """The notice built (reading only: it can be done before the transaction that stores it),
    as an unsaved row and the DOCX."""
    body, version = current_template(kind)
    rules = clock.rules_for(application.receipt_date)
    blocks = notices.render_blocks(body, notice_context(application, on, **context), rules)
    content = notices.to_docx(blocks, footer=f"{application.tracking_number}")
    title = f"{kind.label}（{application.tracking_number}）"
    document = _document(
        application,
        name=f"{application.tracking_number}-{kind.value}.docx",
        content=content,
        kind=DocumentKind.NOTICE,
        title=title,
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        actor=actor,
        for_applicant=kind in notices.FOR_APPLICANT,
        notice_kind=kind.value,
        rendered=[b.as_list() for b in blocks] + [["template_version", str(version)]],
    )
    return document, content


def venue_for(application: Application, on: dt.date) -> remedies.Venue:
    """Where a reply of this case decided on ``on`` may be contested; ApplicationError when the
    unit has no usable record (a reply must name the body: 《行政复议法》第二十条第三款), or when
    a reply delivered online cannot name the online channel (第二十二条第二款)."""
    from gongkai.units.selectors import venue_on

    unit = application.unit
    if unit is None:
        raise ApplicationError("申请尚未分办，不能出具答复书")
    try:
        venue = remedies.check_for_decision(venue_on(unit, on), on, unit.name)
    except remedies.VenueError as exc:
        raise ApplicationError(str(exc)) from None
    if (
        application.delivered_online
        and remedies.law_on(on) is remedies.ReconsiderationLaw.L2023
        and not venue.online_channel.strip()
    ):
        raise ApplicationError(
            f"申请人选择通过互联网获取答复，答复书应当同时提供提交行政复议申请的互联网渠道"
            f"（{law.RECONSIDERATION_ONLINE.citation}）；请在{unit.name}的救济途径中登记该渠道"
        )
    return venue


def reply_context(
    application: Application, on: dt.date, venue: remedies.Venue | None = None
) -> dict[str, Any]:
    decision = decision_of(application)
    rule_ = decision.rule
    if venue is None and rule_.reviewable:
        venue = venue_for(application, on)
    found = (
        outcomes.remedies_for(
            decision, decided_on=on, venue=venue, online=application.delivered_online
        )
        if venue is not None
        else None
    )
    return {
        "decision": outcomes.decision_text(decision, application.regime),
        "remedies": found.text if found else "",
    }


def _issue_reply(
    application: Application,
    *,
    actor: Actor,
    on: dt.date,
    event: ApplicationEvent,
    label: str = "",
    venue: remedies.Venue | None = None,
) -> Document:
    return _issue_notice(
        application,
        notices.NoticeKind.REPLY,
        actor=actor,
        on=on,
        event=event,
        context=reply_context(application, on, venue),
        label=label,
    )
