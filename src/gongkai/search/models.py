"""The search index's change log, in the database — the one source of truth every host's index
follows (docs/search.md, "Several hosts"): a row per item whose public face changed, written in
the same transaction as the change (:func:`gongkai.search.sync.log_changes`), in the order the
transactions commit."""

from __future__ import annotations

from django.db import models
from django.utils import timezone

from gongkai.search import changelog


class IndexChange(models.Model):
    """One change to apply to every host's index: read the item again (upsert) or remove it."""

    position = models.BigAutoField("位置", primary_key=True)
    item_id = models.BigIntegerField("信息")  # not a foreign key: the log outlives nothing
    op = models.CharField(
        "操作",
        max_length=8,
        choices=[(changelog.UPSERT, "更新"), (changelog.REMOVE, "删除")],
    )
    at = models.DateTimeField("时间", default=timezone.now, db_index=True)

    class Meta:
        ordering = ["position"]
        verbose_name = "检索索引变更"
        verbose_name_plural = "检索索引变更"

    def __str__(self) -> str:
        return f"{self.position}: {self.op} {self.item_id}"

    def as_change(self) -> changelog.Change:
        return changelog.Change(self.position, self.item_id, self.op)


class LogPruning(models.Model):
    """The one row saying up to which position the log has been pruned: a host whose index
    stands below it cannot follow and rebuilds."""

    pruned_through = models.BigIntegerField("已清理至位置", default=0)
    pruned_at = models.DateTimeField("清理时间", null=True, blank=True)

    class Meta:
        verbose_name = "检索索引变更日志清理"
        verbose_name_plural = "检索索引变更日志清理"

    def __str__(self) -> str:
        return f"≤{self.pruned_through}"
