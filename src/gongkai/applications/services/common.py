"""What every step of a case shares: its refusal (ApplicationError), the lock, the status
move, the date checks, the event appended with its audit row; and the clock's view of the case
with the other deadlines running besides the answer, recomputed and stored after every step.

Dates: ``on`` is the legal date of the step (the day the notice went out, the day the payment
arrived …), which may be earlier than the day it is recorded but never later; it decides the
clock. ``recorded_at`` on the event is when it was entered.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.utils import timezone

from gongkai import law
from gongkai.applications import outcomes
from gongkai.applications.models import Application, ApplicationEvent, EventKind, audit_action_of
from gongkai.applications.outcomes import Outcome
from gongkai.applications.selectors import correction_request, fee_notice, pending_reasons
from gongkai.applications.status import Status, can_move
from gongkai.audit.services import actor_label, record
from gongkai.core import locks
from gongkai.regions import services as regions
from gongkai.workdays import clock
from gongkai.workdays.calendar import WorkdayCalendar

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

    Actor = AbstractBaseUser | AnonymousUser | None


class ApplicationError(ValueError):
    """A step that cannot be taken; the message says why, in Chinese."""


# --- shared steps -------------------------------------------------------------------------------
def today() -> dt.date:
    return timezone.localdate()


def _check_date(application: Application, on: dt.date, what: str = "日期") -> None:
    if on > today():
        raise ApplicationError(f"{what}不能晚于今天")
    if on < application.receipt_date:
        raise ApplicationError(f"{what}不能早于收到申请之日（{application.receipt_date}）")
    _check_year_open(application.holder_id, on)


def _check_year_open(unit_id: int | None, on: dt.date) -> None:
    try:
        locks.check_open(unit_id, on)
    except locks.YearLocked as exc:
        raise ApplicationError(str(exc)) from None


def _lock(application: Application) -> Application:
    return Application.objects.select_for_update().get(pk=application.pk)


def _move(application: Application, target: Status, doing: str) -> None:
    if not can_move(application.status, target):
        raise ApplicationError(f"申请当前为“{application.status_enum.label}”，不能{doing}")
    application.status = target.value


def _events(application: Application) -> list[ApplicationEvent]:
    return list(application.events.order_by("seq"))


def _append(
    application: Application,
    kind: EventKind,
    *,
    actor: Actor,
    on: dt.date,
    summary: str,
    basis: law.Basis | str | Sequence[law.Basis] = "",
    data: dict[str, Any] | None = None,
    status_before: str = "",
    label: str = "",
) -> ApplicationEvent:
    if isinstance(basis, law.Basis):
        basis_text = basis.citation
    elif isinstance(basis, str):
        basis_text = basis
    else:
        basis_text = outcomes.citations(list(basis))
    last = application.events.order_by("-seq").values_list("seq", flat=True).first() or 0
    user = actor if actor is not None and actor.is_authenticated else None
    event = ApplicationEvent.objects.create(
        application=application,
        seq=last + 1,
        kind=kind.value,
        occurred_on=on,
        actor_id=user.pk if user is not None else None,
        actor_label=label or actor_label(actor),
        summary=summary,
        basis=basis_text[:400],
        status_before=status_before,
        status_after=application.status,
        data=data or {},
    )
    record(
        actor=actor,
        label=label,
        action=audit_action_of(kind),
        obj=application,
        # a case of no unit is audited under the government whose office routes it, which
        # reads its own audit (accounts.access.visible_audit_units)
        unit=application.unit or application.government,
        summary=f"{application.tracking_number}：{summary}",
        basis=basis_text or law.ART45_CASE_FILES.citation,
        changes={"status": [status_before, application.status]} if status_before else {},
    )
    return event


def _finish(application: Application) -> None:
    recompute_due(application)
    application.save()


def _conclude(application: Application, outcome: Outcome, on: dt.date) -> None:
    application.outcome = outcome.value
    application.concluded_on = on


def _lapse(
    application: Application,
    *,
    actor: Actor,
    on: dt.date,
    due: dt.date,
    doing: str,
    kind: EventKind,
    outcome: Outcome,
    basis: law.Basis,
) -> ApplicationEvent:
    """A period the applicant let run out (``doing``: 补正 or 缴费): the application is deemed
    abandoned and closed, and the event returned for the reply that says so. Only once the last
    day ``due`` has passed: the applicant may still act on it."""
    if on <= due:
        raise ApplicationError(f"{doing}期限至{due}，期限届满后才能按逾期未{doing}处理")
    before = application.status
    _move(application, Status.CLOSED, f"按逾期未{doing}办结")
    _conclude(application, outcome, on)
    event = _append(
        application,
        kind,
        actor=actor,
        on=on,
        status_before=before,
        summary=f"{doing}期限（{due}）届满未{doing}，视为放弃申请，不再处理",
        basis=basis,
    )
    _finish(application)
    return event


def _user_id(actor: Actor) -> int | None:
    """The user who takes a step, as the rules compare them with a proposal's author."""
    return actor.pk if actor is not None and actor.is_authenticated else None


