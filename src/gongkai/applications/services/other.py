"""Steps outside the course of a case: documents added, the query code reset, and the logging
of who viewed a case, downloaded its documents or revealed its personal data."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from django.db import transaction

from gongkai import law
from gongkai.applications import rules
from gongkai.applications.models import Application, Document, EventKind
from gongkai.applications.services.common import ApplicationError, _append, _lock, today
from gongkai.applications.services.documents import Upload, _store_uploads, check_uploads
from gongkai.applications.services.numbers import hash_query_code, new_query_code
from gongkai.audit.actions import AuditAction
from gongkai.audit.services import record
from gongkai.core import uploads

if TYPE_CHECKING:
    from gongkai.applications.services.common import Actor


def application_document_downloaded(
    *, actor: Actor, application: Application, document: Document, by_applicant: bool
) -> None:
    """A download of a case's document is logged: the information itself and the notices carry
    personal data (《个人信息保护法》)."""
    who = "申请人（凭查询码）" if by_applicant else ""
    record(
        actor=actor,
        label=who,
        action=AuditAction.APPLICATION_DOWNLOAD,
        obj=application,
        unit=application.unit,
        summary=f"{application.tracking_number}：下载“{document.title}”",
        basis=law.PERSONAL_INFORMATION_LAW,
    )


@transaction.atomic
def application_add_documents(
    *, actor: Actor, application: Application, files: Sequence[Upload], note: str = ""
) -> list[Document]:
    application = _lock(application)
    if problem := rules.why_not_add_documents(application):
        raise ApplicationError(problem)
    if not files:
        raise ApplicationError("请选择要添加的文件")
    checked = check_uploads(files, allowed=uploads.STAFF_TYPES)
    event = _append(
        application,
        EventKind.DOCUMENT_ADDED,
        actor=actor,
        on=today(),
        summary=f"添加材料{len(files)}份" + (f"：{note}" if note else ""),
        basis=law.ART45_CASE_FILES,
    )
    return _store_uploads(application, files, checked, actor=actor, event=event)


@transaction.atomic
def application_reset_query_code(*, actor: Actor, application: Application) -> str:
    """A new query code for an applicant who lost theirs (identity checked at the counter)."""
    application = _lock(application)
    code = new_query_code()
    application.query_code_hash = hash_query_code(code)
    application.save(update_fields=["query_code_hash", "updated_at"])
    _append(
        application,
        EventKind.QUERY_CODE_RESET,
        actor=actor,
        on=today(),
        summary="核实申请人身份后重置查询码",
        basis=law.PERSONAL_INFORMATION_LAW,
    )
    return code


def application_viewed(*, actor: Actor, application: Application, what: str = "查看案卷") -> None:
    """Viewing a case shows personal data: it is logged (《个人信息保护法》)."""
    record(
        actor=actor,
        action=AuditAction.APPLICATION_VIEW,
        obj=application,
        unit=application.unit,
        summary=f"{what}：{application.tracking_number}",
        basis=law.PERSONAL_INFORMATION_LAW,
    )


def application_personal_data_revealed(
    *, actor: Actor, application: Application, purpose: str
) -> None:
    """The identity-document number and telephone shown in full, once, to someone allowed to
    see them, for the purpose they gave: logged (《个人信息保护法》第五十一条)."""
    record(
        actor=actor,
        action=AuditAction.APPLICATION_REVEAL,
        obj=application,
        unit=application.unit,
        summary=f"查看完整证件号码和联系电话：{application.tracking_number}；用途：{purpose}",
        basis=law.PERSONAL_INFORMATION_LAW,
    )
