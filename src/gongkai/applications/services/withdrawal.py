"""Withdrawal by the applicant."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.db import transaction

from gongkai import law
from gongkai.applications import rules
from gongkai.applications.models import Application, EventKind
from gongkai.applications.outcomes import Outcome
from gongkai.applications.services.common import (
    ApplicationError,
    _append,
    _check_date,
    _conclude,
    _finish,
    _lock,
    _move,
)
from gongkai.applications.status import Status

if TYPE_CHECKING:
    from gongkai.applications.services.common import Actor


@transaction.atomic
def application_withdraw(
    *,
    actor: Actor,
    application: Application,
    on: dt.date,
    reason: str = "",
    by_applicant_online: bool = False,
) -> None:
    """The applicant withdraws (recorded as 其他处理/其他, the practice the spec notes)."""
    application = _lock(application)
    _check_date(application, on, "撤回日期")
    if problem := rules.why_not_withdraw(application):
        raise ApplicationError(problem)
    before = application.status
    _move(application, Status.WITHDRAWN, "撤回")
    _conclude(application, Outcome.WITHDRAWN, on)
    _finish(application)
    label = "申请人（网上撤回）" if by_applicant_online else ""
    _append(
        application,
        EventKind.WITHDRAWN,
        actor=actor,
        on=on,
        status_before=before,
        label=label,
        summary="申请人撤回申请" + (f"：{reason}" if reason else ""),
        basis=law.ART45_CASE_FILES,
    )
