"""The public's pages: the consultations open and closed, a consultation with its draft, its
attachments, the comment form while it is open, the published comments and the feedback; a
survey's form and, once it is closed, its results. No account; nothing personal shown."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_safe

from gongkai.consultations import selectors, services
from gongkai.consultations.forms import CommentForm
from gongkai.consultations.models import Consultation, Survey
from gongkai.consultations.status import State
from gongkai.core import pagemeta, params
from gongkai.core.downloads import stored_file
from gongkai.core.ratelimit import allow, allow_submission
from gongkai.units.hosts import portal_scope

# A free-text answer is kept to the length its field holds (models.Answer.text).
ANSWER_MAX_CHARS = 2000
COLUMN = "意见征集"  # the portal's column of consultations (its ColumnName)


def _too_many(request: HttpRequest) -> HttpResponse:
    return render(request, "applications/public/too_many.html", status=429)


def _visible(request: HttpRequest, pk: int) -> Consultation:
    """Every consultation is public from its announcement; a scheduled one shows its dates.
    Another government's (units.hosts): 404 on this host."""
    shown = portal_scope(request).narrow(Consultation.objects.select_related("unit"))
    try:
        return shown.get(pk=pk)
    except Consultation.DoesNotExist:
        raise Http404 from None


def _surveys(request: HttpRequest) -> QuerySet[Survey]:
    """The surveys the host's portal shows: those of its consultations; a survey outside any
    consultation is the deployment's, as a record of no unit is (docs/governments.md)."""
    return portal_scope(request).narrow(Survey.objects.all(), "consultation__unit")


@require_safe
def consultation_list(request: HttpRequest) -> HttpResponse:
    today = services.today()
    rows = [(c, c.state(today)) for c in portal_scope(request).narrow(selectors.consultations())]
    return render(
        request,
        "consultations/public/list.html",
        {
            "open": [(c, s) for c, s in rows if s in (State.OPEN, State.SCHEDULED)],
            "closed": [(c, s) for c, s in rows if s in (State.CLOSED, State.ANSWERED)],
            "surveys": list(_surveys(request).filter(consultation=None)),
            "today": today,
            "page_meta": pagemeta.column(COLUMN, pagemeta.INTERACTION),
        },
    )


@require_http_methods(["GET", "HEAD", "POST"])
def consultation_page(request: HttpRequest, pk: int) -> HttpResponse:
    consultation = _visible(request, pk)
    state = consultation.state(services.today())
    form = CommentForm(request.POST if request.method == "POST" else None)
    code = 200
    if request.method == "POST":
        if not allow(request, "comment"):
            return _too_many(request)
        if form.is_valid():
            if not allow_submission(request, "comment"):
                return _too_many(request)
            try:
                services.comment_submit(consultation=consultation, **form.cleaned_data)
            except services.ConsultationError as exc:
                form.add_error(None, str(exc))
            except ValidationError as exc:
                form.add_error(None, "；".join(exc.messages))
            else:
                messages.success(
                    request, "您的意见已提交，经审核后公开（不公开姓名和联系方式）。谢谢！"
                )
                return redirect("portal:consultation", pk=consultation.pk)
        code = 400
    answered = state is State.ANSWERED
    return render(
        request,
        "consultations/public/detail.html",
        {
            "c": consultation,
            "state": state,
            "form": form if state is State.OPEN else None,
            "attachments": list(consultation.attachments.all()),
            "comments": list(selectors.published_comments(consultation)),
            "counts": selectors.feedback_counts(consultation) if answered else None,
            "surveys": list(consultation.surveys.all()),
            "page_meta": pagemeta.article(
                title=consultation.title,
                published=consultation.opens_on,
                source=consultation.unit.name,
                words=[COLUMN, consultation.unit.short_name],
                column_name=COLUMN,
                column_type=pagemeta.INTERACTION,
            ),
        },
        status=code,
    )


@require_safe
def attachment_download(request: HttpRequest, pk: int, attachment: int) -> FileResponse:
    consultation = _visible(request, pk)
    found = consultation.attachments.filter(pk=attachment).first()
    if found is None:
        raise Http404
    return stored_file(found.file, name=found.name, content_type=found.content_type)


@require_http_methods(["GET", "HEAD", "POST"])
def survey_page(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        survey = _surveys(request).get(pk=pk)
    except Survey.DoesNotExist:
        raise Http404 from None
    today = services.today()
    questions = list(survey.questions.prefetch_related("choices"))
    error = ""
    code = 200
    if request.method == "POST":
        if not allow(request, "survey"):
            return _too_many(request)
        choices: dict[int, list[int]] = {}
        texts: dict[int, str] = {}
        for q in questions:
            if q.kind == "text":
                texts[q.pk] = params.text(request.POST, f"q{q.pk}", max_length=ANSWER_MAX_CHARS)
                continue
            taken = [
                params.parse_int(v, low=1, high=params.MAX_ID)
                for v in request.POST.getlist(f"q{q.pk}")[:50]
            ]
            if None in taken:
                error = "选项无效"
                break
            choices[q.pk] = [pk for pk in taken if pk is not None]
        if not error:
            if not allow_submission(request, "survey"):
                return _too_many(request)
            try:
                services.survey_answer(survey=survey, choices=choices, texts=texts)
            except services.ConsultationError as exc:
                error = str(exc)
            except ValidationError as exc:
                error = "；".join(exc.messages)
            else:
                messages.success(request, "您的回答已提交，谢谢！")
                return redirect("portal:survey", pk=survey.pk)
        code = 400
    closed = today > survey.closes_on
    return render(
        request,
        "consultations/public/survey.html",
        {
            "survey": survey,
            "questions": questions,
            "is_open": survey.is_open(today),
            "results": selectors.survey_results(survey) if closed else None,
            "error": error,
        },
        status=code,
    )
