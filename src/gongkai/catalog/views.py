"""Staff pages of the catalog: items through their workflow, columns, monitoring, guides,
reading places and paper transfers, and the year's counts. Thin: access through
:mod:`gongkai.accounts.access`, changes through :mod:`gongkai.catalog.services`."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.safestring import mark_safe

from gongkai.accounts.access import (
    Action,
    acts_for,
    can,
    get_unit,
    is_district_wide,
    is_office,
    is_whole_deployment,
    staff_view,
    visible_units,
)
from gongkai.audit.models import AuditEvent
from gongkai.catalog import forms, rules, selectors, services
from gongkai.catalog.access import (
    columns_for_items,
    get_attachment,
    get_column,
    get_item,
    may_act_on_item,
    visible_items,
    visible_transfers,
)
from gongkai.catalog.models import GUIDE_PARTS, Column, Guide, Item, ReadingPlace, Validity
from gongkai.catalog.status import State
from gongkai.core import params
from gongkai.core.downloads import stored_file
from gongkai.units import tree
from gongkai.units.models import Staff, UnitKind


def _years() -> list[int]:
    return list(range(timezone.localdate().year, 2007, -1))


def _year(request: HttpRequest) -> int:
    years = _years()
    return params.year(request.GET, default=years[0], low=years[-1], high=years[0])


# --- items --------------------------------------------------------------------------------------
@staff_view(Action.VIEW_CATALOG)
def item_list(request: HttpRequest, staff: Staff) -> HttpResponse:
    items = visible_items(staff)
    state = params.choice(request.GET, "status", {s.value for s in State})
    if state:
        items = items.filter(status=state)
    unit_code = params.text(request.GET, "unit", max_length=32)
    if unit_code and is_district_wide(staff):
        items = items.filter(unit__code=unit_code)
    q = params.text(request.GET, "q", max_length=60)
    if q:
        items = items.filter(Q(title__icontains=q) | Q(doc_number__icontains=q) | Q(index_number=q))
    counts = dict(
        visible_items(staff).values("status").annotate(n=Count("id")).values_list("status", "n")
    )
    page = Paginator(items.order_by("-updated_at", "-id"), 50).get_page(params.page(request.GET))
    return render(
        request,
        "catalog/staff/item_list.html",
        {
            "page": page,
            "states": [(s.value, s.label, counts.get(s.value, 0)) for s in State],
            "state": state,
            "q": q,
            "unit_code": unit_code,
            "units": visible_units(staff) if is_district_wide(staff) else [],
            "may_edit": can(staff, Action.EDIT_ITEM) and staff.unit_id is not None,
            "today": timezone.localdate(),
        },
    )


def _item_form(staff: Staff, data: Any = None, **kwargs: Any) -> forms.ItemForm:
    return forms.ItemForm(data, columns=columns_for_items(staff), unit_id=staff.unit_id, **kwargs)


def _data(form: forms.ItemForm) -> dict[str, Any]:
    return {key: form.cleaned_data.get(key) for key in services.ITEM_FIELDS if key in form.fields}


@staff_view(Action.EDIT_ITEM)
def item_create(request: HttpRequest, staff: Staff) -> HttpResponse:
    if staff.unit is None:
        raise Http404
    initial: dict[str, Any] = {"publisher": staff.unit.name, "formed_on": timezone.localdate()}
    policy_id = params.ident(request.GET, "interprets")
    if policy_id is not None:
        policy = forms.policy_candidates(staff.unit_id).filter(pk=policy_id).first()
        if policy is not None:
            initial["interprets"] = policy.pk
            initial["title"] = f"《{policy.title}》政策解读"
            column = columns_for_items(staff).filter(kind="interpretation").first()
            if column is not None:
                initial["column"] = column.pk
    column_id = params.ident(request.GET, "column")
    if column_id is not None:
        initial["column"] = column_id
    form = _item_form(staff, request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            item = services.item_create(actor=request.user, unit=staff.unit, data=_data(form))
        except services.CatalogError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "已保存草稿。确认无误后提交审核。")
            return redirect("staff:item", pk=item.pk)
    status = 400 if form.is_bound else 200
    return render(
        request, "catalog/staff/item_form.html", {"form": form, "item": None}, status=status
    )


@staff_view(Action.EDIT_ITEM)
def item_edit(request: HttpRequest, staff: Staff, pk: int) -> HttpResponse:
    item = get_item(staff, pk, action=Action.EDIT_ITEM)
    if item.status != State.DRAFT:
        messages.error(request, "只有草稿可以修改")
        return redirect("staff:item", pk=item.pk)
    initial = {key: getattr(item, key) for key in services.ITEM_FIELDS}
    initial["column"] = item.column_id
    initial["interprets"] = item.interprets_id
    form = _item_form(staff, request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.item_update(actor=request.user, item=item, data=_data(form))
        except services.CatalogError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "已保存修改")
            return redirect("staff:item", pk=item.pk)
    status = 400 if form.is_bound else 200
    return render(
        request, "catalog/staff/item_form.html", {"form": form, "item": item}, status=status
    )


@staff_view(Action.VIEW_CATALOG)
def item_detail(request: HttpRequest, staff: Staff, pk: int) -> HttpResponse:
    item = get_item(staff, pk)
    may_edit = may_act_on_item(staff, item, Action.EDIT_ITEM)
    may_review = may_act_on_item(staff, item, Action.REVIEW_ITEM)
    may_back_enter = (
        may_act_on_item(staff, item, Action.BACK_ENTER_ITEM) and item.status == State.SUBMITTED
    )
    # the same second-person rule the service applies, said before the reviewer fills the form
    publish_refusal = (
        services.why_not_publish(request.user, item)
        if may_review and item.status == State.SUBMITTED
        else None
    )
    history = AuditEvent.objects.filter(object_type="item", object_id=str(item.pk)).order_by(
        "at", "id"
    )
    return render(
        request,
        "catalog/staff/item_detail.html",
        {
            "item": item,
            "body": mark_safe(item.body),  # noqa: S308 - sanitized with nh3 when stored
            "attachments": list(item.attachments.all()),
            "interpretations": list(item.interpretations.all()),
            "history": history,
            "may_edit": may_edit,
            "may_review": may_review,
            "publish_refusal": publish_refusal,
            "publish_form": forms.PublishForm(),
            "may_back_enter": may_back_enter,
            "back_entry_form": forms.BackEntryForm(),
            "reason_form": forms.ReasonForm(),
            "validity_form": forms.ValidityForm(
                initial={"validity": item.validity, "changed_on": item.validity_changed_on}
            ),
            "attachment_form": forms.AttachmentForm(),
            "overdue": rules.is_overdue(
                published_on=item.published_on, due=item.publish_due, today=timezone.localdate()
            ),
            "is_policy": item.column.holds_policies,
        },
    )


def _back(request: HttpRequest, item: Item, done: str) -> HttpResponse:
    messages.success(request, done)
    return redirect("staff:item", pk=item.pk)


def _refused(request: HttpRequest, item: Item, message: str) -> HttpResponse:
    messages.error(request, message)
    return redirect("staff:item", pk=item.pk)


@staff_view(Action.EDIT_ITEM)
def item_submit(request: HttpRequest, staff: Staff, pk: int) -> HttpResponse:
    item = get_item(staff, pk, action=Action.EDIT_ITEM)
    if request.method != "POST":  # after the access check: an outsider learns nothing
        return HttpResponseNotAllowed(["POST"])
    try:
        services.item_submit(actor=request.user, item=item)
    except services.CatalogError as exc:
        return _refused(request, item, str(exc))
    return _back(request, item, "已提交审核")


@staff_view(Action.REVIEW_ITEM)
def item_review(request: HttpRequest, staff: Staff, pk: int, action: str) -> HttpResponse:
    """The reviewer's steps: publish (with the 保密审查), return, withdraw, validity."""
    item = get_item(staff, pk, action=Action.REVIEW_ITEM)
    if request.method != "POST":  # after the access check: an outsider learns nothing
        return HttpResponseNotAllowed(["POST"])
    try:
        if action == "publish":
            form = forms.PublishForm(request.POST)
            if not form.is_valid():
                return _refused(request, item, _first_error(form))
            services.item_publish(
                actor=request.user,
                item=item,
                secrecy_review=form.cleaned_data["secrecy_review"],
            )
            return _back(request, item, "已审核发布，门户网站和检索即时可见")
        if action in ("return", "withdraw"):
            reason_form = forms.ReasonForm(request.POST)
            if not reason_form.is_valid():
                return _refused(request, item, "请说明理由")
            reason = reason_form.cleaned_data["reason"]
            if action == "return":
                services.item_return(actor=request.user, item=item, reason=reason)
                return _back(request, item, "已退回起草人修改")
            services.item_withdraw(actor=request.user, item=item, reason=reason)
            return _back(request, item, "已撤回，门户网站和检索中不再显示")
        if action == "validity":
            validity_form = forms.ValidityForm(request.POST)
            if not validity_form.is_valid():
                return _refused(request, item, _first_error(validity_form))
            data = validity_form.cleaned_data
            services.item_set_validity(
                actor=request.user,
                item=item,
                validity=Validity(data["validity"]),
                on=data.get("changed_on"),
                replaced_by=data.get("replaced_item"),
            )
            return _back(request, item, "已更新有效性")
    except services.CatalogError as exc:
        return _refused(request, item, str(exc))
    raise Http404


