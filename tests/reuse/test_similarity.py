"""The similarity of request texts and their clusters (《条例》第四十四条)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.reuse.similarity import clusters, jaccard, repeated, similarity
from gongkai.search.text import bigram_set
from tests.conftest import examples

CHINESE = st.text(
    alphabet="政府信息公开征地补偿方案延庆镇村标准年度预算财政资金拆迁项目", max_size=30
)
TEXTS = st.one_of(CHINESE, st.text(max_size=30))


def test_the_same_request_in_other_words_order_and_script_is_alike():
    assert similarity("延庆镇征地补偿标准", "延庆镇征地补偿标准") == 1.0
    assert similarity("征地補償標準", "征地补偿标准") == 1.0  # traditional and simplified
    assert similarity("2024年征地补偿方案", "征地补偿方案（2024年）") == 0.75  # 年征 vs 案
    assert similarity("延庆镇征地补偿标准", "2025年区级财政预算") == 0.0
    assert 0.5 < similarity("延庆镇2024年征地补偿标准", "延庆镇征地补偿标准") < 1.0


def test_applications_asking_for_the_same_information_are_one_cluster():
    texts = {
        1: "延庆镇2024年征地补偿标准",
        2: "2025年区级财政预算",
        3: "延庆镇征地补偿标准",
        4: "延庆镇2024年的征地补偿标准文件",
        5: "",
    }
    assert clusters(texts, 0.6) == [[1, 3, 4], [2], [5]]
    assert repeated(clusters(texts, 0.6)) == [[1, 3, 4]]
    assert repeated(clusters(texts, 1.0)) == []


@settings(max_examples=examples(100))
@given(TEXTS, TEXTS)
def test_similarity_is_symmetric_and_between_0_and_1(a, b):
    assert similarity(a, b) == similarity(b, a)
    assert 0.0 <= similarity(a, b) <= 1.0


@settings(max_examples=examples(100))
@given(TEXTS)
def test_a_text_is_wholly_like_itself(a):
    assert similarity(a, a) == 1.0


@settings(max_examples=examples(100))
@given(st.lists(TEXTS, max_size=12), st.floats(min_value=0.05, max_value=1.0))
def test_clusters_are_a_partition_that_joins_every_alike_pair(texts, threshold):
    keyed = dict(enumerate(texts))
    found = clusters(keyed, threshold)
    flat = [k for group in found for k in group]
    assert sorted(flat) == list(keyed)  # every application once
    assert all(group for group in found)
    where = {k: i for i, group in enumerate(found) for k in group}
    for a in keyed:
        for b in keyed:
            alike = similarity(keyed[a], keyed[b]) >= threshold
            if a < b and alike and bigram_set(keyed[a]) and bigram_set(keyed[b]):
                assert where[a] == where[b]


@settings(max_examples=examples(50))
@given(st.lists(CHINESE, max_size=8), st.randoms())
def test_the_clusters_do_not_depend_on_the_order(texts, random):
    keyed = dict(enumerate(texts))
    shuffled = list(keyed.items())
    random.shuffle(shuffled)
    one = {frozenset(g) for g in clusters(keyed, 0.5)}
    other = {frozenset(g) for g in clusters(dict(shuffled), 0.5)}
    assert one == other


@pytest.mark.parametrize(("a", "b", "expected"), [(set(), set(), 1.0), ({"ab"}, set(), 0.0)])
def test_jaccard_of_empty_sets(a, b, expected):
    assert jaccard(frozenset(a), frozenset(b)) == expected
