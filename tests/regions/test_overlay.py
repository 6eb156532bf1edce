"""A region's own days on top of the national calendar (WorkdayCalendar.overlay), for all
dates and periods: no days changes nothing; a holiday never brings a due date earlier and moves
it by at most the days added; a make-up working day never makes it later."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.workdays import clock
from gongkai.workdays.baseline import baseline_arrangements
from gongkai.workdays.calendar import CalendarRangeError, LocalDay, WorkdayCalendar
from tests.conftest import examples

NATIONAL = WorkdayCalendar(baseline_arrangements())
FIRST, LAST = dt.date(2004, 1, 1), dt.date(2030, 12, 31)
days = st.dates(FIRST, LAST)
periods = st.sampled_from([1, 7, 15, 20, 40])


def holiday(day: dt.date) -> LocalDay:
    return LocalDay(day, False, "地方节日（测试）", "测试政办发〔2025〕1号")


def makeup(day: dt.date) -> LocalDay:
    return LocalDay(day, True, "地方节日（测试）", "测试政办发〔2025〕1号")


@settings(max_examples=examples(200), deadline=None)
@given(days, periods)
def test_no_regional_days_is_the_national_calendar(start, n):
    region = NATIONAL.overlay([])
    assert region is NATIONAL
    assert region.add(start, n) == NATIONAL.add(start, n)
    assert region.info(start) == NATIONAL.info(start)


@settings(max_examples=examples(60), deadline=None)
@given(days, periods, st.lists(st.integers(0, 60), min_size=1, max_size=4, unique=True))
def test_a_regional_holiday_never_brings_a_due_date_earlier_nor_moves_it_more_than_its_days(
    start, n, offsets
):
    added = [holiday(start + dt.timedelta(days=k)) for k in offsets]
    region = NATIONAL.overlay(added)
    before, after = NATIONAL.add(start, n), region.add(start, n)
    assert after >= before
    # at most one national working day later for each day added
    assert NATIONAL.count(before, after) <= len(added)
    # and exactly as many as the added holidays that were national working days up to it
    taken = {d.day for d in added if NATIONAL.is_workday(d.day) and d.day > start}
    assert all(not region.is_workday(d) for d in taken)
    # the statutory clock agrees with the calendar
    answer = clock.compute(region, start, []).due
    assert answer is not None
    assert answer >= clock.compute(NATIONAL, start, []).due


@settings(max_examples=examples(60), deadline=None)
@given(days, periods, st.lists(st.integers(0, 60), min_size=1, max_size=4, unique=True))
def test_a_regional_makeup_day_never_makes_a_due_date_later(start, n, offsets):
    weekend = [
        start + dt.timedelta(days=k)
        for k in offsets
        if (start + dt.timedelta(days=k)).weekday() >= 5
    ]
    region = NATIONAL.overlay([makeup(d) for d in weekend])
    assert region.add(start, n) <= NATIONAL.add(start, n)
    for d in weekend:
        assert region.is_workday(d)
        assert region.info(d).notice == "测试政办发〔2025〕1号"


def test_the_lower_government_entry_on_the_same_day_wins():
    saturday = dt.date(2025, 3, 15)
    assert saturday.weekday() == 5
    region = NATIONAL.overlay([holiday(saturday), makeup(saturday)])
    assert region.is_workday(saturday)
    region = NATIONAL.overlay([makeup(saturday), holiday(saturday)])
    assert not region.is_workday(saturday)


def test_a_regional_holiday_is_explained_with_its_name_and_basis():
    region = NATIONAL.overlay([holiday(dt.date(2025, 3, 17))])
    result = clock.compute(region, dt.date(2025, 3, 3), [])
    assert result.due == dt.date(2025, 4, 1)  # nationally 2025-03-31
    assert clock.compute(NATIONAL, dt.date(2025, 3, 3), []).due == dt.date(2025, 3, 31)
    text = "\n".join(result.explanation())
    assert "地方节日（测试）放假，不计（测试政办发〔2025〕1号）" in text


def test_a_day_outside_the_calendar_is_refused():
    with pytest.raises(CalendarRangeError):
        NATIONAL.overlay([holiday(dt.date(1980, 1, 1))])
