"""The demo district's applications, reconsiderations, lawsuits and complaint.

The records reproduce the figures of the seed's 2019 report (docs/demo.md): 271 applications
received in 2019, 260 from natural persons and 11 from commercial enterprises; 136 addressed to
the district government, of which 119 were answered within the statutory period in 2019 and 17
were still open at the end of 2019 and concluded in January 2020; the other units' 135 all
concluded in 2019; 7 reconsiderations (3 upheld, 1 corrected, 3 pending at the end of 2019),
5 lawsuits (2 upheld, 2 corrected, 1 other) and 1 complaint. How the 5 lawsuits divide between
"directly" and "after reconsideration" the report does not say: the demo files 3 directly and 2
after a reconsideration that was upheld.

Every record is made through the same services as real work, by the unit's own clerk and
reviewer, so the cases carry their events, notices and audit rows. A few cases are open today
(overdue, due soon, waiting for a correction, a consultation, a decision to approve, one not yet
routed) so the workbench has something to show.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from gongkai.appeals import services as appeal_services
from gongkai.appeals.models import Appeal, AppealKind, AppealResult, LitigationRoute
from gongkai.applications import services
from gongkai.applications.models import ApplicantType, Application, IdType, Subject
from gongkai.applications.outcomes import Decision, Outcome
from gongkai.core.idnumbers import resident_id_check_char
from gongkai.demo import district
from gongkai.remedies import Venue
from gongkai.units.codes import make_uscc
from gongkai.units.models import Unit
from gongkai.units.selectors import venue_on
from gongkai.workdays import clock
from gongkai.workdays import services as workdays
from gongkai.workdays.calendar import WorkdayCalendar

YEAR = 2019
DISTRICT_TOTAL, DISTRICT_CARRIED = 136, 17
OTHERS_TOTAL = 135
COMMERCIAL_DISTRICT, COMMERCIAL_OTHERS = 6, 5

# Units that received the other 135 applications, with their share (land, housing and
# demolition questions go to planning, housing, agriculture and the towns).
OTHER_UNITS = [
    ("ghzr", 22),
    ("zjw", 18),
    ("nync", 12),
    ("yqz", 10),
    ("kzz", 9),
    ("bdlz", 7),
    ("jxz", 6),
    ("zsyz", 6),
    ("rsj", 6),
    ("gaj", 5),
    ("scj", 5),
    ("sthj", 5),
    ("czj", 4),
    ("mzj", 4),
    ("jw", 3),
    ("wjw", 3),
    ("jtj", 3),
    ("swj", 3),
    ("rljd", 2),
    ("bqjd", 2),
]

SUBJECT_INFO = {
    Subject.LAND: [
        ("{village}集体土地征收批复文件", "征收土地的批准文件及征地补偿安置方案"),
        ("{village}征地补偿标准", "该村土地征收补偿费用的标准和发放情况"),
    ],
    Subject.DEMOLITION: [
        ("{village}棚户区改造项目拆迁补偿方案", "房屋征收补偿方案及评估报告"),
        ("{village}宅基地腾退补偿协议", "本人宅基地腾退补偿的测算依据"),
    ],
    Subject.HOUSING: [
        ("{village}安置房分配方案", "回迁安置房的分配方案及分配结果"),
        ("本人房屋产权登记相关材料", "房屋所有权证办理所依据的审批材料"),
    ],
    Subject.OWN_RECORDS: [
        ("本人社会保险缴费记录", "与本人相关的社保缴费及审核信息"),
        ("本人信访事项办理记录", "本人所提信访事项的处理意见"),
    ],
    Subject.PLANNING: [
        ("延庆新城{village}地块控制性详细规划", "规划批复文件及附图"),
    ],
    Subject.FINANCE: [
        ("2018年度区级部门预算执行情况", "区级专项资金的分配情况"),
    ],
}
SUBJECT_WEIGHTS = [
    (Subject.LAND, 30),
    (Subject.DEMOLITION, 25),
    (Subject.HOUSING, 20),
    (Subject.OWN_RECORDS, 12),
    (Subject.PLANNING, 8),
    (Subject.FINANCE, 5),
]
VILLAGES = [
    "东关村",
    "西关村",
    "小营村",
    "王庄村",
    "孟庄村",
    "大柏老村",
    "西屯村",
    "张山营村",
    "永宁村",
    "旧县村",
    "康庄村",
    "八达岭村",
    "刘斌堡村",
    "沈家营村",
    "大榆树村",
]

# Outcomes of the concluded cases, with weights (most answers provide the information or say
# that it does not exist or is another agency's).
OUTCOME_WEIGHTS = [
    (Outcome.PROVIDED, 40),
    (Outcome.ALREADY_PUBLIC, 8),
    (Outcome.PARTIAL, 6),
    (Outcome.WITHHOLD_PROCESS, 3),
    (Outcome.WITHHOLD_THIRD_PARTY, 3),
    (Outcome.WITHHOLD_ENFORCEMENT, 1),
    (Outcome.WITHHOLD_QUERY, 2),
    (Outcome.NOT_EXIST, 14),
    (Outcome.NOT_RESPONSIBLE, 9),
    (Outcome.NEEDS_CREATION, 3),
    (Outcome.PETITION, 5),
    (Outcome.REPEAT, 3),
    (Outcome.CONFIRM_OR_REISSUE, 1),
]
# What each reply states (the 说明 of its outcome, docs/outcomes.md).
DETAILS = {
    Outcome.ALREADY_PUBLIC: (
        "该信息已在北京市延庆区人民政府门户网站“政府信息公开”专栏主动公开，您可登录查阅"
    ),
    Outcome.PARTIAL: "邮寄纸质件",
    Outcome.NOT_EXIST: "本机关检索了2010年以来的收文、发文登记和档案目录，未找到所申请的文件",
    Outcome.NOT_RESPONSIBLE: "该信息由北京市规划和自然资源委员会延庆分局制作并保存",
    Outcome.NEEDS_CREATION: "本机关只保存逐户的原始登记材料，所申请的汇总表需要另行统计、加工",
    Outcome.PETITION: "北京市延庆区信访办公室",
    Outcome.WITHHOLD_QUERY: "不动产登记资料请持身份证明到北京市延庆区不动产登记中心依法查询",
    Outcome.REPEAT: "本机关已于此前就相同内容作出答复，并已送达",
    Outcome.CONFIRM_OR_REISSUE: "要求本机关对其持有的复印件加盖公章，确认与原件一致",
}
# The reason of each ground of 不予公开 the demo uses (法释〔2025〕8号第五条: each its own).
REASONS = {
    Outcome.WITHHOLD_THIRD_PARTY: "所申请信息中被征收户的姓名、身份证号码和补偿金额属于个人隐私，"
    "公开会损害其合法权益",
    Outcome.WITHHOLD_PROCESS: "所申请的补偿方案为征求意见稿，尚在讨论修改，未经审定",
    Outcome.WITHHOLD_ENFORCEMENT: "所申请的为违法建设查处案卷中的调查笔录和证据材料",
}
RESPONSIBLE = ("北京市规划和自然资源委员会延庆分局", "010-69100000")


def _decision(outcome: Outcome) -> Decision:
    """A decision stating everything its reply must (the demo's wording)."""
    grounds: tuple[tuple[Outcome, str], ...] = ()
    if outcome in REASONS:
        grounds = ((outcome, REASONS[outcome]),)
    if outcome is Outcome.PARTIAL:
        grounds = ((Outcome.WITHHOLD_THIRD_PARTY, REASONS[Outcome.WITHHOLD_THIRD_PARTY]),)
    agency, contact = RESPONSIBLE if outcome is Outcome.NOT_RESPONSIBLE else ("", "")
    return Decision(outcome, grounds, DETAILS.get(outcome, ""), agency, contact)


@dataclass
class Plan:
    unit: Unit
    received: dt.date
    commercial: bool
    carried: bool  # received in 2019, concluded in 2020
    subject: Subject


def _id_number(rng: random.Random) -> str:
    born = dt.date(1950, 1, 1) + dt.timedelta(days=rng.randrange(365 * 50))
    body = f"110229{born:%Y%m%d}{rng.randrange(1000):03d}"  # 110229: 延庆县 before 2015
    return body + resident_id_check_char(body)


def _person(rng: random.Random) -> str:
    given = rng.choice(district.GIVEN) + (rng.choice(district.GIVEN) if rng.random() < 0.6 else "")
    return rng.choice(district.SURNAMES) + given


def _company(rng: random.Random, n: int) -> tuple[str, str]:
    names = [
        "延庆恒达建筑工程有限公司",
        "北京妫川房地产开发有限公司",
        "北京长城兴业商贸有限公司",
        "北京八达岭旅游发展有限公司",
        "北京延庆绿源农业科技有限公司",
        "北京夏都物业管理有限公司",
        "北京龙庆峡文化旅游有限公司",
        "北京新城置业有限公司",
        "北京世园园艺有限公司",
        "北京康庄建材有限公司",
        "北京永宁古城开发有限公司",
    ]
    return names[n % len(names)], make_uscc("91", "110229", 70_000_000 + n * 13)


def _working_days(calendar: WorkdayCalendar, first: dt.date, last: dt.date) -> list[dt.date]:
    return [
        d
        for d in (first + dt.timedelta(days=i) for i in range((last - first).days + 1))
        if calendar.is_workday(d)
    ]


def _plans(rng: random.Random, units: dict[str, Unit], calendar: WorkdayCalendar) -> list[Plan]:
    body = _working_days(calendar, dt.date(YEAR, 1, 2), dt.date(YEAR, 11, 8))
    december = _working_days(calendar, dt.date(YEAR, 12, 9), dt.date(YEAR, 12, 31))
    subjects = [s for s, w in SUBJECT_WEIGHTS for _ in range(w)]
    plans: list[Plan] = []
    commercial_district = set(rng.sample(range(DISTRICT_TOTAL), COMMERCIAL_DISTRICT))
    for i in range(DISTRICT_TOTAL):
        carried = i >= DISTRICT_TOTAL - DISTRICT_CARRIED
        plans.append(
            Plan(
                units["qzf"],
                rng.choice(december if carried else body),
                i in commercial_district,
                carried,
                rng.choice(subjects),
            )
        )
    others = [units[code] for code, share in OTHER_UNITS for _ in range(share)]
    assert len(others) == OTHERS_TOTAL
    commercial_others = set(rng.sample(range(OTHERS_TOTAL), COMMERCIAL_OTHERS))
    for i, unit in enumerate(others):
        plans.append(
            Plan(unit, rng.choice(body), i in commercial_others, False, rng.choice(subjects))
        )
    return sorted(plans, key=lambda p: (p.received, p.unit.sort_order))


def _users(unit: Unit) -> tuple[AbstractBaseUser, AbstractBaseUser]:
    users = get_user_model().objects
    return users.get(username=f"{unit.code}.clerk"), users.get(username=f"{unit.code}.reviewer")


def _applicant(rng: random.Random, plan: Plan, n: int) -> services.ApplicantData:
    title, description = rng.choice(SUBJECT_INFO[plan.subject])
    village = rng.choice(VILLAGES)
    if plan.commercial:
        name, code = _company(rng, n)
        return services.ApplicantData(
            applicant_type=ApplicantType.COMMERCIAL,
            applicant_name=name,
            id_type=IdType.USCC,
            id_number=code,
            legal_representative=_person(rng),
            contact_person=_person(rng),
            phone=f"010-69{rng.randint(100000, 199999)}",
            address="北京市延庆区" + village,
            postcode="102100",
            info_title=title.format(village=village),
            info_description=description,
            provision_form="paper",
            delivery_method="post",
            subject=plan.subject,
        )
    return services.ApplicantData(
        applicant_type=ApplicantType.NATURAL,
        applicant_name=_person(rng),
        id_type=IdType.RESIDENT_ID,
        id_number=_id_number(rng),
        phone=f"13{rng.randint(100000000, 999999999)}",
        address="北京市延庆区" + village,
        postcode="102100",
        info_title=title.format(village=village),
        info_description=description,
        provision_form=rng.choice(["paper", "paper", "electronic"]),
        delivery_method=rng.choice(["post", "post", "pickup", "email"]),
        email="",
        subject=plan.subject,
    )


def _last_step(application: Application) -> dt.date:
    last = application.events.order_by("-seq").first()
    assert last is not None
    return last.occurred_on


def _handle(
    rng: random.Random, plan: Plan, application: Application, calendar: WorkdayCalendar
) -> Application:
    """Take a 2019 case to its end within the statutory period: concluded in 2019, or, for
    the 17 carried over, in January 2020."""
    clerk, reviewer = _users(plan.unit)
    received = application.receipt_date
    early = received < dt.date(YEAR, 10, 1)  # room for a restart or an extension within 2019
    roll = rng.random()
    if early and roll < 0.06:  # an unclear request: corrected, or not corrected in time
        asked = calendar.add(received, rng.randint(2, 6))
        services.application_request_correction(
            actor=clerk,
            application=application,
            on=asked,
            items="请明确所需信息的具体名称或文号，以及所涉地块的位置",
            period_days=15,
        )
        if roll < 0.02:
            services.application_lapse_correction(
                actor=clerk, application=application, on=calendar.add(asked, 16)
            )
            return application
        services.application_receive_correction(
            actor=clerk, application=application, on=calendar.add(asked, rng.randint(3, 10))
        )
    elif early and roll < 0.09:  # third party consulted
        start = calendar.add(received, rng.randint(3, 8))
        services.application_start_consultation(
            actor=clerk,
            application=application,
            on=start,
            party="被征收户（第三方）",
            with_agency=False,
            reason="所申请信息含有第三方的个人信息",
        )
        services.application_end_consultation(
            actor=clerk,
            application=application,
            on=calendar.add(start, rng.randint(5, 12)),
            result="第三方不同意公开其个人信息",
            position="objected",
        )
    application.refresh_from_db()
    if early and rng.random() < 0.05:
        proposed = calendar.add(_last_step(application), 10)
        if application.due_date is not None and proposed > application.due_date:
            proposed = application.due_date
        services.application_propose_extension(
            actor=clerk,
            application=application,
            on=proposed,
            # 20 working days under the 2019 text, 15 under the 2007 one (received before
            # 2019-05-15): the rules in force at receipt.
            days=clock.rules_for(received).extension_max.days,
            reason="所需信息涉及多个年份的档案，需要调阅检索",
        )
        services.application_approve_extension(
            actor=reviewer, application=application, on=calendar.add(proposed, 1)
        )
        application.refresh_from_db()
    due = application.due_date
    assert due is not None
    start = _last_step(application)
    if plan.carried:
        start = max(start, dt.date(YEAR, 12, 31))
    room = calendar.count(start, due)
    assert room >= 3, (application.tracking_number, start, due)
    proposed = calendar.add(start, rng.randint(1, room - 2))
    approved = calendar.add(proposed, 1)
    delivered = calendar.add(approved, 1) if approved < due and rng.random() < 0.5 else approved
    consulted = application.events.filter(kind="consultation_started").exists()
    outcome = (
        Outcome.PARTIAL
        if consulted
        else rng.choice([o for o, w in OUTCOME_WEIGHTS for _ in range(w)])
    )
    services.application_propose_decision(
        actor=clerk, application=application, on=proposed, decision=_decision(outcome)
    )
    services.application_approve_decision(actor=reviewer, application=application, on=approved)
    services.application_deliver(
        actor=clerk,
        application=application,
        on=min(delivered, due),
        method="邮寄（交邮）" if application.delivery_method == "post" else "直接送达（签收）",
    )
    application.refresh_from_db()
    return application


Progress = Callable[[str], None]


@transaction.atomic
def build_history(progress: Progress) -> list[str]:
    """The 2019 applications (and the 17 concluded in January 2020), once."""
    rng = random.Random(20191231)  # noqa: S311 - demo data
    units = {u.code: u for u in Unit.objects.all()}
    calendar = workdays.current_calendar()
    plans = _plans(rng, units, calendar)
    cases: list[Application] = []
    for n, plan in enumerate(plans):
        clerk, _ = _users(plan.unit)
        intake = services.application_register(
            actor=clerk,
            data=_applicant(rng, plan, n),
            unit=plan.unit,
            channel=rng.choice(["in_person", "in_person", "mail_signed"]),
            submitted_on=plan.received,
            signed_on=plan.received,
        )
        cases.append(_handle(rng, plan, intake.application, calendar))
        if (n + 1) % 30 == 0 or n + 1 == len(plans):
            progress(f"2019年申请 {n + 1}/{len(plans)}")
    _appeals(rng, cases, units)
    return [
        f"2019年申请：{len(plans)}件（区政府{DISTRICT_TOTAL}件，其他单位{OTHERS_TOTAL}件），"
        f"复议7件、诉讼5件、投诉1件"
    ]


# Case numbers in the style of the body that keeps them (made up, like the rest of the demo).
REVIEW_PREFIX = {district.CITY_GOVERNMENT: "京政复字", district.GOVERNMENT: "延政复字"}
COURT_PREFIX = {district.INTERMEDIATE_COURT: "京04", district.BASIC_COURT: "京0119"}


def _venue(unit: Unit, day: dt.date) -> Venue:
    """Where the unit's replies could be contested on ``day`` (the demo records one for every
    unit from 2019)."""
    venue = venue_on(unit, day)
    if venue is None:
        raise RuntimeError(f"演示数据缺少{unit.name}自{day.isoformat()}起适用的救济途径")
    return venue


def _appeals(rng: random.Random, cases: list[Application], units: dict[str, Unit]) -> None:
    """7 reconsiderations and 5 lawsuits about 2019 answers, filed in 2019; 1 complaint."""
    contested_outcomes = {
        o.value
        for o in (
            Outcome.NOT_EXIST,
            Outcome.PARTIAL,
            Outcome.WITHHOLD_PROCESS,
            Outcome.NOT_RESPONSIBLE,
            Outcome.WITHHOLD_THIRD_PARTY,
            Outcome.NEEDS_CREATION,
        )
    }
    contested = sorted(
        (
            c
            for c in cases
            if c.outcome in contested_outcomes
            and c.concluded_on is not None
            and c.concluded_on < dt.date(YEAR, 9, 1)
        ),
        key=lambda c: (c.unit_id != units["qzf"].pk, c.concluded_on),
    )
    if len(contested) < 10:
        raise RuntimeError("演示数据不足以生成复议和诉讼")
    year_end = dt.date(YEAR, 12, 27)
    reviews: list[Appeal] = []
    results = [AppealResult.UPHELD] * 3 + [AppealResult.CORRECTED] + [AppealResult.PENDING] * 3
    for n, (case, result) in enumerate(zip(contested[:7], results, strict=True), start=1):
        assert case.unit is not None
        assert case.concluded_on is not None
        filed = case.concluded_on + dt.timedelta(days=rng.randint(10, 20))
        appeal = appeal_services.appeal_record(
            actor=None,
            data={
                "kind": AppealKind.RECONSIDERATION,
                "unit": case.unit,
                "application": case,
                "body": (body := _venue(case.unit, filed).bodies[0]),
                "appellant": case.applicant_name,
                "filed_on": filed,
                "case_number": f"{REVIEW_PREFIX.get(body, '复字')}〔{YEAR}〕{n}号",
                "summary": f"申请人不服{case.unit.short_name}的政府信息公开答复"
                f"（{case.tracking_number}）",
            },
        )
        # Decided within 2019, except the three still pending at the end of 2019 (decided 2020).
        decided = min(filed + dt.timedelta(days=40), year_end)
        if result is AppealResult.PENDING:
            result, decided = AppealResult.UPHELD, dt.date(YEAR + 1, 2, 20)
        appeal = appeal_services.appeal_decide(
            actor=None,
            appeal=appeal,
            result=result,
            decided_on=decided,
            detail="维持原答复" if result is AppealResult.UPHELD else "责令被申请人重新答复",
        )
        reviews.append(appeal)
    upheld_2019 = [
        r
        for r in reviews
        if r.result == AppealResult.UPHELD
        and r.decided_on is not None
        and r.decided_on.year == YEAR
    ]
    suits = [
        (AppealResult.UPHELD, LitigationRoute.AFTER_REVIEW, upheld_2019[0], None),
        (AppealResult.CORRECTED, LitigationRoute.AFTER_REVIEW, upheld_2019[1], None),
        (AppealResult.UPHELD, LitigationRoute.DIRECT, None, contested[7]),
        (AppealResult.CORRECTED, LitigationRoute.DIRECT, None, contested[8]),
        (AppealResult.OTHER, LitigationRoute.DIRECT, None, contested[9]),
    ]
    details = {
        AppealResult.UPHELD: "驳回原告的诉讼请求",
        AppealResult.CORRECTED: "撤销被诉答复，责令重新答复",
        AppealResult.OTHER: "原告撤回起诉",
    }
    for n, (result, route, review, direct_case) in enumerate(suits, start=1):
        sued = review.application if review is not None else direct_case
        assert sued is not None
        assert sued.unit is not None
        assert sued.concluded_on is not None
        start = review.decided_on if review is not None and review.decided_on else sued.concluded_on
        filed = start + dt.timedelta(days=10)
        appeal = appeal_services.appeal_record(
            actor=None,
            data={
                "kind": AppealKind.LITIGATION,
                "route": route,
                "unit": sued.unit,
                "application": sued,
                "previous": review,
                "body": (court := _venue(sued.unit, filed).court),
                "appellant": sued.applicant_name,
                "filed_on": filed,
                "case_number": f"（{YEAR}）{COURT_PREFIX.get(court, '')}行初{100 + n}号",
                "summary": f"原告诉{sued.unit.short_name}政府信息公开答复"
                f"（{sued.tracking_number}）",
            },
        )
        appeal_services.appeal_decide(
            actor=None,
            appeal=appeal,
            result=result,
            decided_on=min(filed + dt.timedelta(days=30), year_end),
            detail=details[result],
        )
    appeal_services.appeal_record(
        actor=None,
        data={
            "kind": AppealKind.COMPLAINT,
            "unit": units["zjw"],
            "body": district.GOVERNMENT,
            "appellant": "匿名举报人",
            "filed_on": dt.date(YEAR, 6, 18),
            "summary": "反映区住房城乡建设委未在规定期限内答复政府信息公开申请",
            "result": AppealResult.OTHER,
            "decided_on": dt.date(YEAR, 7, 5),
            "result_detail": "经核实，已督促该单位依法答复并完善申请登记制度",
        },
    )


def _received_for(calendar: WorkdayCalendar, due: dt.date) -> dt.date:
    """The latest receipt date whose 20-working-day answer period ends on ``due``."""
    day = due
    while calendar.add(day, 20) > due:
        day -= dt.timedelta(days=1)
    return day


def _back(calendar: WorkdayCalendar, today: dt.date, n: int) -> dt.date:
    """The working day ``n`` working days before ``today``."""
    day = today
    while calendar.count(day, today) < n or not calendar.is_workday(day):
        day -= dt.timedelta(days=1)
    return day


@transaction.atomic
def build_today(progress: Progress) -> list[str]:
    """Open cases around today, so the workbench shows overdue, due-soon and waiting cases."""
    rng = random.Random(20261127)  # noqa: S311 - demo data
    units = {u.code: u for u in Unit.objects.all()}
    calendar = workdays.current_calendar()
    today = services.today()
    made: list[str] = []

    def register(code: str, received: dt.date, subject: Subject, n: int) -> Application:
        plan = Plan(units[code], received, False, False, subject)
        clerk, _ = _users(units[code])
        intake = services.application_register(
            actor=clerk,
            data=_applicant(rng, plan, 500 + n),
            unit=units[code],
            channel="in_person",
            submitted_on=received,
            registered_on=received,
        )
        made.append(intake.application.tracking_number)
        return intake.application

    # Overdue: the answer period ended 3 and 1 working days ago.
    register("qzf", _received_for(calendar, _back(calendar, today, 3)), Subject.LAND, 1)
    register("zjw", _received_for(calendar, _back(calendar, today, 1)), Subject.DEMOLITION, 2)
    # Due soon: today and in 2 working days; the second has an extension waiting for approval.
    register("qzf", _received_for(calendar, today), Subject.HOUSING, 3)
    soon = register("ghzr", _received_for(calendar, calendar.add(today, 2)), Subject.LAND, 4)
    clerk, _ = _users(units["ghzr"])
    services.application_propose_extension(
        actor=clerk,
        application=soon,
        on=today,
        days=15,
        reason="涉及2015年至2018年的征地档案，需要调阅检索",
    )
    # A decision waiting for the reviewer.
    pending = register("fgw", _back(calendar, today, 6), Subject.FINANCE, 5)
    clerk, _ = _users(units["fgw"])
    services.application_propose_decision(
        actor=clerk, application=pending, on=today, decision=_decision(Outcome.PROVIDED)
    )
    # Waiting for a correction; a third party consulted.
    unclear = register("yqz", _back(calendar, today, 3), Subject.OWN_RECORDS, 6)
    clerk, _ = _users(units["yqz"])
    services.application_request_correction(
        actor=clerk,
        application=unclear,
        on=_back(calendar, today, 1),
        items="请提供所需信息的名称、文号或者所涉事项的时间、地点",
        period_days=15,
    )
    consulted = register("zjw", _back(calendar, today, 8), Subject.DEMOLITION, 7)
    clerk, _ = _users(units["zjw"])
    services.application_start_consultation(
        actor=clerk,
        application=consulted,
        on=_back(calendar, today, 4),
        party="北京妫川房地产开发有限公司",
        with_agency=False,
        reason="所申请的补偿协议含有该公司的商业信息",
    )
    # A reply approved yesterday, to be delivered.
    answered = register("nync", _back(calendar, today, 10), Subject.LAND, 8)
    clerk, reviewer = _users(units["nync"])
    services.application_propose_decision(
        actor=clerk,
        application=answered,
        on=_back(calendar, today, 2),
        decision=_decision(Outcome.NOT_EXIST),
    )
    services.application_approve_decision(
        actor=reviewer, application=answered, on=_back(calendar, today, 1)
    )
    # Filed online today, one of them not knowing which unit holds the information.
    for n, unit in enumerate((None, units["fgw"]), start=9):
        plan = Plan(unit or units["qzf"], today, False, False, Subject.PLANNING)
        data = _applicant(rng, plan, 500 + n)
        data.delivery_method, data.email = "download", ""
        intake = services.application_submit_online(data=data, unit=unit)
        made.append(intake.application.tracking_number)
    progress(f"当前在办申请 {len(made)}件")
    return [
        f"当前在办申请：{len(made)}件（超期2件、即将到期2件、待补正、征求意见、待审核、待送达、待分办各1件、网上新收1件）"
    ]
