"""The fixed statutory holidays of 《全国年节及纪念日放假办法》 and the calendar of a year whose
holiday notice is not loaded: the lunar table against lunar_python, the measure's versions at
their boundaries, an oracle against the official calendar of 2004–2026, and the arithmetic of
periods reaching unloaded years against an independent day-by-day count."""

from __future__ import annotations

import datetime as dt
import itertools
from importlib.metadata import version

import pytest
from hypothesis import given
from hypothesis import strategies as st
from lunar_python import Lunar, LunarYear

from gongkai.workdays.arrangement import HolidayRange, MakeupDay, YearArrangement
from gongkai.workdays.baseline import baseline_arrangements
from gongkai.workdays.calendar import FIRST_DAY, LAST_DAY, DayInfo, DayKind, WorkdayCalendar
from gongkai.workdays.statutory import (
    MEASURE,
    VERSIONS,
    Anchor,
    holidays_from,
    lunar_table,
    statutory_holidays,
    version_on,
)

D = dt.date.fromisoformat
CAL = WorkdayCalendar(baseline_arrangements())
YEARS = range(FIRST_DAY.year, LAST_DAY.year + 1)
BASELINE_YEARS = range(2004, 2027)


def festival_days(year: int, name: str) -> list[dt.date]:
    return [d for d, s in statutory_holidays(year).items() if name in s.name.split("、")]


def solar(lunar_solar) -> dt.date:
    return dt.date(lunar_solar.getYear(), lunar_solar.getMonth(), lunar_solar.getDay())


# --- the lunar table ----------------------------------------------------------------------------


def test_the_lunar_table_covers_the_calendar_and_names_its_source():
    table = lunar_table()
    assert (table.first_year, table.last_year) == (FIRST_DAY.year, LAST_DAY.year)
    assert sorted(table.years) == list(YEARS)
    assert table.source == f"lunar_python {version('lunar_python')}"


@pytest.mark.slow
def test_the_lunar_table_agrees_with_lunar_python_for_every_year():
    """Recomputed from the installed package, year by year, as scripts/build_lunar_table.py
    does; after upgrading lunar_python run the script and commit the file."""
    table = lunar_table()
    wrong = []
    for year in YEARS:
        new_year = Lunar.fromYmd(year, 1, 1)
        expected = {
            Anchor.LUNAR_NEW_YEAR: solar(new_year.getSolar()),
            Anchor.QINGMING: solar(new_year.getJieQiTable()["清明"]),
            Anchor.DRAGON_BOAT: solar(Lunar.fromYmd(year, 5, 5).getSolar()),
            Anchor.MID_AUTUMN: solar(Lunar.fromYmd(year, 8, 15).getSolar()),
        }
        if table.dates(year) != expected:
            wrong.append(year)
    assert wrong == []


def test_every_lunar_date_lies_in_its_own_gregorian_year_and_season():
    for year, dates in lunar_table().years.items():
        assert D(f"{year}-01-21") <= dates[Anchor.LUNAR_NEW_YEAR] <= D(f"{year}-02-20"), year
        assert dates[Anchor.QINGMING] in (
            D(f"{year}-04-04"),
            D(f"{year}-04-05"),
            D(f"{year}-04-06"),
        )
        assert D(f"{year}-05-27") <= dates[Anchor.DRAGON_BOAT] <= D(f"{year}-06-26"), year
        assert D(f"{year}-09-07") <= dates[Anchor.MID_AUTUMN] <= D(f"{year}-10-07"), year


@pytest.mark.slow
def test_new_years_eve_is_the_last_day_of_the_twelfth_lunar_month():
    """除夕 is taken as the day before 正月初一; lunar_python confirms that this day is the
    29th or 30th, the last day, of the last month (腊月, or a leap 腊月) of the lunar year."""
    for year in YEARS:
        last_month = LunarYear.fromYear(year - 1).getMonthsInYear()[-1]
        assert abs(last_month.getMonth()) == 12, year
        assert last_month.getDayCount() in (29, 30), year
        eve = solar(
            Lunar.fromYmd(year - 1, last_month.getMonth(), last_month.getDayCount()).getSolar()
        )
        assert eve == lunar_table().dates(year)[Anchor.LUNAR_NEW_YEAR] - dt.timedelta(days=1)


def test_no_new_years_eve_of_1990_to_2199_leaves_its_year_or_meets_new_years_day():
    """A 正月初一 on 1 or 2 January would put 除夕 on 31 December of the year before or on 元旦;
    it never happens in the table (正月初一 falls from 21 January on), which is asserted here
    rather than assumed by the code."""
    for year in YEARS:
        days = statutory_holidays(year)
        assert all(d.year == year for d in days), year
        assert days[dt.date(year, 1, 1)].name == "元旦", year


