"""The demo district's consultations (its 调查征集 column): one of 2019 with comments, their
moderation and adoption and the published feedback, entered on the days it ran; and one open
today with a survey. The drafts and comments are the demo's own words, not the seed's
(the seed names the column but not its consultations; docs/consultations.md)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.contrib.auth import get_user_model
from django.db import transaction

from gongkai.consultations import services
from gongkai.consultations.status import Adoption
from gongkai.units.models import Unit, UnitKind

OPENS_2019 = dt.date(2019, 8, 1)
CLOSES_2019 = dt.date(2019, 8, 31)
COMMENTS_2019 = (
    ("建议在老城区增设夜间临时停车泊位，缓解居民停车难。", "", "", Adoption.ADOPTED, ""),
    (
        "收费标准应区分旅游旺季和淡季，我是张建国，电话13911112222。",
        "张建国",
        "13911112222",
        Adoption.PARTLY,
        "旺季与淡季的区分已纳入草案，具体标准由价格主管部门另行制定",
    ),
    (
        "建议全部免费停车。",
        "",
        "",
        Adoption.NOT_ADOPTED,
        "停车设施运营成本需要合理分担，全部免费不符合《北京市机动车停车条例》的规定",
    ),
)
SURVEY = """[单选] 您是否赞成征求意见稿的总体思路？
- 赞成
- 基本赞成
- 不赞成

[多选] 您最关心哪些内容？（可多选）
- 收费标准
- 泊位设置
- 执法管理

[填空] 您的其他意见和建议"""


@transaction.atomic
def build_consultations(progress: Callable[[str], None]) -> list[str]:
    office = get_user_model().objects.get(username="office")
    district = Unit.objects.filter(kind=UnitKind.DISTRICT).order_by("sort_order").first()
    assert district is not None  # the demo's first step builds the units
    with services.replaying(OPENS_2019):
        old = services.consultation_open(
            actor=office,
            unit=district,
            title="《延庆区机动车停车管理办法（征求意见稿）》公开征求意见",
            draft="为规范本区机动车停车秩序，区政府起草了《延庆区机动车停车管理办法（征求意见稿）》，"
            "现向社会公开征求意见。\n第一条 为了规范机动车停车管理……",
            opens_on=OPENS_2019,
            closes_on=CLOSES_2019,
        )
        comments = [
            services.comment_submit(consultation=old, body=body, name=name, contact=contact)
            for body, name, contact, _, _ in COMMENTS_2019
        ]
        spam = services.comment_submit(consultation=old, body="低价代办各类证件，请加微信。")
        for comment in comments:
            services.comment_moderate(actor=office, comment=comment, approve=True)
        services.comment_moderate(actor=office, comment=spam, approve=False, reason="广告信息")
    with services.replaying(dt.date(2019, 9, 20)):
        for comment, (*_, adoption, reason) in zip(comments, COMMENTS_2019, strict=True):
            services.comment_adoption(
                actor=office, comment=comment, adoption=adoption, reason=reason
            )
        services.feedback_publish(
            actor=office,
            consultation=old,
            text="感谢社会各界对《延庆区机动车停车管理办法（征求意见稿）》提出的意见建议。"
            "我们对意见逐条研究，采纳情况见各条意见后的说明。",
        )
    today = services.today()
    current = services.consultation_open(
        actor=office,
        unit=district,
        title="《延庆区政务公开工作规范（征求意见稿）》公开征求意见",
        draft="为进一步提高本区政务公开工作水平，现就《延庆区政务公开工作规范（征求意见稿）》"
        "公开征求意见。",
        opens_on=today,
        closes_on=today + dt.timedelta(days=services.minimum_days()),
    )
    services.survey_create(
        actor=office,
        title="政务公开工作规范问卷调查",
        intro="请花两分钟回答以下问题，问卷不记录您的身份。",
        questions_text=SURVEY,
        opens_on=today,
        closes_on=current.closes_on,
        consultation=current,
    )
    progress("意见征集 2件")
    return [f"意见征集：2019年1件（意见{len(comments) + 1}条，已反馈），征集中1件（附问卷）"]