@staff_view(Action.BACK_ENTER_ITEM)
def item_back_enter(request: HttpRequest, staff: Staff, pk: int) -> HttpResponse:
    """The office enters a historical item with its original date and the date's source."""
    item = get_item(staff, pk, action=Action.BACK_ENTER_ITEM)
    if request.method != "POST":  # after the access check: an outsider learns nothing
        return HttpResponseNotAllowed(["POST"])
    form = forms.BackEntryForm(request.POST)
    if not form.is_valid():
        return _refused(request, item, _first_error(form))
    try:
        services.item_back_enter(
            actor=request.user,
            item=item,
            published_on=form.cleaned_data["published_on"],
            note=form.cleaned_data["note"],
            secrecy_review=form.cleaned_data["secrecy_review"],
        )
    except services.CatalogError as exc:
        return _refused(request, item, str(exc))
    return _back(request, item, "已补录，门户网站标注为补录信息")


def _first_error(form: Any) -> str:
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        return f"{label}：{errors[0]}" if label else str(errors[0])
    return "填写有误"


@staff_view(Action.REVIEW_ITEM)
def item_revise(request: HttpRequest, staff: Staff, pk: int) -> HttpResponse:
    item = get_item(staff, pk, action=Action.REVIEW_ITEM)
    if item.status != State.PUBLISHED:
        return _refused(request, item, "只有已发布的信息可以更正")
    form = forms.RevisionForm(
        request.POST or None, initial={k: getattr(item, k) for k in services.REVISABLE_FIELDS}
    )
    if request.method == "POST" and form.is_valid():
        data = {k: form.cleaned_data[k] for k in services.REVISABLE_FIELDS}
        try:
            services.item_revise(
                actor=request.user, item=item, data=data, reason=form.cleaned_data["reason"]
            )
        except services.CatalogError as exc:
            form.add_error(None, str(exc))
        else:
            return _back(request, item, "已更正，门户网站和检索已更新")
    status = 400 if form.is_bound else 200
    return render(
        request, "catalog/staff/item_revise.html", {"form": form, "item": item}, status=status
    )


