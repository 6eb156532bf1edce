"""The rectification notice (整改通知书) of one unit as a DOCX: the inspection, the unit's
findings each with the rule it breaches, the due date on the working-day clock and the basis.
Laid out like the applications' notices (GB/T 9704, gongkai.applications.notices.to_docx)."""

from __future__ import annotations

import datetime as dt

from gongkai import law
from gongkai.applications.notices import Block, to_docx
from gongkai.inspections.kinds import FindingKind
from gongkai.inspections.models import Rectification

NUMERALS = "一二三四五六七八九十"


def _numeral(n: int) -> str:
    if n <= 10:
        return NUMERALS[n - 1]
    if n < 20:
        return "十" + NUMERALS[n - 11]
    return str(n)


def _date(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def blocks(rectification: Rectification) -> list[Block]:
    inspection = rectification.inspection
    unit = rectification.unit
    findings = list(rectification.findings.order_by("pk"))
    period = (
        _date(inspection.start_on)
        if inspection.start_on == inspection.end_on
        else f"{_date(inspection.start_on)}至{_date(inspection.end_on)}"
    )
    out = [
        Block("title", "政府信息公开工作整改通知书"),
        Block("center", rectification.number),
        Block("plain", f"{unit.name}："),
        Block(
            "body",
            f"根据{law.ART47_SUPERVISION.citation}，{rectification.issuer}于{period}开展了"
            f"“{inspection.title}”，对你单位政府信息公开工作进行了检查。检查发现以下问题：",
        ),
    ]
    for n, finding in enumerate(findings, 1):
        kind = FindingKind(finding.kind)
        concerns = f"（涉及：{finding.reference}）" if finding.reference else ""
        out.append(
            Block(
                "body",
                f"{_numeral(n)}、{kind.label}。{finding.description}{concerns}"
                f"依据：{kind.basis.citation}。",
            )
        )
    out.append(
        Block(
            "body",
            f"请你单位对照上述问题认真整改，于{_date(rectification.due_date)}前"
            f"（自本通知下发之日起{rectification.working_days}个工作日内，遇法定节假日顺延）"
            "将整改情况及佐证材料通过政府信息公开工作平台报送。",
        )
    )
    if rectification.requirements:
        out.append(Block("body", f"整改要求：{rectification.requirements}"))
    out.append(
        Block("body", f"依据：{law.ART47_SUPERVISION.citation}：{law.ART47_SUPERVISION.rule}。")
    )
    out.append(Block("right", rectification.issuer))
    out.append(Block("right", _date(rectification.issued_on)))
    return out


def notice_docx(rectification: Rectification) -> bytes:
    return to_docx(blocks(rectification), footer=rectification.number)


def filename(rectification: Rectification) -> str:
    return f"整改通知书-{rectification.unit.short_name}-{rectification.number}.docx"
