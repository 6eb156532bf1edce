"""Reads: the workbench and lists (urgency is derived from the stored due date), and what a
case's event log and stored fields say (the pending proposal, the correction asked for …),
which the services read too. Nothing here changes anything. The readers of the event log are
those of the pure :mod:`gongkai.applications.eventlog`, named here too for the services and
views."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, Q, QuerySet

from gongkai.applications import notices, outcomes
from gongkai.applications.eventlog import correction_request as correction_request
from gongkai.applications.eventlog import fee_notice as fee_notice
from gongkai.applications.eventlog import pending_decision as pending_decision
from gongkai.applications.eventlog import pending_extension as pending_extension
from gongkai.applications.eventlog import pending_reasons as pending_reasons
from gongkai.applications.eventlog import reasons_assessment as reasons_assessment
from gongkai.applications.eventlog import third_party_objection as third_party_objection
from gongkai.applications.models import (
    Application,
    Document,
    DocumentKind,
    EventKind,
    NoticeTemplate,
)
from gongkai.applications.outcomes import Outcome
from gongkai.applications.outcomes import rule as outcome_rule
from gongkai.applications.status import TERMINAL_VALUES, Status
from gongkai.core.idnumbers import mask
from gongkai.core.masking import mask_id_number, mask_phone
from gongkai.regions import services as regions
from gongkai.units.models import Unit
from gongkai.workdays.clock import ClockState


@dataclass(frozen=True)
class Row:
    application: Application
    days_left: int | None  # working days from today to the due date; negative when overdue
    paused: bool
    overdue: bool  # the due date has passed (even if no working day has since)

    @property
    def masked_name(self) -> str:
        return mask_name(self.application.applicant_name)


@dataclass(frozen=True)
class PersonalData:
    """The applicant's identity-document number and telephone as a page shows them: masked,
    unless an authorised person revealed them for this one response (an audited POST)."""

    id_number: str
    phone: str
    revealed: bool


def personal_data(application: Application, *, revealed: bool = False) -> PersonalData:
    if revealed:
        return PersonalData(application.id_number, application.phone, True)
    return PersonalData(mask_id_number(application.id_number), mask_phone(application.phone), False)


def mask_name(name: str) -> str:
    """张三 → 张*, 北京某某有限公司 → 北京******公司."""
    if len(name) <= 1:
        return name
    if len(name) <= 3:
        return name[0] + "*" * (len(name) - 1)
    return mask(name, keep_start=2, keep_end=2)


def soon_days() -> int:
    """Within how many working days an open case's due date is "due soon"."""
    return int(settings.GONGKAI_DUE_SOON_DAYS)


def due_soon(
    today: dt.date, *, due: str = "due_date", unit: str = "unit_id", government: str = ""
) -> Q:
    """Due within GONGKAI_DUE_SOON_DAYS working days of ``today``, on each case's unit's
    calendar (a region's own holidays give its cases more calendar days); with ``government``,
    a case of no unit on its government's (Application.holder_id)."""
    return Q(**{f"{due}__gte": today}) & regions.due_by(
        today, soon_days(), due=due, unit=unit, government=government
    )


def rows(cases: QuerySet[Application], today: dt.date) -> list[Row]:
    calendar_of = regions.calendars()
    out = []
    for case in cases:
        calendar = calendar_of(case.holder_id)
        left = None
        if case.due_date is not None and case.is_open:
            left = (
                calendar.count(today, case.due_date)
                if case.due_date >= today
                else -calendar.count(case.due_date, today)
            )
        overdue = case.is_open and case.due_date is not None and case.due_date < today
        # Paused as the clock says, not as the status suggests: a correction asked for too late
        # leaves the clock running (《条例》第三十条, docs/deadlines.md).
        paused = case.clock_state in (ClockState.PAUSED, ClockState.AWAITING_CORRECTION)
        out.append(Row(case, left, paused, overdue))
    return out


@dataclass(frozen=True)
class Workbench:
    overdue: list[Row]
    due_soon: list[Row]
    open: list[Row]
    concluded: list[Row]
    soon_days: int


def workbench(
    cases: QuerySet[Application], today: dt.date, *, concluded_limit: int = 30
) -> Workbench:
    open_cases = (
        cases.exclude(status__in=list(TERMINAL_VALUES))
        .select_related("unit")
        .order_by("due_date", "receipt_date")
    )
    overdue = open_cases.filter(due_date__lt=today)
    soon = open_cases.filter(due_soon(today, government="government_id"))
    rest = open_cases.exclude(pk__in=overdue.values("pk")).exclude(pk__in=soon.values("pk"))
    concluded = (
        cases.filter(status__in=list(TERMINAL_VALUES))
        .select_related("unit")
        .order_by("-concluded_on", "-id")[:concluded_limit]
    )
    return Workbench(
        overdue=rows(overdue, today),
        due_soon=rows(soon, today),
        open=rows(rest, today),
        concluded=rows(concluded, today),
        soon_days=soon_days(),
    )


