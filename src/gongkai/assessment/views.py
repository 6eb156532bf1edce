"""Staff pages of the assessment: the years, the rubric, a unit's score sheet, the ranking and
its table, the office's scoring, the third-party import, locking and reopening."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_safe

from gongkai.accounts.access import Action, can, is_district_wide, staff_view, visible_units
from gongkai.assessment import selectors, services, spreadsheets
from gongkai.assessment.access import get_assessment, get_sheet_unit
from gongkai.assessment.forms import CreateForm, ImportForm, ReopenForm, RubricForm, ScoreForm
from gongkai.assessment.models import Assessment, RubricVersion, Score
from gongkai.assessment.rubric import RubricError, Scoring, parse_text
from gongkai.core.downloads import content_disposition
from gongkai.units.models import Staff, Unit

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@staff_view(Action.VIEW_ASSESSMENT)
def index(request: HttpRequest, staff: Staff) -> HttpResponse:
    """The years assessed; the office opens a new one."""
    own = None if is_district_wide(staff) else visible_units(staff).first()
    return render(
        request,
        "assessment/index.html",
        {
            "assessments": Assessment.objects.all(),
            "own_unit": own,
            "district_wide": is_district_wide(staff),
            "form": CreateForm(),
        },
    )


@staff_view(Action.MANAGE_ASSESSMENT)
def create(request: HttpRequest, staff: Staff) -> HttpResponse:
    form = CreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            assessment = services.assessment_create(
                actor=request.user, year=form.cleaned_data["year"], as_of=form.cleaned_data["as_of"]
            )
        except services.AssessmentError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, f"已开始{assessment.title}")
            return redirect("staff:assessment_ranking", year=assessment.year)
    status = 400 if request.method == "POST" else 200
    return render(request, "assessment/create.html", {"form": form}, status=status)


@staff_view(Action.VIEW_ASSESSMENT)
def rubric(request: HttpRequest, staff: Staff) -> HttpResponse:
    """The rubric in force, item by item, and the versions loaded."""
    current, version = services.rubric_in_force()
    return render(
        request,
        "assessment/rubric.html",
        {"rubric": current, "version": version, "versions": RubricVersion.objects.all()},
    )


@staff_view(Action.MANAGE_ASSESSMENT)
def rubric_load(request: HttpRequest, staff: Staff) -> HttpResponse:
    form = RubricForm(request.POST or None, request.FILES or None)
    context: dict[str, Any] = {"form": form}
    if request.method != "POST":
        return render(request, "assessment/rubric_load.html", context)
    if form.is_valid():
        content, name = form.cleaned_data["file"]
        try:
            loaded = parse_text(content, filename=name)
        except RubricError as exc:
            context["problems"] = exc.problems
        else:
            version = services.rubric_load(
                actor=request.user, rubric=loaded, source_name=name, note=form.cleaned_data["note"]
            )
            messages.success(request, f"已载入考核细则第{version.version}版")
            return redirect("staff:assessment_rubric")
    return render(request, "assessment/rubric_load.html", context, status=400)


@staff_view(Action.VIEW_RANKING)
def ranking(request: HttpRequest, staff: Staff, year: int) -> HttpResponse:
    assessment = get_assessment(staff, year, action=Action.VIEW_RANKING)
    rows = selectors.ranking(assessment)
    return render(
        request,
        "assessment/ranking.html",
        {
            "assessment": assessment,
            "rubric": assessment.parsed_rubric(),
            "rows": rows,
            "pending": sum(1 for r in rows if not r["complete"]),
            "reopen_form": ReopenForm(),
            "may_manage": can(staff, Action.MANAGE_ASSESSMENT),
        },
    )


@staff_view(Action.VIEW_RANKING)
@require_safe
def export(request: HttpRequest, staff: Staff, year: int) -> HttpResponse:
    assessment = get_assessment(staff, year, action=Action.VIEW_RANKING)
    content = spreadsheets.export(
        assessment.title,
        assessment.parsed_rubric(),
        selectors.ranking(assessment),
        locked=assessment.is_locked,
    )
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = content_disposition(f"{assessment.year}年度考核汇总表.xlsx")
    return response


@staff_view(Action.VIEW_ASSESSMENT)
def sheet(request: HttpRequest, staff: Staff, year: int, unit: int) -> HttpResponse:
    """A unit's score sheet: every item, its score and the records or note behind it."""
    assessed = get_sheet_unit(staff, unit)
    assessment = get_assessment(staff, year)
    data = selectors.sheet(assessment, assessed)
    if data is None:
        raise Http404
    rank = None
    if can(staff, Action.VIEW_RANKING):
        rank = next(
            (r["rank"] for r in selectors.ranking(assessment) if r["unit"]["id"] == unit), None
        ) if assessment.is_locked else None  # fmt: skip
    return render(
        request,
        "assessment/sheet.html",
        {
            "assessment": assessment,
            "unit": assessed,
            "sheet": data,
            "rank": rank,
            "may_score": can(staff, Action.MANAGE_ASSESSMENT) and not assessment.is_locked,
            "may_rank": can(staff, Action.VIEW_RANKING),
        },
    )


