from __future__ import annotations

import calendar as pycalendar
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from gongkai.accounts.access import Action, staff_view
from gongkai.core import params
from gongkai.core.downloads import content_disposition
from gongkai.units.models import Staff
from gongkai.workdays import clock, services
from gongkai.workdays.arrangement import NEW_YEAR_BRIDGE_FROM, ArrangementError, parse_text
from gongkai.workdays.calendar import FIRST_DAY, LAST_DAY, CalendarRangeError
from gongkai.workdays.forms import ArrangementUploadForm, DeadlineForm
from gongkai.workdays.models import ArrangementVersion


def deadline_context(request: HttpRequest) -> dict[str, Any]:
    """The calculator shared by the portal and the staff pages."""
    form = DeadlineForm(request.GET if "received" in request.GET else None)
    context: dict[str, Any] = {"form": form, "result": None}
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        on = form.on_day(timezone.localdate())
        try:
            result = services.compute(data["received"], form.events(), period=data["days"])
            left = result.working_days_left(on)
            context.update(
                result=result,
                on=on,
                left=left,
                overdue=-left if left is not None and left < 0 else None,
                days=result.explained_days(),
            )
        except (clock.ClockError, CalendarRangeError) as exc:
            form.add_error(None, str(exc))
    return context


@staff_view(Action.STAFF_HOME)
def staff_deadline(request: HttpRequest, staff: Staff) -> HttpResponse:
    return render(request, "workdays/staff_deadline.html", deadline_context(request))


@staff_view(Action.VIEW_CALENDAR)
def calendar_index(request: HttpRequest, staff: Staff) -> HttpResponse:
    return render(
        request,
        "workdays/calendar_index.html",
        {"years": services.years_overview(), "missing": services.missing_next_year()},
    )


def _months(year: int) -> list[dict[str, Any]]:
    cal = services.current_calendar()
    months = []
    for month in range(1, 13):
        weeks = []
        for week in pycalendar.Calendar(firstweekday=0).monthdatescalendar(year, month):
            weeks.append([cal.info(d) if d.month == month else None for d in week])
        months.append({"month": month, "weeks": weeks})
    return months


@staff_view(Action.VIEW_CALENDAR)
def calendar_year(request: HttpRequest, staff: Staff, year: int) -> HttpResponse:
    if not FIRST_DAY.year <= year <= LAST_DAY.year:
        raise Http404
    forced = services.in_force().get(year)
    return render(
        request,
        "workdays/calendar_year.html",
        {
            "year": year,
            "arrangement": forced[0] if forced else None,
            "source": services.describe(forced[1]) if forced else "",
            "versions": ArrangementVersion.objects.filter(year=year).order_by("-version"),
            "months": _months(year),
            "weekdays": ["一", "二", "三", "四", "五", "六", "日"],
        },
    )


@staff_view(Action.VIEW_CALENDAR)
def calendar_export(request: HttpRequest, staff: Staff, year: int) -> HttpResponse:
    forced = services.in_force().get(year)
    if forced is None:
        raise Http404
    version = params.raw(request.GET, "version")
    arrangement = forced[0]
    if version:
        number = params.parse_int(version, low=0, high=2**31 - 1)
        stored = (
            ArrangementVersion.objects.filter(year=year, version=number).first()
            if number is not None
            else None
        )
        if stored is None:
            raise Http404
        arrangement = stored.arrangement()
    response = HttpResponse(arrangement.to_yaml(), content_type="application/x-yaml; charset=utf-8")
    response["Content-Disposition"] = content_disposition(f"holidays-{year}.yaml")
    return response


@staff_view(Action.MANAGE_CALENDAR)
def calendar_load(request: HttpRequest, staff: Staff) -> HttpResponse:
    context: dict[str, Any] = {
        "example": _EXAMPLE,
        "new_year_bridge_from": NEW_YEAR_BRIDGE_FROM,
    }
    if request.method != "POST":
        context["form"] = ArrangementUploadForm()
        return render(request, "workdays/calendar_load.html", context)
    form = ArrangementUploadForm(request.POST, request.FILES)
    context["form"] = form
    if not form.is_valid():
        return render(request, "workdays/calendar_load.html", context, status=400)
    content, name = form.content()
    try:
        arrangement = parse_text(content, filename=name)
    except ArrangementError as exc:
        context["problems"] = exc.problems
        return render(request, "workdays/calendar_load.html", context, status=400)
    if not form.cleaned_data.get("confirm"):
        forced = services.in_force().get(arrangement.year)
        context.update(
            preview=arrangement,
            replaces=services.describe(forced[1]) if forced else None,
            changes=services.changed_days(services.current_calendar(), arrangement),
            confirm_form=ArrangementUploadForm(
                initial={
                    "text": content.decode("utf-8-sig"),
                    "note": form.cleaned_data["note"],
                    "confirm": True,
                }
            ),
            source_name=name,
        )
        return render(request, "workdays/calendar_load.html", context)
    try:
        result = services.arrangement_load(
            actor=request.user,
            arrangement=arrangement,
            source_name=params.text(request.POST, "source_name", max_length=200, default=name),
            note=form.cleaned_data["note"],
        )
    except ArrangementError as exc:
        context["problems"] = exc.problems
        return render(request, "workdays/calendar_load.html", context, status=400)
    messages.success(
        request,
        f"已载入{arrangement.year}年节假日安排（{arrangement.notice}），第{result.version.version}版；"
        f"{len(result.changes)}天的工作日状态改变，重新计算期限{result.recomputed}件。",
    )
    return redirect("staff:calendar_year", year=arrangement.year)


_EXAMPLE = """year: 2027
notice: 国办发明电〔2026〕X号
title: 国务院办公厅关于2027年部分节假日安排的通知
dated: 2026-11-XX
holidays:
  - name: 元旦
    start: 2027-01-01
    end: 2027-01-03
  - name: 春节
    start: 2027-02-06
    end: 2027-02-13
makeup_workdays:
  - date: 2027-02-14
    name: 春节
"""
