"""Signing in through the unified user centre (docs/sso.md): OpenID Connect for staff and, to
fill in the application form, for applicants; CAS 3.0 for staff. Every sign-in, refusal and
logout is audited (accounts/services.py)."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import login as auth_login
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from gongkai.accounts import cas, oidc, services
from gongkai.core import params
from gongkai.core.ratelimit import client_address
from gongkai.units.models import Staff

# How the current login was made, for the logout: {"protocol": "oidc"|"cas", "id_token": ...}.
SESSION_SSO = "gk_sso"
SESSION_CAS_NEXT = "gk_cas_next"
BACKEND = "django.contrib.auth.backends.ModelBackend"
NOT_REGISTERED = (
    "您在统一身份认证中的账号未登记为本系统的工作人员，不能登录。"
    "如需使用本系统，请联系区政府信息公开办公室登记。"
)


def next_url(request: HttpRequest) -> str:
    target = params.text(request.POST, "next", max_length=2000) or params.text(
        request.GET, "next", max_length=2000
    )
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return resolve_url(settings.LOGIN_REDIRECT_URL)


def links(target: str) -> list[dict[str, str]]:
    """The login page's buttons for the protocols configured."""
    found = []
    query = "?" + urlencode({"next": target}) if target else ""
    if oidc.enabled():
        found.append({"url": reverse("accounts:oidc_login") + query, "label": _label("oidc")})
    if cas.enabled():
        found.append({"url": reverse("accounts:cas_login") + query, "label": _label("cas")})
    return found


def _label(protocol: str) -> str:
    label = settings.GONGKAI_OIDC_LABEL if protocol == "oidc" else settings.GONGKAI_CAS_LABEL
    return f"使用{label}登录"


def _refuse(
    request: HttpRequest, *, protocol: str, identifier: str, reason: str, status: int = 403
) -> HttpResponse:
    services.sso_login_refused(
        protocol=protocol, identifier=identifier, reason=reason, address=client_address(request)
    )
    return render(
        request,
        "accounts/sso_refused.html",
        {"reason": reason, "local": True},
        status=status,
    )


def _sign_in(
    request: HttpRequest, staff: Staff, *, protocol: str, identifier: str, extra: dict[str, Any]
) -> None:
    auth_login(request, staff.user, backend=BACKEND)
    request.session[SESSION_SSO] = {"protocol": protocol, **extra}
    services.sso_login_succeeded(
        staff=staff, protocol=protocol, identifier=identifier, address=client_address(request)
    )


# --- OpenID Connect -----------------------------------------------------------------------------
def _callback_uri(request: HttpRequest) -> str:
    return request.build_absolute_uri(reverse("accounts:oidc_callback"))


@never_cache
@require_safe
def oidc_login(request: HttpRequest) -> HttpResponse:
    """Staff: off to the provider's authorization endpoint."""
    if not oidc.enabled():
        raise Http404
    target = next_url(request)
    if request.user.is_authenticated:
        return redirect(target)
    try:
        url = oidc.begin(
            session=request.session,
            redirect_uri=_callback_uri(request),
            purpose="staff",
            next_url=target,
        )
    except oidc.SsoError as exc:
        return _refuse(request, protocol="oidc", identifier="", reason=str(exc), status=503)
    return redirect(url)


@never_cache
@require_safe
def oidc_apply(request: HttpRequest) -> HttpResponse:
    """Applicants: sign in to fill in the form's identity (optional; GONGKAI_OIDC_APPLICANTS)."""
    if not (oidc.enabled() and settings.GONGKAI_OIDC_APPLICANTS):
        raise Http404
    try:
        url = oidc.begin(
            session=request.session,
            redirect_uri=_callback_uri(request),
            purpose="applicant",
            next_url=reverse("portal:apply"),
        )
    except oidc.SsoError as exc:
        return _refuse(request, protocol="oidc", identifier="", reason=str(exc), status=503)
    return redirect(url)


