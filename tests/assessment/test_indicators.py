"""Each automatic indicator at its thresholds, and what holds for every input."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.assessment import indicators, scoring
from gongkai.assessment.indicators import INDICATORS, Evidence, Indicator, register
from tests.conftest import examples

D = Decimal


def records(ok: int, failed: int) -> list[Evidence]:
    return [Evidence("application", i, f"#{i}", True) for i in range(ok)] + [
        Evidence("application", 1000 + i, f"#{1000 + i}", False, "超期") for i in range(failed)
    ]


def run(name: str, ok: int, failed: int, points: str, **params: str):
    return INDICATORS[name](records(ok, failed), D(points), {k: D(v) for k, v in params.items()})


@pytest.mark.parametrize(("late", "score"), [(0, "12"), (1, "10"), (5, "2"), (6, "0"), (7, "0")])
def test_answers_on_time_loses_two_points_per_late_answer_down_to_zero(late, score):
    verdict = run("answers_on_time", 10, late, "12")
    assert verdict.score == D(score)
    assert verdict.failed == late
    assert verdict.counted == 10 + late


def test_the_rubrics_parameter_overrides_the_default_deduction():
    assert run("answers_on_time", 3, 2, "12", per_late="3").score == 6
    assert run("notices_complete", 3, 2, "8").score == 6
    assert run("notices_complete", 3, 2, "8", per_notice="0.5").score == 7
    assert run("corrections_in_time", 1, 3, "5").score == 2
    assert run("policies_interpreted", 1, 2, "6").score == 2
    assert run("rectifications_closed", 4, 1, "6").score == 4


def test_nothing_to_judge_loses_nothing():
    for name in ("answers_on_time", "notices_complete", "corrections_in_time",
                 "items_published_in_time", "policies_interpreted", "rectifications_closed",
                 "stale_columns", "blank_columns"):  # fmt: skip
        verdict = run(name, 0, 0, "5")
        assert verdict.score == 5, name
        assert "不扣分" in verdict.summary or "没有" in verdict.summary


@pytest.mark.parametrize(
    ("ok", "late", "score"),
    [
        (95, 5, "10"),  # 95.0%: exactly the threshold, full points
        (19, 1, "10"),  # 95%
        (94, 6, "9.4"),  # just below: in proportion
        (189, 11, "9.5"),  # 94.5% → 9.45 → 9.5 (half up)
        (0, 4, "0"),
        (100, 0, "10"),
    ],
)
def test_items_published_in_time_is_full_from_95_percent_and_in_proportion_below(ok, late, score):
    verdict = run("items_published_in_time", ok, late, "10", full_at="0.95")
    assert verdict.score == D(score)


def test_the_evidence_lists_the_failures_first():
    verdict = run("answers_on_time", 3, 2, "12")
    assert [e.ok for e in verdict.evidence] == [False, False, True, True, True]
    assert "超过答复期限2件" in verdict.summary


@pytest.mark.parametrize(("stale", "score"), [(0, "8"), (1, "7"), (4, "4"), (8, "0"), (9, "0")])
def test_stale_columns_cost_a_point_each(stale, score):
    verdict = run("stale_columns", 0, stale, "8", per_column="1")
    assert verdict.score == D(score)
    assert len(verdict.evidence) == stale


def test_blank_columns_cost_a_point_each():
    assert run("blank_columns", 0, 3, "4").score == 1
    assert run("blank_columns", 0, 5, "4").score == 0
    assert run("blank_columns", 0, 0, "4").summary == "没有空白栏目"


def test_the_guide_is_all_or_nothing():
    assert run("guide_current", 1, 0, "4").score == 4
    stale = Evidence("guide", 1, "第2版", False, "指南已400天未更新")
    verdict = INDICATORS["guide_current"]([stale], D(4), {})
    assert verdict.score == 0
    assert verdict.summary == "公开指南未及时更新：指南已400天未更新"
    assert run("guide_current", 0, 0, "4").score == 0  # no guide at all


def test_the_registry_takes_a_new_indicator_once():
    extra = Indicator("test_only", "测试", indicators.rectifications_closed)
    register(extra)
    try:
        register(extra)  # the same one again: harmless
        with pytest.raises(ValueError, match="registered already"):
            register(Indicator("test_only", "另一个", indicators.answers_on_time))
    finally:
        del INDICATORS["test_only"]


@settings(max_examples=examples(200))
@given(
    name=st.sampled_from(sorted(INDICATORS)),
    ok=st.integers(0, 60),
    failed=st.integers(0, 60),
    points=st.integers(1, 200).map(lambda n: D(n) / 10),
)
def test_every_indicator_scores_within_zero_and_the_points(name, ok, failed, points):
    verdict = INDICATORS[name](records(ok, failed), points, {})
    assert D(0) <= verdict.score <= points
    assert verdict.score == verdict.score.quantize(D("0.1"))
    assert verdict.summary


@settings(max_examples=examples(200))
@given(
    name=st.sampled_from(sorted(INDICATORS)),
    ok=st.integers(0, 40),
    failed=st.integers(0, 40),
    points=st.integers(1, 20).map(D),
)
def test_one_more_failure_never_raises_a_score(name, ok, failed, points):
    indicator = INDICATORS[name]
    before = indicator(records(ok, failed), points, {})
    after = indicator(records(ok, failed + 1), points, {})
    assert after.score <= before.score or (name == "guide_current" and ok + failed == 0)


def test_scoring_clamps_and_adds_up_by_section():
    lines = [
        scoring.Line("B1", "basic", D(3), D(3)),
        scoring.Line("B2", "basic", D(4), D("2.5")),
        scoring.Line("P1", "proactive", D(10), None),
        scoring.Line("P2", "proactive", D(8), D(9)),  # more than the points: clamped
    ]
    totals = scoring.add_up(lines)
    assert totals.sections == {"basic": D("5.5"), "proactive": D(8)}
    assert totals.total == D("13.5")
    assert totals.pending == ("P1",)
    assert not totals.complete


def test_equal_totals_share_a_rank_and_the_next_rank_skips():
    ranks = scoring.rank({"a": D(90), "b": D(95), "c": D(90), "d": D("89.9"), "e": D(95)})
    assert ranks == {"b": 1, "e": 1, "a": 3, "c": 3, "d": 5}
    assert scoring.rank({}) == {}


@settings(max_examples=examples(200))
@given(st.dictionaries(st.integers(0, 100), st.integers(0, 1000).map(lambda n: D(n) / 10)))
def test_ranks_follow_the_totals(totals):
    ranks = scoring.rank(totals)
    for a in totals:
        assert ranks[a] == 1 + sum(1 for b in totals if totals[b] > totals[a])
