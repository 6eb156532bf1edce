"""Helpers for the ``gongkai`` subcommands: one-line errors in Chinese with exit status 2."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from typing import Any, NoReturn

from django.core.management.base import BaseCommand, CommandParser


class UsageError(Exception):
    """Bad input on the command line: printed as one line, exit status 2."""


def fail(message: str) -> NoReturn:
    sys.stderr.write(f"错误：{message}\n")
    raise SystemExit(2)


def parse_date(value: str, what: str = "日期") -> dt.date:
    text = value.strip()
    try:
        if len(text) != 10:
            raise ValueError
        return dt.date.fromisoformat(text)
    except ValueError:
        raise UsageError(f"{what}“{value}”格式不正确，应为 YYYY-MM-DD，例如 2025-01-24") from None


class OneLineParser(CommandParser):
    """An argparse parser whose errors are a single line and exit status 2."""

    def error(self, message: str) -> NoReturn:
        fail(_translate(message))


def _translate(message: str) -> str:
    replacements = {
        "the following arguments are required": "缺少必需的参数",
        "unrecognized arguments": "不认识的参数",
        "expected one argument": "需要一个值",
        "invalid choice": "无效的选项",
        "argument ": "参数 ",
        "invalid int value": "不是整数",
    }
    for english, chinese in replacements.items():
        message = message.replace(english, chinese)
    return message


class GongkaiCommand(BaseCommand):
    """A command whose argument errors and :class:`UsageError` print one line and exit 2."""

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> CommandParser:
        kwargs.setdefault("formatter_class", argparse.RawDescriptionHelpFormatter)
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        parser.__class__ = OneLineParser
        return parser

    def execute(self, *args: Any, **options: Any) -> str | None:
        try:
            return super().execute(*args, **options)
        except UsageError as exc:
            fail(str(exc))
