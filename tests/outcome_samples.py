"""A valid decision for every outcome staff can choose, with recognisable text in every slot, for
the tests that render replies."""

from __future__ import annotations

import datetime as dt

from gongkai import remedies
from gongkai.applications import outcomes
from gongkai.applications.outcomes import Decision, Outcome

REASONS = {
    Outcome.WITHHOLD_SECRET: "该文件经定密为秘密级",
    Outcome.WITHHOLD_LAW: "统计法禁止公开可识别单个统计调查对象的资料",
    Outcome.WITHHOLD_SAFETY: "涉及水源地防护设施的具体位置",
    Outcome.WITHHOLD_THIRD_PARTY: "被征收户的姓名和补偿金额属于个人隐私，第三方不同意公开",
    Outcome.WITHHOLD_INTERNAL: "所申请的考勤记录属于本机关人事管理信息",
    Outcome.WITHHOLD_PROCESS: "所申请的方案为讨论稿，尚未定稿",
    Outcome.WITHHOLD_ENFORCEMENT: "所申请的为行政处罚案卷中的调查笔录",
}

DETAILS = {
    Outcome.PROVIDED: "见附件",
    Outcome.ALREADY_PUBLIC: "区政府门户网站“政府信息公开”栏目，文号延政发〔2025〕3号",
    Outcome.PARTIAL: "邮寄纸质件",
    Outcome.WITHHOLD_QUERY: "依照《不动产登记暂行条例》到区不动产登记中心查询",
    Outcome.NOT_EXIST: "检索了本机关2015年以来的收文、发文和档案目录，未找到该文件",
    Outcome.NOT_RESPONSIBLE: "该批复由市规划和自然资源委员会作出并保存",
    Outcome.NEEDS_CREATION: "本机关只有逐年的原始台账，汇总统计表需要另行加工",
    Outcome.UNCLEAR_AFTER_CORRECTION: "补正后仍未写明所需文件的名称、时间或地块",
    Outcome.PETITION: "区信访办公室，地址高塔街1号",
    Outcome.REPEAT: "2025年2月10日答复，申请编号FGW-2025-00003",
    Outcome.PUBLICATION: "区图书馆政府公报阅览室",
    Outcome.EXCESSIVE: "所称理由与所申请的二百项信息无关",
    Outcome.CONFIRM_OR_REISSUE: "要求本机关在已取得的复印件上加盖公章确认",
    Outcome.OTHER: "申请人在答复前死亡，申请终止处理",
}


def sample(outcome: Outcome, *, extra_ground: bool = False) -> Decision:
    """A decision that :func:`outcomes.decision_problems` accepts."""
    rule = outcomes.rule(outcome)
    grounds: tuple[tuple[Outcome, str], ...] = ()
    if outcome in outcomes.GROUNDS:
        grounds = ((outcome, REASONS[outcome]),)
    if outcome is Outcome.PARTIAL or extra_ground:
        extra = (
            Outcome.WITHHOLD_PROCESS
            if outcome is not Outcome.WITHHOLD_PROCESS
            else Outcome.WITHHOLD_THIRD_PARTY
        )
        grounds = (*grounds, (Outcome.WITHHOLD_THIRD_PARTY, REASONS[Outcome.WITHHOLD_THIRD_PARTY]))
        if extra is not Outcome.WITHHOLD_THIRD_PARTY:
            grounds = (*grounds, (extra, REASONS[extra]))
    agency = {}
    if outcome is Outcome.NOT_RESPONSIBLE:
        agency = {"agency": "北京市规划和自然资源委员会", "agency_contact": "010-55595000"}
    details = DETAILS.get(outcome, "") if rule.details is not None else ""
    decision = Decision(outcome, grounds, details, **agency)
    assert outcomes.decision_problems(decision) == [], (
        outcome,
        outcomes.decision_problems(decision),
    )
    return decision


def staff_samples() -> list[Decision]:
    return [sample(r.outcome) for r in outcomes.staff_outcomes()]


def venue(day: dt.date, *, online: str = "北京市行政复议网上申请平台") -> remedies.Venue:
    """The district government's venue for a department, under the text in force on ``day``."""
    if remedies.law_on(day) is remedies.ReconsiderationLaw.L2023:
        return remedies.Venue(
            remedies.VenueRule.DEPARTMENT,
            ("北京市延庆区人民政府",),
            dt.date(2024, 1, 1),
            online,
            "北京市延庆区人民法院",
        )
    return remedies.Venue(
        remedies.VenueRule.DEPARTMENT_2017,
        ("北京市延庆区人民政府", "北京市发展和改革委员会"),
        dt.date(2019, 1, 1),
        online,
        "北京市延庆区人民法院",
    )
