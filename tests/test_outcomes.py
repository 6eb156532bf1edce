"""The one table that says which article a reply cites: every row is walked."""

from __future__ import annotations

import datetime as dt

import pytest

from gongkai import law
from gongkai.applications import outcomes
from gongkai.applications.outcomes import RULES, Outcome
from gongkai.reports.format import RESULT_ROWS, FormatVersion, result_labels, table3_rows

D = dt.date.fromisoformat


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


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.outcome.value)
def test_each_reply_cites_every_article_of_its_rule(rule):
    text = outcomes.decision_text(
        rule.outcome,
        exemptions=(Outcome.WITHHOLD_THIRD_PARTY,) if rule.needs_exemptions else (),
        details="具体说明",
    )
    for basis in rule.bases:
        article = basis.citation.removeprefix(law.REGULATION)
        assert article in text, (rule.outcome, article)
    if law.REGULATION in "".join(b.citation for b in rule.bases):
        assert text.count(law.REGULATION) == 1  # the Regulation is named once
    assert "{" not in text
    assert "}" not in text
    if "{details}" in rule.decision:
        assert "具体说明" in text


def test_the_articles_are_those_of_the_regulation():
    expect = {
        Outcome.PROVIDED: ["第三十六条第（二）项"],
        Outcome.ALREADY_PUBLIC: ["第三十六条第（一）项"],
        Outcome.PARTIAL: ["第三十七条"],
        Outcome.WITHHOLD_SECRET: ["第十四条", "第三十六条第（三）项"],
        Outcome.WITHHOLD_THIRD_PARTY: ["第十五条", "第三十六条第（三）项"],
        Outcome.WITHHOLD_INTERNAL: ["第十六条第一款", "第三十六条第（三）项"],
        Outcome.WITHHOLD_PROCESS: ["第十六条第二款", "第三十六条第（三）项"],
        Outcome.WITHHOLD_QUERY: ["第三十六条第（七）项"],
        Outcome.NOT_EXIST: ["第三十六条第（四）项"],
        Outcome.NOT_RESPONSIBLE: ["第三十六条第（五）项"],
        Outcome.NEEDS_CREATION: ["第三十八条"],
        Outcome.UNCLEAR_AFTER_CORRECTION: ["第三十条"],
        Outcome.PETITION: ["第三十九条第一款"],
        Outcome.REPEAT: ["第三十六条第（六）项"],
        Outcome.PUBLICATION: ["第三十九条第二款"],
        Outcome.EXCESSIVE: ["第三十五条"],
        Outcome.NO_CORRECTION: ["第三十条"],
    }
    for outcome, articles in expect.items():
        cited = [b.citation.removeprefix(law.REGULATION) for b in outcomes.rule(outcome).bases]
        assert cited == articles, outcome


def test_a_partial_disclosure_cites_the_grounds_of_the_withheld_part():
    text = outcomes.decision_text(
        Outcome.PARTIAL,
        exemptions=(Outcome.WITHHOLD_THIRD_PARTY, Outcome.WITHHOLD_PROCESS),
        details="涉及个人隐私",
    )
    assert "第十五条、第十六条第二款、第三十七条" in text


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.outcome.value)
@pytest.mark.parametrize("decided", ["2023-12-29", "2024-01-01", "2025-06-30"])
def test_each_remedies_paragraph(rule, decided):
    remedies = outcomes.remedies(
        rule.outcome,
        D(decided),
        reconsideration_body="北京市延庆区人民政府",
        court="北京市延庆区人民法院",
    )
    if not rule.reviewable:
        assert remedies is None
        return
    assert remedies is not None
    assert "60日内向北京市延庆区人民政府申请行政复议" in remedies.text
    assert law.RECONSIDERATION_LAW_ART20.citation in remedies.text
    first = rule.withholds and D(decided) >= dt.date(2024, 1, 1)
    assert remedies.reconsideration_first == first
    if first:
        assert law.RECONSIDERATION_FIRST.citation in remedies.text
        assert "应当先申请行政复议" in remedies.text
        assert "6个月" not in remedies.text
    else:
        assert "6个月内向北京市延庆区人民法院提起行政诉讼" in remedies.text
        assert law.LITIGATION_LAW_ART46.citation in remedies.text


def test_only_automatic_outcomes_are_withheld_from_staff():
    automatic = {r.outcome for r in RULES if not r.by_staff}
    assert automatic == {Outcome.NO_CORRECTION, Outcome.NO_FEE, Outcome.WITHDRAWN}
    assert set(outcomes.EXEMPTION_GROUNDS) == {
        o for o in Outcome if o.value.startswith("withhold_")
    }
