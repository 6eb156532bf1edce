"""The working-day calendar: the worked examples of the spec, the baseline data against
chinese-calendar day by day, an exhaustive comparison with an independent day-by-day count,
and properties that hold for every input."""

from __future__ import annotations

import datetime as dt

import chinese_calendar
import pytest
from chinese_calendar.constants import holidays as CC_HOLIDAYS
from chinese_calendar.constants import workdays as CC_WORKDAYS
from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.workdays.arrangement import (
    NEW_YEAR_BRIDGE_FROM,
    HolidayRange,
    MakeupDay,
    YearArrangement,
)
from gongkai.workdays.baseline import baseline_arrangements, baseline_source
from gongkai.workdays.calendar import (
    FIRST_DAY,
    LAST_DAY,
    CalendarRangeError,
    DayKind,
    WorkdayCalendar,
)
from gongkai.workdays.statutory import statutory_holidays
from tests.conftest import examples

D = dt.date.fromisoformat
CAL = WorkdayCalendar(baseline_arrangements())
BASELINE_FIRST = D("2004-01-01")
BASELINE_LAST = D("2026-12-31")


def stepping_is_workday(day: dt.date) -> bool:
    """Independent of Gongkai's tables: chinese-calendar's day lists in the years it covers (the
    rule of ``chinese_calendar.is_workday``, without its per-call range check); elsewhere Monday
    to Friday minus the fixed statutory holidays of 《全国年节及纪念日放假办法》."""
    if BASELINE_FIRST.year <= day.year <= BASELINE_LAST.year:
        return day in CC_WORKDAYS or (day.weekday() < 5 and day not in CC_HOLIDAYS)
    return day.weekday() < 5 and day not in statutory_holidays(day.year)


def step(start: dt.date, n: int) -> dt.date:
    """The day-by-day count the existing FOI platforms use."""
    day, counted = start, 0
    while counted < n:
        day += dt.timedelta(days=1)
        if stepping_is_workday(day):
            counted += 1
    return day


@pytest.mark.parametrize(
    ("received", "days", "due"),
    [
        ("2025-01-24", 7, "2025-02-10"),
        ("2025-01-24", 20, "2025-02-27"),
        ("2025-01-24", 40, "2025-03-27"),
        ("2025-09-26", 7, "2025-10-13"),
        ("2025-09-26", 20, "2025-10-30"),
        ("2025-09-26", 40, "2025-11-27"),
        ("2025-03-03", 7, "2025-03-12"),
        ("2025-03-03", 20, "2025-03-31"),
        ("2025-03-03", 40, "2025-04-28"),
    ],
)
def test_it_reproduces_the_worked_examples_of_the_spec(received, days, due):
    assert CAL.add(D(received), days) == D(due)


def test_day_one_of_the_2025_example_is_the_sunday_made_a_working_day():
    assert CAL.info(D("2025-01-26")).kind is DayKind.MAKEUP
    assert CAL.add(D("2025-01-24"), 1) == D("2025-01-26")


def test_the_baseline_covers_2004_to_2026_with_a_notice_for_every_year():
    years = [a.year for a in baseline_arrangements()]
    assert years == list(range(2004, 2027))
    assert all(a.notice.startswith(("国办发明电〔", "国发明电〔")) for a in baseline_arrangements())
    by_year = {a.year: a for a in baseline_arrangements()}
    assert by_year[2025].notice == "国办发明电〔2024〕12号"
    assert baseline_source() == f"chinese-calendar {chinese_calendar.__version__}"


def test_the_baseline_agrees_with_chinese_calendar_on_every_day():
    day = BASELINE_FIRST
    mismatches = []
    while day <= BASELINE_LAST:
        if CAL.is_workday(day) != chinese_calendar.is_workday(day):
            mismatches.append(day)
        day += dt.timedelta(days=1)
    assert mismatches == []


def test_amendments_carry_their_own_notice():
    assert CAL.info(D("2020-01-31")).notice == "国办发明电〔2020〕1号"
    assert CAL.info(D("2020-01-28")).notice == "国办发明电〔2019〕16号"
    assert CAL.info(D("2015-09-03")).notice == "国发明电〔2015〕1号"
    assert CAL.info(D("2019-05-05")).kind is DayKind.MAKEUP
    assert CAL.info(D("2019-05-05")).notice == "国办发明电〔2019〕3号"


def test_a_new_year_holiday_reaching_into_december_belongs_to_the_next_years_notice():
    info = CAL.info(D("2023-12-31"))
    assert info.kind is DayKind.HOLIDAY
    assert info.notice == "国办发明电〔2023〕7号"  # the notice for 2024
    assert CAL.info(D("2018-12-29")).kind is DayKind.MAKEUP


@pytest.mark.slow
@pytest.mark.parametrize("days", [7, 15, 20, 40])
def test_it_agrees_with_an_independent_day_by_day_count_for_every_receipt_date(days):
    starts = [
        BASELINE_FIRST + dt.timedelta(days=i)
        for i in range((BASELINE_LAST - BASELINE_FIRST).days + 1)
    ]
    fast = CAL.add_many(starts, days)
    wrong = [(s, f) for s, f in zip(starts, fast, strict=True) if f != step(s, days)]
    assert wrong == []
    assert [CAL.add(s, days) for s in starts[::97]] == fast[::97]


