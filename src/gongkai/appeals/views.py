from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from gongkai.accounts.access import Action, can, is_whole_deployment, staff_view, visible_units
from gongkai.appeals import services
from gongkai.appeals.access import get_appeal, visible_appeals
from gongkai.appeals.forms import AppealForm, DecideForm
from gongkai.appeals.models import AppealKind, AppealResult
from gongkai.core import params
from gongkai.core.forms import apply_errors
from gongkai.units.models import Staff


@staff_view(Action.VIEW_CASES)
def appeal_list(request: HttpRequest, staff: Staff) -> HttpResponse:
    appeals = visible_appeals(staff)
    kind = params.choice(request.GET, "kind", AppealKind.values)
    if kind:
        appeals = appeals.filter(kind=kind)
    page = Paginator(appeals, 50).get_page(params.page(request.GET))
    return render(
        request, "appeals/list.html", {"page": page, "kinds": AppealKind.choices, "kind": kind}
    )


@staff_view(Action.RECORD_APPEAL)
def appeal_create(request: HttpRequest, staff: Staff) -> HttpResponse:
    form = AppealForm(
        request.POST or None,
        initial={
            "tracking_number": params.text(request.GET, "application", max_length=32),
        },
    )
    if not is_whole_deployment(staff):
        form.fields["unit"].queryset = visible_units(staff)  # type: ignore[attr-defined]
        form.fields["previous"].queryset = visible_appeals(staff).filter(  # type: ignore[attr-defined]
            kind=AppealKind.RECONSIDERATION
        )
    if request.method == "POST" and form.is_valid():
        try:
            appeal = services.appeal_record(actor=request.user, data=form.cleaned_data)
        except services.AppealError as exc:
            form.add_error(None, str(exc))
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, f"已登记{appeal.label}")
            return redirect("staff:appeal", pk=appeal.pk)
    status = 400 if form.is_bound else 200
    return render(request, "appeals/form.html", {"form": form}, status=status)


@staff_view(Action.VIEW_CASES)
def appeal_detail(request: HttpRequest, staff: Staff, pk: int) -> HttpResponse:
    appeal = get_appeal(staff, pk, for_change=request.method == "POST")
    form = DecideForm(
        request.POST or None,
        initial={
            "result": appeal.result,
            "decided_on": appeal.decided_on,
            "detail": appeal.result_detail,
        },
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.appeal_decide(
                actor=request.user,
                appeal=appeal,
                result=AppealResult(data["result"]),
                decided_on=data.get("decided_on"),
                detail=data.get("detail", ""),
            )
        except services.AppealError as exc:
            form.add_error(None, str(exc))
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, "已保存结果")
            return redirect("staff:appeal", pk=appeal.pk)
    status = 400 if form.is_bound else 200
    return render(
        request,
        "appeals/detail.html",
        {
            "appeal": appeal,
            "form": form,
            "may_change": can(staff, Action.RECORD_APPEAL),
        },
        status=status,
    )