def test_a_new_years_eve_before_a_lunar_new_year_on_new_years_day_is_kept_in_december():
    """2024年修订: 春节 is 除夕 to 初三; with a (hypothetical) 正月初一 on 1 January, 除夕 is 31
    December of the year before and 1 January is both 元旦 and 春节."""
    lunar = dict(lunar_table().dates(2030)) | {Anchor.LUNAR_NEW_YEAR: D("2030-01-01")}
    days = holidays_from(2030, lunar)
    assert days[D("2029-12-31")].name == "春节"
    assert days[D("2030-01-01")].name == "元旦、春节"
    assert [d for d, s in days.items() if "春节" in s.name] == [
        D("2029-12-31"),
        D("2030-01-01"),
        D("2030-01-02"),
        D("2030-01-03"),
    ]
    lunar[Anchor.LUNAR_NEW_YEAR] = D("2030-01-02")
    assert holidays_from(2030, lunar)[D("2030-01-01")].name == "元旦、春节"


# --- the versions of the measure ----------------------------------------------------------------


def test_the_versions_follow_each_other_from_their_effective_dates():
    assert [v.effective for v in VERSIONS] == sorted(v.effective for v in VERSIONS)
    for earlier, later in itertools.pairwise(VERSIONS):
        assert version_on(later.effective - dt.timedelta(days=1)) is earlier
        assert version_on(later.effective) is later
    assert [v.effective for v in VERSIONS[2:]] == [
        D("2008-01-01"),
        D("2014-01-01"),
        D("2025-01-01"),
    ]
    assert version_on(D("2026-06-01")).citation == f"2024年修订的{MEASURE}"


@pytest.mark.parametrize(
    ("year", "name", "days"),
    [
        # 1999年修订 (国务院令第270号): 春节 正月初一至初三, 劳动节 5月1日至3日, no lunar festivals
        # but 春节; in force from 18 September 1999, so 1999's 劳动节 is still the 1949 one day.
        (1998, "国庆节", ["1998-10-01", "1998-10-02"]),
        (1999, "劳动节", ["1999-05-01"]),
        (1999, "国庆节", ["1999-10-01", "1999-10-02", "1999-10-03"]),
        (2007, "春节", ["2007-02-18", "2007-02-19", "2007-02-20"]),
        (2007, "劳动节", ["2007-05-01", "2007-05-02", "2007-05-03"]),
        (2007, "清明节", []),
        (2007, "中秋节", []),
        # 2007年修订 (国务院令第513号, from 2008): 春节 除夕、初一、初二; 清明、端午、中秋 added;
        # 劳动节 one day.
        (2008, "春节", ["2008-02-06", "2008-02-07", "2008-02-08"]),
        (2008, "劳动节", ["2008-05-01"]),
        (2008, "清明节", ["2008-04-04"]),
        (2008, "端午节", ["2008-06-08"]),
        (2008, "中秋节", ["2008-09-14"]),
        (2013, "春节", ["2013-02-09", "2013-02-10", "2013-02-11"]),
        # 2013年修订 (国务院令第644号, from 2014): 春节 正月初一至初三.
        (2014, "春节", ["2014-01-31", "2014-02-01", "2014-02-02"]),
        (2024, "春节", ["2024-02-10", "2024-02-11", "2024-02-12"]),
        (2024, "劳动节", ["2024-05-01"]),
        # 2024年修订 (国务院令第795号, from 2025): 春节 除夕至初三 (4 days); 劳动节 5月1日、2日.
        (2025, "春节", ["2025-01-28", "2025-01-29", "2025-01-30", "2025-01-31"]),
        (2025, "劳动节", ["2025-05-01", "2025-05-02"]),
        (2025, "国庆节", ["2025-10-01", "2025-10-02", "2025-10-03"]),
        (2025, "中秋节", ["2025-10-06"]),
    ],
)
def test_each_version_of_the_measure_gives_its_own_days(year, name, days):
    assert festival_days(year, name) == [D(d) for d in days]


def test_every_year_has_each_festival_of_its_version_with_its_number_of_days():
    """1999 is the one year two versions share (the 1999 revision first applied to 国庆); the
    cases above cover it."""
    for year in YEARS:
        if year == 1999:
            continue
        days = statutory_holidays(year)
        governing = version_on(dt.date(year, 1, 1))
        assert {s.version for s in days.values()} == {governing}, year
        for festival in governing.festivals:
            assert len(festival_days(year, festival.name)) == festival.days, (year, festival)
        # Days off only from the version's festivals: nothing else slips in.
        expected = sum(f.days for f in governing.festivals)
        shared = sum(s.name.count("、") for s in days.values())
        assert len(days) + shared == expected, year


