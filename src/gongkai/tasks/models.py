"""The runs of background tasks, one row per idempotency key (docs/tasks.md): a task delivered
twice — Celery delivers at least once — finds its key done and does nothing."""

from __future__ import annotations

from django.db import models
from django.utils import timezone


class RunState(models.TextChoices):
    RUNNING = "running", "运行中"
    DONE = "done", "已完成"
    FAILED = "failed", "失败"


class TaskRun(models.Model):
    key = models.CharField("幂等键", max_length=200, unique=True)
    name = models.CharField("任务", max_length=100)
    state = models.CharField("状态", max_length=10, choices=RunState.choices)
    result = models.JSONField("结果", default=dict, blank=True)
    attempts = models.PositiveIntegerField("执行次数", default=0)
    started_at = models.DateTimeField("开始时间", default=timezone.now)
    finished_at = models.DateTimeField("完成时间", null=True, blank=True)

    class Meta:
        ordering = ["-started_at"]
        verbose_name = "后台任务执行"
        verbose_name_plural = "后台任务执行"

    def __str__(self) -> str:
        return f"{self.key} ({self.state})"
