"""The return's counted figures, read from the records of the year: the catalog's published
items by column and its interpretations by form (信息发布、解读回应), the response log, the
public's questions (留言办理) and the consultations with their surveys (征集调查); and the
reconciliation with table 二 of the disclosure annual report of the same year."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django.db.models import Count, Min, QuerySet

from gongkai.catalog.models import Column, Item
from gongkai.catalog.selectors import documents_table
from gongkai.consultations.models import Comment, Consultation, Survey
from gongkai.consultations.models import Response as SurveyResponse
from gongkai.questions.models import Question
from gongkai.questions.status import REPLIED, Kind, Status
from gongkai.regions import services as regions
from gongkai.report_format import FormatVersion
from gongkai.reports import services as reports
from gongkai.reports.models import AnnualReport, ReportStatus
from gongkai.websitereport import form
from gongkai.websitereport.models import ConcernResponse, ReturnStatus, WebsiteReturn


def published_in(year: int) -> QuerySet[Item]:
    """The items published in the year and not withdrawn: what the website carried."""
    return Item.objects.published().filter(published_on__year=year)


def column_counts(year: int) -> dict[str, int]:
    """The year's published items per column code (the units share the standard tree's codes)."""
    rows = published_in(year).values("column__code").annotate(n=Count("id"))
    return {row["column__code"]: row["n"] for row in rows}


def interpretation_forms(year: int) -> dict[str, int]:
    rows = (
        published_in(year)
        .filter(interprets__isnull=False)
        .values("interpretation_form")
        .annotate(n=Count("id"))
    )
    return {row["interpretation_form"]: row["n"] for row in rows}


def responses_in(year: int) -> QuerySet[ConcernResponse]:
    return ConcernResponse.objects.filter(responded_on__year=year)


def questions(year: int, *, working_days: bool) -> dict[str, Any]:
    """留言办理: received in the year; concluded in the year (replied, or registered as a
    disclosure application — those received in the year); the mean days from receipt to reply
    of the year's replies; the replies published on the portal. Only the public's questions:
    a report of an error on the site (我为政府网站找错) is a row of the same table but no 留言."""
    asked = Question.objects.of_kind(Kind.QUESTION)
    received = asked.filter(received_on__year=year)
    replied = [
        (start, end, unit_id)
        for start, end, unit_id in asked.filter(
            status__in=[s.value for s in REPLIED], replied_on__year=year
        ).values_list("received_on", "replied_on", "unit_id")
        if end is not None and end >= start
    ]
    converted = received.filter(status=Status.CONVERTED.value).count()
    if working_days:
        calendar_of = regions.calendars()
        durations = [calendar_of(unit_id).count(start, end) for start, end, unit_id in replied]
    else:
        durations = [(end - start).days for start, end, _unit_id in replied]
    return {
        "messages_received": received.count(),
        "messages_closed": len(durations) + converted,
        "messages_days": form.average_days(durations),
        "messages_public": asked.filter(
            status=Status.PUBLISHED.value, replied_on__year=year
        ).count(),
    }


def consultations(year: int) -> dict[str, int]:
    """征集调查: consultations opened in the year and surveys of their own opened in it; the
    comments and survey answers received in the year; the feedback published in the year."""
    rounds = (
        Consultation.objects.filter(opens_on__year=year).count()
        + Survey.objects.filter(consultation__isnull=True, opens_on__year=year).count()
    )
    opinions = (
        Comment.objects.filter(received_at__year=year).count()
        + SurveyResponse.objects.filter(received_at__year=year).count()
    )
    results = Consultation.objects.filter(feedback_published_at__year=year).count()
    return {"surveys": rounds, "survey_opinions": opinions, "survey_results": results}


def counted(ret: WebsiteReturn) -> dict[str, Any]:
    """Every counted row of the return of ``ret.year``, with the office's choices."""
    year = ret.year
    out: dict[str, Any] = {}
    out |= form.information(column_counts(year), ret.column_categories)
    out |= form.interpretations(interpretation_forms(year), ret.interpretation_products)
    out["responses"] = form.responses(
        responses_in(year).values_list("concern", flat=True), ret.response_count
    )
    out |= questions(year, working_days=ret.working_days)
    out |= consultations(year)
    return out


def columns() -> list[tuple[str, str, form.Category]]:
    """(code, name, default category) of every column code that holds items, in tree order."""
    names = dict(
        Column.objects.filter(kind__in=["general", "normative", "regulation", "interpretation"])
        .values_list("code")
        .annotate(first=Min("name"))
        .values_list("code", "first")
    )
    return [(code, name, form.category_of(code, {})) for code, name in sorted(names.items())]


# --- reconciliation -----------------------------------------------------------------------------
def _number(value: Any) -> int | None:
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return None
    return int(number) if number.is_finite() and number == number.to_integral_value() else None


def district_report(year: int) -> AnnualReport | None:
    return AnnualReport.objects.filter(year=year, unit__isnull=True).first()


def reconciliation(ret: WebsiteReturn, figures: dict[str, Any]) -> dict[str, Any]:
    """The return against table 二 of the district's annual report of the same year: the 规章
    and 规范性文件 cells that the catalog fills, as the return's records count them and as the
    report states them (published: frozen; a draft: as it stands), and the 目录's total against
    what table 二 says was published. ``differences`` lists each disagreement in Chinese."""
    report = district_report(ret.year)
    if report is None:
        return {
            "report": None,
            "differences": [],
            "note": f"{ret.year}年度全区政府信息公开工作年度报告尚未编制，暂无法核对表二",
        }
    built = reports.build(report)
    version = FormatVersion(report.format_version)
    table = built.get("proactive", {}).get(reports.CATALOG_ITEM, {})
    ours = documents_table(year=ret.year, unit=None)
    pairs = []
    unreadable = []
    for (row, column), (kind, count) in reports.CATALOG_CELLS[version].items():
        theirs = _number(table.get(row, {}).get(column))
        label = f"表二“{row}”的“{column}”"
        if theirs is None:
            unreadable.append(f"{label}无法读取")
            continue
        published = count == "published" or (version == FormatVersion.V2021 and count == "made")
        pairs.append(form.Pair(label, ours[kind][count], theirs, published))
    state = "已发布" if report.status == ReportStatus.PUBLISHED else "尚未发布，按当前内容核对"
    return {
        "report": report,
        "pairs": pairs,
        "differences": unreadable
        + form.reconcile(pairs, catalog_total=int(figures.get("info_catalog", 0))),
        "note": f"核对对象：{report.title}（{state}）",
    }


def latest_published() -> WebsiteReturn | None:
    return WebsiteReturn.objects.filter(status=ReturnStatus.PUBLISHED).order_by("-year").first()
