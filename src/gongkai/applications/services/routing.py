"""Routing: the office assigns an application to the unit that holds the information, a unit
hands a misrouted one back."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction

from gongkai import law
from gongkai.applications import rules
from gongkai.applications.models import Application, EventKind
from gongkai.applications.services.common import (
    ApplicationError,
    _append,
    _events,
    _finish,
    _lock,
    _move,
    today,
)
from gongkai.applications.status import Status
from gongkai.units import tree
from gongkai.units.models import Unit

if TYPE_CHECKING:
    from gongkai.applications.services.common import Actor


@transaction.atomic
def application_assign(
    *, actor: Actor, application: Application, unit: Unit, note: str = ""
) -> None:
    """The office routes an application to the unit that holds the information: for one sent
    to a government (Application.government), a unit of that government's subtree. An organ of
    another government is not the agency applied to: the unit answers that the information is
    not its to disclose and names that organ (《条例》第三十六条第（五）项), nobody reroutes the
    application across governments."""
    application = _lock(application)
    before = application.status
    if problem := rules.why_not_assign(application, unit_id=unit.pk):
        raise ApplicationError(problem)
    if not tree.within(application.government_id, unit):
        government = application.government
        assert government is not None  # within() holds for the deployment's
        raise ApplicationError(
            f"该申请是向{government.name}提出的，只能分办至其所属单位；"
            f"信息由其他行政机关负责公开的，应告知申请人该机关的名称和联系方式"
            f"（{law.ART36_5_NOT_RESPONSIBLE.citation}）"
        )
    _move(application, Status.PROCESSING, "分办")
    previous = application.unit
    application.unit = unit
    _finish(application)
    what = f"由{previous.name}改派" if previous else "分办"
    _append(
        application,
        EventKind.ASSIGNED,
        actor=actor,
        on=today(),
        status_before=before,
        summary=f"{what}至{unit.name}" + (f"：{note}" if note else ""),
        basis=law.ART4_WORK_SYSTEM,
        data={
            "unit": unit.code,
            "from": previous.code if previous else "",
            "government": application.government.code if application.government else "",
        },
    )


@transaction.atomic
def application_hand_back(*, actor: Actor, application: Application, reason: str) -> None:
    """A unit returns a misrouted application to the office, with its reason: the office of
    the government it was sent to (Application.government, kept), or the deployment's."""
    application = _lock(application)
    before = application.status
    if problem := rules.why_not_hand_back(application, _events(application)):
        raise ApplicationError(problem)
    if not reason.strip():
        raise ApplicationError("请说明退回的理由")
    previous = application.unit
    _move(application, Status.UNROUTED, "退回分办")
    application.unit = None
    _finish(application)
    _append(
        application,
        EventKind.HANDED_BACK,
        actor=actor,
        on=today(),
        status_before=before,
        summary=f"{previous.name if previous else ''}退回"
        f"{application.government.name if application.government else ''}分办：{reason}",
        basis=law.ART4_WORK_SYSTEM,
        data={"from": previous.code if previous else ""},
    )
