from __future__ import annotations

import time
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth import login as auth_login
from django.contrib.auth import logout as auth_logout
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST

from gongkai.accounts import lockout, services, sso_views, totp
from gongkai.accounts.access import Action, staff_view
from gongkai.accounts.forms import CodeForm, LoginForm, TotpDisableForm
from gongkai.accounts.models import TotpDevice
from gongkai.accounts.sso_views import next_url as _next_url
from gongkai.core import params
from gongkai.core.ratelimit import client_address
from gongkai.units.models import Staff

# --- logging in ---------------------------------------------------------------------------------
# A password accepted for an account with a second factor: who, where to go next, and until when
# the code may be given (the account is not logged in before the code).
SESSION_PENDING = "gk_login_pending"
PENDING_SECONDS = 300
# GONGKAI_LOCAL_LOGIN_ACCOUNTS: the audit row's reason, and what the page says.
LOCAL_REFUSED = "该账号不是应急账号，不能用密码登录"
LOCAL_REFUSED_MESSAGE = (
    "本系统已启用统一身份认证，请点击下方按钮通过统一身份认证登录；账号密码登录仅供应急账号使用。"
)


def _failed(request: HttpRequest, username: str, reason: str) -> bool:
    """Count and audit a failed login; True when the account or the address is now locked."""
    address = client_address(request)
    failure = lockout.record_failure(username, address)
    services.login_failed(username=username, address=address, reason=reason)
    minutes = settings.GONGKAI_LOGIN_LOCK_MINUTES
    if failure.account_locked:
        services.login_locked(username=username, address=address, account=True, minutes=minutes)
    if failure.address_locked:
        services.login_locked(username=username, address=address, account=False, minutes=minutes)
    return failure.account_locked or failure.address_locked


def _complete(request: HttpRequest, user: Any, backend: str, *, with_code: bool) -> None:
    request.session.pop(SESSION_PENDING, None)
    auth_login(request, user, backend=backend)
    lockout.record_success(user.get_username())
    services.login_succeeded(user=user, address=client_address(request), with_code=with_code)


@sensitive_post_parameters("password")
@csrf_protect
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def login_view(request: HttpRequest) -> HttpResponse:
    """Name and password; then, for an account with a second factor, the code
    (:func:`login_code`). Failures are counted per account and per address (lockout)."""
    target = _next_url(request)
    if request.user.is_authenticated:
        return redirect(target)
    sso = sso_views.links(target)
    if request.method != "POST":
        return render(
            request,
            "accounts/login.html",
            {"form": LoginForm(request), "next": target, "sso": sso},
        )
    form = LoginForm(request, data=request.POST)
    username = params.text(request.POST, "username", max_length=150)
    status, error = 200, ""
    local = settings.GONGKAI_LOCAL_LOGIN_ACCOUNTS
    if local and username and username not in local:
        # Break-glass only: the password is not even checked for the other accounts.
        services.login_failed(
            username=username, address=client_address(request), reason=LOCAL_REFUSED
        )
        form = LoginForm(request, initial={"username": username})
        status, error = 403, LOCAL_REFUSED_MESSAGE
    elif lockout.is_locked(username, client_address(request)):
        # refused before the password is checked: a lock cannot be used to test passwords
        _failed(request, username, "锁定期间再次尝试")
        form = LoginForm(request, initial={"username": username})
        status, error = 429, lockout.locked_message()
    elif form.is_valid():
        user = form.get_user()
        backend = str(getattr(user, "backend", settings.AUTHENTICATION_BACKENDS[0]))
        has_code = services.confirmed_device(user) is not None
        if has_code or (settings.GONGKAI_TOTP_REQUIRED and services.totp_role(user)):
            if not has_code and not TotpDevice.objects.filter(user_id=user.pk).exists():
                services.totp_start(user=user)  # to be bound at the next step
            request.session.cycle_key()
            request.session[SESSION_PENDING] = {
                "user": user.pk,
                "backend": backend,
                "next": target,
                "until": time.time() + PENDING_SECONDS,
            }
            return redirect("accounts:login_code")
        _complete(request, user, backend, with_code=False)
        return redirect(target)
    elif username and request.POST.get("password"):
        locked = _failed(request, username, "账号或密码不正确")
        if locked:
            form = LoginForm(request, initial={"username": username})
            status, error = 429, lockout.locked_message()
    return render(
        request,
        "accounts/login.html",
        {"form": form, "next": target, "error": error, "sso": sso},
        status=status,
    )


def _pending_user(request: HttpRequest) -> tuple[Any, dict[str, Any]] | None:
    pending = request.session.get(SESSION_PENDING)
    if not isinstance(pending, dict) or float(pending.get("until", 0)) < time.time():
        return None
    user = get_user_model()._default_manager.filter(pk=int(pending["user"]), is_active=True).first()
    return (user, pending) if user is not None else None


