"""Tracking numbers (申请编号) and the applicant's query codes (查询码)."""

from __future__ import annotations

import hashlib
import hmac
import logging
import secrets

from django.db import transaction

from gongkai.applications.models import Application, Document, TrackingCounter
from gongkai.applications.services.common import ApplicationError
from gongkai.units.models import Unit

logger = logging.getLogger(__name__)

QUERY_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I/L
QUERY_CODE_LENGTH = 8
UNROUTED_PREFIX = "GK"


def new_query_code() -> str:
    return "".join(secrets.choice(QUERY_CODE_ALPHABET) for _ in range(QUERY_CODE_LENGTH))


def hash_query_code(code: str, salt: str | None = None) -> str:
    salt = salt or secrets.token_hex(8)
    digest = hashlib.sha256(f"{salt}:{code.strip().upper()}".encode()).hexdigest()
    return f"{salt}${digest}"


def query_code_matches(application: Application, code: str) -> bool:
    salt, _, _digest = application.query_code_hash.partition("$")
    return hmac.compare_digest(hash_query_code(code, salt), application.query_code_hash)


def next_tracking_number(prefix: str, year: int) -> str:
    """``FGW-2025-00012``: per prefix and year, never reused. Must run inside a transaction."""
    TrackingCounter.objects.bulk_create(
        [TrackingCounter(prefix=prefix, year=year, last=0)], ignore_conflicts=True
    )
    counter = TrackingCounter.objects.select_for_update().get(prefix=prefix, year=year)
    counter.last += 1
    counter.save(update_fields=["last"])
    return f"{prefix}-{year}-{counter.last:05d}"


@transaction.atomic
def reserve_tracking_number(prefix: str, year: int) -> str:
    """A tracking number for an intake about to be stored, taken in a transaction of its own
    that commits before the intake's begins: if the intake then fails, its number is a gap in
    the series and is never handed to the next applicant — whose folder
    (``applications/<number>/``) would otherwise receive the first one's files."""
    for _ in range(1000):
        number = next_tracking_number(prefix, year)
        # A case under the number already: the counter is behind the cases (a database put
        # back without its counter); take the next one rather than fail the intake.
        if not Application.objects.filter(tracking_number=number).exists():
            return number
    raise ApplicationError("无法分配申请编号，请联系系统管理员")


def _remove_leftovers(number: str) -> None:
    """Files in the folder of a number just taken belong to no case: left by an intake that
    failed before numbers were taken on their own, or by a crash between writing a file and
    committing. They are personal data of someone else; removed before this case's go in."""
    storage = Document._meta.get_field("file").storage
    folder = f"applications/{number}"
    if not storage.exists(folder):
        return
    _, names = storage.listdir(folder)
    for name in names:
        logger.warning("removing %s/%s: a file of no case, left by a failed intake", folder, name)
        storage.delete(f"{folder}/{name}")


def _prefix(unit: Unit | None) -> str:
    return unit.code.upper().replace("-", "") if unit else UNROUTED_PREFIX
