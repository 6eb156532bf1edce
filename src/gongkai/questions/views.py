"""The staff pages of the public questions: the list (by status, unit, overdue), a question
with the step its reader may take (route, draft, approve or return, convert), and the office's
figures."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render

from gongkai.accounts.access import (
    Action,
    is_district_wide,
    receiving_government,
    staff_view,
    units_in_scope,
    visible_units,
)
from gongkai.applications.services import ApplicationError
from gongkai.core import params
from gongkai.core.forms import apply_errors
from gongkai.core.uploads import UploadError
from gongkai.questions import selectors, services
from gongkai.questions.access import get_question, may, visible_questions
from gongkai.questions.forms import ConvertForm, DraftForm, ReviewForm, RouteForm
from gongkai.questions.models import Question
from gongkai.questions.status import Kind, Status, is_overdue
from gongkai.units.models import Staff

PAGE_SIZE = 50


@staff_view(Action.VIEW_QUESTIONS)
def question_list(request: HttpRequest, staff: Staff) -> HttpResponse:
    today = services.today()
    status = params.choice(request.GET, "status", tuple(s.value for s in Status))
    unit_id = params.ident(request.GET, "unit")
    overdue = params.choice(request.GET, "overdue", ("1",)) == "1"
    kind = params.choice(request.GET, "kind", tuple(k.value for k in Kind))
    rows = selectors.filtered(
        visible_questions(staff),
        status=status,
        unit_id=unit_id,
        overdue=overdue,
        today=today,
        kind=Kind(kind) if kind else None,
    )
    page = Paginator(rows, PAGE_SIZE).get_page(params.page(request.GET))
    district_wide = is_district_wide(staff)
    late = {q.pk for q in page if is_overdue(q.state, q.due_date, today)}
    return render(
        request,
        "questions/list.html",
        {
            "page": page,
            "late": late,
            "statuses": [(s.value, s.label) for s in Status],
            "kinds": [(k.value, k.label) for k in Kind],
            "units": visible_units(staff).filter(is_active=True).order_by("sort_order")
            if district_wide
            else None,
            "chosen": {
                "status": status or "",
                "unit": unit_id,
                "overdue": overdue,
                "kind": kind or "",
            },
            "district_wide": district_wide,
        },
    )


def _detail(
    request: HttpRequest, staff: Staff, question: Question, status: int = 200, **forms: object
) -> HttpResponse:
    context: dict[str, object] = {
        "question": question,
        "today": services.today(),
        "overdue": is_overdue(question.state, question.due_date, services.today()),
        "may_route": may(staff, question, Action.ROUTE_QUESTION),
        "may_draft": may(staff, question, Action.ANSWER_QUESTION),
        "may_review": may(staff, question, Action.APPROVE_ANSWER),
        "may_convert": may(staff, question, Action.CONVERT_QUESTION) and not question.is_site_error,
        "route_form": units_in_scope(staff, RouteForm(initial={"unit": question.unit_id})),
        "draft_form": DraftForm(initial={"reply": question.reply}),
        "review_form": ReviewForm(),
        "preview": services.public_copy(question) if question.reply else None,
    }
    context.update(forms)
    return render(request, "questions/detail.html", context, status=status)


@staff_view(Action.VIEW_QUESTIONS)
def question_detail(request: HttpRequest, staff: Staff, pk: int) -> HttpResponse:
    return _detail(request, staff, get_question(staff, pk))


@staff_view(Action.ROUTE_QUESTION)
def question_route(request: HttpRequest, staff: Staff, pk: int) -> HttpResponse:
    question = get_question(staff, pk, action=Action.ROUTE_QUESTION)
    if request.method != "POST":  # after the access check: an outsider learns nothing
        return HttpResponseNotAllowed(["POST"])
    form = units_in_scope(staff, RouteForm(request.POST))
    if form.is_valid():
        try:
            services.question_route(
                actor=request.user, question=question, unit=form.cleaned_data["unit"]
            )
        except services.QuestionError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, f"已分办至{form.cleaned_data['unit'].name}")
            return redirect("staff:question", pk=question.pk)
    return _detail(request, staff, question, status=400, route_form=form)


@staff_view(Action.ANSWER_QUESTION)
def question_draft(request: HttpRequest, staff: Staff, pk: int) -> HttpResponse:
    question = get_question(staff, pk, action=Action.ANSWER_QUESTION)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = DraftForm(request.POST)
    if form.is_valid():
        try:
            services.question_draft(
                actor=request.user, question=question, reply=form.cleaned_data["reply"]
            )
        except services.QuestionError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "答复已提交审核")
            return redirect("staff:question", pk=question.pk)
    return _detail(request, staff, question, status=400, draft_form=form)


@staff_view(Action.APPROVE_ANSWER)
def question_review(request: HttpRequest, staff: Staff, pk: int) -> HttpResponse:
    question = get_question(staff, pk, action=Action.APPROVE_ANSWER)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = ReviewForm(request.POST)
    if form.is_valid():
        try:
            if form.cleaned_data["decision"] == "approve":
                question = services.question_approve(actor=request.user, question=question)
                done = (
                    "答复已审核通过并在门户网站公开"
                    if question.state is Status.PUBLISHED
                    else "答复已审核通过（按留言人意愿不公开）"
                )
            else:
                services.question_return(
                    actor=request.user, question=question, reason=form.cleaned_data["reason"]
                )
                done = "答复已退回修改"
        except services.QuestionError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, done)
            return redirect("staff:question", pk=question.pk)
    return _detail(request, staff, question, status=400, review_form=form)


@staff_view(Action.CONVERT_QUESTION)
def question_convert(request: HttpRequest, staff: Staff, pk: int) -> HttpResponse:
    question = get_question(staff, pk, action=Action.CONVERT_QUESTION)
    initial = {
        "unit": question.unit_id,
        "applicant_type": "natural",
        "applicant_name": question.asker_name,
        "phone": question.phone,
        "email": question.email,
        "info_title": question.subject,
        "info_description": question.text,
    }
    form = units_in_scope(
        staff,
        ConvertForm(
            request.POST if request.method == "POST" else None,
            request.FILES if request.method == "POST" else None,
            initial=initial,
        ),
    )
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                question = services.question_convert(
                    actor=request.user,
                    question=question,
                    data=form.applicant_data(),
                    unit=form.cleaned_data["unit"],
                    files=form.uploads(),
                    government=receiving_government(staff),
                )
            except (services.QuestionError, ApplicationError, UploadError) as exc:
                form.add_error(None, str(exc))
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                assert question.application is not None
                messages.success(
                    request,
                    f"已转为政府信息公开申请{question.application.tracking_number}，"
                    f"收到申请之日为{question.received_on:%Y-%m-%d}",
                )
                return redirect("staff:question", pk=question.pk)
    return render(
        request, "questions/convert.html", {"question": question, "form": form}, status=status
    )


@staff_view(Action.VIEW_QUESTION_STATISTICS)
def question_statistics(request: HttpRequest, staff: Staff) -> HttpResponse:
    today = services.today()
    year = params.year(request.GET, default=today.year, low=2000, high=2199)
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    rows = visible_questions(staff)
    kinds = []
    for kind in Kind:  # the questions and the error reports, counted apart
        figures = selectors.statistics(rows.of_kind(kind), start=start, end=end, today=today)
        kinds.append({"kind": kind, "figures": figures, "total": selectors.total(figures)})
    return render(
        request,
        "questions/statistics.html",
        {"year": year, "years": list(range(today.year, today.year - 6, -1)), "kinds": kinds},
    )
