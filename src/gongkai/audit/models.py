"""The audit log: one immutable row per state change — who, when, what, and the legal basis.

Tamper-evident: every row is appended to a hash chain (gongkai.audit.chain) under a lock on the
chain head, and stamped with the database's clock, read after that lock is taken; neither the
time nor the place in the chain can be chosen by the code that writes the row. ``gongkai audit
verify`` walks the chain.
"""

from __future__ import annotations

import json
from typing import Any, ClassVar, NoReturn

from django.conf import settings
from django.db import models, router, transaction
from django.db.models.functions import Now

from gongkai.audit import chain
from gongkai.audit.actions import AuditAction


class ImmutableError(RuntimeError):
    pass


class AuditQuerySet(models.QuerySet["AuditEvent"]):
    def update(self, **kwargs: Any) -> NoReturn:
        raise ImmutableError("审计记录不可修改")

    def delete(self) -> NoReturn:
        raise ImmutableError("审计记录不可删除")

    def bulk_create(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise ImmutableError("审计记录须逐条追加")

    def bulk_update(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise ImmutableError("审计记录不可修改")


class AuditChainHead(models.Model):
    """The end of the audit chain: the last row's number and hash, in one row (pk 1). Every
    append locks it until its transaction ends, so appends form one line whatever the number of
    writers; verification compares it with the last row, so rows cut off the end are noticed."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    seq = models.PositiveBigIntegerField("最后一条的序号", default=0)
    hash = models.CharField("最后一条的哈希", max_length=64, default=chain.GENESIS)
    # rows chained when the chain was introduced (their times came from the application's clock)
    backfilled = models.PositiveBigIntegerField("补链记录数", default=0)

    class Meta:
        verbose_name = "审计链头"
        verbose_name_plural = "审计链头"

    def __str__(self) -> str:
        return f"{self.seq}:{self.hash}"


class AuditEvent(models.Model):
    # Set by the database's clock when the row is appended (never given by the caller).
    at = models.DateTimeField("时间", db_index=True, editable=False)
    # Accounts are deactivated, never deleted, so the actor is kept for good (PROTECT).
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="操作人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    actor_label = models.CharField("操作人（记录时）", max_length=200)
    # The closed list (gongkai.audit.actions); the choices are Python's only: the column stays a
    # plain string, and rows keep the values they were written with.
    action = models.CharField("操作", max_length=64, db_index=True, choices=AuditAction.choices)
    object_type = models.CharField("对象类型", max_length=64)
    object_id = models.CharField("对象编号", max_length=64, blank=True)
    object_label = models.CharField("对象", max_length=300, blank=True)
    unit = models.ForeignKey(
        "units.Unit",
        verbose_name="所属单位",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    summary = models.TextField("内容")
    legal_basis = models.CharField("依据", max_length=300)
    changes = models.JSONField("变更", default=dict, blank=True)
    seq = models.PositiveBigIntegerField("链序号", unique=True, editable=False)
    prev_hash = models.CharField("前一条的哈希", max_length=64, editable=False)
    hash = models.CharField("哈希", max_length=64, editable=False)

    objects: ClassVar[AuditQuerySet] = AuditQuerySet.as_manager()  # type: ignore[assignment]

    class Meta:
        ordering = ["-at", "-id"]
        # even Django's internal manager refuses to update or delete rows
        base_manager_name = "objects"
        verbose_name = "审计记录"
        verbose_name_plural = "审计记录"
        indexes = [models.Index(fields=["object_type", "object_id"], name="audit_object_idx")]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_label} {self.action} {self.object_label}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise ImmutableError("审计记录不可修改")
        if self.at is not None:
            raise ImmutableError("审计记录的时间由数据库记录，不能指定")
        using = kwargs.pop("using", None) or router.db_for_write(type(self), instance=self)
        kwargs.pop("force_insert", None)
        with transaction.atomic(using=using):
            head = _locked_head(using)
            # The clock is read after the lock: a row later in the chain never has an earlier
            # time (the row before it was stamped before its transaction released the lock).
            self.at = (
                AuditChainHead.objects.using(using)
                .filter(pk=head.pk)
                .annotate(now=Now())
                .values_list("now", flat=True)
                .get()
            )
            # stored as hashed: what the JSON column gives back is what the hash covers
            self.changes = json.loads(json.dumps(self.changes if self.changes else {}))
            self.seq = head.seq + 1
            self.prev_hash = head.hash
            self.hash = chain.digest(self.as_chain_row())
            super().save(*args, force_insert=True, using=using, **kwargs)
            head.seq, head.hash = self.seq, self.hash
            head.save(using=using, update_fields=["seq", "hash"])

    def as_chain_row(self) -> chain.Row:
        return chain.Row(**{name: getattr(self, name) for name in chain.FIELDS})

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise ImmutableError("审计记录不可删除")


def _locked_head(using: str) -> AuditChainHead:
    """The chain head, locked until the transaction ends (PostgreSQL: FOR UPDATE; SQLite: the
    whole database is locked by the writing transaction, which Gongkai begins IMMEDIATE)."""
    heads = AuditChainHead.objects.using(using).select_for_update()
    head = heads.filter(pk=1).first()
    if head is None:  # a database emptied by a test's flush; the migration made it otherwise
        AuditChainHead.objects.using(using).bulk_create(
            [AuditChainHead(pk=1)], ignore_conflicts=True
        )
        head = heads.get(pk=1)
    return head
