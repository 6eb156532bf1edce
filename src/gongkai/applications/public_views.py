"""The applicant's pages: apply online, follow a case with its number and query code, download
the notices addressed to the applicant, withdraw. No account; no personal data shown."""

from __future__ import annotations

import uuid

from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from gongkai.applications import services
from gongkai.applications.forms import LookupForm, OnlineApplicationForm, PublicWithdrawForm
from gongkai.applications.models import Application, EventKind
from gongkai.applications.status import WITHDRAWABLE
from gongkai.applications.uploads import UploadError
from gongkai.core.forms import apply_errors
from gongkai.core.ratelimit import allow

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


@require_http_methods(["GET", "POST"])
def apply(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        if not allow(request, "apply"):
            return too_many(request)
        form = OnlineApplicationForm(request.POST, request.FILES)
        if form.is_valid():
            token = form.cleaned_data["token"]
            submitted = request.session.get(SESSION_SUBMITTED, {})
            try:
                intake = services.application_submit_online(
                    data=form.applicant_data(),
                    unit=form.cleaned_data["unit"],
                    files=form.uploads(),
                    token=token,
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
        return render(request, "applications/public/apply.html", {"form": form}, status=400)
    form = OnlineApplicationForm(initial={"token": OnlineApplicationForm.new_token()})
    return render(request, "applications/public/apply.html", {"form": form})


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


@require_http_methods(["GET", "POST"])
def lookup(request: HttpRequest) -> HttpResponse:
    form = LookupForm(request.POST or None)
    if request.method == "POST":
        if not allow(request, "lookup"):
            return too_many(request)
        if form.is_valid():
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


def track(request: HttpRequest, tracking_number: str) -> HttpResponse:
    application = _opened(request, tracking_number)
    return render(
        request,
        "applications/public/track.html",
        {
            "application": application,
            "documents": application.documents.filter(for_applicant=True).order_by("created_at"),
            "events": application.events.order_by("seq"),
            "may_withdraw": application.status in WITHDRAWABLE,
            "withdraw_form": PublicWithdrawForm(),
            "public_kinds": PUBLIC_EVENT_KINDS,
        },
    )


def track_document(request: HttpRequest, tracking_number: str, pk: int) -> FileResponse:
    application = _opened(request, tracking_number)
    document = application.documents.filter(pk=pk, for_applicant=True).first()
    if document is None:
        raise Http404
    return FileResponse(
        document.file.open("rb"),
        as_attachment=True,
        filename=document.original_name,
        content_type=document.content_type,
    )


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
        return render(
            request,
            "applications/public/track.html",
            {"application": application, "error": str(exc), "documents": [], "events": []},
            status=400,
        )
    return redirect("portal:track", tracking_number=tracking_number)