@staff_view(Action.MANAGE_ASSESSMENT)
def score(request: HttpRequest, staff: Staff, year: int, unit: int, item: str) -> HttpResponse:
    """The office scores one unit on one manual item, with its note."""
    assessed = get_sheet_unit(staff, unit)
    assessment = get_assessment(staff, year, action=Action.MANAGE_ASSESSMENT)
    try:
        rubric_item = assessment.parsed_rubric().item(item)
    except KeyError:
        raise Http404 from None
    existing = Score.objects.filter(assessment=assessment, unit=assessed, item_id=item).first()
    initial = {"score": existing.score, "note": existing.note} if existing else None
    form = ScoreForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.score_set(
                actor=request.user,
                assessment=assessment,
                unit=assessed,
                item_id=item,
                score=form.cleaned_data["score"],
                note=form.cleaned_data["note"],
            )
        except services.AssessmentError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, f"已保存 {assessed.short_name} {rubric_item.name} 的评分")
            url = reverse("staff:assessment_sheet", args=[year, unit])
            return redirect(f"{url}#item-{item}")
    return render(
        request,
        "assessment/score.html",
        {
            "assessment": assessment,
            "unit": assessed,
            "item": rubric_item,
            "form": form,
            "by_hand": selectors.scored_by_hand(rubric_item),
            "locked": assessment.is_locked,
        },
        status=400 if request.method == "POST" else 200,
    )


@staff_view(Action.MANAGE_ASSESSMENT)
def third_party(request: HttpRequest, staff: Staff, year: int) -> HttpResponse:
    """The third-party evaluator's scores: the template to fill in, and its upload."""
    assessment = get_assessment(staff, year, action=Action.MANAGE_ASSESSMENT)
    form = ImportForm(request.POST or None, request.FILES or None)
    context: dict[str, Any] = {
        "assessment": assessment,
        "form": form,
        "items": spreadsheets.third_party_items(assessment.parsed_rubric()),
    }
    if request.method != "POST":
        return render(request, "assessment/third_party.html", context)
    if form.is_valid():
        content, name = form.cleaned_data["file"]
        units = {u.code: u for u in selectors.units_of(assessment)}
        try:
            rows = spreadsheets.read_import(content, assessment.parsed_rubric(), units)
            count = services.third_party_import(
                actor=request.user, assessment=assessment, rows=rows, source_name=name
            )
        except spreadsheets.ImportProblems as exc:
            context["problems"] = exc.problems
        except services.AssessmentError as exc:
            context["problems"] = [str(exc)]
        else:
            messages.success(request, f"已导入第三方评估得分 {count} 项")
            return redirect("staff:assessment_ranking", year=year)
    return render(request, "assessment/third_party.html", context, status=400)


@staff_view(Action.MANAGE_ASSESSMENT)
@require_safe
def template(request: HttpRequest, staff: Staff, year: int) -> HttpResponse:
    assessment = get_assessment(staff, year, action=Action.MANAGE_ASSESSMENT)
    units: list[Unit] = selectors.units_of(assessment)
    given = {
        (s.unit_id, s.item_id): s.score
        for s in Score.objects.filter(assessment=assessment, source=Scoring.THIRD_PARTY.value)
    }
    content = spreadsheets.template(assessment.parsed_rubric(), units, given)
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = content_disposition(
        f"{assessment.year}年度考核第三方评估得分模板.xlsx"
    )
    return response


@staff_view(Action.MANAGE_ASSESSMENT)
def act(request: HttpRequest, staff: Staff, year: int, action: str) -> HttpResponse:
    """Lock the year's scores, or reopen them with a reason (POST only)."""
    assessment = get_assessment(staff, year, action=Action.MANAGE_ASSESSMENT)
    back = redirect("staff:assessment_ranking", year=year)
    if request.method != "POST":
        return back
    try:
        if action == "lock":
            services.assessment_lock(actor=request.user, assessment=assessment)
            messages.success(request, f"已锁定{assessment.title}")
        elif action == "reopen":
            form = ReopenForm(request.POST)
            if not form.is_valid():
                raise services.AssessmentError("撤回锁定须说明理由（不超过300字）")
            services.assessment_reopen(
                actor=request.user, assessment=assessment, reason=form.cleaned_data["reason"]
            )
            messages.success(request, f"已撤回{assessment.title}的锁定")
        else:
            raise Http404
    except services.AssessmentError as exc:
        messages.error(request, str(exc))
    return back
