"""Staff pages for applications: workbench, intake, routing, the case page and its steps,
documents, the case file, notice templates, the fee calculator and the export."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render

from gongkai.accounts.access import (
    Action,
    can,
    is_district_wide,
    is_office,
    is_whole_deployment,
    receiving_government,
    staff_view,
    units_in_scope,
    visible_units,
)
from gongkai.applications import (
    casefile,
    fees,
    notices,
    outcomes,
    queue,
    rules,
    selectors,
    services,
)
from gongkai.applications import forms as f
from gongkai.applications.access import get_application, may_handle, visible_applications
from gongkai.applications.models import Application, DocumentKind, NoticeTemplate
from gongkai.applications.status import Status
from gongkai.core.downloads import content_disposition
from gongkai.core.forms import Form, apply_errors
from gongkai.core.uploads import UploadError
from gongkai.units.models import Staff
from gongkai.workdays.clock import ClockError

Run = Callable[[Any, Application, dict[str, Any], forms.Form], object]
# Why the case does not offer the step now (a rule of applications/rules.py), given the case,
# its events and the user id of the member of staff who would take it.
WhyNot = Callable[[Application, list[Any], int | None], str | None]


@dataclass(frozen=True)
class Step:
    name: str
    label: str
    form: type[forms.Form]
    action: Action
    run: Run
    done: str  # the message shown after the step succeeded
    why_not: WhyNot
    button: str = "提交"


def _case(rule: Callable[[Application], str | None]) -> WhyNot:
    return lambda app, events, user: rule(app)


def _history(rule: Callable[[Application, list[Any]], str | None]) -> WhyNot:
    return lambda app, events, user: rule(app, events)


def _files(form: forms.Form, kind: DocumentKind = DocumentKind.OTHER) -> list[services.Upload]:
    return form.uploads(kind) if isinstance(form, f.FilesStepForm) else []


STEPS: dict[str, Step] = {
    s.name: s
    for s in (
        Step(
            "assign",
            "分办 / 改派",
            f.AssignForm,
            Action.ROUTE,
            lambda actor, app, d, form: services.application_assign(
                actor=actor, application=app, unit=d["unit"], note=d["note"]
            ),
            "已分办",
            _case(rules.why_not_assign),
        ),
        Step(
            "hand_back",
            "退回分办（不属于本单位）",
            f.HandBackForm,
            Action.HANDLE_CASE,
            lambda actor, app, d, form: services.application_hand_back(
                actor=actor, application=app, reason=d["reason"]
            ),
            "已退回区政府信息公开办公室分办",
            _history(rules.why_not_hand_back),
        ),
        Step(
            "request_correction",
            "告知补正（第三十条）",
            f.CorrectionRequestForm,
            Action.HANDLE_CASE,
            lambda actor, app, d, form: services.application_request_correction(
                actor=actor,
                application=app,
                on=d["on"],
                items=d["items"],
                guidance=d["guidance"],
                period_days=d["period_days"],
            ),
            "已告知补正，补正告知书已生成",
            _history(rules.why_not_request_correction),
        ),
        Step(
            "receive_correction",
            "收到补正",
            f.CorrectionReceivedForm,
            Action.HANDLE_CASE,
            lambda actor, app, d, form: services.application_receive_correction(
                actor=actor,
                application=app,
                on=d["on"],
                note=d["note"],
                files=_files(form, DocumentKind.CORRECTION),
            ),
            "已登记收到补正，答复期限重新计算",
            _history(rules.why_not_receive_correction),
        ),
        Step(
            "lapse_correction",
            "逾期未补正，不再处理",
            f.StepForm,
            Action.HANDLE_CASE,
            lambda actor, app, d, form: services.application_lapse_correction(
                actor=actor, application=app, on=d["on"]
            ),
            "已按逾期未补正办结",
            _history(rules.why_not_lapse_correction),
        ),
        Step(
            "start_consultation",
            "征求第三方或其他机关意见",
            f.ConsultationStartForm,
            Action.HANDLE_CASE,
            lambda actor, app, d, form: services.application_start_consultation(
                actor=actor,
                application=app,
                on=d["on"],
                party=d["party"],
                with_agency=d["with_agency"],
                reason=d["reason"],
            ),
            "已发出征求意见，文书已生成",
            _case(rules.why_not_start_consultation),
        ),
        Step(
            "end_consultation",
            "征求意见结束",
            f.ConsultationEndForm,
            Action.HANDLE_CASE,
            lambda actor, app, d, form: services.application_end_consultation(
                actor=actor,
                application=app,
                on=d["on"],
                result=d["result"],
                files=_files(form, DocumentKind.OPINION),
                position=d["position"],
            ),
            "已登记征求意见结束",
            _history(rules.why_not_end_consultation),
        ),
        Step(
            "propose_extension",
            "申请延长答复期限",
            f.ExtensionProposeForm,
            Action.HANDLE_CASE,
            lambda actor, app, d, form: services.application_propose_extension(
                actor=actor,
                application=app,
                on=d["on"],
                days=d["days"],
                reason=d["reason"],
            ),
            "已提交延期申请，待审核人批准",
            _history(rules.why_not_propose_extension),
        ),
        Step(
            "approve_extension",
            "批准延期",
            f.StepForm,
            Action.APPROVE,
            lambda actor, app, d, form: services.application_approve_extension(
                actor=actor, application=app, on=d["on"]
            ),
            "已批准延期，延期答复告知书已生成",
            lambda app, events, user: rules.why_not_approve_extension(app, events, approver=user),
            button="批准",
        ),
        Step(
            "reject_extension",
            "不同意延期",
            f.ReasonForm,
            Action.APPROVE,
            lambda actor, app, d, form: services.application_reject_extension(
                actor=actor, application=app, on=d["on"], reason=d["reason"]
            ),
            "已不同意延期",
            _history(rules.why_not_reject_extension),
        ),
        Step(
            "notify_fee",
            "发出收费通知",
            f.FeeNotifyForm,
            Action.HANDLE_CASE,
            lambda actor, app, d, form: services.application_notify_fee(
                actor=actor,
                application=app,
                on=d["on"],
                basis=d["basis"],
                pages=d.get("pages") or 0,
                items=d.get("items") or 1,
                method=d["method"],
                delivery=d["delivery"],
                received_on=d.get("received_on"),
            ),
            "已发出收费通知，收费通知书已生成",
            lambda app, events, user: rules.why_not_notify_fee(app, events, services.today()),
        ),
        Step(
            "record_fee_receipt",
            "登记申请人收到收费通知的日期",
            f.FeeReceiptForm,
            Action.HANDLE_CASE,
            lambda actor, app, d, form: services.application_record_fee_receipt(
                actor=actor, application=app, on=d["on"]
            ),
            "已登记，缴费期限已重新计算",
            _history(rules.why_not_record_fee_receipt),
        ),
        Step(
            "record_payment",
            "登记缴费",
            f.PaymentForm,
            Action.HANDLE_CASE,
            lambda actor, app, d, form: services.application_record_payment(
                actor=actor, application=app, on=d["on"], amount=d["amount"]
            ),
            "已登记缴费，继续办理",
            _history(rules.why_not_record_payment),
        ),
        Step(
            "lapse_fee",
            "逾期未缴费，不再处理",
            f.StepForm,
            Action.HANDLE_CASE,
            lambda actor, app, d, form: services.application_lapse_fee(
                actor=actor, application=app, on=d["on"]
            ),
            "已按逾期未缴费办结",
            _history(rules.why_not_lapse_fee),
        ),
        Step(
            "request_reasons",
            "要求说明理由（第三十五条）",
            f.Art35ReasonsForm,
            Action.HANDLE_CASE,
            lambda actor, app, d, form: services.application_request_reasons(
                actor=actor,
                application=app,
                on=d["on"],
                items=d["items"],
                reply_days=d["reply_days"],
            ),
            "已要求申请人说明理由，告知书已生成",
            _history(rules.why_not_request_reasons),
        ),
        Step(
            "assess_reasons",
            "审查申请人说明的理由",
            f.Art35AssessForm,
            Action.HANDLE_CASE,
            lambda actor, app, d, form: services.application_assess_reasons(
                actor=actor,
                application=app,
                on=d["on"],
                reasonable=d["reasonable"],
                summary=d["summary"],
            ),
            "已记录审查意见",
            _history(rules.why_not_assess_reasons),
        ),
        Step(
            "set_reasonable_period",
            "确定延迟答复期限（第三十五条）",
            f.Art35Form,
            Action.HANDLE_CASE,
            lambda actor, app, d, form: services.application_set_reasonable_period(
                actor=actor, application=app, on=d["on"], due=d["due"], reason=d["reason"]
            ),
            "已确定延迟答复期限，告知书已生成",
            _history(rules.why_not_set_reasonable_period),
        ),
        Step(
            "propose_decision",
            "拟定答复",
            f.DecisionForm,
            Action.HANDLE_CASE,
            lambda actor, app, d, form: services.application_propose_decision(
                actor=actor,
                application=app,
                on=d["on"],
                decision=form.decision(),  # type: ignore[attr-defined]
                files=_files(form, DocumentKind.INFORMATION),
            ),
            "已提交答复，待审核人审核",
            _history(rules.why_not_propose_decision),
        ),
        Step(
            "approve_decision",
            "审核通过答复",
            f.StepForm,
            Action.APPROVE,
            lambda actor, app, d, form: services.application_approve_decision(
                actor=actor, application=app, on=d["on"]
            ),
            "审核通过，答复书已生成",
            lambda app, events, user: rules.why_not_approve_decision(app, events, approver=user),
            button="审核通过",
        ),
        Step(
            "return_decision",
            "退回答复",
            f.ReasonForm,
            Action.APPROVE,
            lambda actor, app, d, form: services.application_return_decision(
                actor=actor, application=app, on=d["on"], reason=d["reason"]
            ),
            "已退回",
            _history(rules.why_not_return_decision),
        ),
        Step(
            "deliver",
            "登记送达",
            f.DeliverForm,
            Action.HANDLE_CASE,
            lambda actor, app, d, form: services.application_deliver(
                actor=actor,
                application=app,
                on=d["on"],
                method=d["method"],
                note=d["note"],
                files=_files(form, DocumentKind.DELIVERY_PROOF),
            ),
            "已登记送达，申请办结",
            _case(rules.why_not_deliver),
        ),
        Step(
            "withdraw",
            "登记撤回（申请人书面撤回）",
            f.WithdrawForm,
            Action.HANDLE_CASE,
            lambda actor, app, d, form: services.application_withdraw(
                actor=actor, application=app, on=d["on"], reason=d["reason"]
            ),
            "已登记撤回",
            _case(rules.why_not_withdraw),
        ),
        Step(
            "add_documents",
            "添加材料",
            f.DocumentsForm,
            Action.HANDLE_CASE,
            lambda actor, app, d, form: services.application_add_documents(
                actor=actor,
                application=app,
                files=form.uploads(),  # type: ignore[attr-defined]
                note=d["note"],
            ),
            "已添加材料",
            _case(rules.why_not_add_documents),
        ),
    )
}


# --- workbench and lists -------------------------------------------------------------------------
@staff_view(Action.VIEW_CASES)
def workbench(request: HttpRequest, staff: Staff) -> HttpResponse:
    today = services.today()
    cases = visible_applications(staff)
    district_wide = is_district_wide(staff)
    return render(
        request,
        "applications/staff/workbench.html",
        {
            "board": queue.with_pending(selectors.workbench(cases, today), cases),
            "per_unit": selectors.counts_per_unit(today, visible_units(staff))
            if district_wide
            else None,
            "unrouted": cases.filter(status=Status.UNROUTED).count() if district_wide else 0,
            "today": today,
        },
    )


@staff_view(Action.ROUTE)
def routing(request: HttpRequest, staff: Staff) -> HttpResponse:
    cases = visible_applications(staff).filter(status=Status.UNROUTED).order_by("receipt_date")
    return render(
        request,
        "applications/staff/routing.html",
        {
            "rows": selectors.rows(cases, services.today()),
            "form": units_in_scope(staff, f.AssignForm()),
        },
    )


@staff_view(Action.INTAKE)
def intake(request: HttpRequest, staff: Staff) -> HttpResponse:
    form = f.CounterApplicationForm(request.POST or None, request.FILES or None)
    unit_field = form.fields["unit"]
    assert isinstance(unit_field, forms.ModelChoiceField)
    if not is_whole_deployment(staff):
        # a unit's staff register for their unit; a government's office for a unit of its
        # subtree, or for none: received at its counter, the case is its own to route
        unit_field.queryset = visible_units(staff).filter(is_active=True)
        unit_field.required = not is_office(staff)
        unit_field.initial = None if is_office(staff) else staff.unit_id
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        applicant = form.applicant_data()
        applicant.subject = data.get("subject") or ""
        try:
            result = services.application_register(
                actor=request.user,
                data=applicant,
                unit=data["unit"],
                channel=data["channel"],
                submitted_on=data["submitted_on"],
                signed_on=data.get("signed_on"),
                confirmed_on=data.get("confirmed_on"),
                files=form.uploads(),
                government=receiving_government(staff),
            )
        except (services.ApplicationError, UploadError, ClockError) as exc:
            form.add_error(None, str(exc))
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            # The query code is shown once, here, to be handed to the applicant; only its hash
            # is stored.
            return render(
                request,
                "applications/staff/intake_done.html",
                {
                    "application": result.application,
                    "query_code": result.query_code,
                },
            )
    status = 400 if form.is_bound else 200
    return render(request, "applications/staff/intake.html", {"form": form}, status=status)


# --- the case -----------------------------------------------------------------------------------
def _case_context(
    staff: Staff,
    application: Application,
    failed: tuple[str, forms.Form] | None = None,
    *,
    revealed: bool = False,
    reveal_form: forms.Form | None = None,
) -> dict[str, Any]:
    events = list(application.events.order_by("seq").prefetch_related("documents"))
    steps = []
    unavailable = []  # the steps this member of staff may take, but not now: and why not
    for step in STEPS.values():
        this_failed = failed is not None and failed[0] == step.name
        allowed = may_handle(staff, application, step.action)
        why_not = step.why_not(application, events, staff.user_id) if allowed else None
        # A step that failed is shown with its error even when the case no longer offers it.
        if not ((allowed and why_not is None) or this_failed):
            if why_not is not None and application.is_open:
                unavailable.append({"step": step, "why_not": why_not})
            continue
        form = (
            failed[1]
            if failed is not None and this_failed
            else units_in_scope(staff, step.form(prefix=step.name))
        )
        steps.append({"step": step, "form": form, "open": this_failed})
    try:
        clock_result = services.compute_clock(application)
        explanation = clock_result.explanation()
    except ClockError as exc:
        clock_result, explanation = None, [str(exc)]
    return {
        "application": application,
        "events": events,
        "documents": application.documents.order_by("created_at", "id"),
        "steps": steps,
        "unavailable": unavailable,
        "clock": clock_result,
        "explanation": explanation,
        "soon_days": selectors.soon_days(),
        "days_left": clock_result.working_days_left(services.today())
        if clock_result and application.is_open
        else None,
        "outcome": outcomes.rule(application.outcome) if application.outcome else None,
        "pending_extension": selectors.pending_extension(events),
        "appeals": application.appeals.order_by("filed_on"),
        "pending_decision": selectors.pending_decision(events),
        "decision_text": (
            outcomes.decision_text(selectors.decision_of(application), application.regime)
            if application.outcome
            else ""
        ),
        "deadlines": [
            {**entry, "date": dt.date.fromisoformat(entry["date"])}
            for entry in (application.deadlines or {}).values()
        ],
        "regime": application.regime,
        "venue_problem": _venue_problem(application),
        "personal": selectors.personal_data(application, revealed=revealed),
        "reveal_form": (reveal_form or RevealForm(prefix="reveal"))
        if can(staff, Action.REVEAL_PERSONAL_DATA) and not revealed
        else None,
    }


def _venue_problem(application: Application) -> str:
    """Why a reply of this open case could not be issued today for want of a recorded body,
    court or online channel: said on the case page before anyone drafts the reply."""
    if not application.is_open or application.unit_id is None:
        return ""
    try:
        services.venue_for(application, services.today())
    except services.ApplicationError as exc:
        return str(exc)
    return ""


@staff_view(Action.VIEW_CASES)
def case(request: HttpRequest, staff: Staff, pk: int) -> HttpResponse:
    application = get_application(staff, pk)
    services.application_viewed(actor=request.user, application=application)
    return render(request, "applications/staff/case.html", _case_context(staff, application))


class RevealForm(Form):
    """Why the full identity-document number and telephone are needed (the audit row says)."""

    PURPOSES = (
        ("联系申请人（补正、征求意见、收费、送达）", "联系申请人（补正、征求意见、收费、送达）"),
        ("核实申请人身份", "核实申请人身份（当面领取、重置查询码）"),
        ("邮寄送达", "邮寄送达"),
        ("行政复议、行政诉讼或投诉的答复", "行政复议、行政诉讼或投诉的答复"),
        ("其他", "其他（请说明）"),
    )
    purpose = forms.ChoiceField(label="用途", choices=PURPOSES)
    note = forms.CharField(label="说明", max_length=200, required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("purpose") == "其他" and not str(data.get("note", "")).strip():
            self.add_error("note", "请说明查看完整信息的用途")
        return data

    def purpose_text(self) -> str:
        note = str(self.cleaned_data.get("note", "")).strip()
        purpose = str(self.cleaned_data["purpose"])
        return f"{purpose}（{note}）" if note and purpose != "其他" else (note or purpose)


@staff_view(Action.REVEAL_PERSONAL_DATA)
def reveal(request: HttpRequest, staff: Staff, pk: int) -> HttpResponse:
    """The case page once more, with the identity-document number and telephone in full for
    this response only (nothing is kept in the session): a POST, with its purpose, audited."""
    application = get_application(staff, pk, action=Action.REVEAL_PERSONAL_DATA)
    if request.method != "POST":  # after the access check, so an outsider learns nothing
        return HttpResponseNotAllowed(["POST"])
    form = RevealForm(request.POST, prefix="reveal")
    if not form.is_valid():
        context = _case_context(staff, application, reveal_form=form)
        return render(request, "applications/staff/case.html", context, status=400)
    services.application_personal_data_revealed(
        actor=request.user, application=application, purpose=form.purpose_text()
    )
    context = _case_context(staff, application, revealed=True)
    return render(request, "applications/staff/case.html", context)


@staff_view(Action.VIEW_CASES)
def case_step(request: HttpRequest, staff: Staff, pk: int, step: str) -> HttpResponse:
    chosen = STEPS.get(step)
    if chosen is None:
        raise Http404
    if not can(staff, chosen.action):
        raise Http404
    application = get_application(staff, pk, action=chosen.action)
    if request.method != "POST":  # after the access check, so an outsider learns nothing
        return HttpResponseNotAllowed(["POST"])
    form = units_in_scope(staff, chosen.form(request.POST, request.FILES, prefix=chosen.name))
    if form.is_valid():
        try:
            chosen.run(request.user, application, form.cleaned_data, form)
        except (services.ApplicationError, UploadError, ClockError) as exc:
            form.add_error(None, str(exc))
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, chosen.done)
            return redirect("staff:case", pk=application.pk)
    application.refresh_from_db()
    context = _case_context(staff, application, failed=(chosen.name, form))
    return render(request, "applications/staff/case.html", context, status=400)


@staff_view(Action.HANDLE_CASE)
def reset_code(request: HttpRequest, staff: Staff, pk: int) -> HttpResponse:
    application = get_application(staff, pk, action=Action.HANDLE_CASE)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    code = services.application_reset_query_code(actor=request.user, application=application)
    return render(
        request,
        "applications/staff/intake_done.html",
        {
            "application": application,
            "query_code": code,
            "reset": True,
        },
    )


@staff_view(Action.VIEW_CASES)
def document(request: HttpRequest, staff: Staff, pk: int, doc: int) -> FileResponse:
    application = get_application(staff, pk)
    item = application.documents.filter(pk=doc).first()
    if item is None:
        raise Http404
    # Every download is logged: an ID copy, the application form, the notices all carry
    # personal data (《个人信息保护法》第五十一条).
    services.application_document_downloaded(
        actor=request.user, application=application, document=item, by_applicant=False
    )
    response = FileResponse(
        item.file.open("rb"), as_attachment=True, content_type=item.content_type
    )
    response["Content-Disposition"] = content_disposition(item.original_name)
    return response


@staff_view(Action.VIEW_CASES)
def document_print(request: HttpRequest, staff: Staff, pk: int, doc: int) -> HttpResponse:
    application = get_application(staff, pk)
    item = application.documents.filter(pk=doc).exclude(rendered=[]).first()
    if item is None:
        raise Http404
    services.application_viewed(
        actor=request.user, application=application, what=f"打印“{item.title}”"
    )
    blocks = [notices.Block(s, t) for s, t in item.rendered if s != "template_version"]
    return HttpResponse(notices.to_html(blocks, title=item.title))


@staff_view(Action.VIEW_CASES)
def case_print(request: HttpRequest, staff: Staff, pk: int) -> HttpResponse:
    application = get_application(staff, pk)
    services.application_viewed(actor=request.user, application=application, what="打印案卷")
    return render(
        request,
        "applications/staff/casefile.html",
        {
            "application": application,
            "events": application.events.order_by("seq"),
            "documents": application.documents.order_by("created_at", "id"),
            "explanation": _case_context(staff, application)["explanation"],
            "personal": selectors.personal_data(application),
        },
    )


@staff_view(Action.VIEW_CASES)
def case_zip(request: HttpRequest, staff: Staff, pk: int) -> HttpResponse:
    application = get_application(staff, pk)
    services.application_viewed(actor=request.user, application=application, what="下载案卷")
    content = casefile.build(
        application,
        {
            "explanation": _case_context(staff, application)["explanation"],
        },
    )
    response = HttpResponse(content, content_type="application/zip")
    response["Content-Disposition"] = content_disposition(f"{application.tracking_number}-case.zip")
    return response


# --- templates, fees, export --------------------------------------------------------------------
@staff_view(Action.VIEW_TEMPLATES)
def template_list(request: HttpRequest, staff: Staff) -> HttpResponse:
    rows = []
    for kind in notices.NoticeKind:
        _body, version = selectors.current_template(kind)
        rows.append({"kind": kind, "version": version})
    return render(request, "applications/staff/templates.html", {"rows": rows})


class TemplateForm(Form):
    body = forms.CharField(
        label="模板", max_length=20000, widget=forms.Textarea(attrs={"rows": 24})
    )
    note = forms.CharField(label="修改说明", max_length=300, required=False)


@staff_view(Action.VIEW_TEMPLATES)
def template_edit(request: HttpRequest, staff: Staff, kind: str) -> HttpResponse:
    try:
        notice_kind = notices.NoticeKind(kind)
    except ValueError:
        raise Http404 from None
    body, version = selectors.current_template(notice_kind)
    form = TemplateForm(request.POST or None, initial={"body": body})
    preview = None
    may_edit = can(staff, Action.MANAGE_TEMPLATES)
    if request.method == "POST":
        if not may_edit:
            raise Http404
        if form.is_valid():
            try:
                preview = notices.check_template(notice_kind, form.cleaned_data["body"])
            except notices.TemplateProblem as exc:
                form.add_error("body", str(exc))
            else:
                if request.POST.get("save") == "1":
                    saved = services.template_save(
                        actor=request.user,
                        kind=notice_kind,
                        body=form.cleaned_data["body"],
                        note=form.cleaned_data["note"],
                    )
                    messages.success(request, f"已保存{notice_kind.label}模板第{saved.version}版")
                    return redirect("staff:template_edit", kind=kind)
    history = NoticeTemplate.objects.filter(kind=notice_kind.value).order_by("-version")[:20]
    status = 400 if form.is_bound and form.errors else 200
    return render(
        request,
        "applications/staff/template_edit.html",
        {
            "kind": notice_kind,
            "form": form,
            "version": version,
            "preview": preview,
            "history": history,
            "may_edit": may_edit,
            "required": notices.REQUIRED[notice_kind],
        },
        status=status,
    )


@staff_view(Action.VIEW_CASES)
def fee_calculator(request: HttpRequest, staff: Staff) -> HttpResponse:
    form = f.FeeCalculatorForm(request.GET or None)
    quotes = None
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        quotes = [
            fees.per_application(data.get("earlier") or 0, data.get("items") or 1),
            fees.per_page(data.get("pages") or 0),
        ]
    return render(request, "applications/staff/fees.html", {"form": form, "quotes": quotes})


class ExportForm(Form):
    year = forms.IntegerField(label="年度", min_value=2000, max_value=2100)
    unit = forms.SlugField(
        label="单位代码",
        required=False,
        max_length=32,
        error_messages={"invalid": "单位代码只能包含英文字母、数字、下划线和连字符"},
    )
    format = forms.ChoiceField(label="格式", choices=[("xlsx", "XLSX"), ("csv", "CSV")])
    reveal = forms.BooleanField(label="显示完整的证件号码和联系电话（公开办）", required=False)


@staff_view(Action.EXPORT)
def export_view(request: HttpRequest, staff: Staff) -> HttpResponse:
    form = ExportForm(
        request.GET or None, initial={"year": services.today().year, "format": "xlsx"}
    )
    if not (form.is_bound and form.is_valid()):
        return render(
            request,
            "applications/staff/export.html",
            {"form": form},
            status=400 if form.is_bound else 200,
        )
    data = form.cleaned_data
    done = services.applications_export(
        actor=request.user,
        year=data["year"],
        unit_code=data["unit"] or None,
        fmt=data["format"],
        reveal=bool(data["reveal"]) and can(staff, Action.REVEAL_PERSONAL_DATA),
        within=visible_applications(staff),
    )
    response = HttpResponse(done.content, content_type=done.content_type)
    response["Content-Disposition"] = content_disposition(done.filename)
    return response
