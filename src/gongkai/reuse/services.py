"""Writes for reuse: a proactive publication drafted from applications asking for the same
information (《条例》第四十四条), a unit's register switched on or off, the information released
on an application marked fit for the register."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

from gongkai import law
from gongkai.applications.models import Application, DocumentKind
from gongkai.applications.status import Status
from gongkai.audit.actions import AuditAction
from gongkai.audit.services import actor_label, record
from gongkai.catalog import services as catalog_services
from gongkai.catalog.models import Column, Item
from gongkai.reuse.models import RegisterSetting, ReleasePublic, RequestLink
from gongkai.units.models import Unit

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

    Actor = AbstractBaseUser | AnonymousUser | None


class ReuseError(Exception):
    """A refusal, in words for the user."""


REGISTER_BASIS = (
    f"{law.ART45_CASE_FILES.citation}（申请登记）；{law.PERSONAL_INFORMATION_LAW.citation}"
    "（公开前去除申请人的个人信息）"
)


@transaction.atomic
def publication_draft(
    *,
    actor: Actor,
    unit: Unit,
    applications: Sequence[Application],
    column: Column,
    title: str,
    body: str,
    formed_on: dt.date | None = None,
) -> Item:
    """Draft a catalog item in ``unit``'s column for information that several applicants asked
    for, linked to their applications (《条例》第四十四条: 可以纳入主动公开的范围). The draft goes
    through the catalog's review and 保密审查 like any other before it is published."""
    if len(applications) < 2:
        raise ReuseError("第四十四条适用于多个申请人申请的相同信息：请至少关联两件申请")
    if any(a.status == Status.WITHDRAWN for a in applications):
        raise ReuseError("已撤回的申请不能作为依申请转主动公开的依据")
    if RequestLink.objects.filter(application__in=applications).exists():
        raise ReuseError("其中有申请已关联到依申请转主动公开的信息")
    try:
        item = catalog_services.item_create(
            actor=actor,
            unit=unit,
            data={
                "title": title,
                "column": column,
                "formed_on": formed_on or timezone.localdate(),
                "body": body,
            },
        )
    except catalog_services.CatalogError as exc:
        raise ReuseError(str(exc)) from None
    label = actor_label(actor)
    RequestLink.objects.bulk_create(
        RequestLink(item=item, application=a, created_by_label=label) for a in applications
    )
    record(
        actor=actor,
        action=AuditAction.REUSE_PUBLICATION_DRAFT,
        obj=item,
        unit=unit,
        summary=f"依申请转主动公开，起草：{item.title[:80]}（关联申请"
        f"{'、'.join(a.tracking_number for a in applications)}）",
        basis=law.ART44_REPEATED_REQUESTS,
        changes={"applications": [a.tracking_number for a in applications]},
    )
    return item


@transaction.atomic
def register_switch(*, actor: Actor, unit: Unit, enabled: bool) -> RegisterSetting:
    """The unit publishes (or stops publishing) the de-identified register of its concluded
    applications."""
    setting, _ = RegisterSetting.objects.select_for_update().get_or_create(
        unit=unit, defaults={"changed_by_label": actor_label(actor)}
    )
    before = setting.enabled
    setting.enabled = enabled
    setting.changed_at = timezone.now()
    setting.changed_by_label = actor_label(actor)
    setting.save()
    record(
        actor=actor,
        action=AuditAction.REUSE_REGISTER_SWITCH,
        obj=setting,
        unit=unit,
        summary=f"{'公开' if enabled else '停止公开'}办结申请登记：{unit.name}",
        basis=REGISTER_BASIS,
        changes={"enabled": [before, enabled]},
    )
    return setting


@transaction.atomic
def release_mark_public(*, actor: Actor, application: Application) -> ReleasePublic:
    """The unit marks the information it released on a concluded application as fit for the
    public register (it must be information any applicant could have: 《条例》第三十六条)."""
    if application.status != Status.CLOSED:
        raise ReuseError("只有已办结的申请可以标记")
    if not application.documents.filter(kind=DocumentKind.INFORMATION).exists():
        raise ReuseError("本申请没有提供的政府信息")
    mark, created = ReleasePublic.objects.get_or_create(
        application=application, defaults={"marked_by_label": actor_label(actor)}
    )
    if not created:
        raise ReuseError("已标记")
    record(
        actor=actor,
        action=AuditAction.REUSE_RELEASE_PUBLIC,
        obj=application,
        unit=application.unit,
        summary=f"标记提供的信息可在办结申请登记中公开：{application.tracking_number}",
        basis=REGISTER_BASIS,
    )
    return mark
