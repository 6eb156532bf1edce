"""The indicators of the website self-check (国办秘函〔2019〕19号), pure: thresholds that flip the
verdict exactly (13/14/15 days, 4/5 stale columns), forecasts, and the thresholds file."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.sitecheck import indicators as ind
from gongkai.sitecheck import thresholds
from gongkai.sitecheck.indicators import Verdict
from tests.conftest import examples

TH = thresholds.load()
TODAY = dt.date(2025, 6, 16)
CREATED = dt.date(2020, 1, 1)


def column(pk: int, last: dt.date | None, **kinds) -> ind.Column:
    return ind.Column(pk, "区发展改革委", f"栏目{pk}", CREATED, last, items=1 if last else 0,
                      **kinds)  # fmt: skip


# --- 首页不更新: 13/14/15 days ------------------------------------------------------------------
@pytest.mark.parametrize(("days", "verdict"), [(13, Verdict.PASS), (14, Verdict.PASS),
                                               (15, Verdict.VETO)])  # fmt: skip
def test_the_home_page_flips_after_exactly_two_weeks(days, verdict):
    result = ind.home_page(
        last_update=TODAY - dt.timedelta(days=days), created=CREATED, today=TODAY, th=TH
    )
    assert result.verdict == verdict
    [forecast] = result.forecasts
    assert forecast.stale_from == TODAY - dt.timedelta(days=days) + dt.timedelta(days=15)


@given(st.dates(dt.date(2000, 1, 1), dt.date(2040, 1, 1)), st.integers(0, 60))
def test_the_home_page_is_stale_exactly_from_its_forecast_day(last, age):
    today = last + dt.timedelta(days=age)
    result = ind.home_page(last_update=last, created=CREATED, today=today, th=TH)
    assert (result.verdict == Verdict.VETO) == (age > 14)
    assert (result.verdict == Verdict.VETO) == (today >= result.forecasts[0].stale_from)


def test_a_site_without_items_counts_from_its_creation():
    result = ind.home_page(last_update=None, created=TODAY - dt.timedelta(days=15), today=TODAY,
                           th=TH)  # fmt: skip
    assert result.verdict == Verdict.VETO


# --- 动态 columns: 13/14/15 days and 4/5 columns -------------------------------------------------
@pytest.mark.parametrize(("days", "stale"), [(13, 0), (14, 0), (15, 5)])
def test_news_columns_flip_after_exactly_two_weeks(days, stale):
    columns = [column(i, TODAY - dt.timedelta(days=days), news=True) for i in range(5)]
    result = ind.news_columns(columns, today=TODAY, th=TH)
    assert result.count == stale
    assert result.verdict == (Verdict.VETO if stale else Verdict.PASS)


@pytest.mark.parametrize(("stale", "verdict"), [(4, Verdict.PASS), (5, Verdict.VETO)])
def test_four_stale_news_columns_pass_and_five_veto(stale, verdict):
    old, fresh = TODAY - dt.timedelta(days=15), TODAY - dt.timedelta(days=1)
    columns = [column(i, old if i < stale else fresh, news=True) for i in range(8)]
    result = ind.news_columns(columns, today=TODAY, th=TH)
    assert (result.count, result.verdict) == (stale, verdict)


@given(st.lists(st.integers(0, 40), max_size=12), st.integers(0, 40))
def test_the_veto_is_five_or_more_stale_columns_for_any_site(ages, shift):
    today = TODAY + dt.timedelta(days=shift)
    columns = [column(i, TODAY - dt.timedelta(days=a), news=True) for i, a in enumerate(ages)]
    result = ind.news_columns(columns, today=today, th=TH)
    stale = sum(1 for a in ages if a + shift > 14)
    assert result.count == stale
    assert (result.verdict == Verdict.VETO) == (stale >= 5)
    # the forecast day of the veto: on it the site fails, the day before it did not
    if result.veto_from is not None and result.veto_from > today:
        assert ind.news_columns(columns, today=result.veto_from, th=TH).verdict == Verdict.VETO
        before = result.veto_from - dt.timedelta(days=1)
        assert ind.news_columns(columns, today=before, th=TH).verdict == Verdict.PASS


def test_only_the_news_columns_count_as_news():
    old = TODAY - dt.timedelta(days=30)
    columns = [column(i, old, news=i < 2, policy=i >= 2) for i in range(6)]
    assert ind.news_columns(columns, today=TODAY, th=TH).count == 2
    assert ind.policy_columns(columns, today=TODAY, th=TH).count == 0  # 30 days < 6 months


# --- 政策文件 columns: six calendar months --------------------------------------------------------
@pytest.mark.parametrize(("last", "stale"), [(dt.date(2024, 12, 16), False),
                                             (dt.date(2024, 12, 15), True)])  # fmt: skip
def test_policy_columns_are_stale_after_six_calendar_months(last, stale):
    result = ind.policy_columns([column(1, last, policy=True)], today=TODAY, th=TH)
    assert result.count == int(stale)
    assert result.forecasts[0].stale_from == dt.date(last.year + 1, 6, last.day + 1)


def test_six_months_from_the_end_of_august_end_in_february():
    period = thresholds.Period(6, "months")
    assert period.end(dt.date(2023, 8, 31)) == dt.date(2024, 2, 29)
    assert period.end(dt.date(2024, 8, 31)) == dt.date(2025, 2, 28)
    assert thresholds.Period(1, "years").end(dt.date(2024, 2, 29)) == dt.date(2025, 2, 28)
    assert thresholds.Period(2, "weeks").days_from(dt.date(2025, 1, 1)) == 14


@given(st.dates(dt.date(2000, 1, 1), dt.date(2040, 1, 1)), st.integers(1, 30),
       st.sampled_from(sorted(thresholds.UNITS)))  # fmt: skip
def test_a_period_ends_after_its_start(since, amount, unit):
    end = thresholds.Period(amount, unit).end(since)
    assert end > since


# --- long-stale, blank --------------------------------------------------------------------------
@pytest.mark.parametrize(("stale", "verdict"), [(9, Verdict.PASS), (10, Verdict.VETO)])
def test_ten_columns_stale_for_over_a_year_veto(stale, verdict):
    old, recent = dt.date(2024, 6, 15), dt.date(2024, 6, 16)  # 366 and 365 days
    columns = [column(i, old if i < stale else recent, should_update=True) for i in range(12)]
    result = ind.long_stale_columns(columns, today=TODAY, th=TH)
    assert (result.count, result.verdict) == (stale, verdict)


def test_a_column_without_an_interval_is_not_long_stale():
    columns = [column(i, dt.date(2019, 1, 1)) for i in range(12)]
    assert ind.long_stale_columns(columns, today=TODAY, th=TH).count == 0


@pytest.mark.parametrize(("blank", "verdict"), [(4, Verdict.PASS), (5, Verdict.VETO)])
def test_four_blank_columns_pass_and_five_veto(blank, verdict):
    columns = [column(i, None if i < blank else TODAY) for i in range(7)]
    result = ind.blank_columns(columns, th=TH)
    assert (result.count, result.verdict) == (blank, verdict)
    assert len(result.findings) == blank


# --- backdating, links, files, search, messages -------------------------------------------------
@pytest.mark.parametrize(("back", "entry", "backdated"), [
    (0, False, False), (1, False, False), (2, False, True), (400, True, False),
])  # fmt: skip
def test_an_item_dated_more_than_a_day_before_its_entry_is_backdated_unless_back_entered(
    back, entry, backdated
):
    item = ind.Dated(1, "信息", TODAY - dt.timedelta(days=back), TODAY, back_entered=entry)
    assert ind.is_backdated(item, tolerance=TH.backdated_tolerance) == backdated
    result = ind.backdated_items([item], th=TH)
    assert result.verdict == (Verdict.VETO if backdated else Verdict.PASS)


def test_links_and_files_deduct_and_do_not_veto():
    link = ind.Link(1, "信息", "/items/999/", "信息不存在或未公开")
    assert ind.broken_links([link], th=TH).verdict == Verdict.DEDUCT
    assert ind.broken_links([], th=TH).verdict == Verdict.PASS
    missing = ind.MissingFile(1, "信息", "附件.pdf")
    assert ind.missing_attachments([missing], th=TH).verdict == Verdict.DEDUCT


def test_the_search_probe():
    assert ind.search_probe(ind.Probe(None)).verdict == Verdict.UNCHECKED
    assert ind.search_probe(ind.Probe(1, "标题", True)).verdict == Verdict.PASS
    assert ind.search_probe(ind.Probe(1, "标题", False)).verdict == Verdict.DEDUCT
    unavailable = ind.search_probe(ind.Probe(1, "标题", None, "索引不可用"))
    assert unavailable.verdict == Verdict.DEDUCT
    assert "索引不可用" in unavailable.summary


@pytest.mark.parametrize(
    ("received", "verdict"),
    [
        (dt.date(2025, 3, 16), Verdict.PASS),  # three calendar months end on 6月16日
        (dt.date(2025, 3, 15), Verdict.VETO),
    ],
)
def test_a_message_unanswered_for_three_months_is_a_veto(received, verdict):
    result = ind.unanswered_messages([received, TODAY], today=TODAY, th=TH)
    assert result.verdict == verdict
    assert result.count == (verdict == Verdict.VETO)
    assert result.rule == "对公众留言超过3个月未回复（单项否决）"


def test_no_message_waiting_passes_and_forecasts_nothing():
    result = ind.unanswered_messages([], today=TODAY, th=TH)
    assert result.verdict == Verdict.PASS
    assert result.veto_from is None


@given(st.lists(st.dates(dt.date(2024, 1, 1), dt.date(2025, 6, 16)), max_size=5))
def test_the_veto_comes_on_the_forecast_day(received):
    result = ind.unanswered_messages(received, today=TODAY, th=TH)
    if result.veto_from is None:
        assert not received
        return
    assert (result.verdict == Verdict.VETO) == (result.veto_from <= TODAY)
    on = ind.unanswered_messages(received, today=max(result.veto_from, TODAY), th=TH)
    assert on.verdict == Verdict.VETO
    before = result.veto_from - dt.timedelta(days=1)
    if result.veto_from > TODAY:
        assert ind.unanswered_messages(received, today=before, th=TH).verdict == Verdict.PASS


def test_the_thresholds_file_may_name_its_own_period_for_messages():
    text = thresholds.DEFAULT.read_text(encoding="utf-8")
    assert TH.unanswered_period == thresholds.Period(3, "months")
    assert TH.unanswered_veto == 1
    without = text.split("unanswered_messages:")[0]
    assert thresholds.parse(without).unanswered_period == thresholds.Period(3, "months")
    other = text.replace("period: {months: 3}", "period: {months: 1}")
    assert thresholds.parse(other).unanswered_period == thresholds.Period(1, "months")
    with pytest.raises(thresholds.ThresholdError, match="unanswered_messages"):
        thresholds.parse(without + "unanswered_messages:\n  period: {months: 3}\n")


def test_the_overall_verdict():
    site = ind.Site(columns=[], last_update=TODAY, created=CREATED,
                    probe=ind.Probe(1, "标题", True))  # fmt: skip
    report = ind.check(site, th=TH, today=TODAY)
    assert report.verdict == Verdict.PASS
    assert report.vetoes == []
    late = ind.check(ind.Site(columns=[], last_update=TODAY - dt.timedelta(days=20),
                              created=CREATED), th=TH, today=TODAY)  # fmt: skip
    assert late.verdict == Verdict.VETO
    assert [r.key for r in late.vetoes] == ["home_page"]
    assert report.next_veto is not None
    assert report.next_veto.key == "home_page"
    assert report.next_veto.veto_from == TODAY + dt.timedelta(days=15)


# --- the thresholds file ------------------------------------------------------------------------
def test_the_2019_file_states_19hao():
    assert TH.version == 2019
    assert "19号" in TH.source
    assert (TH.home_page.label, TH.news_period.label, TH.policy_period.label) == (
        "2周", "2周", "6个月",
    )  # fmt: skip
    assert (TH.news_veto, TH.policy_veto, TH.long_stale_veto, TH.blank_veto) == (5, 5, 10, 5)


TEXT = thresholds.DEFAULT.read_text(encoding="utf-8")


@pytest.mark.parametrize(("change", "message"), [
    (lambda t: t.replace("veto_count: 5", "veto_count: 0", 1),
     "“news_columns.veto_count”应为不小于1的整数"),
    (lambda t: t.replace("{weeks: 2}", "{fortnights: 1}", 1), "单位“fortnights”无效"),
    (lambda t: t.replace("{months: 6}", "{months: -6}"), "长度应为正整数"),
    (lambda t: t.replace("blank_columns:\n  veto_count: 5", "blank_columns:\n  limit: 5"),
     "“blank_columns”中有未知的项目：limit"),
    (lambda t: t.replace("version: 2019", "version: 二〇一九"), "缺少版本"),
    (lambda t: t + "\nextra: 1\n", "未知的项目：extra"),
    (lambda t: t.replace("home_page:", "home_pages:"), "未知的项目：home_pages"),
    (lambda t: t.replace("codes: [news]", "codes: []"), "栏目代码的列表"),
    (lambda t: "version: [", "不是有效的 YAML"),
    (lambda t: "- 1", "键值结构"),
])  # fmt: skip
def test_a_bad_thresholds_file_is_refused_in_chinese(change, message):
    with pytest.raises(thresholds.ThresholdError, match=message):
        thresholds.parse(change(TEXT))


@settings(max_examples=examples(50))
@given(st.text(max_size=200))
def test_any_text_is_thresholds_or_a_chinese_error(text):
    message = ""
    try:
        thresholds.parse(text)
    except thresholds.ThresholdError as exc:
        message = str(exc)
        assert message
    assert not message or any("\u4e00" <= ch <= "\u9fff" for ch in message)
