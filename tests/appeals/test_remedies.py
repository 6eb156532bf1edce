"""The remedies a reply names: the text of the 《行政复议法》 by decision date, the competent
bodies by provision, 复议前置 with the 15 days to sue, the online channel, and no 6-month suit
where 法释〔2025〕8号第十条 keeps the reply out of court."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gongkai import law, remedies
from gongkai.applications import notices, outcomes
from gongkai.applications.outcomes import RULES, Outcome
from gongkai.remedies import ReconsiderationLaw, Venue, VenueRule
from tests.outcome_samples import sample, venue

D = dt.date.fromisoformat


def test_the_2023_text_governs_replies_decided_from_2024_01_01():
    assert remedies.law_on(D("2023-12-31")) is ReconsiderationLaw.L2017
    assert remedies.law_on(D("2024-01-01")) is ReconsiderationLaw.L2023


def test_every_rule_cites_a_provision_of_its_own_text_of_the_law():
    for rule, info in remedies.RULES.items():
        assert info.basis in law.ALL
        if info.text is ReconsiderationLaw.L2017:
            assert "（2023年修订前）" in info.basis.citation, rule
        else:
            assert "（2023年修订前）" not in info.basis.citation, rule
        assert 1 <= info.min_bodies <= info.max_bodies <= 2
    assert set(remedies.RULES) == set(VenueRule)


@pytest.mark.parametrize(
    ("rule", "bodies", "valid_from", "message"),
    [
        (VenueRule.JUSTICE, ("北京市延庆区人民政府",), "2024-01-01", "两个行政复议机关"),
        (VenueRule.DEPARTMENT, ("甲", "乙"), "2024-01-01", "只有一个"),
        (VenueRule.DEPARTMENT_2017, ("甲", "甲"), "2019-01-01", "不能相同"),
        (VenueRule.DEPARTMENT, (), "2024-01-01", "请写明行政复议机关"),
        (VenueRule.DEPARTMENT_2017, ("甲",), "2024-01-01", "不适用"),
        (VenueRule.DEPARTMENT, ("甲",), "2023-06-01", "不适用"),
    ],
)
def test_an_unusable_venue_record_says_why(rule, bodies, valid_from, message):
    problems = remedies.venue_problems(Venue(rule, bodies, D(valid_from), "", "某法院"))
    assert any(message in p for p in problems), problems


def test_a_venue_whose_first_body_is_blank_is_unusable():
    problems = remedies.venue_problems(
        Venue(VenueRule.DEPARTMENT, ("", "北京市延庆区人民政府"), D("2024-01-01"), "", "某法院")
    )
    assert "请写明第一个行政复议机关" in problems


def test_a_venue_without_a_court_is_unusable():
    problems = remedies.venue_problems(Venue(VenueRule.DEPARTMENT, ("甲",), D("2024-01-01")))
    assert "请写明管辖法院" in problems


def test_a_reply_cannot_be_issued_without_a_body_or_under_the_wrong_text():
    with pytest.raises(remedies.VenueError, match=r"不能出具答复书.*一年"):
        remedies.check_for_decision(None, D("2025-03-03"), "区发展改革委")
    with pytest.raises(remedies.VenueError, match="请登记新的救济途径"):
        remedies.check_for_decision(venue(D("2023-05-05")), D("2025-03-03"), "区发展改革委")
    assert remedies.check_for_decision(venue(D("2025-03-03")), D("2025-03-03"), "x").bodies


@pytest.mark.parametrize("decided", ["2023-12-29", "2024-01-01", "2025-06-30"])
@pytest.mark.parametrize("online", [False, True])
@pytest.mark.parametrize("rule", [r for r in RULES if r.reviewable], ids=lambda r: r.outcome.value)
def test_each_remedies_paragraph(rule, decided, online):
    day = D(decided)
    decision = sample(rule.outcome) if rule.by_staff else outcomes.Decision(rule.outcome)
    found = outcomes.remedies_for(decision, decided_on=day, venue=venue(day), online=online)
    assert found is not None
    text = found.text
    assert notices.text_problems(text) == []
    new = day >= D("2024-01-01")
    days_basis = law.RECONSIDERATION_LAW_ART20 if new else law.RECONSIDERATION_2017_ART9
    assert days_basis.citation in text
    assert "60日内向北京市延庆区人民政府" in text
    if not new:
        assert "或者北京市发展和改革委员会申请行政复议" in text  # 2017 第十二条: either body
    first = rule.withholds and new
    assert found.reconsideration_first == first
    if first:
        assert law.RECONSIDERATION_FIRST.citation in text
        assert "应当先申请行政复议" in text
        assert "15日内" in text
        assert law.LITIGATION_LAW_ART45.citation in text
    else:
        assert "应当先申请行政复议" not in text
    if rule.suit and not first:
        assert "6个月内向北京市延庆区人民法院提起行政诉讼" in text
    if not rule.suit:
        assert "6个月" not in text
        assert "提起行政诉讼" not in text
    if rule.outcome is Outcome.PARTIAL and new:
        assert "对本答复中不予公开的部分应当先申请行政复议" in text
        assert "对其他部分不服的，也可以自收到本答复之日起6个月内" in text
    if online and new:  # the duty came with the 2023 text (第二十二条第二款)
        assert "北京市行政复议网上申请平台" in text
        assert law.RECONSIDERATION_ONLINE.citation in text
    else:
        assert "在线提交" not in text


def test_a_withdrawal_carries_no_remedies():
    found = outcomes.remedies_for(
        outcomes.Decision(Outcome.WITHDRAWN),
        decided_on=D("2025-03-03"),
        venue=venue(D("2025-03-03")),
        online=False,
    )
    assert found is None


def test_two_competent_bodies_are_both_named():
    both = Venue(
        VenueRule.JUSTICE,
        ("北京市延庆区人民政府", "北京市司法局"),
        D("2024-01-01"),
        "",
        "北京市延庆区人民法院",
    )
    text = remedies.paragraph(decided_on=D("2025-01-10"), venue=both, withholds=False).text
    assert "向北京市延庆区人民政府或者北京市司法局申请行政复议" in text


@given(st.dates(min_value=D("2019-05-15"), max_value=D("2030-12-31")), st.booleans(), st.booleans())
def test_reconsideration_comes_first_exactly_for_withholding_from_2024(day, withholds, online):
    found = remedies.paragraph(decided_on=day, venue=venue(day), withholds=withholds, online=online)
    assert found.reconsideration_first == (withholds and day >= D("2024-01-01"))
    assert found.text.endswith("。")
    assert "。。" not in found.text
