"""The writes of the training records: one function per change, in a transaction, each with its
audit row. Only the office (公开办) records training (gongkai.accounts.access)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db import transaction

from gongkai.audit.actions import AuditAction
from gongkai.audit.services import actor_label, record
from gongkai.core import locks, storedfiles, uploads
from gongkai.training.models import Attendance, Material, Session
from gongkai.units.models import Unit

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

    Actor = AbstractBaseUser | AnonymousUser | None

# The office trains the units' staff as the district's 政府信息公开工作主管部门.
BASIS = (
    "《中华人民共和国政府信息公开条例》第三条（县级以上地方人民政府办公厅（室）负责推进、指导、"
    "协调、监督本行政区域的政府信息公开工作）"
)
MATERIAL_TYPES = uploads.STAFF_TYPES
MAX_MATERIALS = 20
SESSION_FIELDS = ("held_on", "title", "organiser", "place", "content")


class TrainingError(ValueError):
    """A change the rules do not allow; the message is for the user, in Chinese."""


def _check_open(day: dt.date, unit_ids: Sequence[int | None] = (None,)) -> None:
    """A published report states the year's training: its year is closed (core/locks.py)."""
    try:
        for unit_id in unit_ids:
            locks.check_open(unit_id, day)
    except locks.YearLocked as exc:
        raise TrainingError(str(exc)) from None


def _audit(
    actor: Actor,
    session: Session,
    action: AuditAction,
    summary: str,
    changes: dict[str, Any] | None = None,
) -> None:
    record(
        actor=actor,
        action=action,
        obj=session,
        summary=f"{summary}：{session.held_on:%Y-%m-%d} {session.title[:80]}",
        basis=BASIS,
        changes=changes or {},
    )


def _locked(session: Session) -> Session:
    return Session.objects.select_for_update().get(pk=session.pk)


@transaction.atomic
def session_create(*, actor: Actor, data: dict[str, Any]) -> Session:
    _check_open(data["held_on"])
    session = Session(
        **{name: data[name] for name in SESSION_FIELDS}, created_by_label=actor_label(actor)
    )
    session.full_clean()
    session.save()
    _audit(actor, session, AuditAction.TRAINING_SESSION_CREATE, "登记培训")
    return session


@transaction.atomic
def session_update(*, actor: Actor, session: Session, data: dict[str, Any]) -> Session:
    session = _locked(session)
    attending = list(session.attendances.values_list("unit_id", flat=True))
    _check_open(session.held_on, [None, *attending])
    _check_open(data["held_on"], [None, *attending])
    changes = {
        name: [str(getattr(session, name)), str(data[name])]
        for name in SESSION_FIELDS
        if getattr(session, name) != data[name]
    }
    if not changes:
        return session
    for name in SESSION_FIELDS:
        setattr(session, name, data[name])
    session.full_clean()
    session.save()
    _audit(actor, session, AuditAction.TRAINING_SESSION_UPDATE, "修改培训", changes)
    return session


@dataclass(frozen=True)
class Attendee:
    unit: Unit
    people: int
    names: str = ""


@transaction.atomic
def attendance_save(*, actor: Actor, session: Session, rows: Sequence[Attendee]) -> Session:
    """Replace the session's list of attending units: a unit with 0 people did not attend."""
    session = _locked(session)
    before = {a.unit_id: (a.people, a.names) for a in session.attendances.all()}
    after = {row.unit.pk: (row.people, row.names) for row in rows if row.people > 0}
    if len(after) != len([row for row in rows if row.people > 0]):
        raise TrainingError("同一单位只能登记一次")
    if any(row.people < 0 for row in rows):
        raise TrainingError("参训人数不能为负数")
    changed = {u for u in before.keys() | after.keys() if before.get(u) != after.get(u)}
    if not changed:
        return session
    _check_open(session.held_on, [None, *sorted(changed)])
    session.attendances.filter(unit_id__in=changed).delete()
    Attendance.objects.bulk_create(
        Attendance(session=session, unit_id=u, people=after[u][0], names=after[u][1])
        for u in sorted(changed)
        if u in after
    )
    people = sum(p for p, _ in after.values())
    _audit(
        actor,
        session,
        AuditAction.TRAINING_ATTENDANCE,
        f"登记参训单位{len(after)}家、{people}人",
        {str(u): [before.get(u, (0, ""))[0], after.get(u, (0, ""))[0]] for u in sorted(changed)},
    )
    return session


@transaction.atomic
def materials_add(
    *, actor: Actor, session: Session, files: Sequence[tuple[str, bytes]]
) -> list[Material]:
    """Attach the materials handed out, each checked by its content and size; all or none."""
    session = _locked(session)
    if not files:
        raise TrainingError("请选择要上传的文件")
    if session.materials.count() + len(files) > MAX_MATERIALS:
        raise TrainingError(f"每次培训最多{MAX_MATERIALS}个材料")
    try:
        checked = storedfiles.check_uploads(files, allowed=MATERIAL_TYPES)
    except uploads.UploadError as error:
        raise TrainingError(str(error)) from None
    out = [
        storedfiles.store_checked(Material(session=session), check, content)
        for (_, content), check in zip(files, checked, strict=True)
    ]
    names = "、".join(m.name for m in out)
    _audit(actor, session, AuditAction.TRAINING_MATERIAL, f"上传材料{len(out)}个（{names}）")
    return out
