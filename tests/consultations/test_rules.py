"""The pure rules of the consultations: states, the period, survey text (what of a comment is
published is tested with the rest of the public text, tests/core/test_publictext.py)."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.consultations import status, surveytext
from gongkai.consultations.status import State
from tests.conftest import examples

D = dt.date(2019, 3, 1)


def test_every_state_on_every_day_around_the_period():
    opens, closes = D, D + dt.timedelta(days=30)
    for offset, ended, answered in itertools.product(range(-3, 35), (None, 10, -5), (False, True)):
        day = D + dt.timedelta(days=offset)
        ended_on = None if ended is None else D + dt.timedelta(days=ended)
        got = status.state(
            opens_on=opens, closes_on=closes, ended_on=ended_on, answered=answered, today=day
        )
        last = closes if ended_on is None else min(closes, ended_on - dt.timedelta(days=1))
        if answered:
            assert got is State.ANSWERED
        elif day < opens and (ended_on is None or ended_on > day):
            assert got is State.SCHEDULED
        elif day <= last:
            assert got is State.OPEN
        else:
            assert got is State.CLOSED
        assert status.may_comment(got) == (got is State.OPEN)


def test_the_open_and_close_days_are_included():
    kw = {
        "opens_on": D,
        "closes_on": D + dt.timedelta(days=30),
        "ended_on": None,
        "answered": False,
    }
    assert status.state(**kw, today=D) is State.OPEN
    assert status.state(**kw, today=D + dt.timedelta(days=30)) is State.OPEN
    assert status.state(**kw, today=D + dt.timedelta(days=31)) is State.CLOSED
    assert status.state(**kw, today=D - dt.timedelta(days=1)) is State.SCHEDULED


def test_the_period_rule():
    rule = status.period_problem
    assert rule(D, D - dt.timedelta(days=1), minimum_days=30, shortened_reason="急") == (
        "截止日期不能早于开始日期"
    )
    # 30 days after the open date (the first day not counted): 1 March → 31 March
    assert rule(D, dt.date(2019, 3, 31), minimum_days=30, shortened_reason="") is None
    problem = rule(D, dt.date(2019, 3, 30), minimum_days=30, shortened_reason="")
    assert problem is not None
    assert "2019-03-31" in problem
    assert "第十五条" in problem
    assert rule(D, dt.date(2019, 3, 30), minimum_days=30, shortened_reason="情况紧急") is None
    assert rule(D, D, minimum_days=30, shortened_reason="  ") is not None
    assert rule(D, D, minimum_days=1, shortened_reason="x") is None


@given(
    st.dates(dt.date(2000, 1, 1), dt.date(2099, 1, 1)),
    st.integers(-400, 400),
    st.integers(1, 365),
    st.booleans(),
)
@settings(max_examples=examples(300))
def test_the_period_rule_for_all_dates(opens, length, minimum, reason):
    closes = opens + dt.timedelta(days=length)
    problem = status.period_problem(
        opens, closes, minimum_days=minimum, shortened_reason="紧急" if reason else ""
    )
    allowed = length >= 0 and (length >= minimum or reason)
    assert (problem is None) == allowed


def test_the_feedback_waits_for_the_close_moderation_and_adoption():
    assert status.feedback_problem(State.OPEN, pending=0, undecided=0) == "征集截止后才能发布反馈"
    assert status.feedback_problem(State.SCHEDULED, pending=0, undecided=0) is not None
    assert status.feedback_problem(State.ANSWERED, pending=0, undecided=0) == "反馈已发布"
    assert "未审核" in (status.feedback_problem(State.CLOSED, pending=1, undecided=0) or "")
    assert "采纳" in (status.feedback_problem(State.CLOSED, pending=0, undecided=2) or "")
    assert status.feedback_problem(State.CLOSED, pending=0, undecided=0) is None
    assert [s for s in State if status.may_moderate(s)] == [State.OPEN, State.CLOSED]
    assert [s for s in State if status.may_end(s)] == [State.SCHEDULED, State.OPEN]


# --- survey text --------------------------------------------------------------------------------
SAMPLE = (
    "[单选] 是否赞成？\n- 赞成\n- 不赞成\n\n【多选】 关心什么\n－ 停车\n- 公交\n\n[填空] 其他意见"
)


def test_survey_text_is_read_and_written_back():
    questions = surveytext.parse(SAMPLE)
    assert [q.kind for q in questions] == ["single", "multiple", "text"]
    assert questions[1].choices == ("停车", "公交")
    assert surveytext.parse(surveytext.write(questions)) == questions


def test_survey_text_errors_are_in_chinese():
    cases = {
        "": "请至少填写一个问题",
        "是否赞成": "开头",
        "[单选] 是否\n- 是": "至少需要两个选项",
        "[填空] 意见\n- 是": "不能有选项",
        "[单选] 是否\n- 是\n- 是": "重复",
        "[多选] 是否\n- 是\n否": "应以“-”开头",
    }
    for source, message in cases.items():
        with pytest.raises(surveytext.SurveyTextError, match=message):
            surveytext.parse(source)
