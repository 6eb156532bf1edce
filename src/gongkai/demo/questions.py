"""The public's questions for the demo district: the seed answers some 50 online questions a day
on the 便民资讯库 (世园、交通、旅游、食宿; the seed's report, section 一(二)3). The demo keeps a
handful, as the staff would find them on a working day: published replies, one answered
privately, some in progress, one waiting for the office, one past its due date, and one that
asked for a document and became an application (docs/demo.md)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any
from unittest import mock

from django.contrib.auth import get_user_model
from django.db import transaction

from gongkai.applications import services as applications
from gongkai.questions import services
from gongkai.units.models import Unit

# (days ago, unit code or "", name, subject, text, public, what happens: reply text, "draft:…",
# "routed", "convert" or "")
QUESTIONS: tuple[tuple[int, str, str, str, str, bool, str], ...] = (
    (
        12,
        "jtj",
        "王建国",
        "延庆到市区的公交早班车几点发车",
        "请问919路快车从延庆城区到德胜门的首班车是几点？节假日是否调整？",
        True,
        "您好！919路快车工作日首班车6:00自延庆东关发车，节假日时刻不变。具体以北京公交集团公布的"
        "时刻表为准。",
    ),
    (
        10,
        "whly",
        "李秀英",
        "八达岭长城冬季开放时间",
        "冬季想去八达岭长城，开放时间是几点到几点？是否需要提前预约？",
        True,
        "您好！八达岭长城11月1日至次年3月31日开放时间为7:30至16:00，实行实名预约购票，"
        "可通过“八达岭长城”官方平台预约。",
    ),
    (
        9,
        "sw",
        "赵敏",
        "世园会园区周边餐饮住宿",
        "世园会园区附近有哪些可以住宿的民宿？是否有统一的预订平台？我的电话13901234567。",
        True,
        "您好！区商务局在“延庆便民资讯库·食宿”栏目发布了园区周边登记备案的民宿名单，"
        "可按乡镇查询并直接联系预订。",
    ),
    (
        8,
        "rsj",
        "陈立",
        "灵活就业人员社保缴费",
        "灵活就业人员在延庆如何办理养老保险缴费？",
        False,
        "您好！请携带身份证到区政务服务中心社保窗口办理登记，之后可通过银行代扣方式缴费。",
    ),
    (
        6,
        "zjw",
        "刘洋",
        "老旧小区改造计划",
        "请问我们小区（高塔街某小区）是否列入今年的老旧小区综合整治计划？",
        True,
        "routed",
    ),
    (
        5,
        "mzj",
        "孙丽",
        "高龄津贴申领条件",
        "80岁以上老人的高龄津贴怎么申请，需要哪些材料？",
        True,
        "draft:您好！年满80周岁的本区户籍老年人可向户籍所在地街道（乡镇）申请高龄津贴，"
        "需提供身份证和户口簿。",
    ),
    (
        2,
        "",
        "周杰",
        "冬奥会场馆赛后开放",
        "延庆赛区的冬奥场馆赛后是否对公众开放？如何预约参观？",
        True,
        "",
    ),
    (
        9,
        "ghzr",
        "吴刚",
        "申请获取某村规划图",
        "我想要延庆镇某村的村庄规划图纸和批复文件，能否提供？",
        True,
        "convert",
    ),
)


@transaction.atomic
def build_questions(progress: Callable[[str], None]) -> list[str]:
    users = get_user_model().objects
    office = users.get(username="office")
    today = services.today()
    counts: dict[str, int] = {}
    for days, code, name, subject, text, public, then in QUESTIONS:
        received = today - dt.timedelta(days=days)
        unit = Unit.objects.filter(code=code).first() if code else None
        with mock.patch.object(services, "today", return_value=received):
            submitted = services.question_submit(
                data=services.AskerData(
                    asker_name=name, subject=subject, text=text, phone="13800000000",
                    public=public,
                ),
                unit=None,
            )  # fmt: skip
        question = submitted.question
        if unit is None:
            counts["待分办"] = counts.get("待分办", 0) + 1
            continue
        question = services.question_route(actor=office, question=question, unit=unit)
        clerk = users.get(username=f"{code}.clerk")
        reviewer = users.get(username=f"{code}.reviewer")
        if then == "convert":
            services.question_convert(
                actor=clerk,
                question=question,
                data=applications.ApplicantData(
                    applicant_type="natural",
                    applicant_name=name,
                    id_type="resident_id",
                    id_number="11010519491231002X",
                    phone="13800000000",
                    info_title=subject,
                    info_description=text,
                ),
                unit=unit,
            )
        elif then == "routed":
            pass
        elif then.startswith("draft:"):
            services.question_draft(actor=clerk, question=question, reply=then[6:])
        else:
            question = services.question_draft(actor=clerk, question=question, reply=then)
            # replied two days after it arrived, as the seed's 24-hour service would
            replied = min(received + dt.timedelta(days=2), today)
            with mock.patch.object(services, "today", return_value=replied):
                services.question_approve(actor=reviewer, question=question)
        key = {"convert": "转为申请", "routed": "办理中"}.get(then, "")
        key = key or ("待审核" if then.startswith("draft:") else "已答复")
        counts[key] = counts.get(key, 0) + 1
    progress(f"留言咨询 {len(QUESTIONS)}条")
    return [
        "留言咨询：" + "，".join(f"{k}{v}条" for k, v in counts.items()),
        build_site_errors(office, today),
    ]


# 我为政府网站找错: (days ago, page, category, description, unit that answers, reply or "").
SITE_ERRORS = (
    (
        9,
        "/key-areas/",
        "stale",
        "重点领域信息公开中“公共文体”栏目最近一条信息是三个月前发布的。",
        "whly",
        "感谢您的反映。我局已补充发布近期公共文化活动信息，并明确专人每周更新该栏目。",
    ),
    (1, "/units/", "typo", "公开单位列表中某单位办公地址的门牌号有误。", "", ""),
)


def build_site_errors(office: Any, today: dt.date) -> str:
    """Two reports of errors on the site: one answered by the unit that runs the column, one
    waiting for the office to route it."""
    users = get_user_model().objects
    for days, page, category, text, code, reply in SITE_ERRORS:
        with mock.patch.object(services, "today", return_value=today - dt.timedelta(days=days)):
            report = services.site_error_submit(
                data=services.SiteErrorData(page_url=page, category=category, description=text)
            ).question
        unit = Unit.objects.filter(code=code).first() if code else None
        if unit is None:
            continue
        report = services.question_route(actor=office, question=report, unit=unit)
        report = services.question_draft(
            actor=users.get(username=f"{code}.clerk"), question=report, reply=reply
        )
        services.question_approve(actor=users.get(username=f"{code}.reviewer"), question=report)
    return f"网站找错：{len(SITE_ERRORS)}条"
