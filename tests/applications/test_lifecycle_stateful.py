"""An application's whole life, in random order: hypothesis takes the steps a clerk, a reviewer,
the office and the applicant can take (intake online or at the counter, routing and handing
back, correction, consultation, extension, fee, 第三十五条, decision, delivery, withdrawal),
each when the case's state allows it, and after every step checks what must always hold:

- the status moved only as the transition table allows (the event log's every step too), and is
  the one this model of the case expects;
- the stored due date (and whether it is provisional, the clock's state and the last day to ask
  for a correction) is the statutory clock's answer for what happened, as this model recorded
  it independently of the services' reading of the event log;
- the running deadlines are those of the state (correction, fee, consultation, 第三十五条);
- the event log holds exactly the steps taken, and the audit log exactly one row per event.

Whenever a case enters a state, every step the table forbids from it is tried too: each is
refused and leaves no trace.

Each example runs in a savepoint of the test's transaction, rolled back when it ends.
"""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from django.db import transaction
from django.test import override_settings
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)

from gongkai import law
from gongkai.applications import fees, selectors, services
from gongkai.applications.models import Application, ApplicationEvent, EventKind
from gongkai.applications.outcomes import Decision, Outcome
from gongkai.applications.status import PROPOSALS_OPEN, TERMINAL, TRANSITIONS, Status, can_move
from gongkai.audit.models import AuditEvent
from gongkai.units.models import Role, Staff, Unit
from gongkai.workdays import clock
from gongkai.workdays import services as workdays
from tests.conftest import (
    examples,
    make_district,
    make_persona,
    make_staff,
    make_unit_a,
    make_unit_b,
)
from tests.factories import applicant, register

FEE_MEASURE_FROM = dt.date(2021, 1, 1)  # 国办函〔2020〕109号 in force
EARLIEST = dt.date(2018, 9, 1)  # some cases under the 2007 text, received before 2019-05-15
HANDLING = {Status.PROCESSING, Status.CONSULTING, Status.AWAITING_FEE}

ApplicationError = services.ApplicationError


@dataclass
class People:
    """Who takes the steps: the office, and a clerk and a reviewer of each unit."""

    office: Staff
    units: dict[str, Unit]
    clerks: dict[str, Staff]
    reviewers: dict[str, Staff]


@dataclass
class Fee:
    notified: dt.date
    received: dt.date  # recorded, or presumed from how the notice was sent
    total: int


@dataclass
class Model:
    """What the case should be, kept by the machine from the steps it took."""

    status: Status
    unit: str | None
    online: bool
    received: dt.date
    on: dt.date  # the latest date a step was taken on (steps go forward in time)
    kinds: list[str] = field(default_factory=list)
    clock: list[clock.ClockEvent] = field(default_factory=list)
    assigned: bool = False
    correction_asked: dt.date | None = None
    correction_received: bool = False
    consultation: tuple[dt.date, bool] | None = None  # (started, with an agency)
    objection: bool = False  # a third party consulted objected to disclosure
    fee: Fee | None = None
    fee_notified: bool = False
    fee_receipt_recorded: bool = False
    extension_pending: bool = False
    extended: bool = False
    reasons_asked: dt.date | None = None  # pending 第三十五条 request
    reasons_found: bool | None = None  # the latest assessment
    may_withdraw: bool = False
    agency_deadline: bool = False  # a deadline was set under 第三十五条

    def clock_events(self) -> list[clock.ClockEvent]:
        out = list(self.clock)
        if self.consultation is not None:
            out.append(clock.Consultation(self.consultation[0], None, self.consultation[1]))
        if self.fee is not None:
            out.append(clock.FeeNotice(self.fee.notified, None, self.fee.received))
        return out


