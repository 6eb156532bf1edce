"""``gongkai totp_reset ACCOUNT --reason TEXT``: remove an account's one-time-code app (a lost
or replaced phone). The account then logs in with its password alone, or — when
GONGKAI_TOTP_REQUIRED is set for its role — binds a new app at its next login. Audited."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import CommandParser

from gongkai.accounts import services
from gongkai.core.cli import GongkaiCommand, UsageError


class Command(GongkaiCommand):
    help = "重置账号的动态口令（手机丢失或更换时），须写明原因；记入审计日志。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("account", help="账号")
        parser.add_argument("--reason", required=True, help="原因，如“手机丢失，经本人申请”")

    def handle(self, *args: Any, **options: Any) -> None:
        reason = str(options["reason"]).strip()
        if not reason:
            raise UsageError("请用 --reason 写明重置原因")
        model = get_user_model()
        user = model._default_manager.filter(**{model.USERNAME_FIELD: options["account"]}).first()
        if user is None:
            raise UsageError(f"没有账号“{options['account']}”")
        try:
            services.totp_disable(actor=None, user=user, reason=reason)
        except services.TotpError as exc:
            raise UsageError(str(exc)) from None
        self.stdout.write(f"已重置“{user.get_username()}”的动态口令。")
