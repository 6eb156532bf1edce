"""The applicant's pages: apply online (or print the blank 申请表), follow a case with its number
and query code — the outcome in plain words, the clock, the notices and the information provided
— send a correction, withdraw. No account; no personal data shown."""

from __future__ import annotations

import datetime as dt
import io
import uuid
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from gongkai import law
from gongkai.accounts import oidc
from gongkai.applications import outcomes, public_forms, rules, selectors, services
from gongkai.applications.forms import LookupForm, OnlineApplicationForm, PublicWithdrawForm
from gongkai.applications.models import ApplicantType, Application, EventKind, IdType
from gongkai.applications.status import Status
from gongkai.core import params
from gongkai.core.downloads import content_disposition
from gongkai.core.forms import apply_errors
from gongkai.core.ratelimit import allow, allow_submission
from gongkai.core.uploads import UploadError
from gongkai.units import tree
from gongkai.units.hosts import portal_scope, units_shown
from gongkai.units.models import Unit
from gongkai.workdays.clock import ClockError, ClockResult, ClockState

# The steps an applicant sees on the status page (internal drafts and reviews are not shown).
PUBLIC_EVENT_KINDS = frozenset(
    {
        EventKind.RECEIVED,
        EventKind.ASSIGNED,
        EventKind.CORRECTION_REQUESTED,
        EventKind.CORRECTION_RECEIVED,
        EventKind.CORRECTION_LAPSED,
        EventKind.CONSULTATION_STARTED,
        EventKind.CONSULTATION_ENDED,
        EventKind.EXTENSION_APPROVED,
        EventKind.FEE_NOTIFIED,
        EventKind.FEE_PAID,
        EventKind.FEE_LAPSED,
        EventKind.ART35_DEADLINE,
        EventKind.DECISION_APPROVED,
        EventKind.DELIVERED,
        EventKind.WITHDRAWN,
    }
)

SESSION_TRACKED = "gk_tracked"  # tracking numbers this browser has opened with their code
SESSION_SUBMITTED = "gk_submitted"  # token -> [tracking number, query code], for the receipt


def too_many(request: HttpRequest) -> HttpResponse:
    return render(request, "applications/public/too_many.html", status=429)


def _district(request: HttpRequest) -> Unit | None:
    """The government whose guide the form links first: the host's (units.hosts), or the
    deployment's (units.tree.deployment_government)."""
    return portal_scope(request).government or tree.deployment_government()


def apply_page(
    request: HttpRequest,
    form: OnlineApplicationForm,
    unit: Unit | None,
    status: int = 200,
    **extra: Any,
) -> HttpResponse:
    """The form, with the 政府信息公开指南 of the unit chosen (or the district's) to read first
    (and, from the portal's 先查一查, the published items like what was typed)."""
    return render(
        request,
        "applications/public/apply.html",
        {
            "form": units_shown(request, form),
            "guide_unit": unit or _district(request),
            "chosen_unit": unit,
            "sso_applicants": settings.GONGKAI_OIDC_APPLICANTS,
            "sso_label": settings.GONGKAI_OIDC_LABEL,
            **extra,
        },
        status=status,
    )


