"""``gongkai tasks``: the background work (docs/tasks.md).

gongkai tasks worker [--beat]        a Celery worker on GONGKAI_BROKER_URL (one process, one
                                     task at a time); --beat also sends the scheduled tasks
gongkai tasks run sitecheck [--date YYYY-MM-DD]
gongkai tasks run search-follow | search-reindex --key K | search-prune
gongkai tasks run report --key K --year 2019 [--unit CODE] [--suffix .docx]
gongkai tasks run notice --rectification ID
                                     queue a task (run it here at once without a broker)
gongkai tasks list                   the latest runs and their state
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import CommandParser
from django.utils import timezone

from gongkai.core.cli import GongkaiCommand, UsageError, parse_date
from gongkai.tasks import jobs
from gongkai.tasks.celery_app import app
from gongkai.tasks.models import TaskRun

TASKS = {
    "search-follow": jobs.search_follow,
    "search-reindex": jobs.search_reindex,
    "search-prune": jobs.search_prune,
    "sitecheck": jobs.sitecheck,
    "report": jobs.report_generate,
    "notice": jobs.rectification_notice,
}


class Command(GongkaiCommand):
    help = "后台任务：运行任务队列的工作进程、提交任务、查看执行记录。"

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True, metavar="worker|run|list")
        worker = sub.add_parser("worker", help="运行工作进程（需配置 GONGKAI_BROKER_URL）")
        worker.add_argument("--beat", action="store_true", help="同时按计划提交定时任务")
        run = sub.add_parser("run", help="提交任务（未配置任务队列时立即在本进程执行）")
        run.add_argument("task", choices=sorted(TASKS))
        run.add_argument("--key", help="幂等键：同一键的任务只执行一次")
        run.add_argument("--date")
        run.add_argument("--year", type=int)
        run.add_argument("--unit")
        run.add_argument("--suffix", default=".docx", choices=[".docx", ".xlsx", ".json", ".html"])
        run.add_argument("--rectification", type=int)
        sub.add_parser("list", help="最近的任务执行记录")

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        if action == "worker":
            self._worker(options["beat"])
        elif action == "run":
            self._run(options)
        else:
            for run in TaskRun.objects.all()[:30]:
                when = run.finished_at or run.started_at
                self.stdout.write(
                    f"{when:%Y-%m-%d %H:%M:%S}  {run.get_state_display()}  {run.key}  "
                    f"（执行 {run.attempts} 次）"
                )

    def _worker(self, beat: bool) -> None:
        if not settings.BROKER_URL:
            raise UsageError("未配置任务队列（GONGKAI_BROKER_URL）：任务在提交它的进程中直接执行")
        argv = ["worker", "--pool", "solo", "--loglevel", "WARNING", "--without-gossip"]
        app.worker_main([*argv, "--beat"] if beat else argv)

    def _run(self, options: dict[str, Any]) -> None:
        name = options["task"]
        kwargs: dict[str, Any] = {}
        if name in ("search-reindex", "report"):
            if not options["key"]:
                raise UsageError("请用 --key 给出幂等键（同一键的任务只执行一次）")
            kwargs["key"] = options["key"]
        if name in ("sitecheck", "search-prune"):
            day = parse_date(options["date"], "日期") if options["date"] else timezone.localdate()
            kwargs["day"] = day.isoformat()
        if name == "report":
            if not options["year"]:
                raise UsageError("请用 --year 给出年度")
            kwargs.update(year=options["year"], unit=options["unit"], suffix=options["suffix"])
        if name == "notice":
            if not options["rectification"]:
                raise UsageError("请用 --rectification 给出整改通知的编号（ID）")
            kwargs["rectification_id"] = options["rectification"]
        result = TASKS[name].delay(**kwargs)
        if settings.BROKER_URL:
            self.stdout.write(f"已提交任务 {name}（{result.id}）。")
        else:
            self.stdout.write(f"任务 {name} 已在本进程执行：{result.get()}")
