"""The office's pages: the returns by year, one return (its rows, the reconciliation, the entry
form and its choices, publish and reopen, downloads), and the log of responses to public
concerns. The supervisor reads them; unit staff do not see them."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render

from gongkai.accounts.access import Action, can, staff_view
from gongkai.core import params
from gongkai.core.downloads import content_disposition
from gongkai.units.models import Staff
from gongkai.websitereport import form, selectors, services
from gongkai.websitereport.forms import CreateForm, ReasonForm, ResponseForm, ReturnForm
from gongkai.websitereport.models import ConcernResponse, WebsiteReturn
from gongkai.websitereport.render import FORMATS, produce, sections


def file_response(ret: WebsiteReturn, ext: str) -> HttpResponse:
    suffix = f".{ext}"
    if suffix not in FORMATS:
        raise Http404
    content_type, content = produce(services.build(ret), suffix)
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition(f"website-return-{ret.year}{suffix}")
    return response


@staff_view(Action.VIEW_WEBSITE_RETURN)
def return_list(request: HttpRequest, staff: Staff) -> HttpResponse:
    today = services.today()
    rows = [
        (r, form.due(r.year), form.warning(r.year, today, published=r.is_published))
        for r in WebsiteReturn.objects.all()
    ]
    return render(
        request,
        "websitereport/list.html",
        {
            "rows": rows,
            "may_manage": can(staff, Action.MANAGE_WEBSITE_RETURN),
            "create_form": CreateForm(initial={"year": today.year - 1}),
            "basis": form.BASIS,
        },
    )


@staff_view(Action.MANAGE_WEBSITE_RETURN)
def return_create(request: HttpRequest, staff: Staff) -> HttpResponse:
    if request.method != "POST":
        return redirect("staff:website_returns")
    create = CreateForm(request.POST)
    if not create.is_valid():
        messages.error(request, str(next(iter(create.errors.values()))[0]))
        return redirect("staff:website_returns")
    try:
        ret = services.return_create(actor=request.user, year=create.cleaned_data["year"])
    except services.WebsiteReturnError as exc:
        messages.error(request, str(exc))
        return redirect("staff:website_returns")
    return redirect("staff:website_return", pk=ret.pk)


@staff_view(Action.VIEW_WEBSITE_RETURN)
def return_detail(request: HttpRequest, staff: Staff, pk: int) -> HttpResponse:
    ret = get_object_or_404(WebsiteReturn, pk=pk)
    built = services.build(ret)
    return render(
        request,
        "websitereport/detail.html",
        {
            "ret": ret,
            "built": built,
            "sections": sections(built),
            "may_manage": can(staff, Action.MANAGE_WEBSITE_RETURN),
            "due": form.due(ret.year),
            "warning": form.warning(ret.year, services.today(), published=ret.is_published),
            "formats": [s.lstrip(".") for s in FORMATS],
            "reason_form": ReasonForm(),
        },
    )


@staff_view(Action.MANAGE_WEBSITE_RETURN)
def return_edit(request: HttpRequest, staff: Staff, pk: int) -> HttpResponse:
    ret = get_object_or_404(WebsiteReturn, pk=pk)
    if ret.is_published:
        messages.error(request, "报表已发布，年度已锁定；如需修改请先撤回发布")
        return redirect("staff:website_return", pk=ret.pk)
    columns = selectors.columns()
    entry = ReturnForm(request.POST or None, ret=ret, columns=columns)
    if request.method == "POST" and entry.is_valid():
        try:
            services.return_update(
                actor=request.user,
                ret=ret,
                entered=entry.entered(),
                column_categories=entry.prefixed("c_"),
                interpretation_products=entry.prefixed("p_"),
                response_count=entry.cleaned_data["response_count"],
                working_days=entry.cleaned_data["working_days"],
            )
        except services.WebsiteReturnError as exc:
            entry.add_error(None, str(exc))
        else:
            messages.success(request, "已保存")
            return redirect("staff:website_return", pk=ret.pk)
    return render(
        request,
        "websitereport/edit.html",
        {"ret": ret, "form": entry},
        status=400 if entry.is_bound else 200,
    )


@staff_view(Action.MANAGE_WEBSITE_RETURN)
def return_act(request: HttpRequest, staff: Staff, pk: int, action: str) -> HttpResponse:
    ret = get_object_or_404(WebsiteReturn, pk=pk)
    if action not in ("publish", "reopen"):
        raise Http404
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        if action == "publish":
            services.return_publish(actor=request.user, ret=ret)
            messages.success(request, f"已发布，门户网站首页显示；{ret.year}年度已锁定")
        else:
            reason = ReasonForm(request.POST)
            text = reason.cleaned_data.get("reason", "") if reason.is_valid() else ""
            services.return_reopen(actor=request.user, ret=ret, reason=text)
            messages.success(request, "已撤回发布，可以修改")
    except services.WebsiteReturnError as exc:
        messages.error(request, str(exc))
    return redirect("staff:website_return", pk=ret.pk)


@staff_view(Action.VIEW_WEBSITE_RETURN)
def return_download(request: HttpRequest, staff: Staff, pk: int, ext: str) -> HttpResponse:
    return file_response(get_object_or_404(WebsiteReturn, pk=pk), ext)


# --- the response log ---------------------------------------------------------------------------
@staff_view(Action.VIEW_WEBSITE_RETURN)
def response_list(request: HttpRequest, staff: Staff) -> HttpResponse:
    year = params.integer(request.GET, "year", low=2000, high=2199)
    rows = ConcernResponse.objects.all()
    if year is not None:
        rows = rows.filter(responded_on__year=year)
    years = ConcernResponse.objects.dates("responded_on", "year", order="DESC")
    return render(
        request,
        "websitereport/responses.html",
        {
            "rows": rows[:500],
            "year": year,
            "years": [d.year for d in years],
            "may_manage": can(staff, Action.MANAGE_WEBSITE_RETURN),
        },
    )


def _response_form(request: HttpRequest, response: ConcernResponse | None) -> HttpResponse:
    initial = (
        {k: getattr(response, k) for k in services.RESPONSE_FIELDS} if response is not None else {}
    )
    entry = ResponseForm(request.POST or None, initial=initial)
    if request.method == "POST" and entry.is_valid():
        try:
            if response is None:
                services.response_record(actor=request.user, data=entry.cleaned_data)
            else:
                services.response_update(
                    actor=request.user, response=response, data=entry.cleaned_data
                )
        except services.WebsiteReturnError as exc:
            entry.add_error(None, str(exc))
        else:
            messages.success(request, "已保存回应关注记录")
            return redirect("staff:concern_responses")
    return render(
        request,
        "websitereport/response_form.html",
        {"form": entry, "response": response},
        status=400 if entry.is_bound else 200,
    )


@staff_view(Action.MANAGE_WEBSITE_RETURN)
def response_create(request: HttpRequest, staff: Staff) -> HttpResponse:
    return _response_form(request, None)


@staff_view(Action.MANAGE_WEBSITE_RETURN)
def response_edit(request: HttpRequest, staff: Staff, pk: int) -> HttpResponse:
    return _response_form(request, get_object_or_404(ConcernResponse, pk=pk))
