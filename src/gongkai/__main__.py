"""The ``gongkai`` command: the project's manage.py (``gongkai migrate``, ``gongkai demo`` …)."""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    # Everything Gongkai writes in its data folder (database, uploads, notices, search index,
    # keys) holds personal data or secrets: files 600, folders 700, whatever the shell's umask.
    os.umask(0o077)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")
    from django.core.management import execute_from_command_line

    from gongkai.env import SettingError

    try:
        execute_from_command_line(argv if argv is not None else sys.argv)
    except SettingError as exc:
        sys.stderr.write(f"配置错误：{exc}\n")
        raise SystemExit(2) from None


if __name__ == "__main__":
    main()
