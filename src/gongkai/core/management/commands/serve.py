"""``gongkai serve``: run Gongkai with a production WSGI server, on this machine.

    gongkai serve --host 127.0.0.1 --port 8000                  # waitress, one process
    gongkai serve --host 0.0.0.0 --port 8000 --workers 4         # gunicorn, 4 processes

One process (waitress, threaded) is the default: it runs anywhere and is what ``make run``
uses. With ``--workers N`` (N > 1) Gongkai runs under gunicorn with N worker processes of
``--threads`` threads each, which is how a server with several cores is used (docs/deployment.md).
Static files are served by WhiteNoise from the same processes; put a reverse proxy with TLS in
front of either in production.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandParser

from gongkai.core.cli import GongkaiCommand, UsageError


def _gunicorn(host: str, port: int, workers: int, threads: int) -> None:
    from gunicorn.app.base import BaseApplication

    from gongkai.wsgi import application

    class Server(BaseApplication):  # type: ignore[misc]
        def load_config(self) -> None:
            for key, value in {
                "bind": f"{host}:{port}",
                "workers": workers,
                "worker_class": "gthread",
                "threads": threads,
                "keepalive": 5,
                "timeout": 60,
                "graceful_timeout": 10,
                "accesslog": None,
                "errorlog": "-",
                "loglevel": "warning",
                "proc_name": "gongkai",
            }.items():
                self.cfg.set(key, value)

        def load(self) -> Any:
            return application

    Server().run()


def _check_search(warn: Any) -> None:
    """``gongkai search check --quick`` at start-up: a warning in Chinese when the search index
    does not hold every published item (a rebuild that died, a restored database); never a
    refusal to start — the portal works, only its search results are incomplete."""
    from django.db import DatabaseError

    from gongkai.search import health

    try:
        found = health.measure()
    except DatabaseError as exc:  # not migrated yet: `gongkai migrate` says more than this would
        warn(f"警告：无法核对检索索引（{exc}）")
        return
    if not found.agrees:
        warn(f"警告：{found.problem()}")
    if found.leftovers:
        warn("提示：上次索引重建未完成，检索照常使用旧索引；下次重建时自动清理未完成的目录。")


class Command(GongkaiCommand):
    help = "运行 Gongkai（生产用 WSGI 服务器：单进程 waitress，或 --workers 多进程 gunicorn）。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", default="8000")
        parser.add_argument("--threads", default="8", help="每个进程的线程数")
        parser.add_argument(
            "--workers", default="1", help="进程数；大于1时使用 gunicorn（建议为CPU核数的2倍）"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            port, threads = int(options["port"]), int(options["threads"])
            workers = int(options["workers"])
        except ValueError:
            raise UsageError("端口、线程数和进程数应为整数") from None
        if not (0 < port < 65536 and 1 <= threads <= 64 and 1 <= workers <= 64):
            raise UsageError("端口应在1—65535之间，线程数和进程数在1—64之间")
        _check_search(self.stderr.write)
        self.stdout.write(f"Gongkai 正在运行：http://{options['host']}:{port}/  （按 Ctrl+C 停止）")
        self.stdout.flush()
        if workers > 1:
            _gunicorn(options["host"], port, workers, threads)
            return
        from waitress import serve

        from gongkai.core.uploadlimits import largest_request_bytes
        from gongkai.wsgi import application

        serve(
            application,
            host=options["host"],
            port=port,
            threads=threads,
            ident="gongkai",
            connection_limit=500,
            channel_timeout=60,
            # waitress receives a whole body before the application sees it (spooled to a
            # temporary file): one longer than any form takes is refused at once, not stored
            # (gongkai.core.uploadlimits refuses the rest, in Chinese).
            max_request_body_size=largest_request_bytes() + 1,
        )
