"""Notice templates: a new version, checked and audited."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import transaction

from gongkai import law
from gongkai.applications import notices
from gongkai.audit.services import actor_label, record

if TYPE_CHECKING:
    from gongkai.applications.services.common import Actor


@transaction.atomic
def template_save(*, actor: Actor, kind: notices.NoticeKind, body: str, note: str = "") -> Any:
    """A new version of a notice template (checked: it parses, has a title and shows every
    variable its kind requires), audited."""
    from gongkai.applications.models import NoticeTemplate

    notices.check_template(kind, body)
    latest = (
        NoticeTemplate.objects.select_for_update()
        .filter(kind=kind.value)
        .order_by("-version")
        .first()
    )
    template = NoticeTemplate.objects.create(
        kind=kind.value,
        version=(latest.version + 1) if latest else 1,
        body=body,
        note=note,
        created_by_label=actor_label(actor),
    )
    record(
        actor=actor,
        action="notice_template.save",
        obj=template,
        summary=f"保存{kind.label}模板第{template.version}版" + (f"：{note}" if note else ""),
        basis=law.ART45_CASE_FILES,
    )
    return template