class Lifecycle(RuleBasedStateMachine):
    people: People  # set by the test before it runs the machine

    def __init__(self) -> None:
        super().__init__()
        # The example's rows go with its savepoint, its files with its own media folder (the
        # tracking numbers of the next example are the same).
        self.media = tempfile.mkdtemp(prefix="gongkai-lifecycle-")
        self.media_root = override_settings(MEDIA_ROOT=self.media)
        self.media_root.enable()
        self.atomic = transaction.atomic()
        self.atomic.__enter__()
        self.today = services.today()
        self.case: Application | None = None
        self.model: Model | None = None
        self.before = Status.UNROUTED  # the status before the last step
        self.extension_days = 0  # of the pending proposal
        self.tried: tuple[int, Status] | None = None  # the case and state last tried

    def teardown(self) -> None:
        transaction.set_rollback(True)
        self.atomic.__exit__(None, None, None)
        self.media_root.disable()
        shutil.rmtree(self.media, ignore_errors=True)

    # --- helpers ----------------------------------------------------------------------------
    @property
    def m(self) -> Model:
        assert self.model is not None
        return self.model

    @property
    def app(self) -> Application:
        assert self.case is not None
        return self.case

    def clerk(self) -> Staff:
        return self.people.clerks[self.m.unit] if self.m.unit else self.people.office

    def reviewer(self) -> Staff:
        assert self.m.unit is not None
        return self.people.reviewers[self.m.unit]

    def day(self, gap: int, latest: dt.date | None = None) -> dt.date:
        """A date ``gap`` days after the last step's, not after ``latest`` nor today."""
        last = min(latest or self.today, self.today)
        return max(self.m.on, min(self.m.on + dt.timedelta(days=gap), last))

    def took(self, kind: EventKind, on: dt.date | None = None, status: Status | None = None):
        self.m.kinds.append(kind.value)
        if on is not None:
            self.m.on = max(self.m.on, on)
        if status is not None:
            self.m.status = status
        self.app.refresh_from_db()

    def deadline(self, kind: str) -> dt.date | None:
        return selectors.deadline(self.app, kind)

    def status_is(self, *states: Status) -> bool:
        return self.model is not None and self.m.status in states

    # --- intake -----------------------------------------------------------------------------
    @initialize(
        unit=st.sampled_from([None, "a"]),
        channel=st.sampled_from(["online", "in_person", "mail_signed"]),
        back=st.one_of(st.integers(0, 90), st.integers(0, 3000)),
        withdrawing=st.integers(0, 3),
    )
    def intake(self, unit: str | None, channel: str, back: int, withdrawing: int) -> None:
        """Filed online (received today), or registered at the counter or from the post
        (received up to eight years ago, some under the 2007 text). One applicant in four
        may withdraw (were all free to, few cases would live to their reply)."""
        handler = self.people.units[unit] if unit else None
        if channel == "online":
            intake = services.application_submit_online(data=applicant(), unit=handler)
        else:
            received = max(EARLIEST, self.today - dt.timedelta(days=back))
            signed = channel == "mail_signed"
            intake = services.application_register(
                actor=(self.people.clerks[unit] if unit else self.people.office).user,
                data=applicant(),
                unit=handler,
                channel=channel,
                submitted_on=received - dt.timedelta(days=2) if signed else received,
                signed_on=received if signed else None,
            )
        self.start(intake.application, unit, online=channel == "online")
        self.m.may_withdraw = withdrawing == 0

    @precondition(lambda self: self.model is not None and self.m.status in TERMINAL)
    @rule(
        unit=st.sampled_from([None, "a"]),
        channel=st.sampled_from(["online", "in_person", "mail_signed"]),
        back=st.one_of(st.integers(0, 90), st.integers(0, 3000)),
        withdrawing=st.integers(0, 3),
    )
    def the_next_application_arrives(
        self, unit: str | None, channel: str, back: int, withdrawing: int
    ) -> None:
        """Once a case is concluded, the steps left go to a new one."""
        self.intake(unit, channel, back, withdrawing)

    def start(self, application: Application, unit: str | None, *, online: bool) -> None:
        self.case = application
        application.refresh_from_db()
        self.model = Model(
            status=Status.PROCESSING if unit else Status.UNROUTED,
            unit=unit,
            online=online,
            received=application.receipt_date,
            on=application.receipt_date,
            kinds=[EventKind.RECEIVED.value],
        )
        self.before = self.m.status

    # --- routing ----------------------------------------------------------------------------
    @precondition(lambda self: self.status_is(Status.UNROUTED, Status.PROCESSING))
    @rule(to=st.sampled_from(["a", "b"]))
    def office_assigns(self, to: str) -> None:
        if to == self.m.unit:
            to = "b" if to == "a" else "a"
        services.application_assign(
            actor=self.people.office.user, application=self.app, unit=self.people.units[to]
        )
        self.m.unit, self.m.assigned = to, True
        self.took(EventKind.ASSIGNED, status=Status.PROCESSING)

    @precondition(
        lambda self: self.status_is(Status.PROCESSING) and (self.m.online or self.m.assigned)
    )
    @rule()
    def unit_hands_back(self) -> None:
        services.application_hand_back(
            actor=self.clerk().user, application=self.app, reason="该信息不由本单位制作"
        )
        self.m.unit = None
        self.took(EventKind.HANDED_BACK, status=Status.UNROUTED)

    # --- correction -------------------------------------------------------------------------
    @precondition(lambda self: self.status_is(Status.PROCESSING) and not self.m.correction_asked)
    @rule(
        gap=st.integers(0, 15),
        period=st.integers(clock.CORRECTION_PERIOD.low, clock.CORRECTION_PERIOD.high),
    )
    def clerk_requests_correction(self, gap: int, period: int) -> None:
        on = self.day(gap)
        services.application_request_correction(
            actor=self.clerk().user,
            application=self.app,
            on=on,
            items="请写明所需信息的文号",
            period_days=period,
        )
        self.m.correction_asked = on
        self.m.clock.append(clock.CorrectionRequested(on))
        self.took(EventKind.CORRECTION_REQUESTED, on, Status.AWAITING_CORRECTION)

    @precondition(lambda self: self.status_is(Status.AWAITING_CORRECTION))
    @rule(gap=st.integers(0, 30), online=st.booleans())
    def correction_arrives(self, gap: int, online: bool) -> None:
        if online:  # the applicant sends it from the status page: received today
            services.application_correct_online(
                application=self.app, text="文号为延政发〔2019〕3号"
            )
            on = self.today
        else:
            on = self.day(gap)
            services.application_receive_correction(
                actor=self.clerk().user, application=self.app, on=on
            )
        self.m.correction_received = True
        self.m.clock.append(clock.CorrectionReceived(on))
        self.took(EventKind.CORRECTION_RECEIVED, on, Status.PROCESSING)

    @precondition(
        lambda self: (
            self.status_is(Status.AWAITING_CORRECTION)
            and (self.deadline("correction") or self.today) < self.today
        )
    )
    @rule(gap=st.integers(1, 30))
    def correction_lapses(self, gap: int) -> None:
        due = self.deadline("correction")
        assert due is not None
        on = min(max(self.m.on, due) + dt.timedelta(days=gap), self.today)
        services.application_lapse_correction(actor=self.clerk().user, application=self.app, on=on)
        self.took(EventKind.CORRECTION_LAPSED, on, Status.CLOSED)

    # --- consultation -----------------------------------------------------------------------
    @precondition(lambda self: self.status_is(Status.PROCESSING))
    @rule(gap=st.integers(0, 15), with_agency=st.booleans())
    def clerk_consults(self, gap: int, with_agency: bool) -> None:
        on = self.day(gap)
        services.application_start_consultation(
            actor=self.clerk().user,
            application=self.app,
            on=on,
            party="北京市延庆区某公司" if not with_agency else "北京市延庆区财政局",
            with_agency=with_agency,
            reason="涉及其商业秘密" if not with_agency else "信息由其制作",
        )
        self.m.consultation = (on, with_agency)
        self.took(EventKind.CONSULTATION_STARTED, on, Status.CONSULTING)

    @precondition(lambda self: self.status_is(Status.CONSULTING))
    @rule(gap=st.integers(0, 30), position=st.sampled_from(sorted(services.POSITIONS)))
    def consultation_ends(self, gap: int, position: str) -> None:
        assert self.m.consultation is not None
        start, with_agency = self.m.consultation
        on = self.day(gap)
        services.application_end_consultation(
            actor=self.clerk().user,
            application=self.app,
            on=on,
            result="已收到书面意见",
            position=position,
        )
        self.m.clock.append(clock.Consultation(start, on, with_agency))
        self.m.consultation = None
        self.m.objection |= not with_agency and position == "objected"
        self.took(EventKind.CONSULTATION_ENDED, on, Status.PROCESSING)

    # --- extension --------------------------------------------------------------------------
    def may_propose_extension(self) -> bool:
        return (
            self.status_is(*HANDLING)
            and not self.m.extended
            and not self.m.extension_pending
            and (original := self.original_due()) is not None
            and self.m.on <= original
        )

    def original_due(self) -> dt.date | None:
        """The clock's answer before any extension or 第三十五条 deadline: the period an
        extension is proposed and approved within, whatever the due date has become."""
        plain = [
            e
            for e in self.m.clock_events()
            if not isinstance(e, clock.Extension | clock.AgencyDeadline)
        ]
        return workdays.compute(self.m.received, plain, today=self.today).due

    @precondition(may_propose_extension)
    @rule(gap=st.integers(0, 10), days=st.integers(1, 20))
    def clerk_proposes_extension(self, gap: int, days: int) -> None:
        longest = clock.rules_for(self.m.received).extension_max.days
        days = min(days, longest)
        on = self.day(gap, latest=self.original_due())
        services.application_propose_extension(
            actor=self.clerk().user, application=self.app, on=on, days=days, reason="档案量大"
        )
        self.m.extension_pending = True
        self.extension_days = days
        self.took(EventKind.EXTENSION_PROPOSED, on)

    def may_decide_extension(self) -> bool:
        return (
            self.model is not None
            and self.m.extension_pending
            and self.m.status in PROPOSALS_OPEN
            and (original := self.original_due()) is not None
            and self.m.on <= original
        )

    @precondition(may_decide_extension)
    @rule(gap=st.integers(0, 10), approve=st.booleans())
    def reviewer_decides_extension(self, gap: int, approve: bool) -> None:
        on = self.day(gap, latest=self.original_due())
        self.m.extension_pending = False
        if not approve:
            services.application_reject_extension(
                actor=self.reviewer().user, application=self.app, on=on, reason="理由不充分"
            )
            self.took(EventKind.EXTENSION_REJECTED, on)
            return
        services.application_approve_extension(
            actor=self.reviewer().user, application=self.app, on=on
        )
        self.m.extended = True
        self.m.clock.append(clock.Extension(self.extension_days, on))
        self.took(EventKind.EXTENSION_APPROVED, on)

    # --- fee --------------------------------------------------------------------------------
    @precondition(
        lambda self: (
            self.status_is(Status.PROCESSING)
            and not self.m.fee_notified
            and self.m.received >= FEE_MEASURE_FROM
            and self.app.due_date is not None
            and self.m.on <= self.app.due_date
        )
    )
    @rule(
        gap=st.integers(0, 10),
        pages=st.integers(31, 400),
        delivery=st.sampled_from(sorted(services.FEE_DELIVERY)),
        receipt_gap=st.none() | st.integers(0, 10),
    )
    def clerk_sends_a_fee_notice(
        self, gap: int, pages: int, delivery: str, receipt_gap: int | None
    ) -> None:
        on = self.day(gap, latest=self.app.due_date)
        received_on = (
            None if receipt_gap is None else min(on + dt.timedelta(days=receipt_gap), self.today)
        )
        services.application_notify_fee(
            actor=self.clerk().user,
            application=self.app,
            on=on,
            basis=fees.FeeBasis.PER_PAGE,
            pages=pages,
            method="银行转账",
            delivery=delivery,
            received_on=received_on,
        )
        received, _presumed = services.presumed_fee_receipt(on, delivery, received_on)
        self.m.fee = Fee(on, received, fees.per_page(pages).total)
        self.m.fee_notified = True
        self.m.fee_receipt_recorded = received_on is not None
        self.took(EventKind.FEE_NOTIFIED, on, Status.AWAITING_FEE)

    @precondition(
        lambda self: self.status_is(Status.AWAITING_FEE) and not self.m.fee_receipt_recorded
    )
    @rule(gap=st.integers(0, 10))
    def applicants_receipt_of_the_fee_notice_recorded(self, gap: int) -> None:
        assert self.m.fee is not None
        on = min(max(self.m.on, self.m.fee.notified) + dt.timedelta(days=gap), self.today)
        services.application_record_fee_receipt(
            actor=self.clerk().user, application=self.app, on=on
        )
        self.m.fee.received = on
        self.m.fee_receipt_recorded = True
        self.took(EventKind.FEE_NOTICE_RECEIVED, on)

    @precondition(
        lambda self: (
            self.status_is(Status.AWAITING_FEE)
            and self.m.on <= min(self.deadline("fee") or self.today, self.today)
        )
    )
    @rule(gap=st.integers(0, 20))
    def applicant_pays(self, gap: int) -> None:
        fee = self.m.fee
        assert fee is not None
        on = self.day(gap, latest=self.deadline("fee"))
        services.application_record_payment(
            actor=self.clerk().user, application=self.app, on=on, amount=fee.total
        )
        self.m.clock.append(clock.FeeNotice(fee.notified, on, fee.received))
        self.m.fee = None
        self.took(EventKind.FEE_PAID, on, Status.PROCESSING)

    @precondition(
        lambda self: (
            self.status_is(Status.AWAITING_FEE)
            and (self.deadline("fee") or self.today) < self.today
        )
    )
    @rule(gap=st.integers(1, 30))
    def fee_lapses(self, gap: int) -> None:
        pay_by = self.deadline("fee")
        assert pay_by is not None
        on = min(max(self.m.on, pay_by) + dt.timedelta(days=gap), self.today)
        services.application_lapse_fee(actor=self.clerk().user, application=self.app, on=on)
        self.took(EventKind.FEE_LAPSED, on, Status.CLOSED)

    # --- 第三十五条 ---------------------------------------------------------------------------
    @precondition(
        lambda self: (
            self.status_is(*HANDLING)
            and self.m.reasons_asked is None
            and law.regime_on(self.m.received) is law.Regime.R2019
        )
    )
    @rule(gap=st.integers(0, 10), days=st.integers(clock.ART35_REPLY.low, clock.ART35_REPLY.high))
    def clerk_asks_for_reasons(self, gap: int, days: int) -> None:
        on = self.day(gap)
        services.application_request_reasons(
            actor=self.clerk().user,
            application=self.app,
            on=on,
            items="一个月内申请120件",
            reply_days=days,
        )
        self.m.reasons_asked, self.m.reasons_found = on, None
        self.took(EventKind.ART35_REASONS_REQUESTED, on)

    @precondition(
        lambda self: (
            self.model is not None
            and self.m.reasons_asked is not None
            and self.m.status in PROPOSALS_OPEN
        )
    )
    @rule(gap=st.integers(0, 15), reasonable=st.booleans())
    def clerk_assesses_the_reasons(self, gap: int, reasonable: bool) -> None:
        on = self.day(gap)
        services.application_assess_reasons(
            actor=self.clerk().user,
            application=self.app,
            on=on,
            reasonable=reasonable,
            summary="申请人说明了用途",
        )
        self.m.reasons_asked, self.m.reasons_found = None, reasonable
        self.took(EventKind.ART35_REASONS_ASSESSED, on)

    @precondition(
        lambda self: (
            self.status_is(*HANDLING)
            and self.m.reasons_found is True
            and self.app.due_date is not None
        )
    )
    @rule(gap=st.integers(0, 10), later=st.integers(1, 60))
    def clerk_sets_a_reasonable_period(self, gap: int, later: int) -> None:
        assert self.app.due_date is not None
        on = self.day(gap)
        due = self.app.due_date + dt.timedelta(days=later)
        services.application_set_reasonable_period(
            actor=self.clerk().user, application=self.app, on=on, due=due, reason="档案跨十年"
        )
        self.m.clock.append(clock.AgencyDeadline(due, on))
        self.m.agency_deadline = True
        self.took(EventKind.ART35_DEADLINE, on)

    # --- decision, delivery -----------------------------------------------------------------
    def decisions(self) -> list[Decision]:
        found = "检索了本机关2015年以来的发文和档案目录"
        out = [
            Decision(
                Outcome.PROVIDED,
                public_interest="涉及公共安全，不公开会对公共利益造成重大影响"
                if self.m.objection
                else "",
            ),
            Decision(Outcome.NOT_EXIST, details=found),
        ]
        if self.m.correction_received:
            out.append(Decision(Outcome.UNCLEAR_AFTER_CORRECTION, details="补正后仍未写明年份"))
        if self.m.reasons_found is False:
            out.append(Decision(Outcome.EXCESSIVE, details="申请人未说明合理用途"))
        return out

    @precondition(lambda self: self.status_is(Status.PROCESSING))
    @rule(gap=st.integers(0, 15), choice=st.integers(0, 3))
    def clerk_drafts_the_decision(self, gap: int, choice: int) -> None:
        options = self.decisions()
        on = self.day(gap)
        services.application_propose_decision(
            actor=self.clerk().user,
            application=self.app,
            on=on,
            decision=options[choice % len(options)],
        )
        self.took(EventKind.DECISION_PROPOSED, on, Status.DECISION_PENDING)

    @precondition(lambda self: self.status_is(Status.DECISION_PENDING))
    @rule(gap=st.integers(0, 5))
    def reviewer_returns_the_decision(self, gap: int) -> None:
        on = self.day(gap)
        services.application_return_decision(
            actor=self.reviewer().user, application=self.app, on=on, reason="请补充检索情况"
        )
        self.took(EventKind.DECISION_RETURNED, on, Status.PROCESSING)

    @precondition(lambda self: self.status_is(Status.DECISION_PENDING))
    @rule(gap=st.integers(0, 5))
    def reviewer_approves_the_decision(self, gap: int) -> None:
        on = self.day(gap)
        services.application_approve_decision(
            actor=self.reviewer().user, application=self.app, on=on
        )
        self.took(EventKind.DECISION_APPROVED, on, Status.DECIDED)

    @precondition(lambda self: self.status_is(Status.DECIDED))
    @rule(gap=st.integers(0, 10))
    def reply_is_delivered(self, gap: int) -> None:
        on = self.day(gap)
        services.application_deliver(
            actor=self.clerk().user, application=self.app, on=on, method="邮寄"
        )
        self.took(EventKind.DELIVERED, on, Status.CLOSED)

    @precondition(
        lambda self: (
            self.model is not None and self.m.may_withdraw and self.m.status in WITHDRAWABLE
        )
    )
    @rule(gap=st.integers(0, 10))
    def applicant_withdraws(self, gap: int) -> None:
        on = self.day(gap)
        services.application_withdraw(
            actor=self.clerk().user, application=self.app, on=on, reason="已通过其他途径获得"
        )
        self.took(EventKind.WITHDRAWN, on, Status.WITHDRAWN)

    # --- what the table forbids -------------------------------------------------------------
    @invariant()
    def every_step_the_table_forbids_from_here_is_refused_and_changes_nothing(self) -> None:
        if self.model is None or (self.app.pk, self.m.status) == self.tried:
            return  # tried once for each state a case enters
        self.tried = (self.app.pk, self.m.status)
        before = self.snapshot()
        for name, step in sorted(self.forbidden().items()):
            try:
                step()
            except ApplicationError:
                continue
            pytest.fail(f"{name} was taken from {self.m.status}")
        assert self.snapshot() == before

    def forbidden(self) -> dict[str, Callable[[], object]]:
        """The steps whose target state the table does not allow from the current one."""
        current = self.m.status
        clerk = self.clerk().user
        on = self.m.on
        unit = self.people.units["b" if self.m.unit == "a" else "a"]
        steps = {
            Status.PROCESSING: {
                "assign": lambda: services.application_assign(
                    actor=self.people.office.user, application=self.app, unit=unit
                ),
                "return_decision": lambda: services.application_return_decision(
                    actor=clerk, application=self.app, on=on, reason="退回"
                ),
            },
            Status.UNROUTED: {
                "hand_back": lambda: services.application_hand_back(
                    actor=clerk, application=self.app, reason="不属于本单位"
                ),
            },
            Status.AWAITING_CORRECTION: {
                "request_correction": lambda: services.application_request_correction(
                    actor=clerk, application=self.app, on=on, items="请补正"
                ),
            },
            Status.CONSULTING: {
                "start_consultation": lambda: services.application_start_consultation(
                    actor=clerk,
                    application=self.app,
                    on=on,
                    party="某公司",
                    with_agency=False,
                    reason="涉及商业秘密",
                ),
            },
            Status.AWAITING_FEE: {
                "notify_fee": lambda: services.application_notify_fee(
                    actor=clerk,
                    application=self.app,
                    on=on,
                    basis=fees.FeeBasis.PER_PAGE,
                    pages=100,
                    method="银行转账",
                ),
            },
            Status.DECISION_PENDING: {
                "propose_decision": lambda: services.application_propose_decision(
                    actor=clerk,
                    application=self.app,
                    on=on,
                    decision=Decision(Outcome.NOT_EXIST, details="检索了档案目录"),
                ),
            },
            Status.DECIDED: {
                "approve_decision": lambda: services.application_approve_decision(
                    actor=self.people.office.user, application=self.app, on=on
                ),
            },
            Status.CLOSED: {
                "deliver": lambda: services.application_deliver(
                    actor=clerk, application=self.app, on=on, method="邮寄"
                ),
            },
            Status.WITHDRAWN: {
                "withdraw": lambda: services.application_withdraw(
                    actor=clerk, application=self.app, on=on
                ),
            },
        }
        return {
            name: step
            for target, named in steps.items()
            if not can_move(current, target)
            for name, step in named.items()
        }

    def snapshot(self) -> tuple[object, ...]:
        """The case's row as stored, and how many events, documents and audit rows there are."""
        return (
            Application.objects.filter(pk=self.app.pk).values().get(),
            ApplicationEvent.objects.filter(application=self.app).count(),
            self.app.documents.count(),
            AuditEvent.objects.count(),
        )

    # --- invariants -------------------------------------------------------------------------
    @invariant()
    def the_status_moved_as_the_table_allows(self) -> None:
        if self.model is None:
            return
        case = self.app
        assert case.status == self.m.status
        assert case.status == self.before or can_move(self.before, case.status), (
            self.before,
            case.status,
        )
        self.before = Status(case.status)
        previous: str | None = None
        for event in ApplicationEvent.objects.filter(application=case).order_by("seq"):
            if previous is None:
                assert event.status_after in (Status.PROCESSING, Status.UNROUTED)
            elif event.status_before:
                assert event.status_before == previous, event
                assert can_move(event.status_before, event.status_after), event
            else:
                assert event.status_after == previous, event
            previous = event.status_after
        assert previous == case.status
        assert (case.concluded_on is not None) == (Status(case.status) in TERMINAL)

    @invariant()
    def the_due_date_is_the_clocks_answer(self) -> None:
        if self.model is None:
            return
        case = self.app
        expected = workdays.compute(self.m.received, self.m.clock_events(), today=self.today)
        assert (
            case.due_date,
            case.due_provisional,
            case.clock_state,
            case.correction_notice_due,
        ) == (
            expected.due,
            expected.provisional,
            expected.state.value,
            expected.correction_notice_due,
        ), self.m.clock_events()

    @invariant()
    def the_running_deadlines_are_those_of_the_state(self) -> None:
        if self.model is None:
            return
        status = self.m.status
        expected = {
            kind
            for kind, running in (
                ("correction", status == Status.AWAITING_CORRECTION),
                ("fee", status == Status.AWAITING_FEE),
                ("consultation", status == Status.CONSULTING),
                ("art35_reasons", self.m.reasons_asked is not None and status not in TERMINAL),
            )
            if running
        }
        assert set(self.app.deadlines) == expected

    @invariant()
    def every_event_has_exactly_one_audit_row(self) -> None:
        if self.model is None:
            return
        kinds = list(
            ApplicationEvent.objects.filter(application=self.app)
            .order_by("seq")
            .values_list("kind", flat=True)
        )
        assert kinds == self.m.kinds
        actions = list(
            AuditEvent.objects.filter(object_type="application", object_id=str(self.app.pk))
            .order_by("id")
            .values_list("action", flat=True)
        )
        assert actions == [f"application.{kind}" for kind in kinds]


