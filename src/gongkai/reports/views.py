"""Staff pages for annual reports (dashboard, report, the records behind a number, the mapping,
the checker of published reports) and the portal's archive of published reports."""

from __future__ import annotations

from decimal import Decimal
from typing import Any
from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_safe

from gongkai import law
from gongkai import report_format as fmt
from gongkai.accounts.access import (
    Action,
    acts_for,
    can,
    is_district_wide,
    is_office,
    is_whole_deployment,
    staff_view,
    visible_units,
)
from gongkai.applications.outcomes import RULES
from gongkai.applications.selectors import mask_name
from gongkai.core import pagemeta, params
from gongkai.core.downloads import content_disposition
from gongkai.core.forms import Form, TextField
from gongkai.report_format import FormatVersion
from gongkai.reports import checker, layout, parsing, readback, rollup, services
from gongkai.reports import render as rendering
from gongkai.reports import selectors as rollup_selectors
from gongkai.reports.access import (
    get_report,
    receives,
    step_action,
    submits_up,
    visible_reports,
)
from gongkai.reports.forms import CheckForm
from gongkai.reports.identities import ERROR, NOTE, UNREAD, WARNING
from gongkai.reports.models import AnnualReport, ReportStatus, RowMapping, rollup_suffix
from gongkai.reports.output import FORMATS, produce
from gongkai.units.hosts import portal_scope
from gongkai.units.models import GOVERNMENT_KINDS, Staff, Unit

PUBLIC_COLUMN = "政府信息公开工作年度报告"  # the portal's column of reports (its ColumnName)


def _year(request: HttpRequest) -> int:
    this_year = timezone.localdate().year
    year = params.integer(request.GET, "year", low=0, high=9999)
    return min(max(this_year - 1 if year is None else year, 2008), this_year)


@staff_view(Action.VIEW_REPORTS)
def dashboard(request: HttpRequest, staff: Staff) -> HttpResponse:
    """For the office: every unit's report of a year — submitted, valid, published."""
    year = _year(request)
    reports = {(r.unit_id, r.consolidated): r for r in visible_reports(staff).filter(year=year)}
    units = list(visible_units(staff).filter(is_active=True).order_by("sort_order", "id"))
    rows = []
    # the consolidated report of no unit: the deployment's office and supervisor's row
    scopes: list[Unit | None] = [None, *units] if is_whole_deployment(staff) else list(units)
    top = services.top_government() if is_district_wide(staff) else None
    # A lower government of the tree (not the top, whose report is the unit-None row) has a
    # consolidated report beside its own: (unit, consolidated) pairs.
    pairs: list[tuple[Unit | None, bool]] = []
    for unit in scopes:
        if (
            unit is not None
            and is_district_wide(staff)
            and unit.kind in GOVERNMENT_KINDS
            and (top is None or unit.pk != top.pk)
        ):
            pairs.append((unit, True))
        pairs.append((unit, False))
    for unit, consolidated in pairs:
        report = reports.get((unit.pk if unit else None, consolidated))
        findings = services.validate(report) if report is not None else []
        acting = unit.pk if unit is not None else None  # services.acting_unit_id's rule
        rows.append(
            {
                "unit": unit,
                "consolidated": consolidated,
                "suffix": rollup_suffix(unit.kind) if unit is not None and consolidated else "",
                "report": report,
                "errors": sum(1 for f in findings if f.severity == ERROR),
                "warnings": sum(1 for f in findings if f.severity == WARNING),
                # a unit's report: its staff or the office; a government's: the office
                "may_create": can(staff, Action.EDIT_REPORT) and acts_for(staff, acting),
            }
        )
    due = settings.GONGKAI_REPORT_ROLLUP_DUE
    return render(
        request,
        "reports/dashboard.html",
        {
            "year": year,
            "rows": rows,
            "years": range(timezone.localdate().year, 2018, -1),
            "unit_deadline": rollup.due_on(year, rollup.UNIT, due),
            "district_deadline": law.report_due(year, law.REPORT_DUE_GOVERNMENT),
            "county_deadline": rollup.due_on(year, "county", due),
            "city_deadline": rollup.due_on(year, "city", due),
            "province_deadline": rollup.due_on(year, "province", due),
            "governments": rollup_selectors.governments(visible_units(staff))
            if is_district_wide(staff)
            else [],
            "published": sum(
                1
                for r in rows
                if isinstance(r["report"], AnnualReport) and r["report"].status == "published"
            ),
        },
    )