@staff_view(Action.EDIT_ITEM)
def attachment_add(request: HttpRequest, staff: Staff, pk: int) -> HttpResponse:
    item = get_item(staff, pk, action=Action.EDIT_ITEM)
    if request.method != "POST":  # after the access check: an outsider learns nothing
        return HttpResponseNotAllowed(["POST"])
    form = forms.AttachmentForm(request.POST, request.FILES)
    if not form.is_valid():
        return _refused(request, item, _first_error(form))
    limit = int(settings.MAX_UPLOAD_MB) * 1024 * 1024
    files = []
    for upload in form.cleaned_data["attachments"]:
        if upload.size > limit:
            return _refused(
                request, item, f"文件“{upload.name[:60]}”过大：上限 {settings.MAX_UPLOAD_MB} MB"
            )
        files.append((upload.name or "附件", upload.read()))
    try:
        added = services.attachments_add(actor=request.user, item=item, files=files)
    except services.CatalogError as exc:
        return _refused(request, item, str(exc))
    return _back(request, item, f"已添加附件{len(added)}个")


@staff_view(Action.EDIT_ITEM)
def attachment_delete(request: HttpRequest, staff: Staff, pk: int, attachment: int) -> HttpResponse:
    item = get_item(staff, pk, action=Action.EDIT_ITEM)
    found = get_attachment(staff, item, attachment)
    if request.method != "POST":  # after the access check: an outsider learns nothing
        return HttpResponseNotAllowed(["POST"])
    try:
        services.attachment_remove(actor=request.user, attachment=found)
    except services.CatalogError as exc:
        return _refused(request, item, str(exc))
    return _back(request, item, "已删除附件")


