from __future__ import annotations

from typing import TypeVar

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from gongkai.accounts.access import (
    Action,
    can,
    can_change_unit,
    get_staff_member,
    get_unit,
    is_office,
    sees_unit,
    staff_view,
    units_in_scope,
    visible_staff,
    visible_units,
)
from gongkai.core import params
from gongkai.core.forms import apply_errors
from gongkai.units import selectors, services
from gongkai.units.forms import (
    UNIT_CONTACT_FIELDS,
    UNIT_EDIT_FIELDS,
    PasswordForm,
    StaffCreateForm,
    StaffEditForm,
    UnitForm,
    VenueForm,
    staff_initial,
)
from gongkai.units.models import Role, Staff, UnitKind

_F = TypeVar("_F", bound=UnitForm | StaffCreateForm | StaffEditForm)


def _in_scope(staff: Staff, form: _F) -> _F:
    """A unit's parent and a person's unit chosen within the staff member's scope."""
    return units_in_scope(staff, form, "parent", "unit", required=True)


@staff_view(Action.VIEW_UNITS)
def unit_list(request: HttpRequest, staff: Staff) -> HttpResponse:
    units = (
        visible_units(staff)
        .select_related("parent")
        .annotate(staff_count=Count("staff", filter=Q(staff__user__is_active=True)))
    )
    kind = params.choice(request.GET, "kind", UnitKind.values)
    if kind:
        units = units.filter(kind=kind)
    q = params.text(request.GET, "q", max_length=50)
    if q:
        units = units.filter(Q(name__contains=q) | Q(short_name__contains=q) | Q(code__icontains=q))
    return render(
        request,
        "units/unit_list.html",
        {"units": units, "kinds": UnitKind.choices, "kind": kind, "q": q},
    )


@staff_view(Action.VIEW_UNITS)
def unit_detail(request: HttpRequest, staff: Staff, pk: int) -> HttpResponse:
    unit = get_unit(staff, pk)
    today = timezone.localdate()
    current = selectors.venue_record_on(unit, today)
    return render(
        request,
        "units/unit_detail.html",
        {
            "unit": unit,
            "people": unit.staff.select_related("user").order_by("role", "name"),
            "may_change": can_change_unit(staff, unit) and can(staff, Action.EDIT_UNIT),
            "venues": selectors.venues_of(unit),
            "current_venue": current.pk if current else None,
            "today": today,
            "may_manage_venues": can(staff, Action.MANAGE_VENUES),
        },
    )


@staff_view(Action.MANAGE_VENUES)
def venue_create(request: HttpRequest, staff: Staff, pk: int) -> HttpResponse:
    unit = get_unit(staff, pk, for_change=True)
    current = selectors.venue_record_on(unit, timezone.localdate())
    initial = (
        {
            "rule": current.rule,
            "body": current.body,
            "second_body": current.second_body,
            "online_channel": current.online_channel,
            "court": current.court,
        }
        if current
        else {}
    )
    form = VenueForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.venue_record(actor=request.user, unit=unit, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, f"已登记{unit.name}的救济途径")
            return redirect("staff:unit_detail", pk=unit.pk)
    status = 400 if form.is_bound else 200
    return render(
        request,
        "units/venue_form.html",
        {"form": form, "unit": unit, "venues": selectors.venues_of(unit)},
        status=status,
    )


@staff_view(Action.EDIT_UNIT)
def unit_edit(request: HttpRequest, staff: Staff, pk: int) -> HttpResponse:
    unit = get_unit(staff, pk, for_change=True)
    fields = UNIT_EDIT_FIELDS if is_office(staff) else UNIT_CONTACT_FIELDS
    if not sees_unit(staff, unit.parent_id):
        # the top of a government's subtree: its office does not move it or change its level
        fields = [name for name in fields if name not in ("parent", "kind")]
    form = _in_scope(staff, UnitForm(request.POST or None, instance=unit, fields=fields))
    if request.method == "POST" and form.is_valid():
        try:
            services.unit_update(actor=request.user, unit=unit, data=form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, f"已保存“{unit.name}”的信息")
            return redirect("staff:unit_detail", pk=unit.pk)
    status = 400 if form.is_bound else 200
    return render(request, "units/unit_form.html", {"form": form, "unit": unit}, status=status)


