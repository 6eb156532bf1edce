"""Failed logins, counted per account and per address in the shared cache (Redis or the
database: every worker sees the same counts).

``GONGKAI_LOGIN_FAILURES`` failures for one account name within ``GONGKAI_LOGIN_LOCK_MINUTES``
lock that name for as many minutes; ``GONGKAI_LOGIN_ADDRESS_FAILURES`` from one address lock the
address. Names are counted whether or not such an account exists, and the messages are the same
either way, so a lock says nothing about which accounts there are. While locked, a login is
refused before the password is checked.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache

from gongkai.core.ratelimit import client_key, hit

LOCKED_MESSAGE = "登录失败次数过多，账号或所在网络已被暂时锁定，请{minutes}分钟后再试。"


def _name_key(username: str) -> str:
    # hashed: any text may be typed as a name, and a cache key must be short and plain
    digest = hashlib.sha256(username.strip().casefold().encode("utf-8")).hexdigest()[:32]
    return f"acct:{digest}"


def _address_key(address: str) -> str:
    return f"addr:{client_key(address)}"


def _minutes() -> int:
    return int(settings.GONGKAI_LOGIN_LOCK_MINUTES)


def locked_message() -> str:
    return LOCKED_MESSAGE.format(minutes=_minutes())


def is_locked(username: str, address: str) -> bool:
    keys = [f"login:lock:{_address_key(address)}"]
    if username:
        keys.append(f"login:lock:{_name_key(username)}")
    return bool(cache.get_many(keys))


@dataclass(frozen=True)
class Failure:
    """What one failure caused: the locks it started (each is started, and so reported, by
    one request only)."""

    account_locked: bool
    address_locked: bool


def _count(key: str, limit: int) -> bool:
    """Count a failure under ``key``; True when this one starts the lock."""
    window = _minutes() * 60
    if hit(f"login:fail:{key}", window) < limit:
        return False
    return bool(cache.add(f"login:lock:{key}", 1, timeout=window))


def record_failure(username: str, address: str) -> Failure:
    return Failure(
        account_locked=bool(username)
        and _count(_name_key(username), settings.GONGKAI_LOGIN_FAILURES),
        address_locked=_count(_address_key(address), settings.GONGKAI_LOGIN_ADDRESS_FAILURES),
    )


def record_success(username: str) -> None:
    """A login succeeded: the account's failures are forgiven (the address's are not, or a
    guesser could clear them by logging into an account of their own now and then)."""
    cache.delete(f"login:fail:{_name_key(username)}")