@staff_view(Action.VIEW_CATALOG)
def attachment_download(
    request: HttpRequest, staff: Staff, pk: int, attachment: int
) -> FileResponse:
    item = get_item(staff, pk)
    found = get_attachment(staff, item, attachment)
    return stored_file(found.file, name=found.name, content_type=found.content_type)


# --- columns ------------------------------------------------------------------------------------
@staff_view(Action.VIEW_CATALOG)
def column_units(request: HttpRequest, staff: Staff) -> HttpResponse:
    units = visible_units(staff).annotate(n_columns=Count("columns", distinct=True))
    if staff.unit_id and not is_district_wide(staff):
        return redirect("staff:columns", unit=staff.unit_id)
    return render(request, "catalog/staff/column_units.html", {"units": units})


@staff_view(Action.VIEW_CATALOG)
def columns(request: HttpRequest, staff: Staff, unit: int) -> HttpResponse:
    found = get_unit(staff, unit)
    all_columns = list(Column.objects.filter(unit=found).order_by("sort_order", "id"))
    tree = selectors.tree_of(all_columns, selectors.column_counts(found))
    may_manage = can(staff, Action.MANAGE_COLUMNS)
    if request.method == "POST":
        if not may_manage:
            raise Http404
        created = services.tree_create(
            actor=request.user,
            unit=found,
            key_areas=found.kind == UnitKind.DISTRICT and request.POST.get("key_areas") == "1",
        )
        messages.success(request, f"已建立栏目{created}个")
        return redirect("staff:columns", unit=found.pk)
    return render(
        request,
        "catalog/staff/columns.html",
        {"unit": found, "tree": tree, "may_manage": may_manage, "empty": not all_columns},
    )