@staff_view(Action.CREATE_UNIT)
def unit_create(request: HttpRequest, staff: Staff) -> HttpResponse:
    form = _in_scope(staff, UnitForm(request.POST or None))
    if request.method == "POST" and form.is_valid():
        try:
            unit = services.unit_create(actor=request.user, data=form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, f"已登记公开单位“{unit.name}”")
            return redirect("staff:unit_detail", pk=unit.pk)
    status = 400 if form.is_bound else 200
    return render(request, "units/unit_form.html", {"form": form, "unit": None}, status=status)


@staff_view(Action.VIEW_STAFF)
def staff_list(request: HttpRequest, staff: Staff) -> HttpResponse:
    people = visible_staff(staff).order_by("unit__sort_order", "unit_id", "role", "name")
    role = params.choice(request.GET, "role", Role.values)
    if role:
        people = people.filter(role=role)
    q = params.text(request.GET, "q", max_length=50)
    if q:
        people = people.filter(
            Q(name__contains=q) | Q(user__username__icontains=q) | Q(unit__name__contains=q)
        )
    page = Paginator(people, 50).get_page(params.page(request.GET))
    return render(
        request,
        "units/staff_list.html",
        {"page": page, "roles": Role.choices, "role": role, "q": q},
    )


@staff_view(Action.MANAGE_STAFF)
def staff_create(request: HttpRequest, staff: Staff) -> HttpResponse:
    form = _in_scope(staff, StaffCreateForm(request.POST or None))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            member = services.staff_create(
                actor=request.user,
                username=data["username"],
                password=data["password"],
                name=data["name"],
                role=Role(data["role"]),
                unit=data["unit"],
                phone=data["phone"],
                sso_id=data["sso_id"],
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, f"已开设账号 {data['username']}")
            return redirect("staff:staff_edit", pk=member.pk)
    status = 400 if form.is_bound else 200
    return render(request, "units/staff_form.html", {"form": form, "member": None}, status=status)


@staff_view(Action.VIEW_STAFF)
def staff_edit(request: HttpRequest, staff: Staff, pk: int) -> HttpResponse:
    may_manage = can(staff, Action.MANAGE_STAFF)
    member = get_staff_member(staff, pk, for_change=request.method == "POST")
    form = _in_scope(staff, StaffEditForm(request.POST or None, initial=staff_initial(member)))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        new_role = data["role"] != member.role  # rule-ok: the form against the record itself
        if member.pk == staff.pk and (not data["is_active"] or new_role):
            form.add_error(None, "不能停用自己的账号或更改自己的角色")
        else:
            try:
                services.staff_update(
                    actor=request.user,
                    member=member,
                    name=data["name"],
                    role=Role(data["role"]),
                    unit=data["unit"],
                    phone=data["phone"],
                    sso_id=data["sso_id"],
                    is_active=data["is_active"],
                )
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, f"已保存 {member.user.get_username()} 的信息")
                return redirect("staff:staff_edit", pk=member.pk)
    status = 400 if form.is_bound else 200
    return render(
        request,
        "units/staff_form.html",
        {"form": form, "member": member, "may_manage": may_manage},
        status=status,
    )


@staff_view(Action.MANAGE_STAFF)
def staff_password(request: HttpRequest, staff: Staff, pk: int) -> HttpResponse:
    member = get_staff_member(staff, pk, for_change=True)
    form = PasswordForm(request.POST or None, user=member.user)
    if request.method == "POST" and form.is_valid():
        services.staff_set_password(
            actor=request.user, member=member, password=form.cleaned_data["password"]
        )
        messages.success(request, f"已重设 {member.user.get_username()} 的密码")
        return redirect("staff:staff_edit", pk=member.pk)
    status = 400 if form.is_bound else 200
    return render(
        request, "units/staff_password.html", {"form": form, "member": member}, status=status
    )
