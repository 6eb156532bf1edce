"""``gongkai serve``: run Gongkai with a production WSGI server (waitress), on this machine.

    gongkai serve --host 127.0.0.1 --port 8000 --threads 8

Static files are served by WhiteNoise from the same process; put a reverse proxy with TLS in
front of it in production (docs/deployment.md).
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandParser

from gongkai.core.cli import GongkaiCommand, UsageError


class Command(GongkaiCommand):
    help = "用 waitress 运行 Gongkai（生产用 WSGI 服务器）。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", default="8000")
        parser.add_argument("--threads", default="8")

    def handle(self, *args: Any, **options: Any) -> None:
        from waitress import serve

        from gongkai.wsgi import application

        try:
            port, threads = int(options["port"]), int(options["threads"])
        except ValueError:
            raise UsageError("端口和线程数应为整数") from None
        if not (0 < port < 65536 and 1 <= threads <= 64):
            raise UsageError("端口应在1—65535之间，线程数在1—64之间")
        self.stdout.write(f"Gongkai 正在运行：http://{options['host']}:{port}/  （按 Ctrl+C 停止）")
        serve(
            application,
            host=options["host"],
            port=port,
            threads=threads,
            ident="gongkai",
            connection_limit=500,
            channel_timeout=60,
        )
