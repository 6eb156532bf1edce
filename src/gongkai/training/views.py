"""The office's training pages: the sessions of a year, a session with its units and
materials, and the forms that record them (read-only for the supervisor)."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils import timezone

from gongkai.accounts.access import Action, can, staff_view, visible_units
from gongkai.core import params
from gongkai.core.downloads import stored_file
from gongkai.core.forms import apply_errors
from gongkai.training import selectors, services
from gongkai.training.access import get_material, get_session
from gongkai.training.forms import AttendanceForm, MaterialForm, SessionForm
from gongkai.training.models import Session
from gongkai.units.models import Staff


def _first_error(form: SessionForm | AttendanceForm | MaterialForm) -> str:
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        message = str(errors[0])
        return message if not label or message.startswith(str(label)[:4]) else f"{label}：{message}"
    return "填写有误"


@staff_view(Action.VIEW_TRAINING)
def session_list(request: HttpRequest, staff: Staff) -> HttpResponse:
    this_year = timezone.localdate().year
    year = params.integer(request.GET, "year", low=1900, high=2199)
    sessions = list(selectors.sessions_of(year))
    return render(
        request,
        "training/list.html",
        {
            "sessions": sessions,
            "year": year,
            "years": sorted({*selectors.years(), this_year}, reverse=True),
            "figures": selectors.year_figures(year) if year else None,
            "may_manage": can(staff, Action.MANAGE_TRAINING),
        },
    )


def _session_form(request: HttpRequest, session: Session | None, form: SessionForm) -> HttpResponse:
    return render(request, "training/session_form.html", {"form": form, "session": session})


@staff_view(Action.MANAGE_TRAINING)
def session_create(request: HttpRequest, staff: Staff) -> HttpResponse:
    form = SessionForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            session = services.session_create(actor=request.user, data=form.cleaned_data)
        except services.TrainingError as exc:
            form.add_error(None, str(exc))
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, "已登记培训，请登记参训单位和人数")
            return redirect("staff:training_attendance", pk=session.pk)
    return _session_form(request, None, form)


@staff_view(Action.MANAGE_TRAINING)
def session_edit(request: HttpRequest, staff: Staff, pk: int) -> HttpResponse:
    session = get_session(staff, pk, action=Action.MANAGE_TRAINING)
    initial = {name: getattr(session, name) for name in services.SESSION_FIELDS}
    form = SessionForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.session_update(actor=request.user, session=session, data=form.cleaned_data)
        except services.TrainingError as exc:
            form.add_error(None, str(exc))
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, "已保存")
            return redirect("staff:training_session", pk=session.pk)
    return _session_form(request, session, form)


@staff_view(Action.VIEW_TRAINING)
def session_detail(request: HttpRequest, staff: Staff, pk: int) -> HttpResponse:
    session = get_session(staff, pk)
    attendances = list(session.attendances.select_related("unit"))
    return render(
        request,
        "training/session.html",
        {
            "session": session,
            "attendances": attendances,
            "people": sum(a.people for a in attendances),
            "materials": list(session.materials.all()),
            "may_manage": can(staff, Action.MANAGE_TRAINING),
            "material_form": MaterialForm(),
        },
    )


@staff_view(Action.MANAGE_TRAINING)
def attendance_edit(request: HttpRequest, staff: Staff, pk: int) -> HttpResponse:
    session = get_session(staff, pk, action=Action.MANAGE_TRAINING)
    units = list(visible_units(staff).filter(is_active=True).order_by("sort_order", "id"))
    recorded = {a.unit_id: a for a in session.attendances.all()}
    # a unit switched off since keeps its row
    units += [a.unit for a in recorded.values() if a.unit not in units]
    initial: dict[str, int | str] = {}
    for unit_id, attendance in recorded.items():
        initial[f"people_{unit_id}"] = attendance.people
        initial[f"names_{unit_id}"] = attendance.names
    form = AttendanceForm(
        request.POST if request.method == "POST" else None, units=units, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        rows = [services.Attendee(unit, people, names) for unit, people, names in form.rows()]
        try:
            services.attendance_save(actor=request.user, session=session, rows=rows)
        except services.TrainingError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "已保存参训单位和人数")
            return redirect("staff:training_session", pk=session.pk)
    return render(request, "training/attendance.html", {"session": session, "form": form})


@staff_view(Action.MANAGE_TRAINING)
def material_add(request: HttpRequest, staff: Staff, pk: int) -> HttpResponse:
    session = get_session(staff, pk, action=Action.MANAGE_TRAINING)
    if request.method != "POST":  # after the access check: an outsider learns nothing
        return HttpResponseNotAllowed(["POST"])
    form = MaterialForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _first_error(form))
        return redirect("staff:training_session", pk=session.pk)
    limit = int(settings.MAX_UPLOAD_MB) * 1024 * 1024
    files = []
    for upload in form.cleaned_data["materials"]:
        if upload.size > limit:
            messages.error(
                request, f"文件“{upload.name[:60]}”过大：上限 {settings.MAX_UPLOAD_MB} MB"
            )
            return redirect("staff:training_session", pk=session.pk)
        files.append((upload.name or "材料", upload.read()))
    try:
        added = services.materials_add(actor=request.user, session=session, files=files)
    except services.TrainingError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"已上传材料{len(added)}个")
    return redirect("staff:training_session", pk=session.pk)


@staff_view(Action.VIEW_TRAINING)
def material_download(request: HttpRequest, staff: Staff, pk: int, material: int) -> FileResponse:
    session = get_session(staff, pk)
    found = get_material(staff, session, material)
    return stored_file(found.file, name=found.name, content_type=found.content_type)