@never_cache
@require_safe
def oidc_callback(request: HttpRequest) -> HttpResponse:
    """The provider's answer: the checks of :func:`gongkai.accounts.oidc.finish`, then the staff
    member registered for the identity (or the applicant's form)."""
    if not oidc.enabled():
        raise Http404
    answer = {
        name: params.text(request.GET, name, max_length=2000) for name in ("state", "code", "error")
    }
    try:
        identity = oidc.finish(
            session=request.session, params=answer, redirect_uri=_callback_uri(request)
        )
    except oidc.SsoError as exc:
        return _refuse(request, protocol="oidc", identifier="", reason=str(exc))
    subject = str(identity.claims.get("sub", ""))
    if identity.purpose == "applicant":
        return _applicant(request, identity.claims, subject)
    identifier = str(identity.claims.get(settings.GONGKAI_OIDC_STAFF_CLAIM) or "")[:200]
    staff = services.sso_staff(identifier)
    if staff is None:
        return _refuse(
            request,
            protocol="oidc",
            identifier=identifier or subject,
            reason=NOT_REGISTERED if identifier else "身份令牌中没有用于匹配工作人员的声明",
        )
    _sign_in(
        request,
        staff,
        protocol="oidc",
        identifier=identifier,
        extra={"id_token": identity.id_token},
    )
    return redirect(identity.next_url or resolve_url(settings.LOGIN_REDIRECT_URL))


def _applicant(request: HttpRequest, claims: dict[str, Any], subject: str) -> HttpResponse:
    wanted = {
        "applicant_name": (settings.GONGKAI_OIDC_NAME_CLAIM, 100, "姓名"),
        "id_number": (settings.GONGKAI_OIDC_ID_NUMBER_CLAIM, 40, "证件号码"),
        "phone": (settings.GONGKAI_OIDC_PHONE_CLAIM, 30, "联系电话"),
    }
    found: dict[str, str] = {}
    for field, (claim, length, _) in wanted.items():
        value = params.text({"v": str(claims.get(claim) or "")}, "v", max_length=length)
        if value:
            found[field] = value
    request.session[oidc.SESSION_APPLICANT] = found
    services.sso_applicant_identified(
        subject=subject[:200],
        filled=[wanted[f][2] for f in found],
        address=client_address(request),
    )
    return redirect(reverse("portal:apply") + "#applicant")


# --- CAS 3.0 ------------------------------------------------------------------------------------
def _service(request: HttpRequest) -> str:
    return request.build_absolute_uri(reverse("accounts:cas_callback"))


@never_cache
@require_safe
def cas_login(request: HttpRequest) -> HttpResponse:
    if not cas.enabled():
        raise Http404
    target = next_url(request)
    if request.user.is_authenticated:
        return redirect(target)
    request.session[SESSION_CAS_NEXT] = target
    return redirect(cas.login_url(_service(request)))


@never_cache
@require_safe
def cas_callback(request: HttpRequest) -> HttpResponse:
    """The service URL: the ticket validated at the CAS server, then the staff member
    registered for the user (or the attribute GONGKAI_CAS_STAFF_ATTRIBUTE)."""
    if not cas.enabled():
        raise Http404
    ticket = params.text(request.GET, "ticket", max_length=300)
    try:
        identity = cas.validate(ticket=ticket, service=_service(request))
    except cas.CasError as exc:
        return _refuse(request, protocol="cas", identifier="", reason=str(exc))
    identifier = identity.value(settings.GONGKAI_CAS_STAFF_ATTRIBUTE)[:200]
    staff = services.sso_staff(identifier)
    if staff is None:
        return _refuse(
            request,
            protocol="cas",
            identifier=identifier or identity.user,
            reason=NOT_REGISTERED if identifier else "CAS 应答中没有用于匹配工作人员的属性",
        )
    target = str(request.session.pop(SESSION_CAS_NEXT, "") or "")
    _sign_in(request, staff, protocol="cas", identifier=identifier, extra={})
    return redirect(target or resolve_url(settings.LOGIN_REDIRECT_URL))


# --- logout -------------------------------------------------------------------------------------
def provider_logout(request: HttpRequest) -> tuple[str, str]:
    """For a login made through the user centre: its protocol, and where to end the session at
    the provider too (empty where the provider offers no logout). ("", "") for a local login."""
    sso = request.session.get(SESSION_SSO)
    if not isinstance(sso, dict):
        return "", ""
    home = request.build_absolute_uri(resolve_url(settings.LOGOUT_REDIRECT_URL))
    protocol = str(sso.get("protocol", ""))
    if protocol == "oidc" and oidc.enabled():
        return protocol, oidc.logout_url(
            id_token=str(sso.get("id_token", "")), post_logout_redirect_uri=home
        )
    if protocol == "cas" and cas.enabled():
        return protocol, cas.logout_url(home)
    return (protocol if protocol in ("oidc", "cas") else ""), ""
