"""The task queue: Celery on Redis at ``GONGKAI_BROKER_URL`` (docs/tasks.md). Without a broker
every task runs at once in the process that asks for it (``task_always_eager``), so the demo and
a single-host installation need no worker and no Redis.

A worker: ``gongkai tasks worker`` (or ``celery -A gongkai.tasks.celery_app worker``, with
``DJANGO_SETTINGS_MODULE=gongkai.settings``; Celery's Django fix-up sets Django up)."""

from __future__ import annotations

import os

from celery import Celery  # type: ignore[import-untyped]
from celery.schedules import crontab  # type: ignore[import-untyped]
from django.conf import settings

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")

app = Celery("gongkai")


def configure() -> None:
    broker = settings.BROKER_URL
    app.conf.update(
        broker_url=broker or "memory://",
        task_always_eager=not broker,
        task_eager_propagates=True,
        # a task is acknowledged when it has run, and delivered again if its worker dies: at
        # least once, which the idempotency keys make exactly once in effect (tasks/runs.py)
        task_acks_late=True,
        task_reject_on_worker_lost=True,
        worker_prefetch_multiplier=1,
        task_serializer="json",
        accept_content=["json"],
        result_backend=None,
        task_ignore_result=True,
        broker_connection_retry_on_startup=True,
        timezone=settings.TIME_ZONE,
        imports=("gongkai.tasks.jobs",),
        beat_schedule={
            "search-follow": {"task": "gongkai.search.follow", "schedule": 30.0},
            "search-prune": {"task": "gongkai.search.prune", "schedule": crontab(hour=3, minute=0)},
            "sitecheck": {"task": "gongkai.sitecheck.run", "schedule": crontab(hour=6, minute=0)},
        },
    )


configure()