def counts_per_unit(
    today: dt.date, units_seen: QuerySet[Unit] | None = None
) -> list[dict[str, object]]:
    """For the office: every unit's (of ``units_seen``, when given) open, overdue and due-soon
    cases, and this year's."""
    open_q = ~Q(applications__status__in=list(TERMINAL_VALUES))
    units = (
        (Unit.objects.all() if units_seen is None else units_seen)
        .filter(is_active=True)
        .annotate(
            open_count=Count("applications", filter=open_q),
            overdue_count=Count(
                "applications", filter=open_q & Q(applications__due_date__lt=today)
            ),
            soon_count=Count(
                "applications",
                filter=open_q & due_soon(today, due="applications__due_date", unit="pk"),
            ),
            year_count=Count("applications", filter=Q(applications__receipt_date__year=today.year)),
        )
        .order_by("sort_order", "id")
    )
    return [
        {
            "unit": u,
            "open": u.open_count,
            "overdue": u.overdue_count,
            "soon": u.soon_count,
            "year": u.year_count,
        }
        for u in units
    ]


def applicant_documents(application: Application) -> QuerySet[Document]:
    """What the applicant may download on the status page: the notices addressed to them, and
    the information the unit attached (提供的政府信息) once the reply giving it is approved."""
    documents = application.documents.order_by("created_at", "id")
    shared = Q(for_applicant=True)
    if (
        application.status in (Status.DECIDED, Status.CLOSED)
        and application.outcome
        and outcome_rule(application.outcome).provides
    ):
        shared |= Q(kind=DocumentKind.INFORMATION)
    return documents.filter(shared)


@dataclass(frozen=True)
class Awaiting:
    application: Application
    what: str  # 答复 | 延期
    proposed_on: dt.date
    proposed_by: str
    summary: str


def awaiting_approval(cases: QuerySet[Application]) -> list[Awaiting]:
    """The reviewer's queue: decisions and extensions proposed and not yet approved or
    returned, oldest proposal first."""
    out: list[Awaiting] = []
    candidates = (
        cases.exclude(status__in=list(TERMINAL_VALUES))
        .filter(events__kind__in=[EventKind.DECISION_PROPOSED, EventKind.EXTENSION_PROPOSED])
        .distinct()
        .select_related("unit")
        .prefetch_related("events")
    )
    for case in candidates:
        events = sorted(case.events.all(), key=lambda e: e.seq)
        for what, event in (
            ("答复", pending_decision(events)),
            ("延期", pending_extension(events)),
        ):
            if event is not None:
                out.append(
                    Awaiting(case, what, event.occurred_on, event.actor_label, event.summary)
                )
    return sorted(out, key=lambda a: (a.proposed_on, a.application.pk))


# --- one case: its event log, its stored deadlines, decision and notice templates ---------------
def deadline(application: Application, kind: str) -> dt.date | None:
    """A running deadline of the case as last recomputed (None when it does not run)."""
    entry = (application.deadlines or {}).get(kind)
    return dt.date.fromisoformat(entry["date"]) if entry else None


def current_template(kind: notices.NoticeKind) -> tuple[str, int]:
    latest = NoticeTemplate.objects.filter(kind=kind.value).order_by("-version").first()
    if latest is not None:
        return latest.body, latest.version
    return notices.default_template(kind), 0


def applications_this_month(application: Application) -> int:
    """The same applicant's earlier applications in the calendar month of this one's receipt:
    to the same agency by default (the fee and its allowance are the agency's; setting
    GONGKAI_FEE_COUNT_SCOPE=all counts every unit's)."""
    start = application.receipt_date.replace(day=1)
    same = Application.objects.with_id_number(application.id_type, application.id_number).filter(
        receipt_date__gte=start, receipt_date__lte=application.receipt_date
    )
    if settings.GONGKAI_FEE_COUNT_SCOPE == "agency":
        same = (
            same.filter(unit_id=application.unit_id)
            if application.unit_id is not None
            else same.filter(unit__isnull=True)
        )
    return same.exclude(pk=application.pk).filter(pk__lt=application.pk).count()


def decision_of(application: Application) -> outcomes.Decision:
    """The case's decision (an automatic conclusion has only its outcome)."""
    assert application.outcome
    record = application.decision_record
    return record if record is not None else outcomes.Decision(Outcome(application.outcome))