WITHDRAWABLE = frozenset(s for s, targets in TRANSITIONS.items() if Status.WITHDRAWN in targets)


@pytest.fixture
def people(db) -> People:
    district = make_district()
    units = {"a": make_unit_a(district), "b": make_unit_b(district)}
    return People(
        office=make_persona("office", district),
        units=units,
        clerks={
            "a": make_persona("clerk_a", units["a"]),
            "b": make_persona("clerk_b", units["b"]),
        },
        reviewers={
            "a": make_persona("reviewer_a", units["a"]),
            "b": make_staff("reviewer.b", Role.REVIEWER, units["b"], "审核己"),
        },
    )


def test_the_lifecycle_keeps_its_invariants(people):
    Lifecycle.people = people
    run_state_machine_as_test(
        Lifecycle,
        settings=settings(
            max_examples=examples(30),
            stateful_step_count=15,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow],
        ),
    )


# --- what the machine found ---------------------------------------------------------------------
# Two faults the machine found, fixed, and kept as plain examples: steps taken on a concluded
# case (rules.PROPOSALS_OPEN), and an extension checked against the stored due date, which
# after a 第三十五条 deadline is that deadline, instead of the original period
# (services.original_due).
D = dt.date.fromisoformat


@pytest.fixture
def withdrawn(clerk_a, unit_a):
    """A case withdrawn while an extension proposal and a request for reasons were pending."""
    case = register(clerk_a.user, unit_a)  # received 2025-03-03, due 2025-03-31
    services.application_propose_extension(
        actor=clerk_a.user, application=case, on=D("2025-03-20"), days=10, reason="档案量大"
    )
    services.application_request_reasons(
        actor=clerk_a.user, application=case, on=D("2025-03-20"), items="一个月内申请120件"
    )
    services.application_withdraw(actor=clerk_a.user, application=case, on=D("2025-03-21"))
    return case


