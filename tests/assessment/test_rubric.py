"""The rubric file: the district's shipped one is valid, and every kind of mistake is refused
with a Chinese message saying where it is."""

from __future__ import annotations

import copy
from decimal import Decimal

import pytest
import yaml

from gongkai.assessment.indicators import INDICATORS
from gongkai.assessment.rubric import (
    SHIPPED,
    RubricError,
    Scoring,
    parse_rubric,
    parse_text,
    shipped,
)


def base() -> dict:
    return yaml.safe_load(SHIPPED.read_text(encoding="utf-8"))


def problems_of(data) -> list[str]:
    with pytest.raises(RubricError) as caught:
        parse_rubric(data)
    return caught.value.problems


def test_the_shipped_rubric_has_the_seeds_three_parts_and_adds_up_to_100():
    rubric = shipped()
    assert [s.name for s in rubric.sections] == ["基础工作", "主动公开", "依申请公开"]
    assert rubric.total == 100
    assert sum(s.points for s in rubric.sections) == 100
    for section in rubric.sections:
        assert sum(i.points for i in section.items) == section.points
    kinds = {i.scoring for i in rubric.items()}
    assert kinds == set(Scoring)
    named = {i.indicator for i in rubric.items() if i.scoring is Scoring.INDICATOR}
    assert named == set(INDICATORS), "the district's rubric uses every indicator"


def test_a_rubric_reads_back_what_it_writes():
    rubric = shipped()
    assert parse_rubric(rubric.to_mapping()) == rubric
    assert parse_text(yaml.safe_dump(rubric.to_mapping(), allow_unicode=True)) == rubric


def test_it_names_each_missing_key():
    data = base()
    del data["title"]
    del data["sections"][0]["items"][0]["points"]
    del data["sections"][1]["items"][1]["scoring"]
    del data["sections"][2]["name"]
    found = problems_of(data)
    assert "title（细则名称）：缺少内容" in found
    assert any("第1部分（基础工作）第1项：缺少分值 points" in p for p in found)
    assert any("第2部分（主动公开）第2项：缺少评分方式 scoring" in p for p in found)
    assert any("第3部分 name（名称）：缺少内容" in p for p in found)


def test_it_refuses_items_that_do_not_add_up_to_their_section():
    data = base()
    data["sections"][1]["items"][0]["points"] = 9
    assert problems_of(data) == [
        "sections 第2部分（主动公开）：各项分值之和为44，与本部分分值45不符"
    ]


def test_it_refuses_sections_that_do_not_add_up_to_the_total():
    data = base()
    data["total"] = 90
    assert problems_of(data) == ["total：各部分分值之和为100，与总分90不符"]


def test_it_refuses_an_unknown_indicator_and_lists_the_known_ones():
    data = base()
    data["sections"][0]["items"][2]["indicator"] = "guide_fresh"
    (problem,) = problems_of(data)
    assert "“guide_fresh”不是已知的自动指标" in problem
    assert "guide_current" in problem


def test_it_refuses_an_indicator_item_without_an_indicator_and_a_manual_one_with_one():
    data = base()
    del data["sections"][0]["items"][2]["indicator"]
    data["sections"][0]["items"][0]["indicator"] = "guide_current"
    found = problems_of(data)
    assert any("须写明 indicator" in p for p in found)
    assert any("只有自动指标（scoring: indicator）可以写 indicator" in p for p in found)


def test_it_refuses_a_duplicate_id_saying_where_it_was_first_used():
    data = base()
    data["sections"][2]["items"][0]["id"] = "B1"
    (problem,) = problems_of(data)
    assert problem == (
        "sections 第3部分（依申请公开）第1项：编号“B1”重复"
        "（sections 第1部分（基础工作）第1项已使用）"
    )
    data = base()
    data["sections"][1]["id"] = "basic"
    assert any("编号“basic”重复" in p for p in problems_of(data))


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (0, "分值应大于0"),
        (-2, "分值应大于0"),
        ("三", "不是数字"),
        (1.25, "最多保留一位小数"),
        (True, "分值应为数字"),
    ],
)
def test_it_refuses_bad_points(value, message):
    data = base()
    data["sections"][0]["items"][0]["points"] = value
    assert any(message in p for p in problems_of(data))


def test_it_refuses_a_bad_scoring_an_unknown_key_and_bad_parameters():
    data = base()
    data["sections"][0]["items"][0]["scoring"] = "auto"
    data["sections"][0]["items"][1]["weight"] = 2
    data["sections"][1]["items"][0]["params"] = {"full_at": 2}
    data["sections"][2]["items"][0]["params"] = {"per_day": 1}
    found = problems_of(data)
    assert any("评分方式“auto”不正确" in p for p in found)
    assert any("不认识的字段 weight" in p for p in found)
    assert any("full_at（满分所需及时率）：应为 0.5 至 1 之间的数" in p for p in found)
    assert any("没有参数“per_day”（可用：per_late）" in p for p in found)


def test_it_refuses_what_is_not_a_rubric():
    assert problems_of([1, 2]) == ["文件内容应为一个对象（code、title、year、total、sections）"]
    with pytest.raises(RubricError, match="无法读取文件（第2行）"):
        parse_text("code: x\n  title: [\n", filename="r.yaml")
    with pytest.raises(RubricError, match="UTF-8"):
        parse_text("标题".encode("gbk"), filename="r.yaml")
    with pytest.raises(RubricError, match="文件过大"):
        parse_text(b"#" * 70_000, filename="r.yaml")
    data = base()
    data["sections"] = []
    assert "sections（考核部分）：缺少内容，应为列表" in problems_of(data)


def test_parameters_default_to_the_indicators_own():
    data = copy.deepcopy(base())
    del data["sections"][2]["items"][0]["params"]
    rubric = parse_rubric(data)
    assert rubric.item("A1").params == {}
    assert INDICATORS["answers_on_time"].defaults() == {"per_late": Decimal(2)}