@staff_view(Action.MANAGE_COLUMNS)
def column_edit(
    request: HttpRequest, staff: Staff, unit: int, pk: int | None = None
) -> HttpResponse:
    found = get_unit(staff, unit)
    column = get_column(staff, pk, for_change=True) if pk is not None else None
    if column is not None and column.unit_id != found.pk:
        raise Http404
    parents = Column.objects.filter(unit=found, kind="group")
    if column is not None:
        parents = parents.exclude(pk=column.pk)
    initial = (
        {
            "name": column.name,
            "parent": column.parent_id,
            "kind": column.kind,
            "expected_interval_days": column.expected_interval_days,
            "sort_order": column.sort_order,
            "is_active": column.is_active,
            "shared": column.shared,
        }
        if column
        else {"kind": "general", "is_active": True, "sort_order": 1000}
    )
    form = forms.ColumnForm(request.POST or None, initial=initial, parents=parents)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.column_save(
                actor=request.user, unit=found, column=column, data=dict(form.cleaned_data)
            )
        except services.CatalogError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, f"已保存栏目“{saved.name}”")
            return redirect("staff:columns", unit=found.pk)
    status = 400 if form.is_bound else 200
    return render(
        request,
        "catalog/staff/column_form.html",
        {"form": form, "unit": found, "column": column},
        status=status,
    )


# --- monitoring ---------------------------------------------------------------------------------
@staff_view(Action.VIEW_MONITORING)
def monitoring(request: HttpRequest, staff: Staff) -> HttpResponse:
    year = _year(request)
    rows = selectors.monitoring(visible_units(staff).filter(is_active=True), year=year)
    unit_id = params.ident(request.GET, "unit")
    detail = None
    if unit_id is not None:
        detail = next((r for r in rows if r.unit.pk == unit_id), None)
    elif len(rows) == 1:
        detail = rows[0]
    totals = {
        "stale": sum(len(r.stale) for r in rows),
        "late": sum(len(r.late) for r in rows),
        "overdue": sum(len(r.overdue) for r in rows),
        "lonely": sum(len(r.normative_without_interpretation) for r in rows),
        "guides": sum(0 if r.guide.ok else 1 for r in rows),
        "units_with_problems": sum(1 for r in rows if r.problems),
    }
    return render(
        request,
        "catalog/staff/monitoring.html",
        {
            "rows": sorted(rows, key=lambda r: (-r.problems, r.unit.sort_order)),
            "detail": detail,
            "year": year,
            "years": _years(),
            "totals": totals,
            "today": timezone.localdate(),
        },
    )


# --- guides -------------------------------------------------------------------------------------
@staff_view(Action.VIEW_CATALOG)
def guide_list(request: HttpRequest, staff: Staff) -> HttpResponse:
    units = list(visible_units(staff).filter(is_active=True).order_by("sort_order", "id"))
    if len(units) == 1:
        return redirect("staff:guide", unit=units[0].pk)
    rows = {r.unit.pk: r for r in selectors.monitoring(units, year=timezone.localdate().year)}
    return render(
        request,
        "catalog/staff/guide_list.html",
        {"rows": [rows[u.pk] for u in units]},
    )


@staff_view(Action.VIEW_CATALOG)
def guide_detail(request: HttpRequest, staff: Staff, unit: int) -> HttpResponse:
    found = get_unit(staff, unit)
    versions = list(Guide.objects.filter(unit=found).order_by("-version"))
    may_edit = can(staff, Action.EDIT_GUIDE) and acts_for(staff, found.pk)
    initial = dict(versions[0].parts) if versions else services.draft_guide(found)
    form = forms.GuideForm(request.POST or None, initial=initial)
    if request.method == "POST":
        if not may_edit:
            raise Http404
        if form.is_valid():
            parts = {key: form.cleaned_data[key] for key, _ in GUIDE_PARTS}
            try:
                guide = services.guide_publish(
                    actor=request.user, unit=found, parts=parts, note=form.cleaned_data["note"]
                )
            except services.CatalogError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, f"已发布指南第{guide.version}版")
                return redirect("staff:guide", unit=found.pk)
    state = selectors.monitoring([found], year=timezone.localdate().year)[0].guide
    status = 400 if form.is_bound and form.errors else 200
    return render(
        request,
        "catalog/staff/guide.html",
        {
            "unit": found,
            "versions": versions,
            "form": form,
            "may_edit": may_edit,
            "state": state,
            "parts": [(label, versions[0].parts.get(key, "")) for key, label in GUIDE_PARTS]
            if versions
            else [],
        },
        status=status,
    )


