"""Password rules in Chinese where Django's own catalogue has no translation (its message for a
short password changed wording in Django 5 and the zh-Hans catalogue still has the old one)."""

from __future__ import annotations

from django.contrib.auth import password_validation


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    def get_error_message(self) -> str:
        return f"密码太短：至少{self.min_length}个字符。"

    def get_help_text(self) -> str:
        return f"密码至少{self.min_length}个字符。"