# --- the clock and the other deadlines of a case -------------------------------------------------
def clock_events(events: Sequence[ApplicationEvent]) -> list[clock.ClockEvent]:
    """The clock's view of the case, from its event log."""
    out: list[clock.ClockEvent] = []
    consultation: tuple[dt.date, bool] | None = None
    fee: ApplicationEvent | None = None
    for event in events:
        kind = event.kind
        if kind == EventKind.CORRECTION_REQUESTED:
            out.append(clock.CorrectionRequested(event.occurred_on))
        elif kind == EventKind.CORRECTION_RECEIVED:
            out.append(clock.CorrectionReceived(event.occurred_on))
        elif kind == EventKind.CONSULTATION_STARTED:
            consultation = (event.occurred_on, bool(event.data.get("with_agency")))
        elif kind == EventKind.CONSULTATION_ENDED and consultation is not None:
            out.append(clock.Consultation(consultation[0], event.occurred_on, consultation[1]))
            consultation = None
        elif kind == EventKind.FEE_NOTIFIED:
            fee = event
        elif kind == EventKind.FEE_PAID and fee is not None:
            received, _presumed = fee_receipt(fee, events)
            out.append(clock.FeeNotice(fee.occurred_on, event.occurred_on, received))
            fee = None
        elif kind == EventKind.EXTENSION_APPROVED:
            out.append(clock.Extension(int(event.data["days"]), event.occurred_on))
        elif kind == EventKind.ART35_DEADLINE:
            out.append(
                clock.AgencyDeadline(dt.date.fromisoformat(event.data["due"]), event.occurred_on)
            )
    if consultation is not None:
        out.append(clock.Consultation(consultation[0], None, consultation[1]))
    if fee is not None:
        out.append(clock.FeeNotice(fee.occurred_on, None, fee_receipt(fee, events)[0]))
    return out


def _date(value: object) -> dt.date | None:
    return dt.date.fromisoformat(str(value)) if value else None


def calendar_of(application: Application) -> WorkdayCalendar:
    """The calendar every date of the case is counted on: its unit's region's (the national
    calendar with the days the governments above the unit added; regions/services.py), or while
    it has no unit the region's of the government it was sent to (Application.holder_id). The
    one place the case's steps, its clock and its other deadlines take their calendar from."""
    return regions.calendar_for(application.holder_id)


def compute_clock(
    application: Application, events: Sequence[ApplicationEvent] | None = None
) -> clock.ClockResult:
    if events is None:
        events = _events(application) if application.pk is not None else []
    return regions.compute(
        application.holder_id, application.receipt_date, clock_events(events), today=today()
    )


def original_due(
    application: Application, events: Sequence[ApplicationEvent] | None = None
) -> dt.date | None:
    """The last day of the period the law gives (第三十三条第一款), pauses counted but before any
    extension or 第三十五条 deadline: an extension is proposed and approved within it
    (第三十三条第二款), whatever the stored due date has since become. None while a correction
    is awaited."""
    if events is None:
        events = _events(application)
    plain: list[clock.ClockEvent] = [
        event
        for event in clock_events(events)
        if not isinstance(event, clock.Extension | clock.AgencyDeadline)
    ]
    return regions.compute(
        application.holder_id, application.receipt_date, plain, today=today()
    ).due


@dataclass(frozen=True)
class Deadline:
    kind: str  # correction | fee | consultation | art35_reasons
    label: str
    date: dt.date
    provisional: bool
    basis: str

    def to_data(self) -> dict[str, Any]:
        return {
            "label": self.label,
            "date": self.date.isoformat(),
            "provisional": self.provisional,
            "basis": self.basis,
        }


