"""The pure rules of the website's annual return (gongkai.websitereport.form)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.websitereport import form
from tests.conftest import examples

CODES = ["functions", "news", "normative", "other-documents", "interpretations", "key-01"]
CATEGORIES = [c.value for c in form.Category]


def test_the_return_is_due_on_31_january_and_warned_of_in_january():
    assert form.due(2019) == dt.date(2020, 1, 31)
    assert form.warning(2019, dt.date(2019, 12, 31), published=False) is None  # year not over
    assert form.warning(2019, dt.date(2020, 1, 1), published=False) == "soon"
    assert form.warning(2019, dt.date(2020, 1, 31), published=False) == "soon"
    assert form.warning(2019, dt.date(2020, 2, 1), published=False) == "late"
    assert form.warning(2019, dt.date(2020, 2, 1), published=True) is None


def test_every_row_is_in_a_section_and_keys_are_unique():
    assert len(form.BY_KEY) == len(form.ROWS)
    assert form.SECTIONS[:4] == ("网站基本信息", "信息发布", "专栏专题", "解读回应")
    counted = {r.key for r in form.COUNTED}
    assert {"info_total", "interp_total", "responses", "messages_received", "surveys"} <= counted


@settings(max_examples=examples(200))
@given(
    counts=st.dictionaries(st.sampled_from(CODES), st.integers(0, 10_000)),
    chosen=st.dictionaries(st.sampled_from(CODES), st.sampled_from([*CATEGORIES, "bogus"])),
)
def test_information_counts_every_item_once_in_the_category_its_column_is_given(counts, chosen):
    out = form.information(counts, chosen)
    by_hand = dict.fromkeys(form.Category, 0)
    for code, n in counts.items():
        by_hand[form.category_of(code, chosen)] += n
    assert out["info_overview"] == by_hand[form.Category.OVERVIEW]
    assert out["info_news"] == by_hand[form.Category.NEWS]
    assert out["info_catalog"] == by_hand[form.Category.CATALOG]
    assert out["info_total"] == sum(counts.values()) - by_hand[form.Category.NONE]


def test_the_default_categories_follow_the_standard_tree():
    assert form.category_of("functions", {}) == form.Category.OVERVIEW
    assert form.category_of("news", {}) == form.Category.NEWS
    assert form.category_of("normative", {}) == form.Category.CATALOG
    assert form.category_of("news", {"news": "catalog"}) == form.Category.CATALOG


@settings(max_examples=examples(200))
@given(
    forms=st.dictionaries(st.sampled_from(["text", "graphic", "media", "qa"]), st.integers(0, 999)),
    chosen=st.dictionaries(
        st.sampled_from(["text", "qa"]), st.sampled_from(["material", "product"])
    ),
)
def test_interpretations_are_materials_or_products_and_add_up(forms, chosen):
    out = form.interpretations(forms, chosen)
    assert out["interp_total"] == sum(forms.values())
    assert out["interp_materials"] + out["interp_products"] == out["interp_total"]
    products = sum(
        n for key, n in forms.items()
        if chosen.get(key, form.DEFAULT_PRODUCTS[key].value) == "product"
    )  # fmt: skip
    assert out["interp_products"] == products


def test_responses_count_entries_or_concerns():
    concerns = ["龙庆峡景区落石", "龙庆峡景区落石 ", "供暖"]
    assert form.responses(concerns, "entries") == 3
    assert form.responses(concerns, "concerns") == 2


def test_the_average_is_to_one_decimal_and_zero_without_replies():
    assert form.average_days([]) == 0.0
    assert form.average_days([1, 2, 2]) == 1.7


@pytest.mark.parametrize(
    ("key", "value", "ok"),
    [
        ("visits", "123", True),
        ("visits", "-1", False),
        ("visits", "１２", False),  # full-width digits
        ("visits", "1.5", False),
        ("visits", "", True),
        ("smart_qa", "是", True),
        ("smart_qa", "yes", False),
        ("site_name", "北京延庆", True),
        ("site_name", "字" * 2001, False),
    ],
)
def test_entered_values_are_checked_with_a_chinese_message(key, value, ok):
    problem = form.value_problem(form.BY_KEY[key], value)
    assert (problem is None) == ok
    if problem:
        assert form.BY_KEY[key].label in problem


def test_missing_rows_name_their_section_and_the_accounts_only_with_new_media():
    lacking = form.missing({}, media=False)
    assert "网站基本信息：网站名称" in lacking
    assert not any("微博" in line for line in lacking)
    assert any("微博名称" in line for line in form.missing({}, media=True))


def test_reconciliation_lists_a_planted_difference_in_chinese():
    pairs = [
        form.Pair("表二“规范性文件”的“本年新公开数量”", 3, 4, published=True),
        form.Pair("表二“规章”的“本年新公开数量”", 0, 0, published=True),
    ]
    found = form.reconcile(pairs, catalog_total=100)
    assert found == [
        "表二“规范性文件”的“本年新公开数量”：年度报告表二为4，网站年度报表按目录统计为3，相差1"
    ]
    assert form.reconcile(pairs[1:], catalog_total=0) == []
    short = form.reconcile([form.Pair("x", 5, 5, published=True)], catalog_total=2)
    assert short == ["信息公开目录信息更新量2条，少于年度报告表二所列本年公开的规章和规范性文件5件"]
