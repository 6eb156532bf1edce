"""The information-processing fee calculator (国办函〔2020〕109号)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gongkai.applications import fees


@pytest.mark.parametrize(
    ("rank", "price"),
    [(1, 0), (10, 0), (11, 100), (30, 100), (31, 200), (40, 200), (41, 300), (50, 300), (51, 400)],
)
def test_the_per_application_tiers(rank, price):
    assert fees.yuan_for_rank(rank) == price


@pytest.mark.parametrize(
    ("pages", "total"),
    [
        (0, 0),
        (30, 0),
        (31, 10),
        (100, 700),
        (101, 720),
        (150, 1700),
        (200, 2700),
        (201, 2740),
        (250, 4700),
    ],
)
def test_the_per_page_tiers(pages, total):
    assert fees.per_page(pages).total == total


def test_an_application_split_into_items_is_charged_rank_by_rank():
    quote = fees.per_application(earlier_this_month=8, items=5)  # ranks 9–13
    assert quote.total == 300
    assert [(line.quantity, line.unit_price) for line in quote.lines] == [(2, 0), (3, 100)]
    assert quote.explanation()[-1] == "合计：300元"


def test_free_quotes_say_so():
    assert fees.per_page(10).explanation() == ["按量计收：未超过免费额度，不收费。"]


def test_bad_input_is_refused():
    with pytest.raises(ValueError, match="不能为负"):
        fees.per_page(-1)
    with pytest.raises(ValueError, match="不能为负"):
        fees.per_application(-1)
    with pytest.raises(ValueError, match="件次"):
        fees.yuan_for_rank(0)


@given(st.integers(0, 2000), st.integers(0, 2000))
def test_more_pages_never_cost_less(a, b):
    low, high = sorted((a, b))
    assert fees.per_page(low).total <= fees.per_page(high).total


@given(st.integers(0, 300), st.integers(1, 50), st.integers(1, 50))
def test_splitting_a_month_adds_up(earlier, first, second):
    together = fees.per_application(earlier, first + second).total
    apart = (
        fees.per_application(earlier, first).total
        + fees.per_application(earlier + first, second).total
    )
    assert together == apart
