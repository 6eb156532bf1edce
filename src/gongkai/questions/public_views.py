"""The asker's pages on the portal: ask a question (no account), see it with its number and
query code, and read the published questions and replies — the asker's identity masked."""

from __future__ import annotations

import uuid
from typing import Any

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_safe

from gongkai.core import pagemeta, params
from gongkai.core.ratelimit import allow, allow_submission
from gongkai.questions import selectors, services
from gongkai.questions.forms import PAGE_URL_MAX, LookupForm, QuestionForm, SiteErrorForm
from gongkai.questions.models import Question
from gongkai.units.hosts import portal_scope, units_shown

SESSION_TRACKED = "gk_questions"  # question numbers this browser has opened with their code
SESSION_SUBMITTED = "gk_question_codes"  # token -> [number, query code], for the receipt
PAGE_SIZE = 20
COLUMN = "留言咨询"  # the portal's column of published questions (its ColumnName)


def too_many(request: HttpRequest) -> HttpResponse:
    return render(request, "applications/public/too_many.html", status=429)


def _tracked(request: HttpRequest) -> list[str]:
    return list(request.session.get(SESSION_TRACKED, []))


def _remember(request: HttpRequest, question: Question) -> None:
    tracked = _tracked(request)
    if question.tracking_number not in tracked:
        request.session[SESSION_TRACKED] = [*tracked[-19:], question.tracking_number]


def ask_page(
    request: HttpRequest, form: QuestionForm, status: int = 200, **extra: Any
) -> HttpResponse:
    """The question form; ``extra`` is what the portal's 先查一查 found (portal/lookup_views)."""
    return render(
        request,
        "questions/public/ask.html",
        {"form": units_shown(request, form), "reply_days": services.reply_days(), **extra},
        status=status,
    )