@pytest.mark.django_db
@pytest.mark.parametrize("step", ["approve_extension", "reject_extension", "assess_reasons"])
def test_a_concluded_case_takes_no_further_handling_step(withdrawn, clerk_a, reviewer_a, step):
    on = D("2025-03-24")
    take = {
        "approve_extension": lambda: services.application_approve_extension(
            actor=reviewer_a.user, application=withdrawn, on=on
        ),
        "reject_extension": lambda: services.application_reject_extension(
            actor=reviewer_a.user, application=withdrawn, on=on, reason="不同意"
        ),
        "assess_reasons": lambda: services.application_assess_reasons(
            actor=clerk_a.user, application=withdrawn, on=on, reasonable=True, summary="理由合理"
        ),
    }[step]
    with pytest.raises(ApplicationError):
        take()
    withdrawn.refresh_from_db()
    assert withdrawn.extension_days == 0
    assert withdrawn.status == Status.WITHDRAWN


@pytest.mark.django_db
def test_an_extension_after_the_original_period_is_refused_under_a_35_deadline(
    clerk_a, reviewer_a, unit_a
):
    case = register(clerk_a.user, unit_a)  # received 2025-03-03, due 2025-03-31
    services.application_request_reasons(
        actor=clerk_a.user, application=case, on=D("2025-03-05"), items="一个月内申请120件"
    )
    services.application_assess_reasons(
        actor=clerk_a.user, application=case, on=D("2025-03-07"), reasonable=True, summary="编村志"
    )
    services.application_set_reasonable_period(
        actor=clerk_a.user, application=case, on=D("2025-03-10"), due=D("2025-06-30"), reason="档案"
    )
    with pytest.raises(ApplicationError, match="原答复期限"):
        services.application_propose_extension(
            actor=clerk_a.user, application=case, on=D("2025-04-10"), days=10, reason="档案量大"
        )
    # Proposed within the original period, approved after it: refused in Chinese too, not a
    # ClockError; approved within it, the case keeps the 第三十五条 deadline the unit set.
    services.application_propose_extension(
        actor=clerk_a.user, application=case, on=D("2025-03-20"), days=10, reason="档案量大"
    )
    with pytest.raises(ApplicationError, match="原答复期限（2025-03-31）已过"):
        services.application_approve_extension(
            actor=reviewer_a.user, application=case, on=D("2025-04-10")
        )
    services.application_approve_extension(
        actor=reviewer_a.user, application=case, on=D("2025-03-28")
    )
    case.refresh_from_db()
    assert (case.extension_days, case.due_date) == (10, D("2025-06-30"))