@require_http_methods(["GET", "HEAD", "POST"])
def apply(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        if not allow(request, "apply"):
            return too_many(request)
        form = units_shown(request, OnlineApplicationForm(request.POST, request.FILES))
        if form.is_valid():
            if not allow_submission(request, "apply"):  # a form error costs less (ratelimit.py)
                return too_many(request)
            token = form.cleaned_data["token"]
            submitted = request.session.get(SESSION_SUBMITTED, {})
            try:
                intake = services.application_submit_online(
                    data=form.applicant_data(),
                    unit=form.cleaned_data["unit"],
                    files=form.uploads(),
                    token=token,
                    # left 不确定, the application is the host's government's to route
                    government=portal_scope(request).government,
                )
            except (services.ApplicationError, UploadError) as exc:
                form.add_error(None, str(exc))
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                if intake.created:
                    submitted[str(token)] = [intake.application.tracking_number, intake.query_code]
                    request.session[SESSION_SUBMITTED] = submitted
                    _remember(request, intake.application)
                elif str(token) not in submitted:
                    # The same form sent from elsewhere: say so, and open nothing.
                    return render(request, "applications/public/apply_duplicate.html")
                return redirect("portal:apply_done", token=token)
        return apply_page(request, form, form.cleaned_data.get("unit"), status=400)
    # A unit's page links here with ?unit=<code>: that unit is chosen, and its guide linked.
    code = params.text(request.GET, "unit", max_length=32)
    unit = portal_scope(request).units().filter(code=code).first() if code else None
    initial: dict[str, Any] = {
        "token": OnlineApplicationForm.new_token(),
        "unit": unit.pk if unit else None,
    }
    # An applicant who signed in through the user centre (optional, docs/sso.md): the identity
    # it vouched for, as a natural person with a resident ID card, to check and change.
    identity = oidc.applicant_identity(request.session)
    if identity:
        initial.update(identity, applicant_type=ApplicantType.NATURAL)
        if identity.get("id_number"):
            initial["id_type"] = IdType.RESIDENT_ID
    form = OnlineApplicationForm(initial=initial)
    return apply_page(request, form, unit, prefilled=bool(identity))


@require_safe
def apply_form(request: HttpRequest) -> HttpResponse | FileResponse:
    """The blank 申请表 for an application by post or at the counter (《条例》第二十九条): a
    printable A4 page, or ``?format=docx`` for Word/WPS."""
    if params.choice(request.GET, "format", ("docx",)) == "docx":
        response = FileResponse(
            io.BytesIO(public_forms.form_docx()),
            as_attachment=True,
            content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        )
        response["Content-Disposition"] = content_disposition(f"{public_forms.FORM_TITLE}.docx")
        return response
    return render(
        request,
        "applications/public/apply_form.html",
        {
            "title": public_forms.FORM_TITLE,
            "addressee": public_forms.FORM_ADDRESSEE,
            "rows": public_forms.form_rows(),
            "columns": public_forms.COLUMNS_MM,
            "notes": public_forms.FORM_NOTES,
        },
    )


def apply_done(request: HttpRequest, token: uuid.UUID) -> HttpResponse:
    """The confirmation: tracking number and query code, shown once to the browser that
    submitted (a second submission of the same form lands here too, without a new case)."""
    submitted = request.session.get(SESSION_SUBMITTED, {})
    entry = submitted.get(str(token))
    application = Application.objects.filter(submission_token=token).first()
    if application is None or application.tracking_number not in _tracked(request):
        raise Http404
    return render(
        request,
        "applications/public/apply_done.html",
        {"application": application, "query_code": entry[1] if entry else None},
    )


def _tracked(request: HttpRequest) -> list[str]:
    return list(request.session.get(SESSION_TRACKED, []))


def _remember(request: HttpRequest, application: Application) -> None:
    tracked = _tracked(request)
    if application.tracking_number not in tracked:
        request.session[SESSION_TRACKED] = [*tracked[-19:], application.tracking_number]


def _opened(request: HttpRequest, tracking_number: str) -> Application:
    """The case, if this browser proved its query code; 404 otherwise (nothing is revealed)."""
    if tracking_number not in _tracked(request):
        raise Http404
    application = (
        Application.objects.select_related("unit").filter(tracking_number=tracking_number).first()
    )
    if application is None:
        raise Http404
    return application


@require_http_methods(["GET", "HEAD", "POST"])
def lookup(request: HttpRequest) -> HttpResponse:
    form = LookupForm(request.POST or None)
    if request.method == "POST":
        if not allow(request, "lookup"):
            return too_many(request)
        if form.is_valid():
            if not allow_submission(request, "lookup"):  # each query code tried counts in full
                return too_many(request)
            number = form.cleaned_data["tracking_number"]
            application = Application.objects.filter(tracking_number=number).first()
            if application is not None and services.query_code_matches(
                application, form.cleaned_data["query_code"]
            ):
                _remember(request, application)
                return redirect("portal:track", tracking_number=number)
            form.add_error(None, "申请编号或查询码不正确")
        return render(request, "applications/public/lookup.html", {"form": form}, status=400)
    return render(request, "applications/public/lookup.html", {"form": form})


# The statuses in which the case has its answer: the outcome is shown in plain words.
ANSWERED = frozenset({Status.DECIDED, Status.CLOSED, Status.WITHDRAWN})


def _status_context(application: Application, **extra: Any) -> dict[str, Any]:
    """What the status page shows: the outcome once it is final, the clock as staff see it
    (from the service that stores it, never recomputed here), the correction asked for, the
    documents the applicant may download, and the public steps."""
    events = list(application.events.order_by("seq"))
    today = services.today()
    result: ClockResult | None
    try:
        result = services.compute_clock(application)
        clock_error = ""
    except ClockError as exc:
        result, clock_error = None, str(exc)
    status = application.status_enum
    correction = None
    if status is Status.AWAITING_CORRECTION:
        request = selectors.correction_request(events)
        if request is not None:
            due = request.data.get("due")
            entry = (application.deadlines or {}).get("correction") or {}
            correction = {
                "items": request.data.get("items", ""),
                "guidance": request.data.get("guidance", ""),
                "requested_on": request.occurred_on,
                # The running deadline as last recomputed (never earlier than the notice said).
                "due": selectors.deadline(application, "correction")
                or (dt.date.fromisoformat(due) if due else None),
                "provisional": bool(entry.get("provisional")),
            }
    # The spans not counted that run today (consultation, fee notice), with their basis.
    pauses = (
        [
            p
            for p in result.pauses
            if p.first_excluded <= today <= p.last_excluded or (p.projected and p.start <= today)
        ]
        if result is not None and application.is_open
        else []
    )
    return {
        "application": application,
        "outcome_plain": outcomes.rule(application.outcome).plain
        if status in ANSWERED and application.outcome
        else "",
        "clock": result,
        "clock_error": clock_error,
        "stopped": result is not None
        and result.state is ClockState.AWAITING_CORRECTION
        and application.is_open,
        "paused": result is not None and result.state is ClockState.PAUSED and application.is_open,
        "pauses": pauses,
        "days_left": result.working_days_left(today)
        if result is not None and application.is_open
        else None,
        "explanation": result.explanation() if result is not None and application.is_open else [],
        "correction_basis": law.ART30_CORRECTION.short,
        "correction_late": result is not None and result.correction_late and application.is_open,
        "deadlines": [
            {**entry, "date": dt.date.fromisoformat(entry["date"])}
            for kind, entry in (application.deadlines or {}).items()
            if kind in ("fee", "art35_reasons")
        ]
        if application.is_open
        else [],
        "correction": correction,
        "correction_form": public_forms.CorrectionForm() if correction is not None else None,
        "documents": selectors.applicant_documents(application),
        "events": events,
        "public_kinds": PUBLIC_EVENT_KINDS,
        "may_withdraw": rules.why_not_withdraw(application) is None,
        "withdraw_form": PublicWithdrawForm(),
        **extra,
    }


def track(request: HttpRequest, tracking_number: str) -> HttpResponse:
    application = _opened(request, tracking_number)
    return render(request, "applications/public/track.html", _status_context(application))


def track_document(request: HttpRequest, tracking_number: str, pk: int) -> FileResponse:
    """A notice addressed to the applicant, or the information provided once the reply giving
    it is approved: only what the status page lists; every download is logged."""
    application = _opened(request, tracking_number)
    document = selectors.applicant_documents(application).filter(pk=pk).first()
    if document is None:
        raise Http404
    services.application_document_downloaded(
        actor=None, application=application, document=document, by_applicant=True
    )
    response = FileResponse(
        document.file.open("rb"), as_attachment=True, content_type=document.content_type
    )
    response["Content-Disposition"] = content_disposition(document.original_name)
    return response


@require_POST
def correct(request: HttpRequest, tracking_number: str) -> HttpResponse:
    """The correction sent online (《条例》第三十条): stored whole or not at all; the answer
    period starts again in full from today."""
    if not allow(request, "correct"):
        return too_many(request)
    application = _opened(request, tracking_number)
    form = public_forms.CorrectionForm(request.POST, request.FILES)
    events = list(application.events.order_by("seq"))
    if rules.why_not_receive_correction(application, events) is not None:
        form.is_valid()  # bound and checked, so the page shows it with the message
        form.add_error(None, f"本申请当前为“{application.status_enum.label}”，无需补正")
    elif form.is_valid():
        if not allow_submission(request, "correct"):
            return too_many(request)
        try:
            services.application_correct_online(
                application=application,
                text=form.cleaned_data.get("text", ""),
                files=form.uploads(),
            )
        except (services.ApplicationError, UploadError, ClockError) as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "补正已提交。答复期限自今日起重新计算。")
            return redirect("portal:track", tracking_number=tracking_number)
    application.refresh_from_db()
    context = _status_context(application)
    context["correction_form"] = form
    if context["correction"] is None:  # not awaiting a correction: the message, not the form
        context["error"] = "；".join(str(e) for e in form.non_field_errors())
    return render(request, "applications/public/track.html", context, status=400)


@require_POST
def withdraw(request: HttpRequest, tracking_number: str) -> HttpResponse:
    if not allow(request, "withdraw"):
        return too_many(request)
    application = _opened(request, tracking_number)
    form = PublicWithdrawForm(request.POST)
    if not form.is_valid() or request.POST.get("confirm") != "yes":
        return redirect("portal:track", tracking_number=tracking_number)
    try:
        services.application_withdraw(
            actor=None,
            application=application,
            on=services.today(),
            reason=form.cleaned_data.get("reason", ""),
            by_applicant_online=True,
        )
    except services.ApplicationError as exc:
        application.refresh_from_db()
        return render(
            request,
            "applications/public/track.html",
            _status_context(application, error=str(exc)),
            status=400,
        )
    return redirect("portal:track", tracking_number=tracking_number)
