"""The seed district's 2019 inspection (docs/demo.md): 2019年对全区各公开单位的政府信息公开工作
情况进行全面检查 — all 62 units — finding approval rules and application procedures missing,
reply notices citing the law inaccurately or answering incompletely, case files not kept whole
and columns not updated in time; 下发通知要求各问题单位进行整改，均已完成整改: a notice to each
unit with findings, a report with evidence from each, every one closed on time (one returned
once first, to show the round)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.contrib.auth import get_user_model
from django.db import transaction

from gongkai.applications.models import Application
from gongkai.applications.notices import Block, to_docx
from gongkai.catalog.models import Column
from gongkai.demo import district
from gongkai.inspections import services
from gongkai.units.models import Unit

TITLE = "2019年度全区政府信息公开工作全面检查"
START, END = dt.date(2019, 10, 14), dt.date(2019, 11, 15)
ISSUED_ON = dt.date(2019, 11, 22)  # due 20 working days later: 2019-12-20
SCOPE = (
    "体制机制建设（信息发布审批制度、依申请公开办理流程）；依申请公开答复（告知书引用条款、答复内容）"
    "及案卷归档；政府信息公开专栏栏目更新情况。"
)
INSPECTORS = "区政府办公室政务公开科"

# (unit code, kind, description, link) — link: "application" (one of its 2019 cases), a column
# code, or "" (none). The kinds the seed's report names, spread over departments and towns.
FINDINGS: tuple[tuple[str, str, str, str], ...] = (
    ("rsj", "approval_rules", "未建立政府信息发布审批制度，主动公开信息发布前无保密审查记录。", ""),
    ("zjw", "approval_rules", "依申请公开办理流程不清晰，登记、审核、答复各环节缺少书面记录。", ""),
    ("zjw", "incomplete_file", "部分依申请公开案卷缺少送达凭证，档案保存不完整。", "application"),
    (
        "qzf",
        "wrong_article",
        "答复告知书引用法律条文不准确，“信息不存在”的答复引用了第三十六条第三项。",
        "application",
    ),
    (
        "ghzr",
        "wrong_article",
        "告知书答复不完善，未告知申请人申请行政复议或提起行政诉讼的途径。",
        "application",
    ),
    (
        "ghzr",
        "incomplete_file",
        "案卷中缺少申请人身份证明复印件和补正材料，归档不完整。",
        "application",
    ),
    ("wjw", "wrong_article", "答复告知书未写明不予公开所依据的具体条款。", ""),
    ("kzz", "stale_column", "政府信息公开专栏“工作动态”栏目三个月未更新。", "news"),
    ("jxz", "stale_column", "政府信息公开专栏“工作动态”栏目更新不及时。", "news"),
    ("scj", "stale_column", "政府信息公开专栏“统计信息”栏目更新不及时。", "statistics"),
)

# (unit code, days after the notice the unit reports, days after that the office closes)
RESPONSES = {
    "rsj": (10, 3),
    "zjw": (8, 2),
    "qzf": (6, 2),
    "ghzr": (12, 3),
    "wjw": (7, 2),
    "kzz": (5, 2),
    "jxz": (9, 3),
    "scj": (11, 2),
}
REPORT = "已对照整改通知书逐项整改：修订完善相关制度和文书模板，补齐案卷材料，明确栏目更新责任人。"
RETURNED = "zjw"  # returned once: the revised procedure had not been approved by the unit's head


def _link(unit: Unit, link: str) -> dict[str, object]:
    if link == "application":
        case = Application.objects.filter(unit=unit, receipt_date__year=2019).order_by("pk").first()
        return {"application": case}
    if link:
        return {"column": Column.objects.filter(unit=unit, code=link).first()}
    return {}


def _evidence(unit: Unit, text: str) -> tuple[str, bytes]:
    body = to_docx(
        [
            Block("title", "政府信息公开工作整改情况报告"),
            Block("plain", f"{district.GOVERNMENT}办公室："),
            Block("body", text),
            Block("right", unit.name),
        ]
    )
    return (f"{unit.short_name}整改情况报告.docx", body)


@transaction.atomic
def build_inspections(progress: Callable[[str], None]) -> list[str]:
    users = get_user_model().objects
    office = users.get(username="office")
    codes = [str(u["code"]) for u in district.units()]
    units = list(Unit.objects.filter(code__in=codes).order_by("sort_order"))
    by_code = {u.code: u for u in units}
    inspection = services.inspection_create(
        actor=office,
        title=TITLE,
        start_on=START,
        end_on=END,
        units=units,
        scope=SCOPE,
        inspectors=INSPECTORS,
    )
    for code, kind, description, link in FINDINGS:
        services.finding_add(
            actor=office,
            inspection=inspection,
            unit=by_code[code],
            kind=kind,
            description=description,
            **_link(by_code[code], link),  # type: ignore[arg-type]
        )
    on_time = 0
    for code, (after, review) in RESPONSES.items():
        unit = by_code[code]
        clerk = users.get(username=f"{code}.clerk")
        rectification = services.rectification_issue(
            actor=office, inspection=inspection, unit=unit, on=ISSUED_ON
        )
        reported = ISSUED_ON + dt.timedelta(days=after)
        text = REPORT
        if code == RETURNED:
            services.rectification_respond(
                actor=clerk, rectification=rectification, text=text, on=reported
            )
            services.rectification_return(
                actor=office,
                rectification=rectification,
                reason="修订后的依申请公开办理流程尚未经单位负责人审定，请补充审定材料。",
                on=reported + dt.timedelta(days=1),
            )
            reported += dt.timedelta(days=4)
            text += "修订后的办理流程已经单位主要负责人审定印发。"
        services.rectification_respond(
            actor=clerk,
            rectification=rectification,
            text=text,
            files=[_evidence(unit, text)],
            on=reported,
        )
        closed = services.rectification_close(
            actor=office,
            rectification=rectification,
            note="整改到位。",
            on=reported + dt.timedelta(days=review),
        )
        on_time += closed.on_time
    progress(f"2019年监督检查：整改通知 {len(RESPONSES)} 份")
    return [
        f"{TITLE}：检查单位{len(units)}家，发现问题{len(FINDINGS)}个，"
        f"下发整改通知书{len(RESPONSES)}份，均已完成整改（按期{on_time}份）"
    ]
