"""The statutory clock of an application (依申请公开的答复期限).

Given the receipt date and what happened since — correction requested and received, third-party
or agency consultation, extension, fee notice and payment, a deadline set under Art. 35 — it
computes the day the answer is due, the working days left on any day, and an explanation that
names every day counted, every holiday and make-up day met and every pause with its legal basis.

The rules (docs/deadlines.md):
- the period runs from the receipt date (《条例》第三十一条); the receipt date is not counted
  (see :mod:`gongkai.workdays.calendar`);
- 20 working days (第三十三条第二款), plus an approved extension of at most 20, once;
- a correction request stops the clock; when the corrected application arrives the period
  starts again in full from that day (第三十条);
- the time spent consulting a third party or another agency is not counted (第三十三条第三款),
  at most the 15 working days they have to reply (第三十二条、第三十四条);
- the time between a fee notice and payment is not counted (a configurable reading of
  国办函〔2020〕109号, which the spec marks unverified), at most the 20 working days to pay;
- a deadline set by the agency under 第三十五条 replaces the computed one.
Which ends of a pause are themselves paused is a policy (:class:`PauseBoundary`): by default
neither end day is (the conservative reading: the due date can only come earlier).

Pure: no ORM, no settings.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from gongkai import law
from gongkai.workdays.calendar import DayInfo, DayKind, WorkdayCalendar, format_day

ONE_DAY = dt.timedelta(days=1)


class ClockError(ValueError):
    """The events do not make a valid clock (the message is in Chinese)."""


# --- periods, each with its basis; the only place a number of working days is written ---------
@dataclass(frozen=True)
class Period:
    days: int
    label: str
    basis: law.Basis


ANSWER = Period(20, "答复期限", law.ART33_ANSWER_PERIOD)
EXTENSION_MAX = Period(20, "延长答复期限", law.ART33_ANSWER_PERIOD)
CORRECTION_NOTICE = Period(7, "补正告知期限", law.ART30_CORRECTION)
THIRD_PARTY_REPLY = Period(15, "第三方答复期限", law.ART32_THIRD_PARTY)
AGENCY_REPLY = Period(15, "其他机关答复期限", law.ART34_OTHER_AGENCY)
FEE_PAYMENT = Period(20, "缴费期限", law.FEE_MEASURE)
PUBLICATION = Period(20, "主动公开期限", law.ART26_PUBLICATION_PERIOD)


@dataclass(frozen=True)
class ChosenPeriod:
    """A period the law leaves to the agency ("合理的"): the working days a notice gives by
    default, and the fewest and most it may give."""

    label: str
    default: int
    low: int
    high: int
    basis: law.Basis

    def problem(self, days: int) -> str | None:
        """Why a notice may not give ``days`` working days (None when it may)."""
        if self.low <= days <= self.high:
            return None
        return f"{self.label}应为{self.low}至{self.high}个工作日"


# The reasonable period a correction notice gives (第三十条 "合理的补正期限"): 15 working days by
# default after the 江苏 answer rules ("一般不超过15个工作日", spec §1.2, [E]); the unit may set
# 1 to 60.
CORRECTION_PERIOD = ChosenPeriod("补正期限", 15, 1, 60, law.ART30_CORRECTION)

# The working days the applicant is given to state the reasons asked for under 第三十五条: the
# law sets none; 10 by default, the unit may set 1 to 30.
ART35_REPLY = ChosenPeriod("说明理由的期限", 10, 1, 30, law.ART35_REASONABLE_PERIOD)

# The 2007 Regulation (applications received before 2019-05-15): 15 working days, extension at
# most 15 (第二十四条第二款); only a third party's consultation is excluded (第二十四条第三款);
# no time limit for asking for a correction.
ANSWER_2007 = Period(15, "答复期限", law.R2007_ART24_ANSWER_PERIOD)
EXTENSION_MAX_2007 = Period(15, "延长答复期限", law.R2007_ART24_ANSWER_PERIOD)

PERIODS: tuple[Period, ...] = (
    ANSWER,
    EXTENSION_MAX,
    CORRECTION_NOTICE,
    THIRD_PARTY_REPLY,
    AGENCY_REPLY,
    FEE_PAYMENT,
    PUBLICATION,
    ANSWER_2007,
    EXTENSION_MAX_2007,
)


@dataclass(frozen=True)
class Rules:
    """The periods of the text of the Regulation in force when the application was received."""

    regime: law.Regime
    answer: Period
    extension_max: Period
    correction_notice: Period | None  # the 7 working days of 第三十条 (2019 text only)
    third_party_excluded: law.Basis
    agency_excluded: bool  # 2019: 第三十三条第三款 also excludes consulting another agency


RULES_2019 = Rules(
    law.Regime.R2019,
    ANSWER,
    EXTENSION_MAX,
    CORRECTION_NOTICE,
    law.ART33_CONSULTATION_EXCLUDED,
    agency_excluded=True,
)
RULES_2007 = Rules(
    law.Regime.R2007,
    ANSWER_2007,
    EXTENSION_MAX_2007,
    None,
    law.R2007_ART24_3_CONSULTATION,
    agency_excluded=False,
)


def correction_notice_due(calendar: WorkdayCalendar, received: dt.date) -> dt.date | None:
    """The last day to ask for a correction (第三十条: 7 working days from receipt), or None
    under the 2007 text, which set no limit."""
    notice = rules_for(received).correction_notice
    return calendar.add(received, notice.days) if notice else None


def correction_late(calendar: WorkdayCalendar, received: dt.date, asked_on: dt.date) -> bool:
    """A correction asked for after the 7 working days of 第三十条: it neither stops nor restarts
    the clock, and the original due date binds."""
    last = correction_notice_due(calendar, received)
    return last is not None and asked_on > last


def rules_for(received: dt.date) -> Rules:
    """The rules in force at receipt (《条例》(2019) 第五十六条: in force from 2019-05-15)."""
    return RULES_2019 if law.regime_on(received) is law.Regime.R2019 else RULES_2007


class PauseBoundary(StrEnum):
    EXCLUSIVE = "exclusive"  # the start and end days count; only the days between are paused
    INCLUSIVE = "inclusive"  # the start and end days are paused too


# --- events -------------------------------------------------------------------------------------
@dataclass(frozen=True)
class CorrectionRequested:
    on: dt.date


@dataclass(frozen=True)
class CorrectionReceived:
    on: dt.date


@dataclass(frozen=True)
class Consultation:
    start: dt.date
    end: dt.date | None = None
    with_agency: bool = False  # False: a third party (第三十二条); True: an agency (第三十四条)


@dataclass(frozen=True)
class FeeNotice:
    """A fee notice (国办函〔2020〕109号): the applicant pays within 20 working days from the day
    after *receiving* it; ``received`` is that day (None: taken as the day it was sent)."""

    notified: dt.date
    paid: dt.date | None = None
    received: dt.date | None = None

    @property
    def pay_from(self) -> dt.date:
        return self.received or self.notified


@dataclass(frozen=True)
class Pause:
    """Any other span not counted, e.g. ``gongkai deadline --paused``."""

    start: dt.date
    end: dt.date
    reason: str = "暂停计算"
    basis: law.Basis | None = None


@dataclass(frozen=True)
class Extension:
    """An approved extension; ``days`` None: the longest the text in force at receipt allows
    (20 working days, 15 under the 2007 text)."""

    days: int | None = None
    approved_on: dt.date | None = None


@dataclass(frozen=True)
class AgencyDeadline:
    due: dt.date
    set_on: dt.date | None = None


ClockEvent = (
    CorrectionRequested
    | CorrectionReceived
    | Consultation
    | FeeNotice
    | Pause
    | Extension
    | AgencyDeadline
)


class ClockState(StrEnum):
    RUNNING = "running"
    PAUSED = "paused"
    AWAITING_CORRECTION = "awaiting_correction"
    AGENCY_SET = "agency_set"

    @property
    def label(self) -> str:
        return {
            ClockState.RUNNING: "计时中",
            ClockState.PAUSED: "暂停计时",
            ClockState.AWAITING_CORRECTION: "等待补正",
            ClockState.AGENCY_SET: "按第三十五条确定的期限",
        }[self]


@dataclass(frozen=True)
class PauseSpan:
    """A span not counted, as resolved: the first and last day excluded (both included)."""

    start: dt.date  # as recorded
    end: dt.date  # as recorded, or capped, or projected
    first_excluded: dt.date
    last_excluded: dt.date
    label: str
    basis: law.Basis | None
    projected: bool = False  # the span is still open; its end is the latest it can be
    capped: bool = False  # the recorded end was later than the law allows

    @property
    def empty(self) -> bool:
        return self.last_excluded < self.first_excluded


@dataclass(frozen=True)
class ExplainedDay:
    info: DayInfo
    counted: int | None  # 1-based position among the counted working days, else None
    paused_by: PauseSpan | None


@dataclass(frozen=True)
class ClockResult:
    received: dt.date
    anchor: dt.date
    restarted: bool  # the anchor is a correction's receipt date
    period: int
    extension: int
    due: dt.date | None
    computed_due: dt.date | None  # before any 第三十五条 deadline
    provisional: bool
    unknown_years: tuple[int, ...]
    state: ClockState
    pauses: tuple[PauseSpan, ...]
    correction_notice_due: dt.date | None  # None under the 2007 text (no time limit)
    notes: tuple[str, ...]
    calendar: WorkdayCalendar = field(repr=False, compare=False)
    rules: Rules = RULES_2019
    # The correction was asked for after the 7 working days of 第三十条: the clock did not stop
    # and the original due date binds.
    correction_late: bool = False

    @property
    def working_days(self) -> int:
        return self.period + self.extension

    def _paused_working_days(self, after: dt.date, through: dt.date) -> int:
        total = 0
        for span in self.pauses:
            lo = max(after, span.first_excluded - ONE_DAY)
            hi = min(through, span.last_excluded)
            total += self.calendar.count(lo, hi)
        return total

    def working_days_left(self, on: dt.date) -> int | None:
        """Counted working days after ``on`` up to the due date: 0 on the due date itself,
        negative when overdue (by that many working days). None while no due date runs."""
        if self.due is None:
            return None
        if on < self.due:
            return self.calendar.count(on, self.due) - self._paused_working_days(on, self.due)
        return -self.calendar.count(self.due, on)

    def explained_days(self) -> list[ExplainedDay]:
        """Every day from the day after the anchor to the due date."""
        if self.due is None:
            return []
        out: list[ExplainedDay] = []
        n = 0
        end = max(self.due, self.computed_due or self.due)
        for info in self.calendar.days(self.anchor, end):
            span = next(
                (p for p in self.pauses if p.first_excluded <= info.day <= p.last_excluded), None
            )
            if info.is_working and span is None and n < self.working_days:
                n += 1
                out.append(ExplainedDay(info, n, None))
            else:
                out.append(ExplainedDay(info, None, span))
        return out

    def explanation(self) -> list[str]:
        """The arithmetic in Chinese, one line per fact."""
        lines: list[str] = []
        # The 2007 text had no article fixing the receipt date: cite 第三十一条 only under 2019.
        cite = f"（{law.ART31_RECEIPT_DATE}）" if self.rules.regime is law.Regime.R2019 else ""
        if self.restarted:
            lines.append(
                f"收到申请之日：{format_day(self.received)}{cite}；收到补正申请之日："
                f"{format_day(self.anchor)}，答复期限自该日重新计算（{law.ART30_CORRECTION.short}）。"
            )
        else:
            lines.append(f"收到申请之日：{format_day(self.anchor)}{cite}。")
        if self.rules.regime is law.Regime.R2007:
            lines.append(
                f"本申请于{law.REGULATION_2019_FROM.isoformat()}前收到，适用{law.REGULATION_2007}"
                f"（{law.REGULATION_2019_IN_FORCE.short}）：答复期限{self.rules.answer.days}个工作日，"
                f"延长不超过{self.rules.extension_max.days}个工作日。"
            )
        lines.append(
            f"开始的当日不计入，自下一日开始计算（参照{law.CIVIL_CODE_ART201}）；"
            "只计工作日：周一至周五，扣除法定节假日，加上调休上班日。"
        )
        if self.correction_late:
            lines.append(
                f"注意：补正告知晚于收到申请后{CORRECTION_NOTICE.days}个工作日"
                f"（{format_day(self.correction_notice_due or self.received)}），答复期限不因补正而"
                f"停止或重新计算，仍以原答复期限为准（{CORRECTION_NOTICE.basis.short}）。"
            )
        if self.state is ClockState.AWAITING_CORRECTION:
            lines.append("已告知申请人补正，等待补正期间答复期限不计算；收到补正后重新计算。")
            lines.extend(self.notes)
            return lines
        period = f"期限：{self.period}个工作日"
        if self.period == self.rules.answer.days:
            period += f"（{self.rules.answer.basis.short}）"
        if self.extension:
            period += (
                f"，延长{self.extension}个工作日（{self.rules.extension_max.basis.short}），"
                f"共{self.working_days}个工作日"
            )
        lines.append(period + "。")
        for span in self.pauses:
            basis = f"（{span.basis.short}）" if span.basis else ""
            if span.empty:
                lines.append(
                    f"{span.label}：{span.start.isoformat()} 至 {span.end.isoformat()}，"
                    f"其间没有可扣除的日期{basis}。"
                )
                continue
            extra = "（尚未结束，按最长期限预计）" if span.projected else ""
            if span.capped:
                extra = "（超过法定答复期限的部分不予扣除）"
            lines.append(
                f"{span.label}：{span.start.isoformat()} 至 {span.end.isoformat()}{extra}，"
                f"{span.first_excluded.isoformat()} 至 {span.last_excluded.isoformat()} "
                f"不计入期限{basis}。"
            )
        run: list[ExplainedDay] = []

        def flush() -> None:
            if not run:
                return
            first, last = run[0].info, run[-1].info
            span = f"{format_day(first.day)}" + (
                f"至{format_day(last.day)}" if last.day != first.day else ""
            )
            lines.append(f"{span}：{first.name}放假，不计（{first.notice}）。")
            run.clear()

        for item in self.explained_days():
            info = item.info
            if info.kind is DayKind.HOLIDAY:
                if run and (run[-1].info.name != info.name or run[-1].info.notice != info.notice):
                    flush()
                run.append(item)
                continue
            flush()
            if item.counted is not None:
                line = f"第{item.counted}个工作日：{format_day(info.day)}"
                if info.kind is DayKind.MAKEUP:
                    line += f"，调休上班日（{info.name}，{info.notice}）"
                if not info.known:
                    line += "，该年节假日安排未发布，暂按法定节日计算"
                if self.extension and item.counted == self.period:
                    line += "——原答复期限届满"
                if item.counted == self.working_days:
                    line += "——期限届满"
                lines.append(line + "。")
            elif info.kind is DayKind.MAKEUP and item.paused_by is None:
                lines.append(f"{format_day(info.day)}：调休上班日（{info.name}，{info.notice}）。")
        flush()
        assert self.computed_due is not None
        assert self.due is not None
        lines.append(f"计算所得期限届满日：{format_day(self.computed_due)}。")
        if self.state is ClockState.AGENCY_SET:
            lines.append(
                f"行政机关依{law.ART35_REASONABLE_PERIOD.short}确定延迟答复的期限："
                f"{format_day(self.due)}，以此为准。"
            )
        if self.provisional:
            years = "、".join(str(y) for y in self.unknown_years)
            lines.append(
                f"注意：{years}年的节假日安排尚未载入，该年暂按《全国年节及纪念日放假办法》规定的"
                "法定节日计算（不含调休），结果为暂定；"
                "载入当年安排后将自动重新计算。"
            )
        lines.extend(self.notes)
        return lines


def _exclusion(start: dt.date, end: dt.date, boundary: PauseBoundary) -> tuple[dt.date, dt.date]:
    if boundary is PauseBoundary.INCLUSIVE:
        return start, end
    return start + ONE_DAY, end - ONE_DAY


def _resolve_pauses(
    calendar: WorkdayCalendar,
    events: Sequence[ClockEvent],
    *,
    boundary: PauseBoundary,
    fee_pauses: bool,
    rules: Rules = RULES_2019,
) -> list[PauseSpan]:
    spans: list[PauseSpan] = []
    for event in events:
        match event:
            case Consultation(with_agency=True) if not rules.agency_excluded:
                # The 2007 text excludes only a third party's consultation (第二十四条第三款).
                continue
            case Consultation(start=start, end=end, with_agency=with_agency):
                # The 2007 text sets no reply period for the third party; its time is capped at
                # the 15 working days of the 2019 text all the same, so that the applicant's
                # period cannot stop indefinitely (docs/deadlines.md).
                reply = AGENCY_REPLY if with_agency else THIRD_PARTY_REPLY
                label = "征求其他机关意见" if with_agency else "征求第三方意见"
                latest = calendar.add(start, reply.days)
                projected = end is None
                capped = end is not None and end > latest
                stop = latest if end is None or capped else end
                first, last = _exclusion(start, stop, boundary)
                spans.append(
                    PauseSpan(
                        start,
                        stop,
                        first,
                        last,
                        label,
                        rules.third_party_excluded,
                        projected=projected,
                        capped=capped,
                    )
                )
            case FeeNotice(notified=notified, paid=paid) if fee_pauses:
                latest = calendar.add(event.pay_from, FEE_PAYMENT.days)
                projected = paid is None
                capped = paid is not None and paid > latest
                stop = latest if paid is None or capped else paid
                first, last = _exclusion(notified, stop, boundary)
                spans.append(
                    PauseSpan(
                        notified,
                        stop,
                        first,
                        last,
                        "收费通知至缴费",
                        law.FEE_MEASURE,
                        projected=projected,
                        capped=capped,
                    )
                )
            case Pause(start=start, end=end, reason=reason, basis=basis):
                first, last = _exclusion(start, end, boundary)
                spans.append(PauseSpan(start, end, first, last, reason, basis))
            case _:
                pass
    return sorted(spans, key=lambda s: (s.first_excluded, s.last_excluded))


def _nth_working_day(
    calendar: WorkdayCalendar, anchor: dt.date, n: int, pauses: Iterable[PauseSpan]
) -> dt.date:
    """The n-th working day after ``anchor`` that no pause excludes."""
    position = anchor
    remaining = n
    for span in pauses:
        if span.empty or span.last_excluded <= position:
            continue
        if span.first_excluded > position:
            available = calendar.count(position, span.first_excluded - ONE_DAY)
            if available >= remaining:
                break
            remaining -= available
        position = span.last_excluded
    return calendar.add(position, remaining)


def compute(
    calendar: WorkdayCalendar,
    received: dt.date,
    events: Iterable[ClockEvent] = (),
    *,
    period: int | None = None,
    boundary: PauseBoundary = PauseBoundary.EXCLUSIVE,
    fee_pauses: bool = True,
    today: dt.date | None = None,
) -> ClockResult:
    """Compute the due date of a period that runs from ``received`` under ``events``: the
    answer period of the text in force at receipt unless ``period`` is given."""
    rules = rules_for(received)
    if period is None:
        period = rules.answer.days
    if period < 1:
        raise ClockError("期限应为正整数个工作日")
    events = list(events)
    notes: list[str] = []
    for event in events:
        if (
            isinstance(event, FeeNotice)
            and event.received is not None
            and event.received < event.notified
        ):
            raise ClockError(
                f"收到收费通知日期 {event.received.isoformat()} 早于发出日期 "
                f"{event.notified.isoformat()}"
            )
        for name in ("on", "start", "notified", "approved_on", "set_on"):
            value = getattr(event, name, None)
            if isinstance(value, dt.date) and value < received:
                raise ClockError(f"{value.isoformat()} 早于收到申请之日 {received.isoformat()}")
        match event:
            case Consultation(start=start, end=end) if end is not None and end < start:
                raise ClockError(f"结束日期 {end.isoformat()} 早于开始日期 {start.isoformat()}")
            case FeeNotice(notified=notified, paid=paid) if paid is not None and paid < notified:
                raise ClockError(
                    f"缴费日期 {paid.isoformat()} 早于收费通知日期 {notified.isoformat()}"
                )
            case Pause(start=start, end=end) if end < start:
                raise ClockError(f"结束日期 {end.isoformat()} 早于开始日期 {start.isoformat()}")
            case Extension(days=int() as days) if not 1 <= days <= rules.extension_max.days:
                raise ClockError(
                    f"延长期限最长不得超过{rules.extension_max.days}个工作日"
                    f"（{rules.extension_max.basis}）"
                )
            case _:
                pass

    extensions = [e for e in events if isinstance(e, Extension)]
    if len(extensions) > 1:
        raise ClockError(f"答复期限只能延长一次（{rules.extension_max.basis}）")
    extension = (extensions[0].days or rules.extension_max.days) if extensions else 0

    notice_due = correction_notice_due(calendar, received)
    requests = sorted(e.on for e in events if isinstance(e, CorrectionRequested))
    receipts = sorted(e.on for e in events if isinstance(e, CorrectionReceived))
    if receipts and (not requests or receipts[0] < requests[0]):
        raise ClockError("收到补正之前没有补正告知")
    # 第三十条: the agency tells the applicant 一次性 what to correct; a second request, once a
    # correction has arrived, is not a correction the law allows.
    if len(requests) > 1 or len(receipts) > 1:
        raise ClockError(f"补正只能一次性告知（{law.ART30_CORRECTION}）")
    late = bool(requests) and correction_late(calendar, received, requests[0])
    if late:
        assert notice_due is not None
        notes.append(
            f"补正告知于 {requests[0].isoformat()} 发出，晚于收到申请后{CORRECTION_NOTICE.days}"
            f"个工作日（{notice_due.isoformat()}，{CORRECTION_NOTICE.basis}）；"
            "原答复期限仍然有效。"
        )
        # A correction asked for too late neither stops nor restarts the clock: the original
        # due date binds (the reading that protects the applicant's time, docs/deadlines.md).
        requests, receipts = [], []
    anchor = receipts[-1] if receipts else received
    restarted = bool(receipts)

    def result(
        due: dt.date | None,
        computed: dt.date | None,
        state: ClockState,
        pauses: Sequence[PauseSpan],
    ) -> ClockResult:
        unknown = tuple(calendar.unknown_years(anchor, due)) if due else ()
        return ClockResult(
            received=received,
            anchor=anchor,
            restarted=restarted,
            period=period,
            extension=extension,
            due=due,
            computed_due=computed,
            provisional=bool(unknown),
            unknown_years=unknown,
            state=state,
            pauses=tuple(pauses),
            correction_notice_due=notice_due,
            notes=tuple(notes),
            calendar=calendar,
            rules=rules,
            correction_late=late,
        )

    if requests and (not receipts or requests[-1] > receipts[-1]):
        return result(None, None, ClockState.AWAITING_CORRECTION, ())

    later = [e for e in events if _starts_after(e, anchor)]
    pauses = _resolve_pauses(calendar, later, boundary=boundary, fee_pauses=fee_pauses, rules=rules)
    due = _nth_working_day(calendar, anchor, period + extension, pauses)
    # A pause that begins after the due date stopped nothing (and cannot move it).
    pauses = [p for p in pauses if p.start <= due]
    if extensions and extensions[0].approved_on is not None:
        original = _nth_working_day(calendar, anchor, period, pauses)
        if extensions[0].approved_on > original:
            raise ClockError(
                f"延长须在原答复期限（{original.isoformat()}）届满前决定"
                f"（{rules.extension_max.basis}）"
            )
    state = ClockState.RUNNING
    if today is not None and any(
        p.first_excluded <= today <= p.last_excluded or (p.projected and p.start <= today)
        for p in pauses
    ):
        state = ClockState.PAUSED
    agency = [e for e in events if isinstance(e, AgencyDeadline)]
    if agency:
        chosen = agency[-1].due
        if chosen < due:
            notes.append(
                f"依第三十五条确定的期限 {chosen.isoformat()} 早于计算所得期限 {due.isoformat()}。"
            )
        return result(chosen, due, ClockState.AGENCY_SET, pauses)
    return result(due, due, state, pauses)


def _starts_after(event: ClockEvent, anchor: dt.date) -> bool:
    """Only pauses that are still running after the anchor matter once the clock restarted."""
    match event:
        case Consultation(start=start, end=end):
            return end is None or end > anchor or start >= anchor
        case FeeNotice(notified=notified, paid=paid):
            return paid is None or paid > anchor or notified >= anchor
        case Pause(end=end):
            return end > anchor
        case _:
            return False
