"""The arithmetic of the monthly statistics (gongkai.statistics.figures): months, the median,
the on-time rate, and the group of table 三 each outcome is counted in."""

from __future__ import annotations

import datetime as dt
import statistics as stdlib
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.applications.outcomes import Outcome
from gongkai.statistics.figures import (
    OUTCOME_GROUPS,
    Month,
    median,
    outcome_group,
    rate,
    show_number,
    show_percent,
)
from tests.conftest import examples


@pytest.mark.parametrize(
    ("year", "month", "first", "last"),
    [
        (2025, 1, dt.date(2025, 1, 1), dt.date(2025, 1, 31)),
        (2025, 2, dt.date(2025, 2, 1), dt.date(2025, 2, 28)),
        (2024, 2, dt.date(2024, 2, 1), dt.date(2024, 2, 29)),
        (2025, 12, dt.date(2025, 12, 1), dt.date(2025, 12, 31)),
    ],
)
def test_a_month_runs_from_its_first_to_its_last_day(year, month, first, last):
    m = Month(year, month)
    assert (m.first, m.last) == (first, last)
    assert m.contains(first)
    assert m.contains(last)
    assert not m.contains(first - dt.timedelta(days=1))
    assert not m.contains(last + dt.timedelta(days=1))
    assert Month.of(last) == m
    assert m.label == f"{year}年{month}月"


@pytest.mark.parametrize(("year", "month"), [(2025, 0), (2025, 13), (1899, 5), (2200, 1)])
def test_a_month_out_of_range_is_refused(year, month):
    with pytest.raises(ValueError, match=r"月份|年份"):
        Month(year, month)


def test_the_median_of_nothing_is_none_and_of_an_even_count_the_mean_of_the_middle_two():
    assert median([]) is None
    assert median([7]) == 7
    assert median([5, 1]) == 3
    assert median([1, 2, 3, 10]) == Fraction(5, 2)
    assert median([3, 1, 2]) == 2


@settings(max_examples=examples(200))
@given(st.lists(st.integers(min_value=0, max_value=400), min_size=1, max_size=60))
def test_the_median_is_the_middle_of_the_sorted_values(values):
    found = median(values)
    assert found == Fraction(stdlib.median(values)).limit_denominator(2)
    # as many values at or below it as at or above it, whatever the order
    assert sum(v <= found for v in values) * 2 >= len(values)
    assert sum(v >= found for v in values) * 2 >= len(values)
    assert median(list(reversed(values))) == found
    assert min(values) <= found <= max(values)
    assert (found * 2).denominator == 1


@settings(max_examples=examples(100))
@given(st.integers(min_value=0, max_value=500), st.integers(min_value=0, max_value=500))
def test_the_rate_is_the_share_or_none_for_nothing(part, extra):
    whole = part + extra
    found = rate(part, whole)
    if whole == 0:
        assert found is None
    else:
        assert found == Fraction(part, whole)
        assert 0 <= found <= 1


def test_a_rate_of_more_than_the_whole_is_refused():
    with pytest.raises(ValueError, match="不能大于整体"):
        rate(3, 2)


@pytest.mark.parametrize(
    ("value", "shown"),
    [(None, "—"), (Fraction(7), "7"), (Fraction(9, 2), "4.5"), (Fraction(10, 3), "3.33")],
)
def test_a_median_is_shown_as_people_read_it(value, shown):
    assert show_number(value) == shown


@pytest.mark.parametrize(
    ("value", "shown"),
    [(None, "—"), (Fraction(1), "100%"), (Fraction(7, 8), "87.5%"), (Fraction(0), "0%")],
)
def test_a_rate_is_shown_as_a_percentage(value, shown):
    assert show_percent(value) == shown


def test_every_outcome_falls_in_one_of_the_six_groups_of_table_three():
    assert OUTCOME_GROUPS == (
        "予以公开",
        "部分公开",
        "不予公开",
        "无法提供",
        "不予处理",
        "其他处理",
    )
    assert {outcome_group(o) for o in Outcome} == set(OUTCOME_GROUPS)
    assert outcome_group(Outcome.PROVIDED) == outcome_group(Outcome.ALREADY_PUBLIC) == "予以公开"
    assert outcome_group(Outcome.PARTIAL) == "部分公开"
    assert outcome_group(Outcome.WITHHOLD_QUERY) == "不予公开"
    assert outcome_group(Outcome.NOT_RESPONSIBLE) == "无法提供"
    assert outcome_group(Outcome.REPEAT) == "不予处理"
    assert outcome_group(Outcome.WITHDRAWN) == outcome_group(Outcome.NO_FEE) == "其他处理"