@require_http_methods(["GET", "HEAD", "POST"])
def ask(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        if not allow(request, "question"):
            return too_many(request)
        form = units_shown(request, QuestionForm(request.POST))
        if form.is_valid():
            if not allow_submission(request, "question"):
                return too_many(request)
            token = form.cleaned_data["token"]
            try:
                submitted = services.question_submit(
                    data=form.asker_data(),
                    unit=form.cleaned_data["unit"],
                    token=token,
                    # left 不确定, the question is the host's government's to route
                    government=portal_scope(request).government,
                )
            except services.QuestionError as exc:
                form.add_error(None, str(exc))
            else:
                codes = request.session.get(SESSION_SUBMITTED, {})
                if submitted.created:
                    codes[str(token)] = [submitted.question.tracking_number, submitted.query_code]
                    request.session[SESSION_SUBMITTED] = codes
                    _remember(request, submitted.question)
                elif str(token) not in codes:
                    return render(request, "questions/public/duplicate.html")
                return redirect("portal:question_done", token=token)
        return ask_page(request, form, status=400)
    code = params.text(request.GET, "unit", max_length=32)
    unit = portal_scope(request).units().filter(code=code).first() if code else None
    initial = {"token": QuestionForm.new_token(), "unit": unit.pk if unit else None}
    return ask_page(request, QuestionForm(initial=initial))


def _keep_receipt(request: HttpRequest, token: uuid.UUID, submitted: services.Submitted) -> bool:
    """Remember the number and query code for the receipt page; False for a form sent again
    from another browser (whose receipt this one may not see)."""
    codes = request.session.get(SESSION_SUBMITTED, {})
    if submitted.created:
        codes[str(token)] = [submitted.question.tracking_number, submitted.query_code]
        request.session[SESSION_SUBMITTED] = codes
        _remember(request, submitted.question)
        return True
    return str(token) in codes


def site_error_page(request: HttpRequest, form: SiteErrorForm, status: int = 200) -> HttpResponse:
    return render(
        request,
        "questions/public/site_error.html",
        {"form": form, "reply_days": services.site_error_reply_days()},
        status=status,
    )


@require_http_methods(["GET", "HEAD", "POST"])
def site_error(request: HttpRequest) -> HttpResponse:
    """我为政府网站找错: the form (prefilled with the page the visitor came from, ``?url=``),
    limited like the question form."""
    if request.method == "POST":
        if not allow(request, "site_error"):
            return too_many(request)
        form = SiteErrorForm(request.POST)
        if form.is_valid():
            if not allow_submission(request, "site_error"):
                return too_many(request)
            token = form.cleaned_data["token"]
            try:
                # an error on a government's portal is that government's office's to route
                submitted = services.site_error_submit(
                    data=form.site_error_data(),
                    token=token,
                    government=portal_scope(request).government,
                )
            except services.QuestionError as exc:
                form.add_error(None, str(exc))
            else:
                if not _keep_receipt(request, token, submitted):
                    return render(request, "questions/public/duplicate.html")
                return redirect("portal:question_done", token=token)
        return site_error_page(request, form, status=400)
    page = params.text(request.GET, "url", max_length=PAGE_URL_MAX) or ""
    if page and not page.startswith("/"):
        page = ""  # only this site's own pages are prefilled
    initial = {"token": SiteErrorForm.new_token(), "page_url": page}
    return site_error_page(request, SiteErrorForm(initial=initial))


def done(request: HttpRequest, token: uuid.UUID) -> HttpResponse:
    """The receipt: number and query code, shown once to the browser that asked."""
    entry = request.session.get(SESSION_SUBMITTED, {}).get(str(token))
    question = Question.objects.filter(submission_token=token).select_related("unit").first()
    if question is None or question.tracking_number not in _tracked(request):
        raise Http404
    return render(
        request,
        "questions/public/done.html",
        {"question": question, "query_code": entry[1] if entry else None},
    )


@require_http_methods(["GET", "HEAD", "POST"])
def lookup(request: HttpRequest) -> HttpResponse:
    form = LookupForm(request.POST or None)
    if request.method == "POST":
        if not allow(request, "question_lookup"):
            return too_many(request)
        if form.is_valid():
            if not allow_submission(request, "question_lookup"):
                return too_many(request)
            number = form.cleaned_data["tracking_number"]
            question = Question.objects.filter(tracking_number=number).first()
            if question is not None and services.query_code_matches(
                question, form.cleaned_data["query_code"]
            ):
                _remember(request, question)
                return redirect("portal:question_status", tracking_number=number)
            form.add_error(None, "留言编号或查询码不正确")
        return render(request, "questions/public/lookup.html", {"form": form}, status=400)
    return render(request, "questions/public/lookup.html", {"form": form})


@require_safe
def status(request: HttpRequest, tracking_number: str) -> HttpResponse:
    """The asker's own view: the question, its state and — once approved — the reply (also
    when it is not published)."""
    if tracking_number not in _tracked(request):
        raise Http404
    question = (
        Question.objects.select_related("unit", "application")
        .filter(tracking_number=tracking_number)
        .first()
    )
    if question is None:
        raise Http404
    return render(request, "questions/public/status.html", {"question": question})


@require_safe
def published_list(request: HttpRequest) -> HttpResponse:
    published = portal_scope(request).narrow(selectors.published())
    page = Paginator(published, PAGE_SIZE).get_page(params.page(request.GET))
    return render(
        request,
        "questions/public/list.html",
        {"page": page, "page_meta": pagemeta.column(COLUMN, pagemeta.INTERACTION)},
    )


@require_safe
def published_page(request: HttpRequest, pk: int) -> HttpResponse:
    question = portal_scope(request).narrow(selectors.published()).filter(pk=pk).first()
    if question is None:
        raise Http404
    assert question.published_at is not None  # on the portal: published
    meta = pagemeta.article(
        title=question.public_subject or question.subject,
        published=question.published_at,
        source=question.unit.name if question.unit else "",
        words=[COLUMN, question.unit.short_name if question.unit else ""],
        column_name=COLUMN,
        column_type=pagemeta.INTERACTION,
    )
    return render(
        request, "questions/public/question.html", {"question": question, "page_meta": meta}
    )
