"""Notice templates: a new version, checked and audited."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import transaction

from gongkai import law
from gongkai.applications import notices
from gongkai.audit.actions import AuditAction
from gongkai.audit.services import actor_label, record
from gongkai.core.updates import create_version

if TYPE_CHECKING:
    from gongkai.applications.services.common import Actor


@transaction.atomic
def template_save(*, actor: Actor, kind: notices.NoticeKind, body: str, note: str = "") -> Any:
    """A new version of a notice template (checked: it parses, has a title and shows every
    variable its kind requires), audited."""
    from gongkai.applications.models import NoticeTemplate

    notices.check_template(kind, body)
    template = create_version(
        NoticeTemplate,
        of={"kind": kind.value},
        body=body,
        note=note,
        created_by_label=actor_label(actor),
    )
    record(
        actor=actor,
        action=AuditAction.NOTICE_TEMPLATE_SAVE,
        obj=template,
        summary=f"保存{kind.label}模板第{template.version}版" + (f"：{note}" if note else ""),
        basis=law.ART45_CASE_FILES,
    )
    return template
