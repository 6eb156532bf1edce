"""The monthly statistics page and its export: the office and the supervisor see the district
and every unit, a unit's staff their own unit (gongkai.accounts.access)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.safestring import mark_safe

from gongkai.accounts.access import (
    Action,
    get_unit,
    is_district_wide,
    is_whole_deployment,
    staff_view,
    visible_units,
)
from gongkai.core import params
from gongkai.core.downloads import content_disposition
from gongkai.statistics import charts, export
from gongkai.statistics.figures import Month, show_number, show_percent
from gongkai.statistics.selectors import MonthReport, month_report, year_trend
from gongkai.units.models import Staff, Unit

FIRST_YEAR = 2008  # the first year under the Regulation


@dataclass(frozen=True)
class Choice:
    month: Month
    unit: Unit | None  # None: the district
    district_wide: bool  # the caller sees every unit of their scope
    # the units of the scope (``unit`` None): the caller's whole subtree (accounts.access.scope)
    units: tuple[Unit, ...] = ()
    whole: bool = False  # the whole deployment: the cases not yet routed count too


def _choice(request: HttpRequest, staff: Staff) -> Choice:
    """The month and scope asked for; a unit the caller may not see is a 404 (get_unit)."""
    today = timezone.localdate()
    year = params.year(request.GET, default=today.year, low=FIRST_YEAR, high=today.year)
    last_month = today.month if year == today.year else 12
    month = params.integer(request.GET, "month", default=last_month, low=1, high=12)
    assert month is not None
    month = min(month, last_month)
    wide = is_district_wide(staff)
    unit_id = params.ident(request.GET, "unit")
    unit: Unit | None
    if unit_id is not None:
        unit = get_unit(staff, unit_id)
    elif wide:
        unit = None
    else:
        unit = get_unit(staff, staff.unit_id or 0)
    units: tuple[Unit, ...] = ()
    if unit is None:
        units = tuple(visible_units(staff).filter(is_active=True).order_by("sort_order", "id"))
    return Choice(Month(year, month), unit, wide, units, is_whole_deployment(staff))


def _report(choice: Choice) -> tuple[MonthReport, list[Unit]]:
    units = list(choice.units) if choice.unit is None else [choice.unit]
    report = month_report(
        choice.month,
        units,
        # a government's overview counts the applications sent to it and not yet routed
        district=choice.unit is None,
        today=timezone.localdate(),
        whole=choice.whole,
    )
    return report, units


def _scope_name(choice: Choice) -> str:
    return "全区" if choice.unit is None else choice.unit.name


def _charts(report: MonthReport, trend: dict[str, list[int]], scope: str) -> list[dict[str, Any]]:
    total, label = report.total, report.month.label
    out = []
    for chart_id, title, rows, unit, head in (
        ("chart-channel", f"{scope}{label}新收申请（按渠道）", total.channel_rows(), "件", "件数"),
        (
            "chart-applicant",
            f"{scope}{label}新收申请（按申请人类型）",
            total.applicant_rows(),
            "件",
            "件数",
        ),
        (
            "chart-outcome",
            f"{scope}{label}办结申请（按办理结果）",
            total.outcome_rows(),
            "件",
            "件数",
        ),
        (
            "chart-published",
            f"{scope}{label}主动公开信息（按栏目类型）",
            total.published_rows(),
            "条",
            "条数",
        ),
    ):
        desc = "；".join(f"{name}{value}{unit}" for name, value in rows) + "。"
        svg = charts.bar_chart(
            chart_id=chart_id,
            title=title,
            desc=f"条形图，合计{sum(v for _, v in rows)}{unit}：{desc}",
            labels=[name for name, _ in rows],
            values=[value for _, value in rows],
            unit=unit,
        )
        out.append(
            {
                "id": chart_id,
                "title": title,
                "svg": mark_safe(svg),  # noqa: S308 - built by charts.py, every text escaped
                "head": head,
                "rows": rows,
                "total": sum(v for _, v in rows),
            }
        )
    months = [f"{m}月" for m in range(1, len(trend["new"]) + 1)]
    year = report.month.year
    desc = "；".join(
        f"{m}新收{n}件、答复{a}件"
        for m, n, a in zip(months, trend["new"], trend["answered"], strict=True)
    )
    svg = charts.line_chart(
        chart_id="chart-trend",
        title=f"{scope}{year}年各月新收申请和答复",
        desc=f"折线图：{desc}。",
        labels=months,
        series=[("新收申请", trend["new"]), ("答复送达", trend["answered"])],
    )
    out.append(
        {
            "id": "chart-trend",
            "title": f"{scope}{year}年各月新收申请和答复",
            "svg": mark_safe(svg),  # noqa: S308 - built by charts.py, every text escaped
            "trend": list(zip(months, trend["new"], trend["answered"], strict=True)),
        }
    )
    return out


@staff_view(Action.VIEW_STATISTICS)
def monthly(request: HttpRequest, staff: Staff) -> HttpResponse:
    choice = _choice(request, staff)
    report, units = _report(choice)
    today = timezone.localdate()
    through = today.month if choice.month.year == today.year else 12
    trend = year_trend(
        choice.month.year,
        units,
        district=choice.unit is None,
        through=through,
        whole=choice.whole,
    )
    scope = _scope_name(choice)
    total = report.total
    return render(
        request,
        "statistics/monthly.html",
        {
            "choice": choice,
            "report": report,
            "scope": scope,
            "charts": _charts(report, trend, scope),
            "years": range(today.year, FIRST_YEAR - 1, -1),
            "months": range(1, 13),
            "units": list(visible_units(staff).filter(is_active=True).order_by("sort_order", "id")),
            "on_time_rate": show_percent(total.on_time_rate),
            "median_days": show_number(total.median_days),
            "unit_rows": [
                (unit, f, show_percent(f.on_time_rate), show_number(f.median_days))
                for unit, f in report.units
            ]
            if choice.unit is None
            else [],
        },
    )


@staff_view(Action.VIEW_STATISTICS)
def monthly_export(request: HttpRequest, staff: Staff) -> HttpResponse:
    choice = _choice(request, staff)
    report, _ = _report(choice)
    scope = _scope_name(choice)
    content = export.to_xlsx(report, scope=scope, with_units=choice.unit is None)
    response = HttpResponse(
        content,
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    name = f"{scope}{choice.month.year}年{choice.month.month:02d}月政府信息公开统计.xlsx"
    response["Content-Disposition"] = content_disposition(name)
    return response
