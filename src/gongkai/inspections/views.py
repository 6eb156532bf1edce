"""Staff pages of inspections and rectification: the list (filtered by state, unit, overdue,
year), an inspection with its findings and notices, a rectification with its notice (DOCX), the
unit's reports and evidence, and the office's verdicts. Thin: access through
:mod:`gongkai.inspections.access`, changes through :mod:`gongkai.inspections.services`."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import FileResponse, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils import timezone

from gongkai.accounts.access import (
    Action,
    can,
    is_district_wide,
    is_whole_deployment,
    staff_view,
    visible_units,
)
from gongkai.applications.models import Application
from gongkai.catalog.models import Column, Item
from gongkai.core import params
from gongkai.core.downloads import content_disposition, stored_file
from gongkai.inspections import forms, notice, selectors, services
from gongkai.inspections.access import (
    get_evidence,
    get_inspection,
    get_rectification,
    may_act,
    visible_findings,
    visible_inspections,
    visible_rectifications,
)
from gongkai.inspections.models import Inspection, Rectification
from gongkai.inspections.status import State, Step, why_not
from gongkai.units.models import Staff, Unit

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _first_error(form: Any) -> str:
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        return f"{label}：{errors[0]}" if label else str(errors[0])
    return "填写有误"


# --- the list -------------------------------------------------------------------------------------
@staff_view(Action.VIEW_INSPECTIONS)
def rectification_list(request: HttpRequest, staff: Staff) -> HttpResponse:
    today = services.today()
    units = visible_units(staff).order_by("sort_order", "id")
    unit_id = params.ident(request.GET, "unit")
    unit = units.filter(pk=unit_id).first() if unit_id else None
    state = params.choice(request.GET, "status", {s.value for s in State})
    late = params.choice(request.GET, "overdue", {"1", "0"})
    this_year = timezone.localdate().year
    year_text = params.choice(request.GET, "year", {str(y) for y in range(2008, this_year + 1)})
    rows = selectors.filtered(
        visible_rectifications(staff),
        today=today,
        state=state,
        unit=unit,
        late=late,
        year=int(year_text) if year_text else None,
    ).order_by("due_date", "pk")
    page = Paginator(rows, 50).get_page(params.page(request.GET))
    return render(
        request,
        "inspections/list.html",
        {
            "page": page,
            "today": today,
            "rows": [{"r": r, "overdue": r.is_overdue(today)} for r in page.object_list],
            "states": list(State),
            "state": state,
            "units": units if is_district_wide(staff) else None,
            "unit": unit,
            "late": late,
            "years": range(this_year, 2018, -1),
            "year": year_text,
            "overdue_count": selectors.overdue(visible_rectifications(staff), today).count(),
            "inspections": visible_inspections(staff)[:20],
            "may_manage": can(staff, Action.MANAGE_INSPECTIONS),
        },
    )


# --- inspections ----------------------------------------------------------------------------------
@staff_view(Action.MANAGE_INSPECTIONS)
def inspection_create(request: HttpRequest, staff: Staff) -> HttpResponse:
    units = visible_units(staff).filter(is_active=True).order_by("sort_order", "id")
    form = forms.InspectionForm(request.POST if request.method == "POST" else None, units=units)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            inspection = services.inspection_create(
                actor=request.user,
                title=data["title"],
                start_on=data["start_on"],
                end_on=data["end_on"],
                units=list(data["units"]),
                scope=data["scope"],
                inspectors=data["inspectors"],
            )
        except services.InspectionError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "已登记监督检查")
            return redirect("staff:inspection", pk=inspection.pk)
    status = 400 if form.is_bound else 200
    return render(request, "inspections/inspection_form.html", {"form": form}, status=status)


def _inspection_context(staff: Staff, inspection: Inspection) -> dict[str, Any]:
    today = services.today()
    findings = (
        visible_findings(staff)
        .filter(inspection=inspection)
        .select_related("application", "item", "column")
    )
    rectifications = {
        r.unit_id: r for r in visible_rectifications(staff).filter(inspection=inspection)
    }
    by_unit: dict[int, dict[str, Any]] = {}
    for finding in findings:
        entry = by_unit.setdefault(
            finding.unit_id,
            {"unit": finding.unit, "findings": [], "rectification": None, "overdue": False},
        )
        entry["findings"].append(finding)
    for unit_id, rectification in rectifications.items():
        entry = by_unit.setdefault(
            unit_id,
            {"unit": rectification.unit, "findings": [], "rectification": None, "overdue": False},
        )
        entry["rectification"] = rectification
        entry["overdue"] = rectification.is_overdue(today)
    covered = inspection.units.order_by("sort_order", "id")
    if not is_whole_deployment(staff):
        covered = covered.filter(pk__in=visible_units(staff))
    return {
        "inspection": inspection,
        "covered": covered,
        "groups": sorted(by_unit.values(), key=lambda e: (e["unit"].sort_order, e["unit"].pk)),
        "may_manage": can(staff, Action.MANAGE_INSPECTIONS),
        "days": services.rectification_days(),
    }


def _inspection_page(
    request: HttpRequest,
    staff: Staff,
    inspection: Inspection,
    *,
    finding_form: forms.FindingForm | None = None,
    status: int = 200,
) -> HttpResponse:
    units = inspection.units.filter(pk__in=visible_units(staff)).order_by("sort_order", "id")
    context = _inspection_context(staff, inspection)
    context["finding_form"] = finding_form or forms.FindingForm(units=units)
    context["issue_form"] = forms.IssueForm(units=units)
    return render(request, "inspections/inspection.html", context, status=status)


@staff_view(Action.VIEW_INSPECTIONS)
def inspection_detail(request: HttpRequest, staff: Staff, pk: int) -> HttpResponse:
    return _inspection_page(request, staff, get_inspection(staff, pk))


def _linked(unit: Unit, data: dict[str, Any]) -> tuple[dict[str, Any], str | None]:
    """The application, item and column the finding names, looked up in its unit."""
    found: dict[str, Any] = {"application": None, "item": None, "column": None}
    if data["application"]:
        found["application"] = Application.objects.filter(
            tracking_number=data["application"], unit=unit
        ).first()
        if found["application"] is None:
            return found, f"{unit.short_name}没有编号为“{data['application']}”的申请"
    if data["item"]:
        found["item"] = Item.objects.filter(index_number=data["item"], unit=unit).first()
        if found["item"] is None:
            return found, f"{unit.short_name}没有索引号为“{data['item']}”的信息"
    if data["column"]:
        columns = list(Column.objects.filter(name=data["column"], unit=unit)[:2])
        if len(columns) != 1:
            problem = "有多个" if columns else "没有"
            return found, f"{unit.short_name}{problem}名为“{data['column']}”的栏目"
        found["column"] = columns[0]
    return found, None


@staff_view(Action.MANAGE_INSPECTIONS)
def finding_add(request: HttpRequest, staff: Staff, pk: int) -> HttpResponse:
    inspection = get_inspection(staff, pk, action=Action.MANAGE_INSPECTIONS)
    if request.method != "POST":  # after the access check: an outsider learns nothing
        return HttpResponseNotAllowed(["POST"])
    form = forms.FindingForm(
        request.POST, units=inspection.units.filter(pk__in=visible_units(staff))
    )
    if form.is_valid():
        data = form.cleaned_data
        linked, problem = _linked(data["unit"], data)
        if problem is None:
            try:
                services.finding_add(
                    actor=request.user,
                    inspection=inspection,
                    unit=data["unit"],
                    kind=data["kind"],
                    description=data["description"],
                    **linked,
                )
            except services.InspectionError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, "已登记问题")
                return redirect("staff:inspection", pk=inspection.pk)
        else:
            form.add_error(None, problem)
    return _inspection_page(request, staff, inspection, finding_form=form, status=400)


@staff_view(Action.MANAGE_INSPECTIONS)
def rectification_issue(request: HttpRequest, staff: Staff, pk: int) -> HttpResponse:
    inspection = get_inspection(staff, pk, action=Action.MANAGE_INSPECTIONS)
    if request.method != "POST":  # after the access check: an outsider learns nothing
        return HttpResponseNotAllowed(["POST"])
    form = forms.IssueForm(request.POST, units=inspection.units.filter(pk__in=visible_units(staff)))
    if not form.is_valid():
        messages.error(request, _first_error(form))
        return redirect("staff:inspection", pk=inspection.pk)
    try:
        rectification = services.rectification_issue(
            actor=request.user,
            inspection=inspection,
            unit=form.cleaned_data["unit"],
            requirements=form.cleaned_data["requirements"],
        )
    except services.InspectionError as exc:
        messages.error(request, str(exc))
        return redirect("staff:inspection", pk=inspection.pk)
    messages.success(request, f"已下发整改通知书{rectification.number}")
    return redirect("staff:rectification", pk=rectification.pk)


# --- a rectification ------------------------------------------------------------------------------
def _rectification_page(
    request: HttpRequest,
    staff: Staff,
    rectification: Rectification,
    *,
    respond_form: forms.RespondForm | None = None,
    return_form: forms.ReturnForm | None = None,
    status: int = 200,
) -> HttpResponse:
    today = services.today()
    may_respond = may_act(staff, rectification, Action.RESPOND_RECTIFICATION)
    may_manage = can(staff, Action.MANAGE_INSPECTIONS)
    return render(
        request,
        "inspections/rectification.html",
        {
            "r": rectification,
            "overdue": rectification.is_overdue(today),
            "findings": rectification.findings.select_related("application", "item", "column"),
            "responses": rectification.responses.prefetch_related("evidence"),
            "may_respond": may_respond and why_not(rectification.status, Step.RESPOND) is None,
            "may_close": may_manage and why_not(rectification.status, Step.CLOSE) is None,
            "respond_form": respond_form or forms.RespondForm(),
            "close_form": forms.CloseForm(),
            "return_form": return_form or forms.ReturnForm(),
            "max_upload_mb": settings.MAX_UPLOAD_MB,
        },
        status=status,
    )


@staff_view(Action.VIEW_INSPECTIONS)
def rectification_detail(request: HttpRequest, staff: Staff, pk: int) -> HttpResponse:
    return _rectification_page(request, staff, get_rectification(staff, pk))


@staff_view(Action.VIEW_INSPECTIONS)
def rectification_notice(request: HttpRequest, staff: Staff, pk: int) -> HttpResponse:
    rectification = get_rectification(staff, pk)
    response = HttpResponse(notice.notice_docx(rectification), content_type=DOCX)
    response["Content-Disposition"] = content_disposition(notice.filename(rectification))
    return response


@staff_view(Action.RESPOND_RECTIFICATION)
def rectification_respond(request: HttpRequest, staff: Staff, pk: int) -> HttpResponse:
    rectification = get_rectification(staff, pk, action=Action.RESPOND_RECTIFICATION)
    if request.method != "POST":  # after the access check: an outsider learns nothing
        return HttpResponseNotAllowed(["POST"])
    form = forms.RespondForm(request.POST, request.FILES)
    if form.is_valid():
        limit = int(settings.MAX_UPLOAD_MB) * 1024 * 1024
        files = []
        for upload in form.cleaned_data["evidence"]:
            if upload.size > limit:
                form.add_error(
                    "evidence", f"文件“{upload.name[:60]}”过大：上限 {settings.MAX_UPLOAD_MB} MB"
                )
                break
            files.append((upload.name or "佐证材料", upload.read()))
        else:
            try:
                services.rectification_respond(
                    actor=request.user,
                    rectification=rectification,
                    text=form.cleaned_data["text"],
                    files=files,
                )
            except services.InspectionError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, "已报送整改情况，等待公开办审核")
                return redirect("staff:rectification", pk=rectification.pk)
    return _rectification_page(request, staff, rectification, respond_form=form, status=400)


@staff_view(Action.MANAGE_INSPECTIONS)
def rectification_close(request: HttpRequest, staff: Staff, pk: int) -> HttpResponse:
    rectification = get_rectification(staff, pk, action=Action.MANAGE_INSPECTIONS)
    if request.method != "POST":  # after the access check: an outsider learns nothing
        return HttpResponseNotAllowed(["POST"])
    form = forms.CloseForm(request.POST)
    if not form.is_valid():
        messages.error(request, _first_error(form))
        return redirect("staff:rectification", pk=rectification.pk)
    try:
        services.rectification_close(
            actor=request.user, rectification=rectification, note=form.cleaned_data["note"]
        )
    except services.InspectionError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "已确认整改完成")
    return redirect("staff:rectification", pk=rectification.pk)


@staff_view(Action.MANAGE_INSPECTIONS)
def rectification_return(request: HttpRequest, staff: Staff, pk: int) -> HttpResponse:
    rectification = get_rectification(staff, pk, action=Action.MANAGE_INSPECTIONS)
    if request.method != "POST":  # after the access check: an outsider learns nothing
        return HttpResponseNotAllowed(["POST"])
    form = forms.ReturnForm(request.POST)
    if form.is_valid():
        try:
            services.rectification_return(
                actor=request.user, rectification=rectification, reason=form.cleaned_data["reason"]
            )
        except services.InspectionError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "已退回，单位需重新报送整改情况")
            return redirect("staff:rectification", pk=rectification.pk)
    return _rectification_page(request, staff, rectification, return_form=form, status=400)


@staff_view(Action.VIEW_INSPECTIONS)
def evidence_download(request: HttpRequest, staff: Staff, pk: int, evidence: int) -> FileResponse:
    rectification = get_rectification(staff, pk)
    found = get_evidence(staff, rectification, evidence)
    return stored_file(found.file, name=found.name, content_type=found.content_type)
