"""Files that belong to database rows: kept when the rows are committed, removed when they are not.

A file is written before the row that names it is saved (the storage chooses the final name).
If the transaction then rolls back, the row is gone but the file would stay in the data folder —
an applicant's ID copy on disk with no case, in a folder named after a tracking number. So every
file written inside a transaction is remembered until that transaction commits
(``transaction.on_commit``); whatever is still remembered once the thread is outside any
transaction again belonged to one that rolled back, and is deleted (at the end of every request,
and by :class:`Written` at once when its block fails).

Files written *before* a short transaction (the intake writes ID copies and the receipt outside
the transaction, so that the SQLite write lock is held only for the inserts) are collected in a
:class:`Written` and handed over with :meth:`Written.keep_if_committed` inside the transaction.
"""

from __future__ import annotations

import logging
import threading
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile, File
from django.core.files.storage import Storage
from django.db import DEFAULT_DB_ALIAS, transaction
from django.db.models.fields.files import FieldFile

from gongkai.core import uploads
from gongkai.core.uploads import CheckedFile

logger = logging.getLogger(__name__)

_local = threading.local()


def _pending() -> set[tuple[Storage, str]]:
    pending: set[tuple[Storage, str]] | None = getattr(_local, "pending", None)
    if pending is None:
        pending = _local.pending = set()
    return pending


def _delete(storage: Storage, name: str) -> None:
    try:
        storage.delete(name)
    except OSError:  # logged, never raised: the answer to the request is already decided
        logger.exception("could not remove %s, written for a transaction that rolled back", name)
        return
    try:
        folder = Path(storage.path(name)).parent
    except NotImplementedError:  # a storage without local paths has no folders to leave
        return
    with suppress(OSError):  # not empty: other files of committed rows are in it
        folder.rmdir()


def _remember_until_commit(storage: Storage, name: str, using: str = DEFAULT_DB_ALIAS) -> None:
    if not transaction.get_connection(using).in_atomic_block:
        return  # autocommit: nothing left to roll back
    entry = (storage, name)
    pending = _pending()
    pending.add(entry)
    transaction.on_commit(lambda: pending.discard(entry), using=using)


def discard_rolled_back(using: str = DEFAULT_DB_ALIAS, **_: Any) -> int:
    """Delete the files of this thread whose transaction ended without committing; how many.
    Does nothing while a transaction is still open (its files may yet be committed)."""
    if transaction.get_connection(using).in_atomic_block:
        return 0
    pending = _pending()
    count = len(pending)
    while pending:
        _delete(*pending.pop())
    return count


def save(field_file: FieldFile, name: str, content: bytes | File[Any]) -> None:
    """``field_file.save(name, content, save=False)``, inside a transaction: the file is removed
    again if that transaction rolls back."""
    _remember_until_commit(field_file.storage, _write(field_file, name, content))


def store_checked(record: Any, check: CheckedFile, content: bytes) -> Any:
    """Save an uploaded file that passed :func:`gongkai.core.uploads.check` with its record (an
    attachment, a piece of evidence, a training material: a model with ``file``, ``name``,
    ``content_type``, ``size`` and ``sha256``): the file under a random name with the kind's
    extension, removed again if the transaction rolls back, then the record."""
    record.name = check.name
    record.content_type = check.content_type
    record.size = check.size
    record.sha256 = check.sha256
    save(record.file, f"{uuid.uuid4().hex}.{check.kind}", content)
    record.save()
    return record


def check_uploads(
    files: Sequence[tuple[str, bytes]], *, allowed: frozenset[str]
) -> list[CheckedFile]:
    """Every file checked by its content against ``allowed`` and the size limit of the settings
    (``MAX_UPLOAD_MB``); :class:`~gongkai.core.uploads.UploadError` on the first refused, so that
    a batch is stored whole or not at all."""
    limit = int(settings.MAX_UPLOAD_MB) * 1024 * 1024
    return [
        uploads.check(name, content, allowed=allowed, max_bytes=limit) for name, content in files
    ]


def _write(field_file: FieldFile, name: str, content: bytes | File[Any]) -> str:
    """Write the file; the name the storage chose for it."""
    field_file.save(
        name, ContentFile(content) if isinstance(content, bytes) else content, save=False
    )
    assert field_file.name is not None  # set by save()
    return field_file.name


class Written:
    """Files written before the transaction that saves their rows."""

    def __init__(self) -> None:
        self.files: list[tuple[Storage, str]] = []

    def save(self, field_file: FieldFile, name: str, content: bytes | File[Any]) -> None:
        self.files.append((field_file.storage, _write(field_file, name, content)))

    def keep_if_committed(self, using: str = DEFAULT_DB_ALIAS) -> None:
        """Inside the transaction that saves the rows: from here on the files share its fate."""
        for storage, name in self.files:
            _remember_until_commit(storage, name, using)
        # committed: a failure after this point no longer concerns them
        transaction.on_commit(self.files.clear, using=using)

    def remove(self) -> None:
        for storage, name in self.files:
            _delete(storage, name)
        self.files.clear()


@contextmanager
def written() -> Iterator[Written]:
    """A block that writes files and then saves their rows: if it fails, the files are removed
    before the failure goes on (the rows were not saved, or were rolled back)."""
    files = Written()
    try:
        yield files
    except BaseException:
        files.remove()
        raise
