"""The statutory clock: restarts, pauses, extension, fee, Art. 35, and its explanation."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gongkai import law
from gongkai.workdays import clock
from gongkai.workdays.baseline import baseline_arrangements
from gongkai.workdays.calendar import WorkdayCalendar

D = dt.date.fromisoformat
CAL = WorkdayCalendar(baseline_arrangements())


def compute(received, events=(), **kwargs):
    return clock.compute(CAL, D(received), list(events), **kwargs)


def test_a_plain_application_is_due_after_20_working_days():
    result = compute("2025-01-24")
    assert result.due == D("2025-02-27")
    assert result.working_days == 20
    assert result.state is clock.ClockState.RUNNING
    assert not result.provisional
    assert result.correction_notice_due == D("2025-02-10")


def test_an_extension_adds_20_working_days():
    assert compute("2025-01-24", [clock.Extension()]).due == D("2025-03-27")
    assert compute("2025-01-24", [clock.Extension(days=5)]).working_days == 25


@pytest.mark.parametrize(
    ("events", "message"),
    [
        ([clock.Extension(), clock.Extension()], "只能延长一次"),
        ([clock.Extension(days=21)], "最长不得超过20个工作日"),
        ([clock.Extension(days=0)], "最长不得超过20个工作日"),
        ([clock.Extension(approved_on=D("2025-02-28"))], "原答复期限"),
        ([clock.Pause(D("2025-02-05"), D("2025-02-03"))], "早于开始日期"),
        ([clock.Consultation(D("2025-02-05"), D("2025-02-03"))], "早于开始日期"),
        ([clock.FeeNotice(D("2025-02-05"), D("2025-02-03"))], "早于收费通知日期"),
        ([clock.CorrectionReceived(D("2025-02-05"))], "没有补正告知"),
        ([clock.Consultation(D("2025-01-20"))], "早于收到申请之日"),
    ],
)
def test_invalid_events_are_refused_in_chinese(events, message):
    with pytest.raises(clock.ClockError, match=message):
        compute("2025-01-24", events)


def test_an_extension_approved_on_the_original_due_date_is_allowed():
    result = compute("2025-01-24", [clock.Extension(approved_on=D("2025-02-27"))])
    assert result.due == D("2025-03-27")


def test_a_correction_request_stops_the_clock_until_the_correction_arrives():
    waiting = compute("2025-03-03", [clock.CorrectionRequested(D("2025-03-05"))])
    assert waiting.state is clock.ClockState.AWAITING_CORRECTION
    assert waiting.due is None
    assert waiting.working_days_left(D("2025-03-10")) is None
    assert "等待补正" in "".join(waiting.explanation())


def test_the_clock_restarts_in_full_from_the_corrected_application():
    result = compute(
        "2025-03-03",
        [clock.CorrectionRequested(D("2025-03-05")), clock.CorrectionReceived(D("2025-03-20"))],
    )
    assert result.anchor == D("2025-03-20")
    assert result.restarted
    assert result.due == CAL.add(D("2025-03-20"), 20)
    assert law.ART30_CORRECTION.short in result.explanation()[0]


def test_a_late_correction_notice_is_noted():
    result = compute(
        "2025-03-03",
        [clock.CorrectionRequested(D("2025-03-14")), clock.CorrectionReceived(D("2025-03-17"))],
    )
    assert any("晚于收到申请后7个工作日" in note for note in result.notes)


def test_a_consultation_excludes_the_days_between_its_ends_by_default():
    result = compute("2025-03-03", [clock.Consultation(D("2025-03-05"), D("2025-03-12"))])
    # 6–11 March are excluded: four working days (6, 7, 10, 11).
    assert result.due == CAL.add(D("2025-03-31"), 4)
    span = result.pauses[0]
    assert (span.first_excluded, span.last_excluded) == (D("2025-03-06"), D("2025-03-11"))
    assert span.basis is law.ART33_CONSULTATION_EXCLUDED


def test_the_inclusive_boundary_also_excludes_the_end_days():
    exclusive = compute("2025-03-03", [clock.Consultation(D("2025-03-05"), D("2025-03-12"))])
    inclusive = compute(
        "2025-03-03",
        [clock.Consultation(D("2025-03-05"), D("2025-03-12"))],
        boundary=clock.PauseBoundary.INCLUSIVE,
    )
    assert CAL.count(exclusive.due, inclusive.due) == 2


def test_a_consultation_is_excluded_for_at_most_15_working_days():
    capped = compute("2025-03-03", [clock.Consultation(D("2025-03-05"), D("2025-06-30"))])
    limit = CAL.add(D("2025-03-05"), clock.THIRD_PARTY_REPLY.days)
    assert capped.pauses[0].capped
    assert capped.pauses[0].end == limit
    open_ended = compute("2025-03-03", [clock.Consultation(D("2025-03-05"))])
    assert open_ended.pauses[0].projected
    assert open_ended.due == capped.due


def test_an_open_consultation_pauses_the_clock_today():
    result = compute(
        "2025-03-03",
        [clock.Consultation(D("2025-03-05"), with_agency=True)],
        today=D("2025-03-07"),
    )
    assert result.state is clock.ClockState.PAUSED
    assert result.pauses[0].label == "征求其他机关意见"


def test_the_fee_pause_is_configurable():
    events = [clock.FeeNotice(D("2025-03-05"), D("2025-03-12"))]
    paused = compute("2025-03-03", events)
    not_paused = compute("2025-03-03", events, fee_pauses=False)
    assert not_paused.due == D("2025-03-31")
    assert paused.due > not_paused.due
    assert paused.pauses[0].basis is law.FEE_MEASURE


def test_a_pause_after_the_due_date_changes_nothing():
    result = compute("2025-03-03", [clock.Pause(D("2025-04-10"), D("2025-04-20"))])
    assert result.due == D("2025-03-31")
    assert result.pauses == ()


def test_a_pause_before_a_restart_is_forgotten():
    result = compute(
        "2025-03-03",
        [
            clock.Consultation(D("2025-03-04"), D("2025-03-06")),
            clock.CorrectionRequested(D("2025-03-07")),
            clock.CorrectionReceived(D("2025-03-10")),
        ],
    )
    assert result.pauses == ()
    assert result.due == CAL.add(D("2025-03-10"), 20)


def test_an_article_35_deadline_replaces_the_computed_one():
    result = compute("2025-03-03", [clock.AgencyDeadline(D("2025-06-30"), D("2025-03-20"))])
    assert result.due == D("2025-06-30")
    assert result.computed_due == D("2025-03-31")
    assert result.state is clock.ClockState.AGENCY_SET
    assert any("第三十五条" in line for line in result.explanation())


def test_working_days_left_counts_down_to_zero_then_goes_negative():
    result = compute("2025-01-24")
    assert result.working_days_left(D("2025-01-24")) == 20
    assert result.working_days_left(D("2025-01-26")) == 19
    assert result.working_days_left(D("2025-02-27")) == 0
    assert result.working_days_left(D("2025-02-28")) == -1
    assert result.working_days_left(D("2025-03-03")) == -2


def test_working_days_left_skips_paused_days():
    result = compute("2025-03-03", [clock.Consultation(D("2025-03-05"), D("2025-03-12"))])
    assert result.working_days_left(D("2025-03-03")) == 20
    assert result.working_days_left(D("2025-03-06")) == 18


def test_the_explanation_names_each_holiday_make_up_day_and_pause_with_its_basis():
    result = compute(
        "2025-01-24", [clock.Extension(), clock.Consultation(D("2025-03-03"), D("2025-03-07"))]
    )
    text = "\n".join(result.explanation())
    assert "收到申请之日：2025年1月24日（星期五）" in text
    assert (
        "第1个工作日：2025年1月26日（星期日），调休上班日（春节，国办发明电〔2024〕12号）" in text
    )
    assert "2025年1月28日（星期二）至2025年2月4日（星期二）：春节放假，不计" in text
    assert "征求第三方意见" in text
    assert law.ART33_CONSULTATION_EXCLUDED.short in text
    assert law.CIVIL_CODE_ART201.citation in text
    assert "原答复期限届满" in text
    assert f"第{result.working_days}个工作日" in text


def test_a_result_reaching_an_unknown_year_says_so():
    result = compute("2026-12-20")
    assert result.provisional
    assert result.unknown_years == (2027,)
    assert any("2027年的节假日安排尚未载入" in line for line in result.explanation())


def test_every_period_cites_its_basis():
    assert {p.days for p in clock.PERIODS} == {7, 15, 20}
    for period in clock.PERIODS:
        assert period.basis in law.ALL
        assert period.label


@pytest.mark.parametrize(
    ("chosen", "default", "low", "high"),
    [(clock.CORRECTION_PERIOD, 15, 1, 60), (clock.ART35_REPLY, 10, 1, 30)],
)
def test_a_period_the_agency_chooses_has_its_default_and_bounds_here(chosen, default, low, high):
    assert (chosen.default, chosen.low, chosen.high) == (default, low, high)
    assert chosen.basis in law.ALL
    assert chosen.problem(low) is None
    assert chosen.problem(default) is None
    assert chosen.problem(high) is None
    for outside in (low - 1, high + 1):
        assert chosen.problem(outside) == f"{chosen.label}应为{low}至{high}个工作日"


dates = st.dates(min_value=D("2004-01-01"), max_value=D("2026-06-30"))


@given(dates, st.integers(0, 30), st.integers(0, 40), st.sampled_from(list(clock.PauseBoundary)))
def test_a_pause_never_makes_the_due_date_earlier(received, offset, length, boundary):
    start = received + dt.timedelta(days=offset)
    without = compute(received.isoformat(), boundary=boundary)
    with_pause = clock.compute(
        CAL, received, [clock.Pause(start, start + dt.timedelta(days=length))], boundary=boundary
    )
    assert with_pause.due >= without.due
    assert CAL.is_workday(with_pause.due)


@given(dates, st.integers(1, 30), st.integers(1, 20))
def test_the_due_date_has_exactly_the_period_of_counted_days(received, offset, length):
    start = received + dt.timedelta(days=offset)
    result = clock.compute(CAL, received, [clock.Pause(start, start + dt.timedelta(days=length))])
    counted = [d for d in result.explained_days() if d.counted is not None]
    # 20 working days under the 2019 text, 15 for an application received before 2019-05-15.
    assert len(counted) == (20 if received >= D("2019-05-15") else 15)
    assert counted[-1].info.day == result.due
