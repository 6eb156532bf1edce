"""Impact tiers (gongkai.search.tiers): the bound is a bound, tantivy quantizes lengths as the
module assumes, and a hot word's page from its tier is always the page of the full posting
list — same ids, same scores, same order — through additions that move the average length."""

from __future__ import annotations

import datetime as dt
import json
import random

import pytest
import tantivy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongkai.search import engine, tiers
from gongkai.search import text as search_text
from tests.conftest import examples


# --- the bound ------------------------------------------------------------------------------
@given(
    tf=st.integers(1, 400),
    extra=st.integers(0, 5_000),
    avgdl0=st.floats(5, 3_000),
    rho=st.floats(0.5, 2.0),
    cut=st.floats(0.05, 2.19),
    stored_share=st.floats(0, 1),
)
def test_a_document_outside_the_tier_never_scores_above_the_bound(
    tf, extra, avgdl0, rho, cut, stored_share
):
    length = tf + extra
    floor = tiers.length_floor(length)
    if tiers.tf_part(tf, floor, avgdl0) >= cut:
        return  # in the tier
    # the stored length is anywhere between the floor and the real length
    stored = floor + (length - floor) * stored_share
    avgdl = avgdl0 / rho
    assert tiers.tf_part(tf, stored, avgdl) < tiers.outside_bound(cut, rho)


def test_the_bound_is_the_cut_when_the_average_has_not_moved():
    assert tiers.outside_bound(2.0, 1.0) == pytest.approx(2.0)
    # a larger average (rho < 1) makes every document's part higher, so the bound rises
    assert tiers.outside_bound(2.0, 0.9) > 2.0
    # a smaller one (rho > 1) makes none higher
    assert tiers.outside_bound(2.0, 1.1) == 2.0


def test_no_bound_for_nonsense_parameters():
    assert tiers.outside_bound(0.0, 1.0) == float("inf")
    assert tiers.outside_bound(2.2, 1.0) == float("inf")  # (k1 + 1) is never reached
    assert tiers.outside_bound(1.0, 0.0) == float("inf")


def test_the_length_floor():
    assert tiers.length_floor(0) == 0
    assert tiers.length_floor(40) == 40
    assert tiers.length_floor(900) == 800


def test_profiles_drop_the_tokens_the_tokenizer_drops():
    profile = tiers.Profile.of(["区", "a" * 39, "b" * 40, "区"])
    assert profile.length == 3
    assert profile.counts["区"] == 2
    assert "b" * 40 not in profile.counts


def test_tiers_survive_their_json():
    chosen = tiers.Tiers(7, {"uni": tiers.FieldTiers(300.5, {"区": 2.01})})
    assert tiers.Tiers.from_json(json.loads(json.dumps(chosen.as_json()))) == chosen


def test_choosing_needs_enough_documents_and_picks_the_frequent_words():
    sample = [
        {"uni": tiers.Profile.of(["区"] * (1 + i % 7) + ["政"] * (i % 2) + ["x"] * 20)}
        for i in range(100)
    ]
    assert tiers.choose(1, sample, tiers.Settings(min_documents=101)).fields == {}
    chosen = tiers.choose(1, sample, tiers.Settings(min_documents=10, hot_share=0.6))
    assert set(chosen.fields["uni"].cuts) == {"区", "x"}  # 政 is in half of them
    # about tier_share of the documents containing 区 reach its cut
    cut = chosen.fields["uni"].cuts["区"]
    reached = sum(1 for d in sample if chosen.tokens(d).count("uni:区"))
    assert 1 <= reached <= 20
    # the documents where 区 weighs most (7 times in 27 tokens) are in it
    assert tiers.tf_part(7, 27, chosen.fields["uni"].avgdl0) >= cut


# --- tantivy's stored lengths ---------------------------------------------------------------
def test_tantivy_stores_lengths_no_lower_than_the_floor(tmp_path):
    """The proof rests on this: if a tantivy upgrade changes the length encoding, this fails."""
    builder = tantivy.SchemaBuilder()
    builder.add_unsigned_field("n", stored=True, indexed=True)
    builder.add_text_field("t", stored=False, tokenizer_name="whitespace", index_option="freq")
    index = tantivy.Index(builder.build(), path=str(tmp_path))
    writer = index.writer(heap_size=50_000_000, num_threads=1)
    lengths = list(range(1, 300)) + list(range(300, 20_000, 97)) + [65_536, 131_073]
    for n in lengths:
        document = tantivy.Document()
        document.add_unsigned("n", n)
        document.add_text("t", " ".join(["w"] + ["z"] * (n - 1)))
        writer.add_document(document)
    writer.commit()
    index.reload()
    searcher = index.searcher()
    query = tantivy.Query.term_query(index.schema, "t", "w", index_option="freq")
    found = searcher.search(query, limit=len(lengths), count=False)
    assert len(found.hits) == len(lengths)
    for _, address in found.hits:
        n = searcher.doc(address)["n"][0]
        figures = engine._bm25_figures(query, searcher, address)
        assert tiers.length_floor(n) <= figures["dl"] <= n, n
        assert figures["k1"] == pytest.approx(tiers.K1)
        assert figures["b"] == pytest.approx(tiers.B)


