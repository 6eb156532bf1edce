"""Logins and the second factor: each state change and each login event writes an audit row
with the client's address (《网络安全法》第二十一条: logs of security events kept; GB/T
22239-2019: 身份鉴别 and 安全审计)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from gongkai.accounts import totp
from gongkai.accounts.access import Action, can
from gongkai.accounts.models import TotpDevice
from gongkai.audit.actions import AuditAction
from gongkai.audit.services import record
from gongkai.units.models import Staff, Unit

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser

LOGIN_BASIS = (
    "《中华人民共和国网络安全法》第二十一条；"
    "GB/T 22239-2019《信息安全技术 网络安全等级保护基本要求》安全计算环境：身份鉴别、安全审计"
)


class TotpError(Exception):
    """A second-factor step refused (message in Chinese, for the page)."""


def _staff(user: AbstractBaseUser | None) -> Staff | None:
    if user is None:
        return None
    return Staff.objects.select_related("unit").filter(user_id=user.pk).first()


def _unit_of(user: AbstractBaseUser | None) -> Unit | None:
    staff = _staff(user)
    return staff.unit if staff is not None else None


def totp_role(user: AbstractBaseUser) -> bool:
    """Whether the account's role may (and with GONGKAI_TOTP_REQUIRED must) use a code."""
    return can(_staff(user), Action.OWN_TOTP)


def known_user(username: str) -> AbstractBaseUser | None:
    """The account of that name, for the audit row of a failure (never shown to the user)."""
    model = get_user_model()
    return model._default_manager.filter(**{model.USERNAME_FIELD: username}).first()


def _record_login_event(
    *,
    action: AuditAction,
    summary: str,
    username: str,
    address: str,
    user: AbstractBaseUser | None,
    actor: AbstractBaseUser | None = None,
) -> None:
    record(
        actor=actor,
        label="" if actor is not None else f"登录者（{address}）",
        action=action,
        summary=summary,
        basis=LOGIN_BASIS,
        object_type="account",
        object_id=str(user.pk) if user is not None else "",
        object_label=username[:150],
        unit=_unit_of(user),
        changes={"address": address, "username": username[:150]},
    )


@transaction.atomic
def login_succeeded(*, user: AbstractBaseUser, address: str, with_code: bool) -> None:
    how = "密码和动态口令" if with_code else "密码"
    _record_login_event(
        action=AuditAction.ACCOUNT_LOGIN,
        summary=f"登录成功（{how}），地址 {address}",
        username=user.get_username(),
        address=address,
        user=user,
        actor=user,
    )


@transaction.atomic
def login_failed(*, username: str, address: str, reason: str) -> None:
    """A failed or refused login: wrong password or code, a disabled account, or a lock."""
    _record_login_event(
        action=AuditAction.ACCOUNT_LOGIN_FAILED,
        summary=f"登录失败：{reason}，地址 {address}",
        username=username,
        address=address,
        user=known_user(username),
    )


@transaction.atomic
def login_locked(*, username: str, address: str, account: bool, minutes: int) -> None:
    what = f"账号“{username[:150]}”" if account else f"地址 {address}"
    _record_login_event(
        action=AuditAction.ACCOUNT_LOCKED,
        summary=f"连续登录失败，{what}锁定{minutes}分钟（最后一次来自 {address}）",
        username=username,
        address=address,
        user=known_user(username) if account else None,
    )


@transaction.atomic
def logged_out(*, user: AbstractBaseUser, address: str) -> None:
    _record_login_event(
        action=AuditAction.ACCOUNT_LOGOUT,
        summary=f"退出登录，地址 {address}",
        username=user.get_username(),
        address=address,
        user=user,
        actor=user,
    )


# --- the second factor --------------------------------------------------------------------------
def confirmed_device(user: AbstractBaseUser) -> TotpDevice | None:
    return TotpDevice.objects.filter(user_id=user.pk, confirmed_at__isnull=False).first()


@transaction.atomic
def totp_start(*, user: AbstractBaseUser) -> TotpDevice:
    """A new secret for the user to add to an app (replacing an enrolment not yet confirmed);
    nothing is asked at login until it is confirmed. Refused while one is in use."""
    device = TotpDevice.objects.select_for_update().filter(user_id=user.pk).first()
    if device is not None and device.confirmed:
        raise TotpError("动态口令已启用；如需更换，请先停用")
    if device is None:
        device = TotpDevice(user_id=user.pk)
    device.secret = totp.new_secret()
    device.created_at = timezone.now()
    device.last_step = 0
    device.save()
    return device


@transaction.atomic
def totp_confirm(*, user: AbstractBaseUser, code: str, address: str, at: dt.datetime) -> None:
    """The first code from the app: the enrolment is done, and the secret is not shown again."""
    device = TotpDevice.objects.select_for_update().filter(user_id=user.pk).first()
    if device is None or device.confirmed:
        raise TotpError("没有待确认的动态口令，请重新开始绑定")
    step = totp.matching_step(device.secret, code, at, device.last_step)
    if step is None:
        raise TotpError("动态口令不正确，请核对手机时间后输入验证器当前显示的6位数字")
    device.confirmed_at = timezone.now()
    device.last_step = step
    device.save(update_fields=["confirmed_at", "last_step"])
    record(
        actor=user,
        action=AuditAction.ACCOUNT_TOTP_ENABLED,
        summary=f"启用动态口令（双因素登录），地址 {address}",
        basis=LOGIN_BASIS,
        obj=device,
        unit=_unit_of(user),
        changes={"address": address},
    )