def fee_receipt(
    notice: ApplicationEvent, events: Sequence[ApplicationEvent]
) -> tuple[dt.date, bool]:
    """The day the applicant received the fee notice, and whether it is only presumed: the
    recorded day; else, for a notice sent by post, GONGKAI_POST_DELIVERY_DAYS calendar days
    after posting; else the day it was handed over or sent online."""
    recorded = [
        e.occurred_on
        for e in events
        if e.kind == EventKind.FEE_NOTICE_RECEIVED and e.seq > notice.seq
    ]
    if recorded:
        return recorded[-1], False
    return presumed_fee_receipt(
        notice.occurred_on, str(notice.data.get("delivery", "")), _date(notice.data.get("received"))
    )


def presumed_fee_receipt(
    sent_on: dt.date, delivery: str, received_on: dt.date | None
) -> tuple[dt.date, bool]:
    """When the applicant received a fee notice sent on ``sent_on``, and whether that is only
    presumed: the recorded day when known; by post GONGKAI_POST_DELIVERY_DAYS calendar days
    after posting; otherwise the day it was handed over or sent online."""
    if received_on is not None:
        return received_on, False
    if delivery == "post":
        return sent_on + dt.timedelta(days=int(settings.GONGKAI_POST_DELIVERY_DAYS)), True
    return sent_on, False


def running_deadlines(
    application: Application, events: Sequence[ApplicationEvent]
) -> list[Deadline]:
    """The deadlines running besides the answer: the applicant's correction period, the fee's
    payment period, a consultation's reply period, the reasons asked under 第三十五条. Each is
    recomputed on the calendar of the case's unit; one the applicant was told in a notice never
    comes earlier than the date the notice gave (a recomputation only ever gives more time)."""
    calendar = calendar_of(application)
    out: list[Deadline] = []

    def add(kind: str, label: str, start: dt.date, days: int, told: object, basis: str) -> None:
        date = calendar.add(start, days)
        told_date = _date(told)
        if told_date is not None and told_date > date:
            date = told_date
        provisional = bool(calendar.unknown_years(start, date))
        out.append(Deadline(kind, label, date, provisional, basis))

    status = application.status
    if status == Status.AWAITING_CORRECTION:
        request = correction_request(events)
        if request is not None:
            add(
                "correction",
                "补正期限",
                request.occurred_on,
                int(request.data.get("period_days", clock.CORRECTION_PERIOD.default)),
                request.data.get("due"),
                law.ART30_CORRECTION.citation,
            )
    if status == Status.AWAITING_FEE:
        notice = fee_notice(events)
        if notice is not None:
            received, _presumed = fee_receipt(notice, events)
            add(
                "fee",
                "缴费期限",
                received,
                clock.FEE_PAYMENT.days,
                notice.data.get("pay_by"),
                law.FEE_MEASURE.citation,
            )
    if status == Status.CONSULTING:
        started = [e for e in events if e.kind == EventKind.CONSULTATION_STARTED]
        if started:
            with_agency = bool(started[-1].data.get("with_agency"))
            period = clock.AGENCY_REPLY if with_agency else clock.THIRD_PARTY_REPLY
            add(
                "consultation",
                "征求意见答复期限",
                started[-1].occurred_on,
                period.days,
                None,
                period.basis.citation,
            )
    reasons = pending_reasons(events)
    if reasons is not None and application.is_open:
        add(
            "art35_reasons",
            "说明理由期限",
            reasons.occurred_on,
            int(reasons.data.get("reply_days", clock.ART35_REPLY.default)),
            reasons.data.get("reply_by"),
            law.ART35_REASONABLE_PERIOD.citation,
        )
    return out


def recompute_due(application: Application) -> clock.ClockResult:
    """Store the due date the clock gives now, and the other running deadlines (called after
    every step, and for open cases when a year's holidays are loaded)."""
    events = _events(application) if application.pk is not None else []
    result = compute_clock(application, events)
    application.due_date = result.due
    application.due_provisional = result.provisional
    application.clock_state = result.state.value
    application.correction_notice_due = result.correction_notice_due
    application.deadlines = {d.kind: d.to_data() for d in running_deadlines(application, events)}
    return result
