"""Model fields for personal data at rest (gongkai.core.crypto).

:class:`EncryptedTextField` stores its value encrypted and gives it back in clear to Python; it
cannot be filtered on (the stored text changes with every save), so a query on it fails loudly
instead of silently finding nothing. :class:`LookupHashField` keeps beside it the keyed hash
that queries use, recomputed from the clear value on every save (``bulk_create`` too) — but not
by ``QuerySet.update()``, which must not set an encrypted field.
"""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.core.validators import MaxLengthValidator
from django.db import connection, models, transaction
from django.db.models import Model

from gongkai.core.crypto import Keyring, PersonalDataKeyError, keyring, reload_key_file


class EncryptedTextField(models.TextField):  # type: ignore[type-arg]
    def __init__(self, *args: Any, clear_max_length: int | None = None, **kwargs: Any) -> None:
        # The stored token is longer than the value: the length limit is on the clear text.
        self.clear_max_length = clear_max_length
        super().__init__(*args, **kwargs)
        if clear_max_length is not None:
            self.validators.append(MaxLengthValidator(clear_max_length))

    def deconstruct(self) -> Any:
        name, path, args, kwargs = super().deconstruct()
        if self.clear_max_length is not None:
            kwargs["clear_max_length"] = self.clear_max_length
        return name, path, args, kwargs

    def from_db_value(self, value: str | None, expression: Any, connection: Any) -> str | None:
        if not value:
            return value
        try:
            return keyring().decrypt(value)
        except PersonalDataKeyError:
            # Rotated by `gongkai keys rotate` in another process since this one started.
            if not reload_key_file():
                raise
            return keyring().decrypt(value)

    def get_prep_value(self, value: Any) -> Any:
        value = super().get_prep_value(value)
        if not value:
            return value
        return keyring().encrypt(str(value))

    def get_lookup(self, lookup_name: str) -> Any:
        if lookup_name == "isnull":
            return super().get_lookup(lookup_name)
        return None  # Django then raises FieldError: search by the lookup hash instead


class LookupHashField(models.CharField):  # type: ignore[type-arg]
    """HMAC-SHA256 (hex) of the clear value of the field named ``source``."""

    def __init__(self, *args: Any, source: str, **kwargs: Any) -> None:
        self.source = source
        kwargs.setdefault("max_length", 64)
        kwargs.setdefault("editable", False)
        kwargs.setdefault("blank", True)
        kwargs.setdefault("default", "")
        super().__init__(*args, **kwargs)

    def deconstruct(self) -> Any:
        name, path, args, kwargs = super().deconstruct()
        kwargs["source"] = self.source
        for key, value in (("max_length", 64), ("editable", False), ("blank", True)):
            if kwargs.get(key) == value:
                del kwargs[key]
        if kwargs.get("default") == "":
            del kwargs["default"]
        return name, path, args, kwargs

    def pre_save(self, model_instance: Model, add: bool) -> str:
        clear = getattr(model_instance, self.source) or ""
        value = keyring().lookup_hash(clear) if clear else ""
        setattr(model_instance, self.attname, value)
        return value


def reencrypt(ring: Keyring) -> dict[str, int]:
    """Every encrypted value of every model re-encrypted under ``ring``'s current key, and its
    lookup hash recomputed, in one transaction (all or nothing); the rows per model.

    Works on the stored tokens with plain SQL, so it needs only ``ring``: the keys of the
    running settings may be older (``gongkai keys rotate`` writes the new key first)."""
    counts: dict[str, int] = {}
    with transaction.atomic():
        for model in apps.get_models():
            meta = model._meta
            encrypted = [f for f in meta.concrete_fields if isinstance(f, EncryptedTextField)]
            if not encrypted:
                continue
            hashed = {f.source: f for f in meta.concrete_fields if isinstance(f, LookupHashField)}
            quote = connection.ops.quote_name
            columns = [meta.pk.column] + [f.column for f in encrypted]
            with connection.cursor() as cursor:
                names = ", ".join(quote(c) for c in columns)
                # Quoted names of Gongkai's own tables and columns; values go as parameters.
                cursor.execute(f"SELECT {names} FROM {quote(meta.db_table)}")  # noqa: S608
                rows = cursor.fetchall()
            sets, updates = [], []
            for field in encrypted:
                sets.append(f"{quote(field.column)} = %s")
                if field.name in hashed:
                    sets.append(f"{quote(hashed[field.name].column)} = %s")
            for pk, *tokens in rows:
                values: list[str] = []
                for field, token in zip(encrypted, tokens, strict=True):
                    clear = ring.decrypt(token) if token else ""
                    values.append(ring.encrypt(clear) if clear else token)
                    if field.name in hashed:
                        values.append(ring.lookup_hash(clear) if clear else "")
                updates.append((*values, pk))
            with connection.cursor() as cursor:
                assignments = ", ".join(sets)
                where = f"{quote(meta.pk.column)} = %s"
                sql = f"UPDATE {quote(meta.db_table)} SET {assignments} WHERE {where}"  # noqa: S608
                cursor.executemany(sql, updates)
            counts[meta.label] = len(updates)
    return counts


def stale(ring: Keyring) -> dict[str, int]:
    """Per model, the stored values not (yet) encrypted under ``ring``'s current key."""
    counts: dict[str, int] = {}
    for model in apps.get_models():
        meta = model._meta
        encrypted = [f for f in meta.concrete_fields if isinstance(f, EncryptedTextField)]
        if not encrypted:
            continue
        quote = connection.ops.quote_name
        with connection.cursor() as cursor:
            names = ", ".join(quote(f.column) for f in encrypted)
            cursor.execute(f"SELECT {names} FROM {quote(meta.db_table)}")  # noqa: S608
            counts[meta.label] = sum(
                1
                for row in cursor.fetchall()
                for token in row
                if token and not ring.is_current(token)
            )
    return counts
