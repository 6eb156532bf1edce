"""Recording reconsiderations, lawsuits and complaints, and their results. Audited."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone

from gongkai import law
from gongkai.appeals.models import Appeal, AppealKind, AppealResult, LitigationRoute
from gongkai.audit.actions import AuditAction
from gongkai.audit.services import record
from gongkai.core import locks
from gongkai.core.updates import diff, model_update, snapshot

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

    Actor = AbstractBaseUser | AnonymousUser | None


class AppealError(ValueError):
    pass


BASES = {
    AppealKind.RECONSIDERATION: law.RECONSIDERATION_LAW_ART20,
    AppealKind.LITIGATION: law.LITIGATION_LAW_ART46,
    AppealKind.COMPLAINT: law.ART51_REMEDIES,
}
# What the audit log calls recording an appeal of each kind, and recording its result.
RECORDED = {
    AppealKind.RECONSIDERATION: AuditAction.APPEAL_RECONSIDERATION_CREATE,
    AppealKind.LITIGATION: AuditAction.APPEAL_LITIGATION_CREATE,
    AppealKind.COMPLAINT: AuditAction.APPEAL_COMPLAINT_CREATE,
}
DECIDED = {
    AppealKind.RECONSIDERATION: AuditAction.APPEAL_RECONSIDERATION_DECIDE,
    AppealKind.LITIGATION: AuditAction.APPEAL_LITIGATION_DECIDE,
    AppealKind.COMPLAINT: AuditAction.APPEAL_COMPLAINT_DECIDE,
}
FIELDS = (
    "kind",
    "route",
    "unit",
    "application",
    "previous",
    "body",
    "case_number",
    "appellant",
    "filed_on",
    "summary",
    "result",
    "decided_on",
    "result_detail",
)


def _check_years(unit_id: int, days: list[dt.date | None]) -> None:
    """A change dated in a year whose report is published must wait for it to be reopened."""
    for day in days:
        if day is not None:
            try:
                locks.check_open(unit_id, day)
            except locks.YearLocked as exc:
                raise AppealError(str(exc)) from None


def _check(appeal: Appeal) -> None:
    today = timezone.localdate()
    if appeal.filed_on > today:
        raise AppealError("收到或立案日期不能晚于今天")
    if appeal.kind == AppealKind.LITIGATION and appeal.route == LitigationRoute.AFTER_REVIEW:
        if appeal.previous is not None and appeal.previous.kind != AppealKind.RECONSIDERATION:
            raise AppealError("复议后起诉关联的应是一件行政复议")
    elif appeal.previous is not None:
        raise AppealError("只有复议后起诉的行政诉讼可以关联此前的复议")
    if appeal.application is not None and appeal.application.unit_id != appeal.unit_id:
        raise AppealError("关联的申请不是该单位办理的")
    if appeal.decided_on is not None:
        if appeal.decided_on < appeal.filed_on:
            raise AppealError("审结日期不能早于收到或立案日期")
        if appeal.decided_on > today:
            raise AppealError("审结日期不能晚于今天")


@transaction.atomic
def appeal_record(*, actor: Actor, data: dict[str, Any]) -> Appeal:
    appeal = Appeal(**{k: v for k, v in data.items() if k in FIELDS})
    if appeal.kind != AppealKind.LITIGATION:
        appeal.route = ""
    if appeal.result == AppealResult.PENDING:
        appeal.decided_on = None
    _check(appeal)
    _check_years(appeal.unit_id, [appeal.filed_on, appeal.decided_on])
    appeal.full_clean()
    appeal.save()
    kind = AppealKind(appeal.kind)
    record(
        actor=actor,
        action=RECORDED[kind],
        obj=appeal,
        unit=appeal.unit,
        summary=f"登记{appeal.label}：{appeal.appellant}，{appeal.body}"
        + (f"，关联申请{appeal.application.tracking_number}" if appeal.application else ""),
        basis=BASES[kind],
        changes=diff({}, snapshot(appeal, FIELDS)),
    )
    return appeal


@transaction.atomic
def appeal_decide(
    *,
    actor: Actor,
    appeal: Appeal,
    result: AppealResult,
    decided_on: dt.date | None,
    detail: str = "",
) -> Appeal:
    result = AppealResult(result)
    appeal = Appeal.objects.select_for_update().get(pk=appeal.pk)
    # The old and the new decision date: either may be counted in a published year.
    _check_years(appeal.unit_id, [appeal.decided_on, decided_on])
    if result is not AppealResult.PENDING and decided_on is None:
        raise AppealError("请填写审结日期")
    update = model_update(
        appeal,
        fields=FIELDS,
        data={
            "result": result.value,
            "decided_on": None if result is AppealResult.PENDING else decided_on,
            "result_detail": detail,
        },
    )
    _check(appeal)
    appeal.full_clean()
    appeal.save()
    record(
        actor=actor,
        action=DECIDED[AppealKind(appeal.kind)],
        obj=appeal,
        unit=appeal.unit,
        summary=f"{appeal.label}结果：{appeal.get_result_display()}"
        + (f"（{appeal.decided_on}）" if appeal.decided_on else ""),
        basis=BASES[AppealKind(appeal.kind)],
        changes=update.changes(),
    )
    return appeal