# --- reading places and paper transfers ---------------------------------------------------------
@staff_view(Action.VIEW_CATALOG)
def transfers(request: HttpRequest, staff: Staff) -> HttpResponse:
    year = _year(request)
    listed = visible_transfers(staff).filter(sent_on__year=year)
    units = None if is_whole_deployment(staff) else visible_units(staff)
    may_record = can(staff, Action.RECORD_TRANSFER) and (
        staff.unit_id is not None or is_office(staff)
    )
    form = forms.TransferForm(request.POST or None, initial={"sent_on": timezone.localdate()})
    if request.method == "POST":
        if not may_record:
            raise Http404
        if form.is_valid():
            unit = staff.unit
            if unit is None:  # the deployment's office records for the deployment's government
                unit = tree.deployment_government()
            if unit is None:
                form.add_error(None, "尚未登记区政府，无法登记报送单位")
            else:
                data = form.cleaned_data
                try:
                    services.paper_transfer_record(
                        actor=request.user,
                        unit=unit,
                        place=data["place"],
                        sent_on=data["sent_on"],
                        copies=data["copies"],
                        items=data["index_numbers"],
                        note=data["note"],
                    )
                except services.CatalogError as exc:
                    form.add_error(None, str(exc))
                else:
                    messages.success(request, "已登记报送")
                    return redirect(f"{request.path}?year={data['sent_on'].year}")
    status = 400 if form.is_bound and form.errors else 200
    return render(
        request,
        "catalog/staff/transfers.html",
        {
            "year": year,
            "years": _years(),
            "counts": selectors.transfer_counts(year, units),
            "page": Paginator(listed, 50).get_page(params.page(request.GET)),
            "form": form,
            "may_record": may_record,
            "may_manage_places": can(staff, Action.MANAGE_PLACES),
        },
        status=status,
    )


@staff_view(Action.MANAGE_PLACES)
def places(request: HttpRequest, staff: Staff) -> HttpResponse:
    place_id = params.ident(request.GET, "edit")
    place = ReadingPlace.objects.filter(pk=place_id).first() if place_id is not None else None
    initial = (
        {
            "name": place.name,
            "level": place.level,
            "address": place.address,
            "is_active": place.is_active,
        }
        if place
        else {"is_active": True}
    )
    form = forms.ReadingPlaceForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.reading_place_save(
                actor=request.user, place=place, data=dict(form.cleaned_data)
            )
        except services.CatalogError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, f"已保存“{saved.name}”")
            return redirect("staff:places")
    status = 400 if form.is_bound and form.errors else 200
    return render(
        request,
        "catalog/staff/places.html",
        {"places": ReadingPlace.objects.all(), "form": form, "place": place},
        status=status,
    )


# --- counts -------------------------------------------------------------------------------------
@staff_view(Action.VIEW_MONITORING)
def statistics(request: HttpRequest, staff: Staff) -> HttpResponse:
    year = _year(request)
    units = visible_units(staff)
    per_unit = (
        Item.objects.filter(
            unit__in=units, status__in=[State.PUBLISHED, State.WITHDRAWN], published_on__year=year
        )
        .values("unit__pk", "unit__name", "unit__sort_order")
        .annotate(n=Count("id"))
        .order_by("unit__sort_order")
    )
    return render(
        request,
        "catalog/staff/statistics.html",
        {
            "year": year,
            "years": _years(),
            "counts": selectors.year_counts(year, None if is_whole_deployment(staff) else units)
            if is_district_wide(staff)
            else None,
            "per_unit": per_unit,
            "transfers": selectors.transfer_counts(
                year, None if is_whole_deployment(staff) else units
            ),
        },
    )