def test_a_year_without_data_counts_without_its_statutory_holidays_and_is_provisional():
    """2027 has no notice yet: Monday to Friday minus the days 《全国年节及纪念日放假办法》
    (2024年修订) fixes, provisionally (tests/workdays/test_statutory.py has the details)."""
    assert 2027 not in CAL.known_years
    start = D("2026-12-24")
    due = CAL.add(start, 20)
    assert due == step(start, 20)
    assert due == D("2027-01-22")  # 2027-01-01 (元旦, a Friday) is not counted
    assert CAL.provisional(start, due)
    assert CAL.unknown_years(start, due) == [2027]
    assert not CAL.provisional(D("2026-11-02"), D("2026-11-30"))
    assert CAL.info(D("2027-02-10")).known is False


def test_a_span_reaching_late_december_before_a_year_without_data_is_provisional():
    """The next year's notice may begin its 元旦 holiday on 25 December or later (the notices for
    2008, 2012, 2019 and 2024 did), so a span that reaches those days names the next year even
    though the year it ends in is loaded."""
    bridge = dt.date(2026, *NEW_YEAR_BRIDGE_FROM)
    assert bridge == D("2026-12-25")
    assert CAL.unknown_years(D("2026-12-01"), bridge - dt.timedelta(days=1)) == []
    assert not CAL.provisional(D("2026-12-01"), bridge - dt.timedelta(days=1))
    assert CAL.unknown_years(D("2026-12-01"), bridge) == [2027]
    assert CAL.provisional(D("2026-12-01"), bridge)
    assert CAL.unknown_years(D("2026-12-28"), D("2026-12-31")) == [2027]
    # Inside the baseline the next year is always loaded: nothing changes there.
    assert CAL.unknown_years(D("2025-12-01"), D("2025-12-31")) == []
    assert CAL.unknown_years(D("2026-12-25"), D("2026-12-25")) == []  # an empty span


def test_the_late_december_rule_is_why_a_due_date_can_still_move():
    """A 2027 notice whose 元旦 holiday begins on Thursday 31 December 2026 moves a due date that
    fell on that day; once it is loaded, the span is no longer provisional."""
    start = D("2026-12-30")
    assert CAL.add(start, 1) == D("2026-12-31")
    assert CAL.unknown_years(start, D("2026-12-31")) == [2027]
    with_2027 = WorkdayCalendar(
        [
            *baseline_arrangements(),
            YearArrangement(
                year=2027,
                notice="测试〔2026〕2号",
                holidays=(HolidayRange("元旦", D("2026-12-31"), D("2027-01-03")),),
            ),
        ]
    )
    assert with_2027.add(start, 1) == D("2027-01-04")
    assert with_2027.info(D("2026-12-31")).notice == "测试〔2026〕2号"
    assert not with_2027.provisional(start, D("2027-01-04"))
    # ... but its own late December now waits for 2028.
    assert with_2027.unknown_years(D("2027-12-01"), D("2027-12-27")) == [2028]


def test_dates_outside_the_supported_range_are_refused_in_chinese():
    with pytest.raises(CalendarRangeError, match="超出可计算范围"):
        CAL.add(FIRST_DAY - dt.timedelta(days=1), 5)
    with pytest.raises(CalendarRangeError):
        CAL.add(LAST_DAY - dt.timedelta(days=3), 20)
    with pytest.raises(CalendarRangeError):
        CAL.add_many([D("2025-01-01"), dt.date(1989, 12, 31)], 5)
    with pytest.raises(ValueError, match="至少为1个工作日"):
        CAL.add(D("2025-01-01"), 0)


def test_a_custom_arrangement_defines_holidays_and_make_up_days():
    arrangement = YearArrangement(
        year=2031,
        notice="测试〔2030〕1号",
        holidays=(HolidayRange("测试节", D("2031-03-03"), D("2031-03-05")),),
        makeup_days=(MakeupDay(D("2031-03-08"), "测试节"),),
    )
    cal = WorkdayCalendar([arrangement])
    assert not cal.is_workday(D("2031-03-04"))
    assert cal.is_workday(D("2031-03-08"))  # a Saturday
    assert cal.info(D("2031-03-08")).notice == "测试〔2030〕1号"
    assert cal.add(D("2031-02-28"), 1) == D("2031-03-06")


days_in_range = st.dates(min_value=D("2000-01-01"), max_value=D("2035-12-31"))
periods = st.integers(min_value=1, max_value=60)


@given(days_in_range, periods)
def test_a_due_date_is_always_a_working_day_after_the_start(start, n):
    due = CAL.add(start, n)
    assert due > start
    assert CAL.is_workday(due)
    assert CAL.count(start, due) == n


@given(days_in_range, periods, periods)
def test_periods_compose(start, m, n):
    assert CAL.add(start, m + n) == CAL.add(CAL.add(start, m), n)


@given(days_in_range, days_in_range, periods)
def test_a_later_start_never_gives_an_earlier_due_date(a, b, n):
    first, second = sorted((a, b))
    assert CAL.add(first, n) <= CAL.add(second, n)


@given(days_in_range, periods)
def test_provisional_exactly_when_the_count_reaches_a_year_without_data(start, n):
    """... or reaches 25 December or later of a year followed by one without data."""
    due = CAL.add(start, n)
    touched = [start + dt.timedelta(days=i) for i in range(1, (due - start).days + 1)]
    waiting = {d.year for d in touched if d.year not in CAL.known_years}
    waiting |= {
        d.year + 1
        for d in touched
        if (d.month, d.day) >= NEW_YEAR_BRIDGE_FROM and d.year + 1 not in CAL.known_years
    }
    assert CAL.unknown_years(start, due) == sorted(waiting)
    assert CAL.provisional(start, due) == bool(waiting)


@settings(max_examples=examples(50))
@given(st.lists(days_in_range, min_size=1, max_size=30), periods)
def test_the_batch_matches_one_at_a_time(starts, n):
    assert CAL.add_many(starts, n) == [CAL.add(s, n) for s in starts]