def test_the_table_follows_the_wording_of_each_version():
    for measure in VERSIONS:
        names = [f.name for f in measure.festivals]
        assert len(names) == len(set(names)), measure.label
        for festival in measure.festivals:
            # Only a 春节 that the text starts with 除夕 begins the day before 正月初一.
            assert (festival.first == -1) == ("除夕" in festival.wording), festival
            assert festival.days >= 1
    assert {f.name for f in VERSIONS[-1].festivals} == {
        "元旦",
        "春节",
        "清明节",
        "劳动节",
        "端午节",
        "中秋节",
        "国庆节",
    }


def test_two_festivals_on_one_day_carry_both_names():
    """2013年修订: 中秋 (八月十五) fell on 国庆 in 2020."""
    assert statutory_holidays(2020)[D("2020-10-01")].name == "中秋节、国庆节"


# --- the oracle: the official calendar of 2004–2026 ---------------------------------------------


def test_every_statutory_holiday_of_the_baseline_years_is_a_day_off_in_the_official_calendar():
    """For 2004–2026 (1999, 2007, 2013 and 2024 versions) every day the measure gives is a day
    off in the State Council's arrangement (chinese-calendar's data): never a working day, and,
    where the notice lists it, listed under that festival. This checks the lunar table against
    official data."""
    working, misnamed = [], []
    for year in BASELINE_YEARS:
        for day, statutory in statutory_holidays(year).items():
            info = CAL.info(day)
            if info.is_working:
                working.append(day)
            elif info.kind is DayKind.HOLIDAY and not all(
                name in info.name for name in statutory.name.split("、")
            ):
                misnamed.append((day, statutory.name, info.name))
    assert working == []
    # chinese-calendar files 1 October 2020 (中秋 and 国庆) under 国庆 alone.
    assert misnamed == [(D("2020-10-01"), "中秋节、国庆节", "国庆节")]


# --- a year without an arrangement --------------------------------------------------------------


def test_new_years_day_of_an_unloaded_year_is_not_a_working_day():
    """2024年修订 Art. 2 (一): 元旦 1 January — 2027-01-01 is a Friday, and 2027 is not loaded."""
    assert 2027 not in CAL.known_years
    info = CAL.info(D("2027-01-01"))
    assert not CAL.is_workday(D("2027-01-01"))
    assert info.kind is DayKind.HOLIDAY
    assert info.name == "元旦"
    assert info.known is False
    assert info.notice == (f"2024年修订的{MEASURE}；2027年节假日安排尚未载入，暂按法定节日计算")


@pytest.mark.parametrize(
    ("day", "name"),
    [
        ("2027-02-05", "春节"),  # 除夕
        ("2027-02-06", "春节"),  # 正月初一
        ("2027-02-07", "春节"),
        ("2027-02-08", "春节"),  # 初三
        ("2027-04-05", "清明节"),
        ("2027-05-01", "劳动节"),
        ("2027-05-02", "劳动节"),
        ("2027-06-09", "端午节"),
        ("2027-09-15", "中秋节"),
        ("2027-10-01", "国庆节"),
        ("2027-10-02", "国庆节"),
        ("2027-10-03", "国庆节"),
    ],
)
def test_the_festivals_of_an_unloaded_year_are_provisional_holidays(day, name):
    """2024年修订 Art. 2: 春节 除夕至初三, 清明, 劳动节 5月1日、2日, 端午, 中秋, 国庆 10月1日
    至3日."""
    info = CAL.info(D(day))
    assert (info.kind, info.name, info.known) == (DayKind.HOLIDAY, name, False)
    assert not CAL.is_workday(D(day))


def test_the_days_around_the_spring_festival_of_an_unloaded_year_stay_working_days():
    """Only the measure's four days are off until the notice (which moves and adds days) is
    loaded: 初四 2027-02-09 (Tuesday) and 2027-02-04 (Thursday) are working days."""
    assert CAL.is_workday(D("2027-02-04"))
    assert CAL.is_workday(D("2027-02-09"))
    assert CAL.info(D("2027-02-09")).kind is DayKind.WORKDAY


