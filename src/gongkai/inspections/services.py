"""Changes to inspections and rectifications: one function per change, each in a transaction
and audited with its legal basis (《条例》第四十七条: the office 督促整改). A refused change raises
:class:`InspectionError` with a message in Chinese and stores nothing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from gongkai import law
from gongkai.applications.models import Application
from gongkai.audit.actions import AuditAction
from gongkai.audit.services import actor_label, record
from gongkai.catalog.models import Column, Item
from gongkai.core import storedfiles, uploads
from gongkai.core.forms import clean_text
from gongkai.inspections import status
from gongkai.inspections.kinds import FindingKind
from gongkai.inspections.models import Evidence, Finding, Inspection, Rectification, Response
from gongkai.inspections.status import State, Step
from gongkai.regions import services as regions
from gongkai.units.models import Unit

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

    Actor = AbstractBaseUser | AnonymousUser | None

BASIS = law.ART47_SUPERVISION
# The office's name on a notice issued by someone who is not the staff of a unit.
DEFAULT_ISSUER = "政府信息公开工作主管部门"
EVIDENCE_TYPES = uploads.STAFF_TYPES
MAX_EVIDENCE = 10
TEXT_LIMIT = 5000


class InspectionError(ValueError):
    """A change the rules do not allow; the message is for the user, in Chinese."""


def today() -> dt.date:
    return timezone.localdate()


def rectification_days() -> int:
    """The working days a rectification notice gives (GONGKAI_RECTIFICATION_WORKING_DAYS)."""
    return int(settings.GONGKAI_RECTIFICATION_WORKING_DAYS)


def _user_id(actor: Actor) -> int | None:
    return actor.pk if actor is not None and actor.is_authenticated else None


def _text(value: str, what: str, *, required: bool = True, limit: int = TEXT_LIMIT) -> str:
    text = clean_text(value or "")
    if required and not text:
        raise InspectionError(f"请填写{what}")
    if len(text) > limit:
        raise InspectionError(f"{what}不能超过{limit}字")
    return text


def _day(on: dt.date | None, what: str, *, not_before: dt.date | None = None) -> dt.date:
    day = on or today()
    if day > today():
        raise InspectionError(f"{what}不能晚于今天")
    if not_before is not None and day < not_before:
        raise InspectionError(f"{what}不能早于{not_before.isoformat()}")
    return day


def _locked(rectification: Rectification) -> Rectification:
    return (
        Rectification.objects.select_for_update(of=("self",))
        .select_related("unit", "inspection")
        .get(pk=rectification.pk)
    )


def _audit(
    actor: Actor,
    rectification: Rectification,
    action: AuditAction,
    summary: str,
    changes: dict[str, object] | None = None,
) -> None:
    record(
        actor=actor,
        action=action,
        obj=rectification,
        unit=rectification.unit,
        summary=f"{summary}：{rectification.number}（{rectification.unit.short_name}）",
        basis=BASIS,
        changes=changes,
    )


# --- inspections and findings ---------------------------------------------------------------------
@transaction.atomic
def inspection_create(
    *,
    actor: Actor,
    title: str,
    start_on: dt.date,
    end_on: dt.date,
    units: Iterable[Unit],
    scope: str = "",
    inspectors: str = "",
) -> Inspection:
    """Record an inspection of one or many units by the office (《条例》第四十七条)."""
    covered = sorted(set(units), key=lambda u: (u.sort_order, u.pk))
    if not covered:
        raise InspectionError("请选择被检查单位")
    if end_on < start_on:
        raise InspectionError("检查结束日期不能早于开始日期")
    inspection = Inspection.objects.create(
        title=_text(title, "检查名称", limit=200),
        start_on=start_on,
        end_on=end_on,
        scope=_text(scope, "检查范围和内容", required=False),
        inspectors=_text(inspectors, "检查人员", required=False, limit=300),
        created_by_id=_user_id(actor),
    )
    inspection.units.set(covered)
    record(
        actor=actor,
        action=AuditAction.INSPECTION_CREATE,
        obj=inspection,
        summary=f"登记监督检查：{inspection.title}（{start_on.isoformat()}至{end_on.isoformat()}，"
        f"被检查单位{len(covered)}家）",
        basis=BASIS,
        changes={"units": [u.code for u in covered]},
    )
    return inspection


def _reference(
    unit: Unit, application: Application | None, item: Item | None, column: Column | None
) -> str:
    parts = []
    if application is not None:
        if application.unit_id != unit.pk:
            raise InspectionError(f"申请{application.tracking_number}不是{unit.short_name}办理的")
        parts.append(f"申请{application.tracking_number}")
    if item is not None:
        if item.unit_id != unit.pk:
            raise InspectionError(f"信息“{item.title[:40]}”不是{unit.short_name}发布的")
        parts.append(
            f"信息“{item.title[:80]}”" + (f"（{item.index_number}）" if item.index_number else "")
        )
    if column is not None:
        if column.unit_id != unit.pk:
            raise InspectionError(f"栏目“{column.name}”不属于{unit.short_name}")
        parts.append(f"栏目“{column.name}”")
    return "；".join(parts)


@transaction.atomic
def finding_add(
    *,
    actor: Actor,
    inspection: Inspection,
    unit: Unit,
    kind: str,
    description: str,
    application: Application | None = None,
    item: Item | None = None,
    column: Column | None = None,
) -> Finding:
    """Record a problem the inspection found in one of the units it covered, optionally linked
    to the application, catalog item or column it concerns."""
    if not inspection.units.filter(pk=unit.pk).exists():
        raise InspectionError(f"{unit.short_name}不在本次检查范围内")
    if kind not in set(FindingKind):
        raise InspectionError("请选择问题类型")
    if Rectification.objects.filter(inspection=inspection, unit=unit).exists():
        raise InspectionError(f"已向{unit.short_name}下发整改通知书，不能再补充问题")
    finding = Finding.objects.create(
        inspection=inspection,
        unit=unit,
        kind=kind,
        description=_text(description, "问题描述"),
        application=application,
        item=item,
        column=column,
        reference=_reference(unit, application, item, column),
        created_by_id=_user_id(actor),
    )
    record(
        actor=actor,
        action=AuditAction.FINDING_ADD,
        obj=finding,
        unit=unit,
        summary=f"登记检查发现的问题（{finding.kind_label}）：{inspection.title}",
        basis=FindingKind(kind).basis,
        changes={"kind": kind, "reference": finding.reference},
    )
    return finding


# --- rectification --------------------------------------------------------------------------------
def _issuer(actor: Actor) -> str:
    staff = getattr(actor, "staff", None)
    if staff is not None and staff.unit_id:
        return str(staff.unit.name)
    return DEFAULT_ISSUER


@transaction.atomic
def rectification_issue(
    *,
    actor: Actor,
    inspection: Inspection,
    unit: Unit,
    requirements: str = "",
    on: dt.date | None = None,
) -> Rectification:
    """Issue the rectification notice (整改通知书) to a unit for the findings recorded against
    it, due after GONGKAI_RECTIFICATION_WORKING_DAYS working days (《条例》第四十七条 督促整改)."""
    Inspection.objects.select_for_update().get(pk=inspection.pk)  # one notice per unit
    if Rectification.objects.filter(inspection=inspection, unit=unit).exists():
        raise InspectionError(f"已向{unit.short_name}下发过整改通知书")
    findings = list(inspection.findings.filter(unit=unit, rectification__isnull=True))
    if not findings:
        raise InspectionError(f"本次检查没有登记{unit.short_name}的问题，无需下发整改通知书")
    issued_on = _day(on, "下发日期", not_before=inspection.start_on)
    days = rectification_days()
    due = regions.calendar_for(unit).add(issued_on, days)
    year = issued_on.year
    serial = (Rectification.objects.filter(year=year).aggregate(n=Max("serial"))["n"] or 0) + 1
    rectification = Rectification.objects.create(
        inspection=inspection,
        unit=unit,
        number=f"整改通知〔{year}〕{serial}号",
        year=year,
        serial=serial,
        status=State.ISSUED,
        requirements=_text(requirements, "整改要求", required=False),
        issuer=_issuer(actor),
        issued_on=issued_on,
        working_days=days,
        due_date=due,
        issued_by_id=_user_id(actor),
    )
    Finding.objects.filter(pk__in=[f.pk for f in findings]).update(rectification=rectification)
    _audit(
        actor,
        rectification,
        AuditAction.RECTIFICATION_ISSUE,
        f"下发整改通知书，问题{len(findings)}个，{days}个工作日内即{due.isoformat()}前完成整改",
        {"issued_on": issued_on.isoformat(), "due_date": due.isoformat(), "days": days},
    )
    return rectification


def _check(rectification: Rectification, step: Step) -> State:
    try:
        return status.after(rectification.status, step)
    except ValueError as exc:
        raise InspectionError(str(exc)) from None


@transaction.atomic
def rectification_respond(
    *,
    actor: Actor,
    rectification: Rectification,
    text: str,
    files: Sequence[tuple[str, bytes]] = (),
    on: dt.date | None = None,
) -> Response:
    """The unit reports what it did (整改情况), with evidence files checked by their content;
    all or nothing."""
    rectification = _locked(rectification)
    target = _check(rectification, Step.RESPOND)
    body = _text(text, "整改情况")
    previous = rectification.responses.order_by("-round").first()
    not_before = previous.verdict_on if previous and previous.verdict_on else None
    responded_on = _day(on, "报送日期", not_before=not_before or rectification.issued_on)
    if len(files) > MAX_EVIDENCE:
        raise InspectionError(f"每次最多上传{MAX_EVIDENCE}个佐证材料")
    try:
        checked = storedfiles.check_uploads(files, allowed=EVIDENCE_TYPES)
    except uploads.UploadError as error:
        raise InspectionError(str(error)) from None
    response = Response.objects.create(
        rectification=rectification,
        round=(previous.round if previous else 0) + 1,
        text=body,
        responded_on=responded_on,
        responded_by_id=_user_id(actor),
        responder_label=actor_label(actor),
    )
    for (_, content), check in zip(files, checked, strict=True):
        storedfiles.store_checked(Evidence(response=response), check, content)
    rectification.status = target
    rectification.save(update_fields=["status"])
    names = "、".join(c.name for c in checked) or "无"
    _audit(
        actor,
        rectification,
        AuditAction.RECTIFICATION_RESPOND,
        f"第{response.round}次报送整改情况，佐证材料{len(checked)}个（{names}）",
        {"round": response.round, "responded_on": responded_on.isoformat()},
    )
    return response


def _pending_response(rectification: Rectification) -> Response:
    response = rectification.responses.filter(verdict="").order_by("-round").first()
    if response is None:  # the state says responded: the row is there
        raise InspectionError("没有待审核的整改情况")
    return response


@transaction.atomic
def rectification_close(
    *, actor: Actor, rectification: Rectification, note: str = "", on: dt.date | None = None
) -> Rectification:
    """The office accepts the unit's report: 整改完成. The rectification was completed on the
    day the accepted report was made; on time when that is not after the due date."""
    rectification = _locked(rectification)
    target = _check(rectification, Step.CLOSE)
    response = _pending_response(rectification)
    closed_on = _day(on, "确认日期", not_before=response.responded_on)
    response.verdict = Response.Verdict.CLOSED
    response.verdict_note = _text(note, "审核意见", required=False)
    response.verdict_on = closed_on
    response.verdict_label = actor_label(actor)
    response.save()
    rectification.status = target
    rectification.completed_on = response.responded_on
    rectification.closed_on = closed_on
    rectification.save(update_fields=["status", "completed_on", "closed_on"])
    timing = "按期" if rectification.on_time else "逾期"
    _audit(
        actor,
        rectification,
        AuditAction.RECTIFICATION_CLOSE,
        f"确认整改完成（{timing}，单位于{response.responded_on.isoformat()}报送）",
        {"closed_on": closed_on.isoformat(), "completed_on": response.responded_on.isoformat()},
    )
    return rectification


@transaction.atomic
def rectification_return(
    *, actor: Actor, rectification: Rectification, reason: str, on: dt.date | None = None
) -> Rectification:
    """The office returns the unit's report with a reason (退回); the unit reports again. The
    due date stays as the notice set it."""
    rectification = _locked(rectification)
    target = _check(rectification, Step.RETURN)
    why = _text(reason, "退回理由")
    response = _pending_response(rectification)
    returned_on = _day(on, "退回日期", not_before=response.responded_on)
    response.verdict = Response.Verdict.RETURNED
    response.verdict_note = why
    response.verdict_on = returned_on
    response.verdict_label = actor_label(actor)
    response.save()
    rectification.status = target
    rectification.save(update_fields=["status"])
    _audit(
        actor,
        rectification,
        AuditAction.RECTIFICATION_RETURN,
        f"退回第{response.round}次报送的整改情况（{why[:80]}）",
        {"returned_on": returned_on.isoformat(), "reason": why},
    )
    return rectification
