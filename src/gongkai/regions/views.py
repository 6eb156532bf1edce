"""The regional days: every government's own holidays and make-up working days, entered and
withdrawn by its office."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render

from gongkai.accounts.access import Action, can, staff_view
from gongkai.regions import selectors, services
from gongkai.regions.access import get_entry, manageable_governments, visible_governments
from gongkai.regions.forms import RegionalDayForm, WithdrawForm
from gongkai.units.models import Staff


def _page(
    request: HttpRequest, staff: Staff, form: RegionalDayForm | None = None, status: int = 200
) -> HttpResponse:
    may_manage = can(staff, Action.MANAGE_REGIONAL_DAYS)
    governments = manageable_governments(staff) if may_manage else None
    if form is None and governments is not None and governments.exists():
        form = RegionalDayForm(governments=governments)
    manageable = set(governments.values_list("pk", flat=True)) if governments is not None else set()
    return render(
        request,
        "regions/regional_days.html",
        {
            "entries": selectors.entries(visible_governments(staff)),
            "form": form,
            "manageable": manageable,
            "withdraw_form": WithdrawForm(),
            "basis": services.MEASURE_ART3,
        },
        status=status,
    )


@staff_view(Action.VIEW_CALENDAR)
def regional_days(request: HttpRequest, staff: Staff) -> HttpResponse:
    return _page(request, staff)


@staff_view(Action.MANAGE_REGIONAL_DAYS)
def regional_day_add(request: HttpRequest, staff: Staff) -> HttpResponse:
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = RegionalDayForm(request.POST, governments=manageable_governments(staff))
    if not form.is_valid():
        return _page(request, staff, form, status=400)
    data = form.cleaned_data
    try:
        changed = services.regional_day_add(
            actor=request.user,
            government=data["government"],
            day=data["day"],
            kind=data["kind"],
            name=data["name"],
            basis=data["basis"],
        )
    except services.RegionalDayError as exc:
        form.add_error(None, str(exc))
        return _page(request, staff, form, status=400)
    entry = changed.entry
    messages.success(
        request,
        f"已登记{entry.government.short_name}{entry.get_kind_display()}日"
        f"{entry.day.isoformat()}（{entry.name}），重新计算期限{changed.recomputed}件。",
    )
    return redirect("staff:regional_days")


@staff_view(Action.MANAGE_REGIONAL_DAYS)
def regional_day_withdraw(request: HttpRequest, staff: Staff, pk: int) -> HttpResponse:
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    entry = get_entry(staff, pk)
    form = WithdrawForm(request.POST)
    if not form.is_valid():
        messages.error(request, "请填写撤销理由及依据")
        return redirect("staff:regional_days")
    try:
        changed = services.regional_day_withdraw(
            actor=request.user, entry=entry, reason=form.cleaned_data["reason"]
        )
    except services.RegionalDayError as exc:
        messages.error(request, str(exc))
        return redirect("staff:regional_days")
    messages.success(
        request,
        f"已撤销{entry.government.short_name}{entry.day.isoformat()}（{entry.name}）的登记，"
        f"重新计算期限{changed.recomputed}件。",
    )
    return redirect("staff:regional_days")