@staff_view(Action.EDIT_REPORT)
def create(request: HttpRequest, staff: Staff) -> HttpResponse:
    if request.method != "POST":
        return redirect("staff:reports")
    year = params.integer(request.POST, "year", low=0, high=9999)
    if year is None:
        messages.error(request, "年度应为四位数字")
        return redirect("staff:reports")
    code = params.text(request.POST, "unit", max_length=32)
    consolidated = params.raw(request.POST, "consolidated") == "1"
    unit: Unit | None = None
    if code:
        unit = visible_units(staff).filter(code=code).first()
        if unit is None:
            raise Http404
    elif not acts_for(staff, None):
        raise Http404  # the top consolidated report (no unit) is the deployment's office's
    if (unit is None or consolidated) and not is_office(staff):
        raise Http404  # a consolidated report is the office's
    version = params.choice(request.POST, "format_version", FormatVersion) or None
    if version is None and params.raw(request.POST, "format_version"):
        messages.error(request, "年报格式版本不正确")
        return redirect(f"{reverse('staff:reports')}?year={year}")
    try:
        created = services.report_create(
            actor=request.user,
            year=year,
            unit=unit,
            format_version=FormatVersion(version) if version else None,
            consolidated=consolidated,
        )
    except (services.ReportError, ValueError) as exc:
        messages.error(request, str(exc))
        return redirect(f"{reverse('staff:reports')}?year={year}")
    return redirect("staff:report", pk=created.report.pk)


def proactive_form(
    version: FormatVersion,
    data: Any = None,
    initial: dict[str, Any] | None = None,
    from_catalog: bool = False,
    rolled_up: bool = False,
) -> forms.Form:
    """Table 二 as a form: one field per cell of the format version's blocks; the cells the
    catalog fills are shown, not entered; in a lower government's consolidated report
    (``rolled_up``) every cell is the sum of its subtree's reports, shown, not entered."""
    fields: dict[str, forms.Field] = {
        "from_catalog": forms.BooleanField(
            label="规章、规范性文件的件数取自主动公开目录", required=False, initial=from_catalog
        )
    }
    counted = set(services.CATALOG_CELLS[version]) if from_catalog else set()
    for block in fmt.TABLE2[version]:
        for row in block.rows:
            for column in block.columns:
                name = f"{block.item}|{row}|{column}"
                in_catalog = block.item == services.CATALOG_ITEM and (row, column) in counted
                fields[name] = forms.DecimalField(
                    label=f"{row}·{column}",
                    disabled=in_catalog or rolled_up,
                    help_text="取自目录"
                    if in_catalog
                    else "汇总自下级单位报告"
                    if rolled_up
                    else "",
                    required=False,
                    max_digits=14,
                    decimal_places=4 if column in fmt.DECIMAL_COLUMNS else 0,
                    min_value=None if column in fmt.SIGNED_COLUMNS else Decimal(0),
                    error_messages={
                        "invalid": "请填写数字",
                        "min_value": "不能为负数",
                        "max_decimal_places": "应为整数",
                        "max_digits": "数字过大",
                    },
                )
    form_class = type("ProactiveForm", (Form,), fields)
    form: forms.Form = form_class(data, initial=initial, prefix="p")
    return form


def _proactive_initial(report: AnnualReport) -> dict[str, Any]:
    initial: dict[str, Any] = {
        f"{item}|{row}|{column}": value
        for item, rows in services.proactive_table(report).items()
        for row, cells in rows.items()
        for column, value in cells.items()
    }
    initial["from_catalog"] = report.proactive_from_catalog
    return initial


