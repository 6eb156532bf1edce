"""Figures stated in the prose, as reports state them: in 件, 条 or 宗, for one kind of applicant
("收到自然人提出的申请19件"), in the phrasings of real reports ("依法按时办结依申请公开事项403件"),
and in sentences that can be read two ways ("行政诉讼7件": all suits, or the direct ones only?),
which are warnings that name both readings. Each pattern with lines that agree, lines that do
not, and lines it must leave alone."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gongkai import report_format as fmt
from gongkai.report_format import FormatVersion
from gongkai.reports.identities import ERROR, WARNING
from gongkai.reports.prose import check_prose


def tables() -> dict:
    """21 new applications (19 自然人, 2 商业企业) and 1 carried in; 3 reconsiderations;
    7 suits without reconsideration and 1 after it."""
    rows = fmt.empty_table3(FormatVersion.V2021)
    for label, natural, company in (
        (fmt.ROW_NEW, 19, 2),
        (fmt.ROW_CARRIED_IN, 1, 0),
        ("（一）予以公开", 9, 1),
        ("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", 3, 0),
        ("（三）不予公开/5.属于三类内部事务信息", 1, 0),
        ("（四）无法提供/1.本机关不掌握相关政府信息", 4, 1),
        ("（五）不予处理/2.重复申请", 1, 0),
        ("（六）其他处理/3.其他", 1, 0),
        (fmt.ROW_RESULTS_TOTAL, 19, 2),
        (fmt.ROW_CARRIED_OUT, 1, 0),
    ):
        rows[label].update({"自然人": natural, "商业企业": company, "总计": natural + company})
    review = fmt.empty_table4()
    review[fmt.REVIEW].update({"结果维持": 2, "结果纠正": 1, "总计": 3})
    review[fmt.LITIGATION_DIRECT].update({"结果维持": 6, "其他结果": 1, "总计": 7})
    review[fmt.LITIGATION_AFTER_REVIEW].update({"结果维持": 1, "总计": 1})
    return {"applications": {"rows": rows}, "review_litigation": review}


def found(text: str) -> list[tuple[str, str, int | None, int | None]]:
    return [(f.check, f.severity, f.expected, f.found) for f in check_prose(text, tables())]


@pytest.mark.parametrize(
    "text",
    [
        "本年度共收到政府信息公开申请21件。",
        "全年共收到政府信息公开申请21条，予以公开10条，部分公开3条。",
        "本年度收到依申请公开事项21宗。",
        "共收到21件申请，其中自然人19件、商业企业2件。",
        "收到自然人提出的政府信息公开申请19件，法人或其他组织申请2件。",
        "2023年全区接收政府信息公开申请共计21件，涉及自然人19件、商业企业2件。",
        "依法按时办结依申请公开事项21件。",
        "办结依申请公开21件，其中予以公开10件。",
        "全年办理政府信息公开申请21件。",
        "上年结转1件，1件结转下年度继续办理。",
        "受理行政复议申请3件，行政诉讼8件。",
        "予以公开的申请中自然人9件。",  # a result, not applications received: left alone
        "受理群众咨询300件，网络问政留言45件。",  # not applications
    ],
)
def test_statements_that_agree_with_the_tables_raise_nothing(text):
    assert found(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("本年度共收到政府信息公开申请25件。", [("prose.received", ERROR, 21, 25)]),
        (
            "本年度收到政府信息公开申请8条，予以公开4条。",
            [("prose.received", ERROR, 21, 8), ("prose.disclosed", ERROR, 10, 4)],
        ),
        ("依法按时办结依申请公开事项403件。", [("prose.concluded", ERROR, 21, 403)]),
        ("全年办理政府信息公开申请109件。", [("prose.concluded", ERROR, 21, 109)]),
        # the applicant type picks the column: 21 is the total, not the 自然人
        ("收到自然人提出的政府信息公开申请21件。", [("prose.received", ERROR, 19, 21)]),
        ("共收到申请21件，其中自然人15件。", [("prose.received", ERROR, 19, 15)]),
        ("共收到申请21件，其中法人或其他组织5件。", [("prose.received", ERROR, 2, 5)]),
        ("行政复议5件。", [("prose.reviews", ERROR, 3, 5)]),
        ("行政诉讼9件。", [("prose.lawsuits", ERROR, 8, 9)]),
    ],
)
def test_statements_that_contradict_the_tables_are_errors(text, expected):
    assert found(text) == expected


def test_a_lawsuit_figure_that_fits_the_direct_suits_only_is_a_warning_naming_both_readings():
    [finding] = check_prose("因政府信息公开被提起行政诉讼7件。", tables())
    assert (finding.check, finding.severity, finding.expected, finding.found) == (
        "prose.lawsuits",
        WARNING,
        8,
        7,
    )
    assert finding.message == (
        "正文称“行政诉讼7件”，所指范围不明：若指行政诉讼，表四中为 8，不符；"
        "若指未经复议直接起诉，为 7，相符"
    )


def test_a_received_figure_that_counts_the_carried_in_too_is_a_warning_naming_both_readings():
    [finding] = check_prose("全年共收到政府信息公开申请22件。", tables())
    assert finding.severity == WARNING
    assert "若指本年新收申请，表三中为 21，不符；若指本年新收加上年结转，为 22，相符" in (
        finding.message
    )
    [by_type] = check_prose("全年共收到政府信息公开申请21件，涉及自然人20件。", tables())
    assert (by_type.severity, by_type.column, by_type.expected) == (
        WARNING,
        "本年新收申请（自然人）",
        19,
    )


def test_a_sub_row_figure_is_still_a_warning():
    data = tables()
    data["applications"]["rows"]["（四）无法提供/2.没有现成信息需要另行制作"]["总计"] = 1
    [finding] = check_prose("因本机关不掌握等原因无法提供5件。", data)
    assert finding.severity == WARNING
    assert finding.message.endswith("与“（四）无法提供/1.本机关不掌握相关政府信息”一项相同")


@given(
    new=st.integers(0, 999),
    stated=st.integers(0, 999),
    unit=st.sampled_from("件条宗"),
    applicant=st.sampled_from(["", "自然人提出的"]),
)
def test_a_received_figure_is_compared_with_the_column_it_names(new, stated, unit, applicant):
    """For any figures: a statement of applications received agrees exactly when it equals the
    new applications of the column it names (the total when it names none), in any unit."""
    data = tables()
    rows = data["applications"]["rows"]
    rows[fmt.ROW_NEW].update({"自然人": new, "商业企业": 2, "总计": new + 2})
    rows[fmt.ROW_CARRIED_IN].update({"自然人": 0, "总计": 0})  # a single reading
    column_value = new if applicant else new + 2
    findings = check_prose(f"本年度收到{applicant}政府信息公开申请{stated}{unit}。", data)
    received = [f for f in findings if f.check == "prose.received"]
    assert (received == []) == (stated == column_value)
    assert all(f.severity == ERROR and f.expected == column_value for f in received)
