"""Search on unspaced Chinese: the text analysis (pure, with property tests) and the engine
(a real tantivy index in the test's own folder)."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core.management import call_command
from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.search import engine, text
from tests.conftest import examples

CJK = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF)


# --- text ---------------------------------------------------------------------------------------
def test_traditional_and_full_width_text_is_normalized():
    assert text.normalize("政府資訊公開") == "政府资讯公开"
    assert text.normalize("ＡＢＣ１２３") == "abc123"


def test_unigrams_and_bigrams_of_mixed_text():
    assert text.unigrams("征收补偿 2019年") == "征 收 补 偿 2019 年"
    # positions are character positions: the pairs, the run's last character, a separator
    assert text.bigrams("征收补偿 2019年") == "征收 收补 补偿 偿 | 2019 年"
    assert text.bigrams("国") == "国"
    assert text.bigrams("政府，信息") == "政府 府 | 信息 息"


def test_a_query_is_split_into_cjk_runs_and_words():
    terms = text.parse("延庆区 垃圾分類 GB11643")
    assert [(t.text, t.cjk) for t in terms] == [
        ("延庆区", True), ("垃圾分类", True), ("gb11643", False),
    ]  # fmt: skip
    assert terms[1].grams == [(0, "垃圾"), (2, "分类")]
    assert text.parse("政府信息公开")[0].grams == [(0, "政府"), (2, "信息"), (4, "公开")]
    assert text.parse("延庆区")[0].grams == [(0, "延庆"), (1, "庆区")]
    assert text.parse("区")[0].grams == [(0, "区")]
    assert text.parse("！？。…") == []


@given(st.text(alphabet=CJK, min_size=1, max_size=40))
def test_the_bigrams_of_a_run_are_its_adjacent_pairs_then_its_last_character(run):
    grams = text.bigrams(run).split(" ")
    simplified = text.normalize(run)
    assert grams == [simplified[i : i + 2] for i in range(len(simplified) - 1)] + [simplified[-1]]
    assert "".join(g[0] for g in grams) == simplified  # token i starts at character i


MIXED = st.text(
    alphabet=st.one_of(CJK, st.sampled_from("ＡＢ１２ab 09，。、（）　繁體資訊\n-")), max_size=120
)


@given(MIXED)
def test_the_one_pass_streams_are_the_streams_defined_per_segment(anything):
    """``streams`` builds both streams in one pass for speed; this is their definition, one
    segment at a time, as the index and the queries rely on it."""
    uni: list[str] = []
    bi: list[str] = []
    for segment in text.segments(anything):
        if text.is_cjk(segment):
            uni += list(segment)
            bi += [segment[i : i + 2] for i in range(len(segment) - 1)]
            bi += [segment[-1], text.SEPARATOR]
        else:
            uni.append(segment)
            bi.append(segment)
    if bi and bi[-1] == text.SEPARATOR:
        bi.pop()
    assert text.streams(anything) == (" ".join(uni), " ".join(bi))
    assert (text.unigrams(anything), text.bigrams(anything)) == text.streams(anything)


@given(st.text(alphabet=CJK, min_size=1, max_size=40))
def test_the_grams_of_a_query_cover_it_in_order(run):
    term = text.parse(run)[0]
    covered = [" "] * len(term.text)
    for at, gram in term.grams:
        assert term.text[at : at + len(gram)] == gram
        covered[at : at + len(gram)] = gram
    assert "".join(covered) == term.text
    assert len(term.grams) == (len(term.text) + 1) // 2  # about half the pairs


@given(st.text(max_size=200))
def test_analysis_never_fails_and_yields_only_searchable_tokens(anything):
    for token in text.unigrams(anything).split() + text.bigrams(anything).split():
        assert re.fullmatch(rf"[0-9a-z{text._CJK}]+", token) or token == text.SEPARATOR
    assert len(text.parse(anything)) <= 10


@given(st.text(max_size=300), st.text(max_size=20))
def test_a_snippet_is_made_of_the_body_and_marks_only_matches(body, query):
    pieces = text.snippet(body, query)
    joined = "".join(t for t, _ in pieces).replace("…", "")
    assert joined in " ".join(body.split()).replace("…", "") or not pieces
    words = {t.text for t in text.parse(query)}
    for piece, hit in pieces:
        if hit:
            assert any(
                text.normalize(piece) in w or w.startswith(text.normalize(piece)) for w in words
            )


def test_a_traditional_query_marks_the_simplified_text():
    pieces = text.snippet("关于房屋征收补偿方案的公示", "補償")
    assert ("补偿", True) in pieces


# --- the engine ---------------------------------------------------------------------------------
def doc(i: int, title: str, body: str = "", **changes) -> engine.Document:
    values = {
        "id": i, "title": title, "doc_number": "", "body": body, "unit": 1, "column": 10,
        "year": 2019, "validity": "valid", "published": dt.date(2019, 1, 1) + dt.timedelta(i),
    }  # fmt: skip
    values.update(changes)
    return engine.Document(**values)


@pytest.fixture
def corpus():
    documents = [
        doc(1, "关于国有土地上房屋征收补偿方案的公示", "根据征收补偿条例，现予公示。", unit=1),
        doc(2, "延庆区2019年垃圾分类工作方案", "推进生活垃圾分类。", unit=2, year=2019),
        doc(3, "关于开展垃圾分类宣传的通知", "各社区开展宣传。", unit=2, year=2020, column=11),
        doc(4, "区政府常务会议研究世园会保障工作", "会议听取了世园会筹备情况汇报。", unit=1),
        doc(5, "公示", "征收决定已经作出。", validity="repealed", year=2018, column=12),
        doc(6, "延政发〔2019〕12号文件", "", doc_number="延政发〔2019〕12号"),
        doc(7, "垃圾分類指引（繁體）", "生活垃圾應當分類投放。", unit=3),
    ]
    engine.index_items(documents)
    return documents


def ids(results: engine.Results) -> set[int]:
    return set(results.ids)


def test_one_and_two_character_queries_and_phrases(corpus):
    assert ids(engine.search("征")) == {1, 5}
    assert ids(engine.search("征收")) == {1, 5}
    assert ids(engine.search("垃圾分类")) == {2, 3, 7}
    assert ids(engine.search("房屋征收补偿")) == {1}
    assert ids(engine.search("征补")) == set()  # the characters, but not next to each other
    assert ids(engine.search("世园会 常务会议")) == {4}  # every term must match


def test_simplified_and_traditional_find_each_other(corpus):
    assert ids(engine.search("垃圾分類")) == ids(engine.search("垃圾分类")) == {2, 3, 7}
    assert ids(engine.search("應當")) == ids(engine.search("应当")) == {7}


def test_totals_are_exact_beyond_the_page(corpus):
    found = engine.search("垃圾", limit=1)
    assert found.total == 3
    assert len(found.ids) == 1
    second = engine.search("垃圾", limit=1, offset=1)
    assert second.ids != found.ids


def test_a_title_match_ranks_above_a_body_match(corpus):
    results = engine.search("公示")
    assert results.ids[0] == 5  # the title is the word itself
    assert set(results.ids) == {1, 5}
    assert results.scores == sorted(results.scores, reverse=True)


def test_filters_and_sorting(corpus):
    assert ids(engine.search("垃圾", engine.Filters(unit=2))) == {2, 3}
    assert ids(engine.search("垃圾", engine.Filters(year=2020))) == {3}
    assert ids(engine.search("垃圾", engine.Filters(columns=(11, 12)))) == {3}
    assert ids(engine.search("征收", engine.Filters(validity="repealed"))) == {5}
    assert engine.search("垃圾", sort="date").ids == [7, 3, 2]
    assert engine.search("", engine.Filters(unit=1)).total == 4  # no words: everything filtered
    assert engine.search("").total == 7


@settings(max_examples=examples(20), deadline=None)
@given(
    st.lists(st.integers(0, 8000), min_size=1, max_size=40, unique=True),
    st.integers(0, 45),
    st.integers(1, 20),
)
def test_newest_first_is_the_same_page_however_it_is_found(tmp_path_factory, ages, offset, limit):
    """Newest first for a common word looks at recent spans first: the page must be the one a
    full sort gives, whatever the spread of dates and the page asked for."""
    from django.conf import settings as django_settings
    from django.utils import timezone

    folder = tmp_path_factory.mktemp("index")
    previous = django_settings.SEARCH_INDEX_DIR
    django_settings.SEARCH_INDEX_DIR = folder
    engine.clear_cache()
    today = timezone.localdate()
    try:
        published = {i: today - dt.timedelta(days=age) for i, age in enumerate(ages, 1)}
        engine.index_items(
            doc(i, "关于垃圾分类的公示", published=on, year=on.year) for i, on in published.items()
        )
        newest = sorted(published, key=published.__getitem__, reverse=True)
        found = engine.search("公示", sort="date", offset=offset, limit=limit)
        assert found.total == len(ages)
        assert found.ids == newest[offset : offset + limit]
    finally:
        django_settings.SEARCH_INDEX_DIR = previous
        engine.clear_cache()


def test_doc_numbers_and_latin_words_are_searchable(corpus):
    assert ids(engine.search("延政发〔2019〕12号")) == {6}
    assert ids(engine.search("2019")) == {2, 6}


def test_replacing_and_removing_documents(corpus):
    engine.index_items([doc(2, "延庆区2019年秸秆综合利用方案", unit=2)])
    assert ids(engine.search("垃圾分类")) == {3, 7}
    assert ids(engine.search("秸秆")) == {2}
    engine.remove_items([3, 7])
    assert engine.search("垃圾分类").total == 0
    assert engine.indexed_ids() == {1, 2, 4, 5, 6}


def test_another_process_sees_a_write_at_its_next_search(corpus):
    engine.search("公示")  # this process holds a reader
    engine.clear_cache()  # as if another process: a fresh index object
    engine.index_items([doc(8, "关于征集民生实事项目的公告")])
    engine._open.clear()
    assert ids(engine.search("民生实事")) == {8}


def test_a_forked_worker_searches_too(corpus):
    """gunicorn forks its workers after loading the application: a child that inherits an open
    reader still finds everything."""
    import multiprocessing

    assert engine.search("垃圾").total == 3  # the parent has its reader open now
    fork = multiprocessing.get_context("fork")
    with fork.Pool(1) as pool:
        assert pool.apply_async(_total_of, ("垃圾",)).get(timeout=30) == 3


def _total_of(query: str) -> int:
    return engine.search(query).total


def test_hostile_queries_do_not_break_the_engine(corpus):
    for query in ('"', "\\", "*", "AND OR NOT", "征收 OR 1=1", "' ; DROP TABLE", "）（", "a" * 500):
        result = engine.search(query)
        assert result.total >= 0


# --- the commands -------------------------------------------------------------------------------
@pytest.mark.django_db
def test_reindex_and_check_against_the_database(clerk_a, reviewer_a, unit_a, capsys, settings):
    from tests.factories import columns_of, publish

    cols = columns_of(unit_a)
    first = publish(clerk_a.user, reviewer_a.user, unit_a, cols["news"], on=dt.date(2025, 3, 20))
    publish(
        clerk_a.user, reviewer_a.user, unit_a, cols["news"], on=dt.date(2025, 3, 21),
        title="关于征集2025年民生实事项目的公告",
    )  # fmt: skip
    with pytest.raises(SystemExit) as info:
        call_command("search", "check")
    assert info.value.code == 1
    assert "缺少 2 条" in capsys.readouterr().out
    call_command("search", "reindex")
    assert "索引重建完成：2 条" in capsys.readouterr().out
    call_command("search", "check")
    out = capsys.readouterr().out
    assert "一致" in out
    assert "高频词分层：未启用" in out  # two items: nothing to speed up
    settings.SEARCH_TIERS = {"min_documents": 1, "hot_share": 0.5}
    call_command("search", "reindex")
    call_command("search", "check")
    out = capsys.readouterr().out
    assert "个高频词" in out
    assert "2/2 条按当前参数建立索引" in out
    type(first).objects.filter(pk=first.pk).update(title="改过的标题")  # behind the index's back
    with pytest.raises(SystemExit):
        call_command("search", "check")
    assert "内容过期 1 条" in capsys.readouterr().out
    call_command("search", "query", "民生实事")
    assert "共 1 条" in capsys.readouterr().out


WORDS = "征收补偿垃圾分类公示延庆区"


@settings(max_examples=examples(60), deadline=None)
@given(
    st.lists(
        st.tuples(
            st.text(alphabet=WORDS + "，a1 ", min_size=1, max_size=12),  # title
            st.text(alphabet=WORDS + "。b2 ", max_size=30),  # body
        ),
        min_size=1,
        max_size=8,
    ),
    st.text(alphabet=WORDS, min_size=1, max_size=8),
    st.sets(st.integers(1, 8), max_size=3),
)
@pytest.mark.slow
def test_the_engine_agrees_with_a_plain_substring_scan(tmp_path_factory, texts, query, replaced):
    """For CJK text, a query finds exactly the documents whose title or body contains it —
    phrases of any length, across punctuation and latin words, with documents replaced (so the
    total is counted past deletions as well as read from the index's statistics)."""
    from django.conf import settings as django_settings

    folder = tmp_path_factory.mktemp("index")
    previous = django_settings.SEARCH_INDEX_DIR
    django_settings.SEARCH_INDEX_DIR = folder
    engine.clear_cache()
    try:
        documents = {i: doc(i, title, body) for i, (title, body) in enumerate(texts, 1)}
        engine.index_items(documents.values())
        engine.index_items(documents[i] for i in sorted(replaced) if i in documents)
        expected = {
            i for i, (title, body) in enumerate(texts, 1) if query in title or query in body
        }
        assert ids(engine.search(query, limit=100)) == expected
        assert engine.search(query).total == len(expected)
        assert engine.search(query, sort="date").total == len(expected)
        for sort in ("relevance", "date"):  # pages of 3, merged from the shards, add up
            whole = engine.search(query, sort=sort, limit=100).ids
            paged = [
                i
                for at in range(0, 9, 3)
                for i in engine.search(query, sort=sort, offset=at, limit=3).ids
            ]
            assert paged == whole[:9]
    finally:
        django_settings.SEARCH_INDEX_DIR = previous
        engine.clear_cache()
