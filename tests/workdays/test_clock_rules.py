"""The clock's rules in force at receipt, 第三十条 一次性 and the late correction, the fee's
period from the applicant's receipt of the notice, and unloaded years: each against an
independent day-by-day oracle where a rule holds for all dates."""

from __future__ import annotations

import datetime as dt

import chinese_calendar
import pytest
from hypothesis import given
from hypothesis import strategies as st

from gongkai import law
from gongkai.workdays import clock, statutory
from gongkai.workdays.baseline import baseline_arrangements
from gongkai.workdays.calendar import WorkdayCalendar

D = dt.date.fromisoformat
CAL = WorkdayCalendar(baseline_arrangements())
ONE = dt.timedelta(days=1)


def nth_official_working_day(after: dt.date, n: int) -> dt.date:
    """The oracle for loaded years: step day by day with chinese-calendar's official data."""
    day = after
    while n:
        day += ONE
        if chinese_calendar.is_workday(day):
            n -= 1
    return day


def nth_provisional_working_day(after: dt.date, n: int) -> dt.date:
    """The oracle for unloaded years: Monday to Friday minus the statutory holidays."""
    day = after
    while n:
        day += ONE
        if day.weekday() < 5 and day not in statutory.statutory_holidays(day.year):
            n -= 1
    return day


# --- the text in force at receipt ----------------------------------------------------------------
def test_an_application_received_before_2019_05_15_has_15_working_days():
    """国务院令第492号 第二十四条第二款: 15 working days, an extension of at most 15."""
    result = clock.compute(CAL, D("2019-05-14"), [])
    assert result.rules is clock.RULES_2007
    assert result.period == 15
    assert result.due == nth_official_working_day(D("2019-05-14"), 15)
    assert any("国务院令第492号" in line for line in result.explanation())
    assert clock.compute(CAL, D("2019-05-15"), []).period == 20
    assert clock.compute(CAL, D("2019-03-01"), [clock.Extension(15)]).working_days == 30
    with pytest.raises(clock.ClockError, match="最长不得超过15个工作日"):
        clock.compute(CAL, D("2019-03-01"), [clock.Extension(20)])


@given(st.dates(min_value=D("2008-05-01"), max_value=D("2019-05-14")))
def test_under_the_2007_text_the_answer_is_the_15th_official_working_day(received):
    assert clock.compute(CAL, received, []).due == nth_official_working_day(received, 15)


@given(st.dates(min_value=D("2019-05-15"), max_value=D("2026-10-31")))
def test_under_the_2019_text_the_answer_is_the_20th_official_working_day(received):
    assert clock.compute(CAL, received, []).due == nth_official_working_day(received, 20)


def test_the_2007_text_excludes_only_a_third_partys_consultation():
    """第二十四条第三款 (2007) names only 征求第三方意见; 第三十三条第三款 (2019) also other
    agencies."""
    received = D("2019-03-01")
    plain = clock.compute(CAL, received, []).due
    agency = clock.compute(
        CAL, received, [clock.Consultation(D("2019-03-04"), D("2019-03-15"), True)]
    )
    third = clock.compute(CAL, received, [clock.Consultation(D("2019-03-04"), D("2019-03-15"))])
    assert agency.due == plain
    assert third.due > plain
    assert third.pauses[0].basis is law.R2007_ART24_3_CONSULTATION


def test_the_2007_text_sets_no_seven_day_limit_for_asking_a_correction():
    result = clock.compute(
        CAL,
        D("2019-01-07"),
        [clock.CorrectionRequested(D("2019-02-20")), clock.CorrectionReceived(D("2019-02-25"))],
    )
    assert result.correction_notice_due is None
    assert not result.correction_late
    assert result.restarted
    assert result.due == nth_official_working_day(D("2019-02-25"), 15)


# --- 第三十条 ---------------------------------------------------------------------------------
def test_a_second_correction_request_is_refused():
    """第三十条: the agency tells the applicant 一次性 what to correct."""
    events = [
        clock.CorrectionRequested(D("2025-03-04")),
        clock.CorrectionReceived(D("2025-03-10")),
        clock.CorrectionRequested(D("2025-03-12")),
    ]
    with pytest.raises(clock.ClockError, match="一次性"):
        clock.compute(CAL, D("2025-03-03"), events)


def test_a_correction_asked_after_seven_working_days_leaves_the_original_due_date_binding():
    received = D("2025-03-03")
    late = D("2025-03-13")  # the 8th working day after receipt
    assert CAL.count(received, late) == 8
    waiting = clock.compute(CAL, received, [clock.CorrectionRequested(late)], today=late)
    assert waiting.correction_late
    assert waiting.state is clock.ClockState.RUNNING
    assert waiting.due == D("2025-03-31")  # as if no correction had been asked
    corrected = clock.compute(
        CAL, received, [clock.CorrectionRequested(late), clock.CorrectionReceived(D("2025-03-20"))]
    )
    assert corrected.due == D("2025-03-31")
    assert not corrected.restarted
    assert any("仍以原答复期限为准" in line for line in corrected.explanation())


def test_a_correction_asked_on_the_seventh_working_day_stops_the_clock():
    received = D("2025-03-03")
    result = clock.compute(CAL, received, [clock.CorrectionRequested(D("2025-03-12"))])
    assert not result.correction_late
    assert result.state is clock.ClockState.AWAITING_CORRECTION
    assert result.due is None


# --- the fee (国办函〔2020〕109号) ----------------------------------------------------------
def test_the_fee_pause_runs_to_20_working_days_after_the_applicant_received_the_notice():
    received = D("2025-03-03")
    sent = D("2025-03-05")
    by_post = D("2025-03-12")
    open_fee = clock.compute(CAL, received, [clock.FeeNotice(sent, None, by_post)])
    pause = open_fee.pauses[0]
    assert pause.end == CAL.add(by_post, 20)  # not 20 after the day it was sent
    same_day = clock.compute(CAL, received, [clock.FeeNotice(sent)])
    assert same_day.pauses[0].end == CAL.add(sent, 20)
    assert open_fee.due > same_day.due
    with pytest.raises(clock.ClockError, match="早于发出日期"):
        clock.compute(CAL, received, [clock.FeeNotice(sent, None, D("2025-03-04"))])


# --- years without an arrangement ---------------------------------------------------------------
WITHOUT_2027 = WorkdayCalendar(a for a in baseline_arrangements() if a.year <= 2026)


def test_new_years_day_2027_does_not_count_while_2027_is_not_loaded():
    result = clock.compute(WITHOUT_2027, D("2026-12-03"), [])
    days = [d.info.day for d in result.explained_days() if d.counted is not None]
    assert D("2027-01-01") not in days
    assert result.provisional
    assert result.unknown_years == (2027,)
    assert result.due == nth_provisional_working_day(D("2026-12-03"), 20)


@given(
    st.dates(min_value=D("2026-11-01"), max_value=D("2031-12-31")),
    st.sampled_from([7, 15, 20, 40]),
)
def test_in_unloaded_years_the_clock_skips_the_statutory_holidays(received, period):
    result = clock.compute(WITHOUT_2027, received, [], period=period)
    expect = nth_provisional_working_day(received, period) if received.year >= 2027 else None
    if expect is not None:
        assert result.due == expect
    assert result.provisional == (result.due >= D("2026-12-25"))


@given(st.dates(min_value=D("2150-01-01"), max_value=D("2150-12-01")))
def test_a_year_far_beyond_the_baseline_counts_like_the_oracle(received):
    assert clock.compute(CAL, received, []).due == nth_provisional_working_day(received, 20)