@sensitive_post_parameters("code")
@csrf_protect
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def login_code(request: HttpRequest) -> HttpResponse:
    """The second step: the code from the authenticator app. An office or reviewer account that
    must have one (GONGKAI_TOTP_REQUIRED) and has none binds an app here first."""
    found = _pending_user(request)
    if found is None:
        request.session.pop(SESSION_PENDING, None)
        messages.info(request, "请重新输入账号和密码。")
        return redirect("accounts:login")
    user, pending = found
    address = client_address(request)
    username = user.get_username()
    enrol = services.confirmed_device(user) is None
    form = CodeForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if lockout.is_locked(username, address):
            _failed(request, username, "锁定期间再次尝试")
            request.session.pop(SESSION_PENDING, None)
            messages.error(request, lockout.locked_message())
            return redirect("accounts:login")
        if form.is_valid():
            code, now = form.cleaned_data["code"], timezone.now()
            try:
                if enrol:
                    services.totp_confirm(user=user, code=code, address=address, at=now)
                    accepted = True
                else:
                    accepted = services.totp_check(user=user, code=code, at=now)
            except services.TotpError:
                accepted = False
            if accepted:
                _complete(request, user, str(pending["backend"]), with_code=True)
                return redirect(str(pending["next"]))
            status = 400
            if _failed(request, username, "动态口令不正确"):
                request.session.pop(SESSION_PENDING, None)
                messages.error(request, lockout.locked_message())
                return redirect("accounts:login")
            form.add_error("code", "动态口令不正确，请输入验证器当前显示的6位数字")
    context: dict[str, Any] = {"form": form, "enrol": enrol}
    device = TotpDevice.objects.filter(user_id=user.pk).first()
    if enrol and device is not None:
        context.update(_enrolment(device, username))
    return render(request, "accounts/login_code.html", context, status=status)


def _enrolment(device: TotpDevice, username: str) -> dict[str, Any]:
    """What an app needs to be bound: shown only while the binding is not confirmed."""
    uri = totp.provisioning_uri(device.secret, username)
    return {"secret": totp.grouped(device.secret), "uri": uri, "qr": totp.qr_svg(uri)}


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    """Gongkai's session ends; for a login through the user centre, the provider's too where it
    offers a logout (OpenID Connect RP-initiated logout, CAS /logout)."""
    user = request.user
    protocol, at_provider = sso_views.provider_logout(request)
    if user.is_authenticated:
        address = client_address(request)
        if protocol:
            services.sso_logged_out(
                user=user, protocol=protocol, address=address, at_provider=bool(at_provider)
            )
        else:
            services.logged_out(user=user, address=address)
    auth_logout(request)
    if at_provider:
        # A page, not a redirect: the Content-Security-Policy's form-action 'self' (rightly)
        # stops a form's post from being redirected to another site.
        return render(request, "accounts/sso_logged_out.html", {"provider_url": at_provider})
    return redirect(settings.LOGOUT_REDIRECT_URL)


@never_cache
@sensitive_post_parameters("password", "code")
@staff_view(Action.OWN_TOTP)
def security(request: HttpRequest, staff: Staff) -> HttpResponseBase:
    """Two-factor login for one's own account: bind an authenticator app, or remove it."""
    user = staff.user
    address = client_address(request)
    required = settings.GONGKAI_TOTP_REQUIRED
    confirm_form = CodeForm(prefix="confirm")
    disable_form = TotpDisableForm(prefix="disable")
    error, status = "", 200
    if request.method == "POST":
        op = request.POST.get("op")
        status = 400
        try:
            if op == "start":
                services.totp_start(user=user)
                return redirect("staff:security")
            if op == "confirm":
                confirm_form = CodeForm(request.POST, prefix="confirm")
                if confirm_form.is_valid():
                    services.totp_confirm(
                        user=user,
                        code=confirm_form.cleaned_data["code"],
                        address=address,
                        at=timezone.now(),
                    )
                    messages.success(request, "动态口令已启用：今后登录时须输入验证器显示的口令。")
                    return redirect("staff:security")
            elif op == "disable":
                disable_form = TotpDisableForm(request.POST, prefix="disable")
                if required:
                    raise services.TotpError("本系统要求公开办和审核人账号使用动态口令，不能停用")
                if disable_form.is_valid():
                    data = disable_form.cleaned_data
                    if not user.check_password(data["password"]) or not services.totp_check(
                        user=user, code=data["code"], at=timezone.now()
                    ):
                        # a session left open is no way around the lockout
                        _failed(request, user.get_username(), "停用动态口令时密码或口令不正确")
                        raise services.TotpError("密码或动态口令不正确")
                    services.totp_disable(actor=user, user=user, address=address)
                    messages.success(request, "动态口令已停用。")
                    return redirect("staff:security")
            else:
                raise services.TotpError("未知的操作")
        except services.TotpError as exc:
            error = str(exc)
    device = TotpDevice.objects.filter(user_id=user.pk).first()
    context: dict[str, Any] = {
        "device": device,
        "required": required,
        "confirm_form": confirm_form,
        "disable_form": disable_form,
        "error": error,
    }
    if device is not None and not device.confirmed:
        context.update(_enrolment(device, user.get_username()))
    return render(request, "accounts/security.html", context, status=status)