def _proactive_data(form: forms.Form) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, value in form.cleaned_data.items():
        if name == "from_catalog" or form.fields[name].disabled:
            continue
        item, row, column = name.split("|")
        number = value if value is not None else Decimal(0)
        stored: int | float = int(number) if number == number.to_integral_value() else float(number)
        out.setdefault(item, {}).setdefault(row, {})[column] = stored
    return out


class TextForm(Form):
    overview = TextField(
        label=fmt.SECTION_TITLES[0],
        max_length=20000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 12}),
    )
    problems = TextField(
        label=fmt.SECTION_TITLES[4],
        max_length=20000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    other = TextField(
        label=fmt.SECTION_TITLES[5],
        max_length=20000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


def _links(report: AnnualReport):  # type: ignore[no-untyped-def]
    base = reverse("staff:report_cell", args=[report.pk])

    def link(table: str, key: tuple[str, str]) -> str | None:
        if table not in ("三", "四") or report.snapshot is not None:
            return None
        return f"{base}?{urlencode({'table': table, 'row': key[0], 'col': key[1]})}"

    return link


@staff_view(Action.VIEW_REPORTS)
def detail(request: HttpRequest, staff: Staff, pk: int) -> HttpResponse:
    report = get_report(staff, pk)
    version = FormatVersion(report.format_version)
    acting = services.acting_unit_id(report)
    editable = (
        report.status == ReportStatus.DRAFT
        and can(staff, Action.EDIT_REPORT)
        and acts_for(staff, acting)
    )
    text_form = TextForm(
        initial={"overview": report.overview, "problems": report.problems, "other": report.other}
    )
    table_form = proactive_form(
        version,
        initial=_proactive_initial(report),
        from_catalog=report.proactive_from_catalog,
        rolled_up=report.consolidated,
    )
    status = 200
    if request.method == "POST":
        if not editable:
            raise Http404
        text_form = TextForm(request.POST)
        table_form = proactive_form(
            version,
            request.POST,
            initial=_proactive_initial(report),
            from_catalog=report.proactive_from_catalog,
            rolled_up=report.consolidated,
        )
        if text_form.is_valid() and table_form.is_valid():
            entered = _proactive_data(table_form)
            if report.proactive_from_catalog:  # keep what was entered before for those cells
                kept = report.proactive.get(services.CATALOG_ITEM)
                if kept is not None:
                    entered[services.CATALOG_ITEM] = kept
            try:
                services.report_update(
                    actor=request.user,
                    report=report,
                    **text_form.cleaned_data,
                    proactive=entered,
                    proactive_from_catalog=table_form.cleaned_data["from_catalog"],
                )
            except services.ReportError as exc:
                text_form.add_error(None, str(exc))
            else:
                messages.success(request, "已保存")
                return redirect("staff:report", pk=report.pk)
        status = 400
    built = services.build(report)
    findings = services.validate(report, built)
    link = _links(report)
    receiver = services.receiver(report)
    # Rendering and reading back four files takes seconds: done when asked, then kept per content
    read = readback.cached(built, run=request.method == "GET" and "readback" in request.GET)
    return render(
        request,
        "reports/detail.html",
        {
            "report": report,
            "built": built,
            "sections": _sections(built, link),
            "findings": findings,
            "errors": [f for f in findings if f.severity == ERROR],
            "warnings": [f for f in findings if f.severity == WARNING],
            "editable": editable,
            "text_form": text_form,
            "table_form": table_form,
            "table2_blocks": fmt.TABLE2[version],
            "may_submit": report.status == ReportStatus.DRAFT
            and acting is not None
            and not report.consolidated
            and can(staff, Action.SUBMIT_REPORT)
            and acting == staff.unit_id,
            # a government's office, its consolidated report up the tree: never the top's,
            # which has no government above it to submit to
            "may_submit_up": report.status == ReportStatus.DRAFT
            and receiver is not None
            and can(staff, Action.SUBMIT_REPORT_UP)
            and submits_up(staff, report),
            "may_receive": report.status == ReportStatus.SUBMITTED
            and can(staff, Action.RECEIVE_REPORT)
            and receives(staff, report),
            "receiver": receiver,
            # a consolidated report the office above still has in hand is not published
            "may_publish": can(staff, Action.PUBLISH_REPORT)
            and not (report.is_consolidated and report.status == ReportStatus.SUBMITTED),
            "deadline": services.deadline(report),
            "rollup_due": services.rollup_due(report),
            "rollup_level": rollup.LEVEL_LABELS[services.rollup_level(report)],
            "formats": [s.lstrip(".") for s in FORMATS],
            "readback": read,
        },
        status=status,
    )


class ReasonForm(Form):
    reason = TextField(label="理由", max_length=500, required=False)


@staff_view(Action.VIEW_REPORTS)
def act(request: HttpRequest, staff: Staff, pk: int, action: str) -> HttpResponse:
    """Submit (the unit's reviewer; a government's office, its consolidated report up the
    tree), return (the office; the office above), accept (the office above), publish or
    reopen (the office). The step's action depends on the report (access.step_action)."""
    needed = step_action(action, get_report(staff, pk))
    if needed is None:
        raise Http404
    report = get_report(staff, pk, action=needed)
    if request.method != "POST":
        return redirect("staff:report", pk=report.pk)
    form = ReasonForm(request.POST)
    reason = form.cleaned_data.get("reason", "") if form.is_valid() else ""
    upward = report.is_consolidated
    try:
        if action == "submit":
            services.report_submit(actor=request.user, report=report)
            messages.success(
                request, "已报送上一级政府信息公开工作主管部门" if upward else "已报送公开办"
            )
        elif action == "return":
            services.report_return(actor=request.user, report=report, reason=reason)
            messages.success(request, "已退回下级政府修改" if upward else "已退回单位修改")
        elif action == "accept":
            services.report_accept(actor=request.user, report=report)
            messages.success(request, "已接收")
        elif action == "publish":
            services.report_publish(actor=request.user, report=report)
            messages.success(request, f"已发布；{report.year}年度的记录已锁定")
        else:
            services.report_reopen(actor=request.user, report=report, reason=reason)
            messages.success(request, "已撤回发布，可以修改")
    except services.ReportError as exc:
        messages.error(request, str(exc))
    return redirect("staff:report", pk=report.pk)


@staff_view(Action.VIEW_REPORTS)
def cell(request: HttpRequest, staff: Staff, pk: int) -> HttpResponse:
    """The records behind one number of table 三 or 四."""
    report = get_report(staff, pk)
    table, row, column = (
        params.text(request.GET, k, max_length=200) for k in ("table", "row", "col")
    )
    version = FormatVersion(report.format_version)
    context = {"report": report, "table": table, "row": row, "column": column}
    if table == "三" and row in fmt.table3_rows(version) and column in fmt.COLUMNS:
        cases = services.records_for_cell(report, row, column).select_related("unit")
        context["cases"] = [
            (c, mask_name(c.applicant_name)) for c in cases.order_by("receipt_date")
        ]
    elif table == "四" and row in fmt.TABLE4_GROUPS and column in fmt.TABLE4_CELLS:
        context["appeals"] = services.appeals_for_cell(report, row, column).select_related("unit")
    else:
        raise Http404
    return render(request, "reports/cell.html", context)


@staff_view(Action.VIEW_REPORTS)
def download(request: HttpRequest, staff: Staff, pk: int, ext: str) -> HttpResponse:
    report = get_report(staff, pk)
    return _file(report, ext)


def _file(report: AnnualReport, ext: str) -> HttpResponse:
    suffix = f".{ext}"
    if suffix not in FORMATS:
        raise Http404
    content_type, content = produce(services.build(report), suffix)
    response = HttpResponse(content, content_type=content_type)
    scope = report.unit.code if report.unit else "district"
    scope += "-consolidated" if report.consolidated else ""
    name = f"annual-report-{report.year}-{scope}{suffix}"
    response["Content-Disposition"] = content_disposition(name)
    return response


@staff_view(Action.VIEW_REPORTS)
def mapping_view(request: HttpRequest, staff: Staff) -> HttpResponse:
    version, current = services.mapping()
    choices = [(r.key, r.label_2021) for r in fmt.RESULT_ROWS]
    if request.method == "POST":
        if not can(staff, Action.PUBLISH_REPORT):
            raise Http404
        changes = {
            rule.outcome.value: params.text(request.POST, f"m_{rule.outcome.value}", max_length=200)
            for rule in RULES
        }
        try:
            services.mapping_save(
                actor=request.user,
                changes=changes,
                note=params.text(request.POST, "note", max_length=300),
            )
        except services.ReportError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, "已保存为新版本；只影响尚未发布的报告")
            return redirect("staff:report_mapping")
    return render(
        request,
        "reports/mapping.html",
        {
            "version": version,
            "rules": [(r, current[r.outcome.value]) for r in RULES],
            "choices": choices,
            "history": RowMapping.objects.all()[:20],
            "may_edit": can(staff, Action.PUBLISH_REPORT),
        },
    )


# --- the checker of published reports ---------------------------------------------------------
@staff_view(Action.CHECK_REPORT)
def check(request: HttpRequest, staff: Staff) -> HttpResponse:
    """Published reports uploaded, read and checked (docs/checker.md); nothing is stored. The
    buttons of the form show the findings or give the summary as CSV or XLSX."""
    if request.method != "POST":
        return render(request, "reports/check.html", {"form": CheckForm()})
    form = CheckForm(request.POST, request.FILES)
    if not form.is_valid():
        return render(request, "reports/check.html", {"form": form}, status=400)
    results = form.results()
    summary = params.choice(request.POST, "summary", ("csv", "xlsx"))
    if summary in ("csv", "xlsx"):
        content, content_type = (
            (checker.summary_csv(results), "text/csv; charset=utf-8")
            if summary == "csv"
            else (checker.summary_xlsx(results), FORMATS[".xlsx"][0])
        )
        response = HttpResponse(content, content_type=content_type)
        response["Content-Disposition"] = content_disposition(f"report-check.{summary}")
        return response
    return render(
        request,
        "reports/check.html",
        {
            "form": CheckForm(),
            "results": [_checked(r) for r in results],
            "consistent": sum(1 for r in results if r.verdict == checker.CONSISTENT),
            "with_errors": sum(1 for r in results if r.verdict == checker.ERRORS),
            "incomplete": sum(1 for r in results if r.verdict == checker.INCOMPLETE),
            "summary": checker.folder_summary(results),
        },
    )


def _checked(result: checker.Result) -> dict[str, Any]:
    """One checked file as the page shows it: what was read, and the findings."""
    parsed = result.parsed
    return {
        "result": result,
        "name": result.name.replace("\\", "/").rsplit("/", 1)[-1],
        "kind": checker.KIND_LABEL.get(parsed.kind, parsed.kind) if parsed else "",
        "notes": result.count(NOTE),
        "unread": result.count(UNREAD),
        "conclusion": checker.conclusion(result),
        "tables": _read_tables(parsed) if parsed else [],
    }


def _read_tables(parsed: parsing.Parsed) -> list[tuple[str, Any]]:
    """Tables 三 and 四 as read, laid out as the format lays them out (escaped in grid_html)."""
    tables = []
    if parsed.rows:
        grid = layout.table3(parsed.rows, parsed.layout or parsed.format)
        tables.append(("表三", mark_safe(rendering.grid_html(grid, name="三"))))  # noqa: S308
    if parsed.review:
        grid = layout.table4(parsed.review)
        tables.append(("表四", mark_safe(rendering.grid_html(grid, name="四"))))  # noqa: S308
    return tables


# --- portal -------------------------------------------------------------------------------------
@require_safe
def archive(request: HttpRequest) -> HttpResponse:
    # a government's host: its own reports and its units' (units.hosts); the deployment's
    # consolidated report (of no unit) on the deployment's portal only
    published = (
        portal_scope(request)
        .narrow(AnnualReport.objects.filter(status=ReportStatus.PUBLISHED))
        .select_related("unit")
    )
    years: dict[int, list[AnnualReport]] = {}
    for report in published.order_by("-year", "unit__sort_order"):
        years.setdefault(report.year, []).append(report)
    return render(
        request,
        "reports/archive.html",
        {
            "years": sorted(years.items(), reverse=True),
            "page_meta": pagemeta.column(PUBLIC_COLUMN, pagemeta.INFORMATION),
        },
    )


def _sections(built: dict[str, Any], link: Any = None) -> list[tuple[str, Any, list[str]]]:
    """(heading, table HTML or None, paragraphs) for the six sections, in order."""
    tables = {
        heading: mark_safe(rendering.grid_html(grid, name=name, link=link))  # noqa: S308 - escaped in grid_html
        for heading, name, grid in rendering.grids(built)
    }
    return [
        (
            heading,
            tables.get(heading),
            [line for line in (built.get("sections", {}).get(heading) or "").splitlines() if line],
        )
        for heading in fmt.SECTION_TITLES
    ]


@require_safe
def _public_report(request: HttpRequest, pk: int) -> AnnualReport:
    """A published report the host's portal shows; another government's: 404."""
    published = AnnualReport.objects.filter(status=ReportStatus.PUBLISHED)
    return get_object_or_404(portal_scope(request).narrow(published), pk=pk)


@require_safe
def public_report(request: HttpRequest, pk: int) -> HttpResponse:
    report = _public_report(request, pk)
    built = services.build(report)
    return render(
        request,
        "reports/public.html",
        {
            "report": report,
            "built": built,
            "sections": _sections(built),
            "formats": [s.lstrip(".") for s in FORMATS if s != ".html"],
            "page_meta": pagemeta.article(
                title=report.title,
                published=report.published_at or report.created_at,
                source=report.agency,
                words=[PUBLIC_COLUMN, f"{report.year}年", report.agency],
                column_name=PUBLIC_COLUMN,
                column_type=pagemeta.INFORMATION,
            ),
        },
    )


@require_safe
def public_download(request: HttpRequest, pk: int, ext: str) -> HttpResponse:
    report = _public_report(request, pk)
    return _file(report, ext)


@staff_view(Action.VIEW_REPORTS)
def rollup_view(request: HttpRequest, staff: Staff) -> HttpResponse:
    """For a government's office: the reports of its subtree for a year — drafted, submitted,
    published, late against the roll-up dates (国办公开办函〔2021〕30号, docs/rollup.md)."""
    year = _year(request)
    visible = visible_units(staff)
    choices = list(rollup_selectors.governments(visible))
    if not is_district_wide(staff) or not choices:
        raise Http404
    code = params.text(request.GET, "government", max_length=32)
    top = services.top_government()
    chosen = next((g for g in choices if g.code == code), None) if code else None
    if code and chosen is None:
        raise Http404
    if chosen is None:
        chosen = top if top is not None and top in choices else choices[0]
    summary = rollup_selectors.rollup_of(
        chosen,
        year,
        top_id=top.pk if top is not None else None,
        visible_ids=set(visible.values_list("pk", flat=True)),
    )
    return render(
        request,
        "reports/rollup.html",
        {
            "year": year,
            "years": range(timezone.localdate().year, 2018, -1),
            "governments": choices,
            "rollup": summary,
            "levels": [
                (
                    rollup.LEVEL_LABELS[level],
                    rollup.due_on(year, level, settings.GONGKAI_REPORT_ROLLUP_DUE),
                )
                for level in rollup.LEVELS
            ],
        },
    )
