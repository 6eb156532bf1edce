"""The one table that says which article a reply cites and what it must state: every row is
walked, under both texts of the Regulation."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from gongkai import law
from gongkai.applications import notices, outcomes
from gongkai.applications.outcomes import GROUNDS, RULES, Decision, Outcome
from gongkai.report_format import RESULT_ROWS, FormatVersion, result_labels, table3_rows
from tests.outcome_samples import REASONS, sample, staff_samples

D = dt.date.fromisoformat
R2007, R2019 = law.Regime.R2007, law.Regime.R2019


def test_every_outcome_has_exactly_one_row_and_every_row_an_outcome():
    assert {r.outcome for r in RULES} == set(Outcome)
    assert len(RULES) == len(Outcome)
    rows = {r.key for r in RESULT_ROWS}
    assert {r.row for r in RULES} == rows


def test_the_row_labels_follow_the_two_formats():
    assert len(table3_rows(FormatVersion.V2019)) == 23
    assert len(table3_rows(FormatVersion.V2021)) == 25
    assert len(result_labels(FormatVersion.V2021)) == 21  # + （七）总计 = the rowspan of 22
    assert len(result_labels(FormatVersion.V2019)) == 19
    assert result_labels(FormatVersion.V2019)[-1] == "（六）其他处理"
    assert (
        outcomes.rule(Outcome.NO_CORRECTION)
        .row_label(FormatVersion.V2021)
        .startswith("（六）其他处理/1.")
    )
    assert outcomes.rule(Outcome.NO_FEE).row_label(FormatVersion.V2019) == "（六）其他处理"
    assert outcomes.rule(Outcome.ALREADY_PUBLIC).row_label(FormatVersion.V2021) == "（一）予以公开"
    assert outcomes.rule(Outcome.NOT_RESPONSIBLE).row_label(FormatVersion.V2021) == (
        "（四）无法提供/1.本机关不掌握相关政府信息"
    )
    # 36(7) stays counted as 不予公开/8 in the report although its reply is a referral.
    assert (
        outcomes.rule(Outcome.WITHHOLD_QUERY)
        .row_label(FormatVersion.V2021)
        .endswith("8.属于行政查询事项")
    )


@pytest.mark.parametrize("regime", [R2007, R2019])
@pytest.mark.parametrize("decision", staff_samples(), ids=lambda d: d.outcome.value)
def test_each_reply_cites_every_article_it_rests_on_and_names_each_law_once(decision, regime):
    text = outcomes.decision_text(decision, regime)
    bases = outcomes.bases_for(decision, regime)
    assert bases or decision.outcome is Outcome.OTHER
    for basis in bases:
        assert basis.provision in text, (decision.outcome, basis.citation)
    for instrument in {b.instrument for b in bases}:
        assert text.count(instrument) == 1
    if regime is R2019:
        assert law.REGULATION_2007 not in text  # the 2007 text is never cited for a 2019 case
    else:
        assert all(b.instrument != law.REGULATION for b in bases)
    assert notices.text_problems(text) == []


@pytest.mark.parametrize("decision", staff_samples(), ids=lambda d: d.outcome.value)
def test_each_reply_prints_its_explanation_and_every_reason(decision):
    text = outcomes.decision_text(decision)
    if decision.details:
        assert outcomes.clean(decision.details) in text
    for _ground, reason in decision.grounds:
        assert outcomes.clean(reason) in text
    if decision.outcome is Outcome.NOT_RESPONSIBLE:
        assert decision.agency in text
        assert decision.agency_contact in text


def test_the_articles_are_those_of_the_regulation():
    """《条例》第三十六条 sorts the replies; 第十四至十六条 are the grounds of 不予公开."""
    expect = {
        Outcome.PROVIDED: ["第三十六条第（二）项"],
        Outcome.ALREADY_PUBLIC: ["第三十六条第（一）项"],
        Outcome.PARTIAL: [
            "第十五条",
            "第十六条第二款",
            "第三十六条第（二）项",
            "第三十六条第（三）项",
            "第三十七条",
        ],
        Outcome.WITHHOLD_SECRET: ["第十四条", "第三十六条第（三）项"],
        Outcome.WITHHOLD_THIRD_PARTY: ["第十五条", "第三十六条第（三）项"],
        Outcome.WITHHOLD_INTERNAL: ["第十六条第一款", "第三十六条第（三）项"],
        Outcome.WITHHOLD_PROCESS: ["第十六条第二款", "第三十六条第（三）项"],
        Outcome.WITHHOLD_ENFORCEMENT: ["第十六条第二款", "第三十六条第（三）项"],
        Outcome.WITHHOLD_QUERY: ["第三十六条第（七）项"],
        Outcome.NOT_EXIST: ["第三十六条第（四）项"],
        Outcome.NOT_RESPONSIBLE: ["第三十六条第（五）项"],
        Outcome.NEEDS_CREATION: ["第三十八条"],
        Outcome.UNCLEAR_AFTER_CORRECTION: ["第三十条"],
        Outcome.PETITION: ["第三十九条第一款"],
        Outcome.REPEAT: ["第三十六条第（六）项"],
        Outcome.PUBLICATION: ["第三十九条第二款"],
        Outcome.EXCESSIVE: ["第三十五条"],
    }
    order = {b: i for i, b in enumerate(law.ALL)}
    for outcome, articles in expect.items():
        bases = sorted(outcomes.bases_for(sample(outcome)), key=order.__getitem__)
        assert [b.provision for b in bases] == articles, outcome


def test_the_2007_articles_for_applications_received_before_2019_05_15():
    """国务院令第492号 第二十一条 sorts the replies, 第二十二条 severs, 第十四条第四款 and
    第二十三条 protect secrets and third parties (the 2007 text as archived, spec S11)."""
    expect = {
        Outcome.PROVIDED: ["第二十一条第（一）项"],
        Outcome.WITHHOLD_SECRET: ["第十四条第四款", "第二十一条第（二）项"],
        Outcome.WITHHOLD_SAFETY: ["第八条", "第二十一条第（二）项"],
        Outcome.WITHHOLD_THIRD_PARTY: ["第十四条第四款", "第二十一条第（二）项", "第二十三条"],
        Outcome.WITHHOLD_PROCESS: ["第二十一条第（二）项"],
        Outcome.NOT_EXIST: ["第二十一条第（三）项"],
        Outcome.NOT_RESPONSIBLE: ["第二十一条第（三）项"],
        Outcome.UNCLEAR_AFTER_CORRECTION: ["第二十一条第（四）项"],
    }
    order = {b: i for i, b in enumerate(law.ALL)}
    for outcome, articles in expect.items():
        bases = outcomes.bases_for(sample(outcome), R2007)
        assert all(b.instrument == law.REGULATION_2007 for b in bases)
        assert [b.provision for b in sorted(bases, key=order.__getitem__)] == articles, outcome
    text = outcomes.decision_text(sample(Outcome.PROVIDED), R2007)
    assert "（国务院令第492号）第二十一条第（一）项" in text


def test_every_rule_without_a_2007_article_says_it_is_our_choice():
    for rule in RULES:
        if rule.by_staff and not rule.bases_2007:
            assert rule.outcome in (Outcome.OTHER,) or rule.withholds
        for basis in rule.bases_2007:
            assert basis.instrument == law.REGULATION_2007
    for ground in GROUNDS.values():
        assert ground.confidence_2007 == ("V" if ground.bases_2007 else "I")


def test_a_partial_disclosure_cites_the_grounds_of_the_withheld_part_and_article_36():
    text = outcomes.decision_text(sample(Outcome.PARTIAL))
    assert (
        "第十五条、第十六条第二款、第三十六条第（二）项、第三十六条第（三）项、第三十七条" in text
    )
    assert "（一）依据第十五条" in text
    assert "（二）依据第十六条第二款" in text


@pytest.mark.parametrize("ground", list(GROUNDS), ids=lambda g: g.value)
def test_a_withholding_ground_without_its_own_reason_is_refused(ground):
    """法释〔2025〕8号第五条: the agency proves each ground; 第三十六条第（三）项: 说明理由."""
    problems = outcomes.decision_problems(Decision(Outcome.PARTIAL, ((ground, ""),)))
    assert any("具体理由" in p and "法释〔2025〕8号" in p for p in problems)
    # The other ground of a 不予公开 outcome needs its reason too.
    own = sample(Outcome.WITHHOLD_SECRET if ground != Outcome.WITHHOLD_SECRET else ground)
    problems = (
        outcomes.decision_problems(Decision(own.outcome, (*own.grounds, (ground, "   "))))
        if ground != own.outcome
        else []
    )
    if ground != own.outcome:
        assert any("具体理由" in p for p in problems)


def test_a_reason_that_only_repeats_the_ground_is_refused():
    problems = outcomes.decision_problems(
        Decision(Outcome.WITHHOLD_PROCESS, ((Outcome.WITHHOLD_PROCESS, "属于四类过程性信息。"),))
    )
    assert any("不能只重复" in p for p in problems)


@pytest.mark.parametrize(
    ("decision", "message"),
    [
        (Decision(Outcome.NOT_EXIST), "检索情况"),
        (Decision(Outcome.NEEDS_CREATION), "加工、分析"),
        (Decision(Outcome.UNCLEAR_AFTER_CORRECTION), "仍不明确"),
        (Decision(Outcome.REPEAT), "前次答复"),
        (Decision(Outcome.ALREADY_PUBLIC), "获取方式"),
        (Decision(Outcome.WITHHOLD_QUERY), "办理途径"),
        (Decision(Outcome.NOT_RESPONSIBLE, details="理由"), "联系方式"),
        (
            Decision(Outcome.NOT_RESPONSIBLE, details="理由", agency="某局"),
            "名称和联系方式",
        ),
        (
            Decision(Outcome.NOT_RESPONSIBLE, details="理由", agency="某局", agency_unknown=True),
            "不能同时",
        ),
        (Decision(Outcome.PROVIDED, agency="某局"), "只有“不属于本机关负责公开”"),
        (Decision(Outcome.PARTIAL), "须选择不予公开的依据"),
        (
            Decision(Outcome.PROVIDED, ((Outcome.WITHHOLD_PROCESS, "理由若干"),)),
            "只有部分公开和不予公开",
        ),
        (Decision(Outcome.NO_FEE), "自动办结"),
        (Decision(Outcome.NOT_EXIST, details="检索" * 1001), "不超过"),
        (
            Decision(Outcome.NOT_EXIST, details="已检索", public_interest="公共利益"),
            "决定公开的理由",
        ),
    ],
)
def test_an_incomplete_decision_is_refused_in_chinese(decision, message):
    problems = outcomes.decision_problems(decision)
    assert any(message in p for p in problems), problems


def test_36_5_may_record_that_the_responsible_agency_cannot_be_determined():
    decision = Decision(
        Outcome.NOT_RESPONSIBLE, details="该信息不是本机关制作或保存的", agency_unknown=True
    )
    assert outcomes.decision_problems(decision) == []
    assert "无法确定负责公开该政府信息的行政机关" in outcomes.decision_text(decision)


def test_36_7_is_a_referral_not_a_withholding():
    rule = outcomes.rule(Outcome.WITHHOLD_QUERY)
    assert not rule.withholds
    assert not rule.suit
    assert Outcome.WITHHOLD_QUERY not in outcomes.EXEMPTION_GROUNDS
    assert "不予公开" not in outcomes.decision_text(sample(Outcome.WITHHOLD_QUERY))


def test_the_kinds_of_the_2025_interpretation_article_10_promise_no_suit():
    """法释〔2025〕8号第十条: 36(6), 36(7), 38, 39 — a court does not admit a suit."""
    no_suit = {r.outcome for r in RULES if not r.suit}
    assert no_suit == {
        Outcome.REPEAT,
        Outcome.WITHHOLD_QUERY,
        Outcome.NEEDS_CREATION,
        Outcome.PETITION,
        Outcome.PUBLICATION,
    }


def test_only_automatic_outcomes_are_withheld_from_staff():
    automatic = {r.outcome for r in RULES if not r.by_staff}
    assert automatic == {Outcome.NO_CORRECTION, Outcome.NO_FEE, Outcome.WITHDRAWN}
    assert set(outcomes.EXEMPTION_GROUNDS) == {
        o for o in Outcome if o.value.startswith("withhold_") and o is not Outcome.WITHHOLD_QUERY
    }


def test_a_decision_survives_its_round_trip_through_json_and_reads_the_earlier_shape():
    decision = sample(Outcome.PARTIAL)
    assert Decision.from_data(decision.to_data()) == decision.normalized()
    old = Decision.from_data({"outcome": "partial", "grounds": ["withhold_process"], "details": ""})
    assert old.grounds == ((Outcome.WITHHOLD_PROCESS, ""),)


def test_disclosing_over_a_third_partys_objection_states_the_public_interest():
    decision = Decision(
        Outcome.PROVIDED, details="见附件", public_interest="该补偿标准关系全体被征收户的利益"
    )
    assert outcomes.decision_problems(decision) == []
    text = outcomes.decision_text(decision)
    assert "第三方不同意公开" in text
    assert "第十五条" in text
    assert "第三十二条" in text
    assert "该补偿标准关系全体被征收户的利益" in text


# Text that staff may type: words with any punctuation at either end (what staff put inside
# their own text is theirs; the boundaries are the reply's).
_punct = st.text(alphabet=st.sampled_from(list("。，；：、！？ ")), max_size=3)
_words = st.text(alphabet=st.sampled_from(list("申请人所需信息文件方案讨论稿12abc")), max_size=20)
typed = st.builds(lambda a, b, c: a + b + c, _punct, _words, _punct)


@example(Outcome.NOT_EXIST, [], "。", R2019)
@example(Outcome.WITHHOLD_PROCESS, [(Outcome.WITHHOLD_PROCESS, "；")], "", R2019)
@given(
    st.sampled_from([r.outcome for r in outcomes.staff_outcomes()]),
    st.lists(st.tuples(st.sampled_from(list(GROUNDS)), typed), max_size=3),
    typed,
    st.sampled_from([R2007, R2019]),
)
def test_any_decision_is_either_refused_or_printed_with_every_reason(
    outcome, grounds, details, regime
):
    decision = Decision(outcome, tuple(grounds), details)
    if outcome is Outcome.NOT_RESPONSIBLE:
        decision = Decision(outcome, tuple(grounds), details, agency_unknown=True)
    if outcomes.decision_problems(decision):
        return
    text = outcomes.decision_text(decision, regime)
    for _ground, reason in decision.normalized().grounds:
        assert outcomes.clean(reason) in text
    # Whatever punctuation staff put at the ends of their text, the reply does not double it.
    assert notices.text_problems(text) == [], text


def test_every_ground_reason_text_is_printable_without_doubled_punctuation():
    for ground, reason in REASONS.items():
        decision = Decision(ground, ((ground, reason + "。"),))
        assert notices.text_problems(outcomes.decision_text(decision)) == []
