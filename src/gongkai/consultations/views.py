"""The office's consultation pages: the list, opening one, a consultation with its comments to
moderate and mark, its feedback, and surveys with their results (read-only for the
supervisor)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render

from gongkai.accounts.access import (
    Action,
    can,
    is_whole_deployment,
    staff_view,
    visible_units,
)
from gongkai.consultations import selectors, services
from gongkai.consultations.access import (
    get_comment,
    get_consultation,
    get_survey,
    visible_consultations,
    visible_surveys,
)
from gongkai.consultations.forms import (
    AdoptionForm,
    AttachmentForm,
    ConsultationForm,
    EndForm,
    FeedbackForm,
    ModerateForm,
    SurveyForm,
)
from gongkai.consultations.status import Adoption
from gongkai.core.forms import apply_errors
from gongkai.units.models import Staff

Forms = ConsultationForm | AttachmentForm | EndForm | ModerateForm | AdoptionForm | FeedbackForm


def _first_error(form: Forms) -> str:
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        message = str(errors[0])
        return message if not label or message.startswith(str(label)[:4]) else f"{label}：{message}"
    return "填写有误"


@staff_view(Action.VIEW_CONSULTATIONS)
def consultation_list(request: HttpRequest, staff: Staff) -> HttpResponse:
    today = services.today()
    rows = [(c, c.state(today)) for c in visible_consultations(staff).order_by("-opens_on", "-id")]
    return render(
        request,
        "consultations/list.html",
        {
            "rows": rows,
            "surveys": list(visible_surveys(staff)),
            "may_manage": can(staff, Action.MANAGE_CONSULTATIONS),
        },
    )


@staff_view(Action.MANAGE_CONSULTATIONS)
def consultation_create(request: HttpRequest, staff: Staff) -> HttpResponse:
    form = ConsultationForm(request.POST if request.method == "POST" else None)
    _in_scope(staff, form, "unit", visible_units(staff))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            consultation = services.consultation_open(
                actor=request.user,
                unit=data["unit"],
                title=data["title"],
                draft=data["draft"],
                opens_on=data["opens_on"],
                closes_on=data["closes_on"],
                shortened_reason=data["shortened_reason"],
            )
        except services.ConsultationError as exc:
            form.add_error(None, str(exc))
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, "已发布意见征集")
            return redirect("staff:consultation", pk=consultation.pk)
    return render(
        request,
        "consultations/form.html",
        {"form": form, "minimum_days": services.minimum_days()},
        status=400 if form.is_bound else 200,
    )


@staff_view(Action.VIEW_CONSULTATIONS)
def consultation_detail(request: HttpRequest, staff: Staff, pk: int) -> HttpResponse:
    consultation = get_consultation(staff, pk)
    state = consultation.state(services.today())
    comments = list(consultation.comments.all())
    return render(
        request,
        "consultations/detail.html",
        {
            "c": consultation,
            "state": state,
            "comments": comments,
            "counts": selectors.feedback_counts(consultation),
            "attachments": list(consultation.attachments.all()),
            "surveys": list(consultation.surveys.all()),
            "may_manage": can(staff, Action.MANAGE_CONSULTATIONS),
            "attachment_form": AttachmentForm(),
            "end_form": EndForm(),
            "moderate_form": ModerateForm(),
            "adoption_form": AdoptionForm(),
            "feedback_form": FeedbackForm(),
            "adoptions": [(a.value, a.label) for a in Adoption],
        },
    )


def _in_scope(staff: Staff, form: Forms | SurveyForm, name: str, choices: QuerySet[Any]) -> None:
    """A government's office chooses among its own subtree's units and consultations; a
    survey it opens belongs to one of its consultations (docs/governments.md)."""
    if is_whole_deployment(staff):
        return
    field = form.fields[name]
    assert isinstance(field, forms.ModelChoiceField)
    field.queryset = choices
    field.required = True


def _post_only(request: HttpRequest) -> HttpResponse | None:
    return None if request.method == "POST" else HttpResponseNotAllowed(["POST"])


@staff_view(Action.MANAGE_CONSULTATIONS)
def attachment_add(request: HttpRequest, staff: Staff, pk: int) -> HttpResponse:
    consultation = get_consultation(staff, pk, action=Action.MANAGE_CONSULTATIONS)
    if refused := _post_only(request):  # after the access check: an outsider learns nothing
        return refused
    form = AttachmentForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _first_error(form))
        return redirect("staff:consultation", pk=consultation.pk)
    limit = int(settings.MAX_UPLOAD_MB) * 1024 * 1024
    files = []
    for upload in form.cleaned_data["attachments"]:
        if upload.size > limit:
            messages.error(
                request, f"文件“{upload.name[:60]}”过大：上限 {settings.MAX_UPLOAD_MB} MB"
            )
            return redirect("staff:consultation", pk=consultation.pk)
        files.append((upload.name or "附件", upload.read()))
    try:
        added = services.attachments_add(actor=request.user, consultation=consultation, files=files)
    except services.ConsultationError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"已上传附件{len(added)}个")
    return redirect("staff:consultation", pk=consultation.pk)


@staff_view(Action.MANAGE_CONSULTATIONS)
def consultation_end(request: HttpRequest, staff: Staff, pk: int) -> HttpResponse:
    consultation = get_consultation(staff, pk, action=Action.MANAGE_CONSULTATIONS)
    if refused := _post_only(request):
        return refused
    form = EndForm(request.POST)
    if not form.is_valid():
        messages.error(request, _first_error(form))
    else:
        try:
            services.consultation_end(
                actor=request.user, consultation=consultation, reason=form.cleaned_data["reason"]
            )
        except services.ConsultationError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, "已结束征集")
    return redirect("staff:consultation", pk=consultation.pk)


@staff_view(Action.MANAGE_CONSULTATIONS)
def comment_moderate(request: HttpRequest, staff: Staff, pk: int, comment: int) -> HttpResponse:
    consultation = get_consultation(staff, pk, action=Action.MANAGE_CONSULTATIONS)
    found = get_comment(staff, consultation, comment)
    if refused := _post_only(request):
        return refused
    form = ModerateForm(request.POST)
    if not form.is_valid():
        messages.error(request, _first_error(form))
    else:
        data = form.cleaned_data
        try:
            services.comment_moderate(
                actor=request.user,
                comment=found,
                approve=data["verdict"] == "approve",
                reason=data["reason"],
                public_body=data["public_body"],
            )
        except services.ConsultationError as exc:
            messages.error(request, str(exc))
        except ValidationError as exc:
            messages.error(request, "；".join(exc.messages))
        else:
            messages.success(request, f"意见{found.pk}已审核")
    return redirect("staff:consultation", pk=consultation.pk)


@staff_view(Action.MANAGE_CONSULTATIONS)
def comment_adoption(request: HttpRequest, staff: Staff, pk: int, comment: int) -> HttpResponse:
    consultation = get_consultation(staff, pk, action=Action.MANAGE_CONSULTATIONS)
    found = get_comment(staff, consultation, comment)
    if refused := _post_only(request):
        return refused
    form = AdoptionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _first_error(form))
    else:
        try:
            services.comment_adoption(
                actor=request.user,
                comment=found,
                adoption=next(a for a in Adoption if a.value == form.cleaned_data["adoption"]),
                reason=form.cleaned_data["reason"],
            )
        except services.ConsultationError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, f"已标明意见{found.pk}的采纳情况")
    return redirect("staff:consultation", pk=consultation.pk)


@staff_view(Action.MANAGE_CONSULTATIONS)
def feedback_publish(request: HttpRequest, staff: Staff, pk: int) -> HttpResponse:
    consultation = get_consultation(staff, pk, action=Action.MANAGE_CONSULTATIONS)
    if refused := _post_only(request):
        return refused
    form = FeedbackForm(request.POST)
    if not form.is_valid():
        messages.error(request, _first_error(form))
    else:
        try:
            services.feedback_publish(
                actor=request.user, consultation=consultation, text=form.cleaned_data["text"]
            )
        except services.ConsultationError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, "已发布反馈")
    return redirect("staff:consultation", pk=consultation.pk)


@staff_view(Action.MANAGE_CONSULTATIONS)
def survey_create(request: HttpRequest, staff: Staff) -> HttpResponse:
    form = SurveyForm(request.POST if request.method == "POST" else None)
    _in_scope(staff, form, "consultation", visible_consultations(staff))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            survey = services.survey_create(
                actor=request.user,
                title=data["title"],
                intro=data["intro"],
                questions_text=data["questions"],
                opens_on=data["opens_on"],
                closes_on=data["closes_on"],
                consultation=data["consultation"],
            )
        except services.ConsultationError as exc:
            form.add_error(None, str(exc))
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, "已发布调查问卷")
            return redirect("staff:survey", pk=survey.pk)
    return render(
        request,
        "consultations/survey_form.html",
        {"form": form},
        status=400 if form.is_bound else 200,
    )


@staff_view(Action.VIEW_CONSULTATIONS)
def survey_detail(request: HttpRequest, staff: Staff, pk: int) -> HttpResponse:
    survey = get_survey(staff, pk)
    return render(
        request,
        "consultations/survey.html",
        {
            "survey": survey,
            "results": selectors.survey_results(survey, with_texts=True),
            "responses": survey.responses.count(),
        },
    )