@transaction.atomic
def totp_check(*, user: AbstractBaseUser, code: str, at: dt.datetime) -> bool:
    """Whether ``code`` is the user's current code, used for the first time (it is then spent;
    the login it completes is audited by :func:`login_succeeded`)."""
    device = (
        TotpDevice.objects.select_for_update()
        .filter(user_id=user.pk, confirmed_at__isnull=False)
        .first()
    )
    if device is None:
        return False
    step = totp.matching_step(device.secret, code, at, device.last_step)
    if step is None:
        return False
    device.last_step = step
    device.save(update_fields=["last_step"])
    return True


@transaction.atomic
def totp_disable(
    *, actor: AbstractBaseUser | None, user: AbstractBaseUser, address: str = "", reason: str = ""
) -> None:
    """Remove the user's second factor: by the user (who proved the password and a code), or
    by the command line for a lost phone (``gongkai totp_reset``)."""
    device = TotpDevice.objects.select_for_update().filter(user_id=user.pk).first()
    if device is None:
        raise TotpError("该账号未启用动态口令")
    was_confirmed = device.confirmed
    device.delete()
    if not was_confirmed:
        return  # an enrolment never finished: nothing was in use
    by_self = actor is not None and actor.pk == user.pk
    record(
        actor=actor,
        label="" if actor is not None else "命令行",
        action=AuditAction.ACCOUNT_TOTP_DISABLED,
        summary=(
            f"停用动态口令，地址 {address}"
            if by_self
            else f"重置“{user.get_username()}”的动态口令：{reason or '未说明原因'}"
        ),
        basis=LOGIN_BASIS,
        object_type="account",
        object_id=str(user.pk),
        object_label=user.get_username(),
        unit=_unit_of(user),
        changes={"address": address} if address else {},
    )


# --- single sign-on (docs/sso.md) ---------------------------------------------------------------
PROTOCOL_LABELS = {"oidc": "OpenID Connect", "cas": "CAS"}


def sso_staff(identifier: str) -> Staff | None:
    """The staff member whose registered ``sso_id`` is the identifier the user centre vouched
    for, with an active account; None for anyone else (refused, never created: the centre says
    who someone is, Gongkai's own records what they may do)."""
    if not identifier:
        return None
    return (
        Staff.objects.select_related("user", "unit")
        .filter(sso_id=identifier, user__is_active=True)
        .first()
    )


def _sso_row(
    *,
    action: AuditAction,
    summary: str,
    protocol: str,
    identifier: str,
    address: str,
    user: AbstractBaseUser | None,
) -> None:
    record(
        actor=user,
        label="" if user is not None else f"统一身份认证用户（{address}）",
        action=action,
        summary=summary,
        basis=LOGIN_BASIS,
        object_type="account",
        object_id=str(user.pk) if user is not None else "",
        object_label=(user.get_username() if user is not None else identifier)[:150],
        unit=_unit_of(user),
        changes={"address": address, "protocol": protocol, "identifier": identifier[:200]},
    )


@transaction.atomic
def sso_login_succeeded(*, staff: Staff, protocol: str, identifier: str, address: str) -> None:
    _sso_row(
        action=AuditAction.ACCOUNT_SSO_LOGIN,
        summary=f"通过统一身份认证（{PROTOCOL_LABELS[protocol]}）登录，标识“{identifier[:200]}”，"
        f"地址 {address}",
        protocol=protocol,
        identifier=identifier,
        address=address,
        user=staff.user,
    )


@transaction.atomic
def sso_login_refused(*, protocol: str, identifier: str, reason: str, address: str) -> None:
    """A sign-in through the user centre refused: a check of the protocol failed, or the person
    is registered as no (active) staff member."""
    _sso_row(
        action=AuditAction.ACCOUNT_SSO_REFUSED,
        summary=f"统一身份认证（{PROTOCOL_LABELS[protocol]}）登录被拒绝：{reason}，地址 {address}",
        protocol=protocol,
        identifier=identifier,
        address=address,
        user=None,
    )


@transaction.atomic
def sso_logged_out(
    *, user: AbstractBaseUser, protocol: str, address: str, at_provider: bool
) -> None:
    where = "，并在统一身份认证服务退出" if at_provider else ""
    _sso_row(
        action=AuditAction.ACCOUNT_SSO_LOGOUT,
        summary=f"退出登录（统一身份认证 {PROTOCOL_LABELS[protocol]}）{where}，地址 {address}",
        protocol=protocol,
        identifier="",
        address=address,
        user=user,
    )


@transaction.atomic
def sso_applicant_identified(*, subject: str, filled: list[str], address: str) -> None:
    """An applicant signed in to fill their identity on the application form: the subject and
    which fields were filled, never their values (the form, once sent, holds those)."""
    _sso_row(
        action=AuditAction.ACCOUNT_SSO_APPLICANT,
        summary=f"申请人通过统一身份认证填写身份（{'、'.join(filled) or '无可填写项'}），"
        f"地址 {address}",
        protocol="oidc",
        identifier=subject,
        address=address,
        user=None,
    )
