"""Strict parsers for settings read from the environment.

A value that does not parse stops start-up with a message that names the variable, the value
and what is expected; nothing falls back silently. Every variable read here is recorded in
``REGISTRY`` so a test can check that docs/settings.md documents each one.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

REGISTRY: dict[str, str] = {}  # name -> default, as documented
# How long an SQLite writer waits for the write lock before giving up (database()).
SQLITE_BUSY_MS = 30_000


class SettingError(Exception):
    """A setting read from the environment is invalid (message in Chinese and English)."""


@dataclass(frozen=True)
class Env:
    source: Mapping[str, str]
    registry: dict[str, str] = field(default_factory=dict)

    def _raw(self, name: str, default: str) -> str | None:
        self.registry[name] = default
        value = self.source.get(name)
        if value is None or value.strip() == "":
            return None
        return value.strip()

    def text(self, name: str, default: str = "") -> str:
        raw = self._raw(name, default)
        return default if raw is None else raw

    def boolean(self, name: str, default: bool) -> bool:
        raw = self._raw(name, "true" if default else "false")
        if raw is None:
            return default
        value = raw.lower()
        if value in ("1", "true", "yes", "on"):
            return True
        if value in ("0", "false", "no", "off"):
            return False
        raise SettingError(
            f"{name}={raw!r} 无效：应为 true 或 false (invalid boolean: use true or false)"
        )

    def integer(self, name: str, default: int, *, minimum: int, maximum: int) -> int:
        raw = self._raw(name, str(default))
        if raw is None:
            return default
        try:
            value = int(raw, 10)
        except ValueError:
            raise SettingError(f"{name}={raw!r} 无效：应为整数 (invalid integer)") from None
        if not minimum <= value <= maximum:
            raise SettingError(
                f"{name}={value} 超出范围：应在 {minimum} 到 {maximum} 之间 "
                f"(out of range {minimum}..{maximum})"
            )
        return value

    def choice(self, name: str, default: str, choices: tuple[str, ...]) -> str:
        raw = self._raw(name, default)
        if raw is None:
            return default
        if raw not in choices:
            raise SettingError(
                f"{name}={raw!r} 无效：应为 {' / '.join(choices)} (expected one of {choices})"
            )
        return raw

    def items(self, name: str, default: tuple[str, ...]) -> list[str]:
        raw = self._raw(name, ",".join(default))
        if raw is None:
            return list(default)
        items = [item.strip() for item in raw.split(",")]
        if any(not item for item in items):
            raise SettingError(f"{name}={raw!r} 无效：逗号分隔的列表中有空项 (empty list item)")
        return items

    def url(self, name: str, default: str = "") -> str:
        """An http(s) URL without query or fragment, trailing slash removed; plain http only
        to this machine (a loopback address), since what it names is trusted with logins."""
        raw = self._raw(name, default)
        if raw is None:
            return default
        url = urlsplit(raw)
        loopback = url.hostname in ("localhost", "127.0.0.1", "::1")
        if (
            url.scheme not in ("https", "http")
            or not url.hostname
            or url.query
            or url.fragment
            or url.username
            or url.password
        ):
            raise SettingError(
                f"{name}={raw!r} 无效：应为 https://主机/路径 形式的网址，不含查询参数 "
                "(expected an https:// URL without query)"
            )
        if url.scheme == "http" and not loopback:
            raise SettingError(
                f"{name}={raw!r} 无效：必须使用 https（仅本机地址可用 http） "
                "(https required except on a loopback address)"
            )
        return raw.rstrip("/")

    def path(self, name: str, default: Path) -> Path:
        raw = self._raw(name, str(default))
        return default if raw is None else Path(raw).expanduser().resolve()

    def database(self, name: str, sqlite_path: Path) -> dict[str, object]:
        """``GONGKAI_DATABASE_URL``: unset for SQLite in the data folder, or
        ``postgresql://user:password@host:port/name`` for PostgreSQL."""
        raw = self._raw(name, "")
        if raw is None:
            return {
                "ENGINE": "django.db.backends.sqlite3",
                "NAME": sqlite_path,
                "OPTIONS": {
                    # WAL lets readers go on while one request writes; IMMEDIATE takes the
                    # write lock at the start of a transaction instead of failing half-way.
                    # A writer waits up to 30 s for the lock: under a burst every thread of every
                    # worker queues for it (200 applications at once made 5 s too short); the
                    # transactions themselves are kept to a few inserts (no documents are built
                    # or files written inside them), and past 30 s the page says 503, not saved.
                    "init_command": (
                        "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
                        f"PRAGMA foreign_keys=ON; PRAGMA busy_timeout={SQLITE_BUSY_MS};"
                    ),
                    "timeout": SQLITE_BUSY_MS / 1000,  # the same, for the driver's own connect
                    "transaction_mode": "IMMEDIATE",
                },
                # each server thread keeps its connection: opening one and running the pragmas
                # above on every request costs more than many a page's queries
                "CONN_MAX_AGE": 60,
                "CONN_HEALTH_CHECKS": True,
            }
        url = urlsplit(raw)
        if url.scheme not in ("postgres", "postgresql"):
            raise SettingError(
                f"{name} 无效：应为 postgresql://用户:密码@主机:端口/数据库名 "
                "(expected a postgresql:// URL; leave unset for SQLite)"
            )
        database = unquote(url.path.lstrip("/"))
        if not database or "/" in database:
            raise SettingError(f"{name} 无效：缺少数据库名 (database name missing)")
        try:
            port = url.port
        except ValueError:
            raise SettingError(f"{name} 无效：端口不是数字 (invalid port)") from None
        return {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": database,
            "USER": unquote(url.username or ""),
            "PASSWORD": unquote(url.password or ""),
            "HOST": unquote(url.hostname or ""),
            "PORT": str(port or ""),
            "CONN_MAX_AGE": 60,
            "CONN_HEALTH_CHECKS": True,
        }


def from_environ() -> Env:
    return Env(os.environ, REGISTRY)
