"""Staff pages of reuse: the applications that ask for the same information (《条例》第四十四条)
and the draft made from them; the units' de-identified registers switched on or off."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils import timezone

from gongkai import law
from gongkai.accounts.access import (
    Action,
    acts_for,
    can,
    can_change_unit,
    staff_view,
    visible_units,
)
from gongkai.applications.access import get_application, visible_applications
from gongkai.core import params
from gongkai.reuse import selectors, services
from gongkai.reuse.forms import DraftForm, RegisterSwitchForm
from gongkai.reuse.models import RegisterSetting
from gongkai.units.models import Staff


@staff_view(Action.VIEW_REPEATS)
def repeats(request: HttpRequest, staff: Staff) -> HttpResponse:
    this_year = timezone.localdate().year
    year = params.integer(request.GET, "year", low=2008, high=this_year) or this_year
    clusters = selectors.clusters(visible_applications(staff), year=year)
    may_draft = can(staff, Action.DRAFT_FROM_REPEATS)
    return render(
        request,
        "reuse/repeats.html",
        {
            "clusters": clusters,
            "year": year,
            "years": list(range(this_year, this_year - 6, -1)),
            "threshold": round(selectors.threshold() * 100),
            "may_draft": may_draft,
            "basis": law.ART44_REPEATED_REQUESTS,
        },
    )


@staff_view(Action.DRAFT_FROM_REPEATS)
def repeat_draft(request: HttpRequest, staff: Staff, pk: int) -> HttpResponse:
    """A draft item in the unit's column for the cluster that holds application ``pk``."""
    application = get_application(staff, pk)
    unit = application.unit
    if unit is None or not acts_for(staff, unit.pk):
        raise Http404
    cluster = selectors.cluster_of(visible_applications(staff), application)
    initial = {"title": application.info_title or selectors.request_text(application)[:300]}
    form = DraftForm(request.POST if request.method == "POST" else None, unit=unit, initial=initial)
    if request.method == "POST" and form.is_valid():
        if cluster is None:
            form.add_error(None, "没有找到与本申请相同的其他申请，或者已经转为主动公开")
        else:
            try:
                item = services.publication_draft(
                    actor=request.user,
                    unit=unit,
                    applications=cluster.applications,
                    column=form.cleaned_data["column"],
                    title=form.cleaned_data["title"],
                    body=form.cleaned_data.get("body", ""),
                )
            except services.ReuseError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, "已起草信息并关联申请，请完善后提交审核")
                return redirect("staff:item", pk=item.pk)
    return render(
        request,
        "reuse/draft.html",
        {
            "form": form,
            "application": application,
            "cluster": cluster,
            "basis": law.ART44_REPEATED_REQUESTS,
        },
        status=400 if form.errors else 200,
    )


@staff_view(Action.MANAGE_REGISTER)
def register_settings(request: HttpRequest, staff: Staff) -> HttpResponse:
    units = visible_units(staff).filter(is_active=True).order_by("sort_order", "id")
    changeable = units.filter(pk__in=[u.pk for u in units if can_change_unit(staff, u)])
    form = RegisterSwitchForm(request.POST if request.method == "POST" else None, units=changeable)
    if request.method == "POST":
        if form.is_valid():
            unit = form.cleaned_data["unit"]
            enabled = form.cleaned_data["enabled"]
            services.register_switch(actor=request.user, unit=unit, enabled=enabled)
            messages.success(
                request, f"{unit.name}：{'已公开' if enabled else '已停止公开'}办结申请登记"
            )
            return redirect("staff:register_settings")
        messages.error(
            request, "；".join(str(e) for errors in form.errors.values() for e in errors)
        )
    enabled = set(RegisterSetting.objects.filter(enabled=True).values_list("unit_id", flat=True))
    return render(
        request,
        "reuse/register_settings.html",
        {
            "rows": [(u, u.pk in enabled) for u in changeable],
            "releasable": selectors.releasable(
                visible_applications(staff).filter(unit__in=changeable)
            ),
        },
        status=400 if form.errors else 200,
    )


@staff_view(Action.MANAGE_REGISTER)
def register_release(request: HttpRequest, staff: Staff, pk: int) -> HttpResponse:
    """Mark the information released on application ``pk`` fit for the public register."""
    application = get_application(staff, pk)
    if application.unit is None or not can_change_unit(staff, application.unit):
        raise Http404
    if request.method != "POST":  # after the access check, so an outsider learns nothing
        return HttpResponseNotAllowed(["POST"])
    try:
        services.release_mark_public(actor=request.user, application=application)
    except services.ReuseError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "已标记：提供的信息将在办结申请登记中公开")
    return redirect("staff:register_settings")