def test_periods_running_into_an_unloaded_year_skip_its_holidays_and_are_provisional():
    """2024年修订: 元旦 and 春节 2027 are not counted; the results name 2027."""
    assert CAL.add(D("2026-12-31"), 1) == D("2027-01-04")
    assert CAL.count(D("2026-12-31"), D("2027-01-04")) == 1
    assert CAL.add(D("2027-02-04"), 1) == D("2027-02-09")
    assert CAL.count(D("2027-02-04"), D("2027-02-09")) == 1
    due = CAL.add(D("2026-12-20"), 20)
    assert due == D("2027-01-18")  # 9 days of December, 元旦 skipped, 11 of January
    assert CAL.provisional(D("2026-12-20"), due)
    assert CAL.unknown_years(D("2026-12-20"), due) == [2027]
    assert CAL.unknown_years(D("2027-01-20"), CAL.add(D("2027-01-20"), 20)) == [2027]
    assert CAL.add(D("2027-01-20"), 20) == D("2027-02-19")  # 5 and 8 February not counted


def stepped(start: dt.date, n: int) -> dt.date:
    """Independent of the calendar's tables: Monday to Friday, minus the measure's holidays."""
    day, counted = start, 0
    while counted < n:
        day += dt.timedelta(days=1)
        if day.weekday() < 5 and day not in statutory_holidays(day.year):
            counted += 1
    return day


def stepped_count(after: dt.date, through: dt.date) -> int:
    days = (after + dt.timedelta(days=i) for i in range(1, (through - after).days + 1))
    return sum(1 for d in days if d.weekday() < 5 and d not in statutory_holidays(d.year))


# Days of two years far beyond the baseline.
far_days = st.one_of(
    st.dates(min_value=D("2031-01-01"), max_value=D("2031-12-31")),
    st.dates(min_value=D("2150-01-01"), max_value=D("2150-12-31")),
)


@given(far_days, st.integers(min_value=1, max_value=80))
def test_a_far_year_counts_like_an_independent_day_by_day_count(start, n):
    """The measure as in force (2024年修订) in 2031 and 2150, years no notice covers yet."""
    due = CAL.add(start, n)
    assert due == stepped(start, n)
    assert CAL.count(start, due) == n
    assert (start + dt.timedelta(days=1)).year in CAL.unknown_years(start, due)


@given(far_days, st.integers(min_value=0, max_value=400))
def test_counting_across_a_far_year_agrees_with_the_day_by_day_count(after, span):
    through = after + dt.timedelta(days=span)
    assert CAL.count(after, through) == stepped_count(after, through)


# --- loading the year's arrangement --------------------------------------------------------------

ARRANGEMENT_2027 = YearArrangement(
    year=2027,
    notice="测试〔2026〕1号",
    holidays=(
        HolidayRange("元旦", D("2027-01-01"), D("2027-01-03")),
        HolidayRange("春节", D("2027-02-05"), D("2027-02-12")),
    ),
    makeup_days=(MakeupDay(D("2027-02-20"), "春节"),),
)


def test_loading_the_years_arrangement_replaces_the_provisional_days():
    """The notice, once loaded, is the whole of the year: its make-up day is worked, its days off
    carry its number, and a statutory day it does not list (here 清明 on Monday 5 April, left out
    of this made-up arrangement) is an ordinary day again."""
    cal = WorkdayCalendar([*baseline_arrangements(), ARRANGEMENT_2027])
    assert CAL.info(D("2027-02-20")).kind is DayKind.WEEKEND
    assert cal.info(D("2027-02-20")).kind is DayKind.MAKEUP
    assert cal.is_workday(D("2027-02-20"))
    assert cal.info(D("2027-01-01")) == DayInfo(
        D("2027-01-01"), DayKind.HOLIDAY, "元旦", "测试〔2026〕1号", True
    )
    assert not cal.is_workday(D("2027-02-09"))  # the notice's longer 春节
    assert cal.is_workday(D("2027-04-05"))
    assert cal.info(D("2027-04-05")).kind is DayKind.WORKDAY
    assert cal.add(D("2027-01-20"), 20) == D("2027-02-24")
    assert not cal.provisional(D("2027-01-20"), D("2027-02-24"))
    assert cal.unknown_years(D("2027-01-20"), D("2027-02-24")) == []


def test_the_years_before_and_after_a_loaded_one_keep_their_provisional_holidays():
    cal = WorkdayCalendar([ARRANGEMENT_2027])
    assert cal.info(D("2026-10-01")).known is False
    assert cal.info(D("2028-01-01")).kind is DayKind.HOLIDAY
    assert cal.info(D("2028-01-01")).notice.endswith("2028年节假日安排尚未载入，暂按法定节日计算")
