"""The runs of background tasks, one row per idempotency key (docs/tasks.md): a task delivered
twice — Celery delivers at least once — finds its key done and does nothing.

A run asked for on a staff page names what it is about (``subject``: a report, a
rectification, the website self-check, and its id): who may see the run and download its file
is decided by the guarded getter of that record (tasks/access.py), never by the run itself."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class RunState(models.TextChoices):
    QUEUED = "queued", "排队中"
    RUNNING = "running", "运行中"
    DONE = "done", "已完成"
    FAILED = "failed", "失败"


class Subject(models.TextChoices):
    NONE = "", "—"  # the command line and the schedule
    REPORT = "report", "年度报告"
    RECTIFICATION = "rectification", "整改通知书"
    SITECHECK = "sitecheck", "政府网站自查"


class TaskRun(models.Model):
    key = models.CharField("幂等键", max_length=200, unique=True)
    name = models.CharField("任务", max_length=100)
    state = models.CharField("状态", max_length=10, choices=RunState.choices)
    result = models.JSONField("结果", default=dict, blank=True)
    attempts = models.PositiveIntegerField("执行次数", default=0)
    started_at = models.DateTimeField("开始时间", default=timezone.now)
    finished_at = models.DateTimeField("完成时间", null=True, blank=True)
    subject = models.CharField(
        "对象类型", max_length=20, choices=Subject.choices, default=Subject.NONE, blank=True
    )
    subject_id = models.PositiveBigIntegerField("对象编号", null=True, blank=True)
    label = models.CharField("内容", max_length=300, blank=True)
    filename = models.CharField("下载文件名", max_length=200, blank=True)
    # Accounts are deactivated, never deleted (as the audit log's actor)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="提交人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        ordering = ["-started_at"]
        verbose_name = "后台任务执行"
        verbose_name_plural = "后台任务执行"
        indexes = [models.Index(fields=["subject", "subject_id"], name="task_run_subject_idx")]

    def __str__(self) -> str:
        return f"{self.key} ({self.state})"
