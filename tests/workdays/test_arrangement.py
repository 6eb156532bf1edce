"""Reading and validating a year's holiday arrangement file."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gongkai.workdays.arrangement import (
    MAX_FILE_BYTES,
    ArrangementError,
    parse_arrangement,
    parse_text,
)
from gongkai.workdays.baseline import baseline_arrangements

VALID_2027 = """
year: 2027
notice: 国办发明电〔2026〕99号
title: 国务院办公厅关于2027年部分节假日安排的通知
dated: 2026-11-20
holidays:
  - name: 元旦
    start: 2027-01-01
    end: 2027-01-03
  - name: 春节
    start: 2027-02-06
    end: 2027-02-13
makeup_workdays:
  - date: 2027-02-14
    name: 春节
"""


def problems_of(data) -> list[str]:
    with pytest.raises(ArrangementError) as info:
        parse_arrangement(data)
    return info.value.problems


def base(**changes):
    data = {
        "year": 2027,
        "notice": "国办发明电〔2026〕99号",
        "holidays": [{"name": "春节", "start": "2027-02-06", "end": "2027-02-13"}],
        "makeup_workdays": [{"date": "2027-02-14", "name": "春节"}],
    }
    data.update(changes)
    return data


def test_it_reads_a_yaml_file():
    arrangement = parse_text(VALID_2027.encode(), filename="2027.yaml")
    assert arrangement.year == 2027
    assert arrangement.notice == "国办发明电〔2026〕99号"
    assert arrangement.dated == dt.date(2026, 11, 20)
    assert [h.name for h in arrangement.holidays] == ["元旦", "春节"]
    assert arrangement.makeup_days[0].day == dt.date(2027, 2, 14)


def test_it_reads_a_json_file():
    arrangement = parse_text(json.dumps(base(), ensure_ascii=False), filename="2027.json")
    assert arrangement.holidays[0].end == dt.date(2027, 2, 13)


def test_it_refuses_a_date_outside_the_year():
    found = problems_of(
        base(holidays=[{"name": "春节", "start": "2028-02-06", "end": "2028-02-08"}])
    )
    assert any("不在 2027 年内" in p for p in found)


def test_a_new_year_holiday_may_start_in_the_last_week_of_december():
    arrangement = parse_arrangement(
        base(holidays=[{"name": "元旦", "start": "2026-12-30", "end": "2027-01-01"}])
    )
    assert arrangement.holidays[0].start == dt.date(2026, 12, 30)
    found = problems_of(
        base(holidays=[{"name": "元旦", "start": "2026-12-20", "end": "2027-01-01"}])
    )
    assert any("不在 2027 年内" in p for p in found)
    found = problems_of(
        base(holidays=[{"name": "春节", "start": "2026-12-30", "end": "2027-01-01"}])
    )
    assert any("不在 2027 年内" in p for p in found)


def test_it_refuses_a_day_that_is_both_a_holiday_and_a_make_up_day():
    found = problems_of(base(makeup_workdays=[{"date": "2027-02-13", "name": "春节"}]))
    assert any("既是" in p and "调休上班日" in p for p in found)


def test_it_refuses_a_make_up_day_on_a_weekday():
    found = problems_of(base(makeup_workdays=[{"date": "2027-02-15", "name": "春节"}]))
    assert any("应为周六或周日" in p for p in found)


def test_it_refuses_overlapping_holidays_and_an_end_before_the_start():
    found = problems_of(
        base(
            holidays=[
                {"name": "春节", "start": "2027-02-06", "end": "2027-02-13"},
                {"name": "又一个", "start": "2027-02-10", "end": "2027-02-11"},
                {"name": "倒序", "start": "2027-05-05", "end": "2027-05-01"},
            ]
        )
    )
    assert any("已在" in p for p in found)
    assert any("早于开始日期" in p for p in found)


def test_it_lists_every_problem_at_once():
    found = problems_of(
        {
            "year": 2027,
            "notice": "",
            "colour": "red",
            "holidays": [{"name": "", "start": "2027-13-01"}],
            "makeup_workdays": [{"date": "not a date", "name": "x"}],
        }
    )
    assert len(found) >= 4
    assert any("不认识的字段 colour" in p for p in found)
    assert any("notice" in p and "不能为空" in p for p in found)
    assert any("格式不正确" in p for p in found)


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"year: [unclosed", "无法读取文件"),
        (b"\xff\xfe\x00garbage", "UTF-8"),
        (b"- just\n- a list\n", "应为一个对象"),
        (b"year: twenty\nnotice: x\n", "四位年份"),
        (b"year: 1999\nnotice: x\n", "不在 2000–2100 之间"),
        (b"year: 2027\nnotice: x\ndated: 2026-11-20 10:00:00\n", "不应含时间"),
        (b'year: 2027\nnotice: "\\x01bad"\n', "控制字符"),
        (b'{"year": 2027,}', "无法读取"),
    ],
)
def test_bad_files_get_a_clear_chinese_message(content, expected):
    name = "f.json" if content.startswith(b"{") else "f.yaml"
    with pytest.raises(ArrangementError) as info:
        parse_text(content, filename=name)
    assert expected in str(info.value)


def test_an_oversized_file_is_refused():
    with pytest.raises(ArrangementError, match="文件过大"):
        parse_text(b"#" * (MAX_FILE_BYTES + 1))


def test_every_baseline_year_survives_a_round_trip_through_the_file_format():
    for arrangement in baseline_arrangements():
        assert parse_text(arrangement.to_yaml()) == arrangement


@given(
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.text(max_size=20) | st.dates(),
        lambda children: (
            st.lists(children, max_size=4)
            | st.dictionaries(st.text(max_size=10), children, max_size=4)
        ),
        max_leaves=20,
    )
)
def test_any_input_either_parses_or_raises_arrangement_error(data):
    problems: list[str] = ["unset"]
    try:
        parse_arrangement(data)
        problems = []
    except ArrangementError as exc:
        problems = exc.problems
        assert problems  # an error always says what is wrong
    assert problems != ["unset"]