# --- the engine -----------------------------------------------------------------------------
WORDS = ["区", "政府", "工作", "通知", "延庆区", "会议", "信息公开", "征收", "补偿", "方案"]


def _document(i: int, rng: random.Random, size: int) -> engine.Document:
    body = "".join(rng.choice(WORDS) + rng.choice("，。的和") for _ in range(size))
    title = "".join(rng.choice(WORDS) for _ in range(rng.randint(1, 6)))
    return engine.Document(
        id=i, title=title, doc_number="", body=body, unit=1 + i % 3, column=10, year=2019,
        validity="valid", published=dt.date(2019, 1, 1) + dt.timedelta(i % 300),
    )  # fmt: skip


def _full(query: str, offset: int, limit: int) -> list[tuple[int, float]]:
    """The page from the whole posting list, bypassing the tier."""
    idx = engine._index()
    searcher = idx.searcher()
    built = engine._build(idx, search_text.parse(query), engine.Filters())
    found = searcher.search(built, limit=limit, offset=offset, count=False)
    return [(int(searcher.doc(a)["id"][0]), float(s)) for s, a in found.hits]


TIER_SETTINGS = {"min_documents": 50, "hot_share": 0.3, "tier_share": 0.2}


@pytest.fixture
def tiered(settings, monkeypatch):
    settings.SEARCH_TIERS = TIER_SETTINGS
    used = []
    original = engine._tiered

    def spy(*args, **kwargs):
        found = original(*args, **kwargs)
        used.append(found is not None)
        return found

    monkeypatch.setattr(engine, "_tiered", spy)
    return used


@settings(
    max_examples=examples(12),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(seed=st.integers(0, 2**32), grow=st.sampled_from([0, 1, 30, 120]))
def test_a_hot_word_gets_the_same_page_from_its_tier_as_from_everything(tiered, seed, grow):
    engine.clear_cache()
    tiered.clear()
    rng = random.Random(seed)
    engine.rebuild(_document(i, rng, rng.randint(2, 60)) for i in range(1, 301))
    # later additions, shorter or longer than the first ones, move the average length
    size = rng.choice([2, 200])
    engine.index_items(_document(1000 + i, rng, size) for i in range(grow))
    for word in ("区", "政府", "工作", "通知"):
        for offset, limit in ((0, 20), (0, 1), (20, 20), (100, 10)):
            results = engine.search(word, offset=offset, limit=limit)
            expected = _full(word, offset, limit)
            assert list(zip(results.ids, results.scores, strict=True)) == expected
    assert any(tiered), "the tier never answered: the test would prove nothing"


def test_the_tier_is_not_used_with_deletions_or_documents_from_another_generation(tiered, settings):
    rng = random.Random(5)
    engine.rebuild(_document(i, rng, rng.randint(2, 60)) for i in range(1, 301))
    engine.search("区")
    assert tiered == [True]
    engine.remove_items([7])
    engine.search("区")
    assert len(tiered) == 1  # with deletions the total is counted, no tier is tried
    engine.rebuild(_document(i, rng, rng.randint(2, 60)) for i in range(1, 301))
    # a document indexed with other parameters (an older generation) rules the tier out
    stale = engine._as_tantivy(_document(999, rng, 10), tiers.Tiers(1))
    with engine._writer() as writer:
        writer.add_document(stale)
    tiered.clear()
    results = engine.search("区")
    assert tiered == [False]
    assert list(zip(results.ids, results.scores, strict=True)) == _full("区", 0, 20)


def test_without_tiers_a_small_index_searches_as_before(settings):
    settings.SEARCH_TIERS = {"min_documents": 10_000}
    rng = random.Random(1)
    engine.rebuild(_document(i, rng, 20) for i in range(1, 101))
    assert engine.current_tiers().fields == {}
    results = engine.search("区")
    assert list(zip(results.ids, results.scores, strict=True)) == _full("区", 0, 20)
