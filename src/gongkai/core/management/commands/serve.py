"""``gongkai serve``: run Gongkai with a production WSGI server, on this machine.

    gongkai serve --port 8000                                    # 127.0.0.1 and ::1, waitress
    gongkai serve --host 0.0.0.0,:: --port 8000 --workers 4      # every address, gunicorn

Both stacks: without ``--host`` Gongkai listens on 127.0.0.1 and ::1 (the IPv4 and the IPv6
loopback; only 127.0.0.1, with a warning, on a machine without IPv6). ``--host`` takes a list,
comma-separated or repeated; an IPv6 address is written without brackets. Each address gets its
own socket (an IPv6 socket answers IPv6 only), so ``0.0.0.0,::`` is every address of both.

One process (waitress, threaded) is the default: it runs anywhere and is what ``make run``
uses. With ``--workers N`` (N > 1) Gongkai runs under gunicorn with N worker processes of
``--threads`` threads each, which is how a server with several cores is used (docs/deployment.md).
Static files are served by WhiteNoise from the same processes; put a reverse proxy with TLS in
front of either in production.
"""

from __future__ import annotations

import ipaddress
import socket
from typing import Any

from django.core.management.base import CommandParser

from gongkai.core.cli import GongkaiCommand, UsageError

LOCAL = ("127.0.0.1", "::1")


def ipv6_loopback() -> bool:
    """Whether this machine can listen on ::1 (a container or kernel without IPv6 cannot)."""
    if not socket.has_ipv6:
        return False
    try:
        with socket.socket(socket.AF_INET6, socket.SOCK_STREAM) as probe:
            probe.bind(("::1", 0))
    except OSError:
        return False
    return True


def parse_hosts(values: list[str] | None) -> list[str]:
    """The addresses to listen on, from ``--host`` (repeated, or comma-separated): IP
    addresses or ``localhost``, brackets around an IPv6 address allowed, no duplicates."""
    hosts: list[str] = []
    for value in values or []:
        for part in value.split(","):
            host = part.strip().removeprefix("[").removesuffix("]")
            if not host:
                continue
            if host != "localhost":
                try:
                    host = str(ipaddress.ip_address(host))
                except ValueError:
                    raise UsageError(
                        f"监听地址“{part.strip()}”不是IP地址，应如 127.0.0.1、::1、0.0.0.0 或 ::"
                    ) from None
            if host not in hosts:
                hosts.append(host)
    return hosts


def bind_address(host: str, port: int) -> str:
    """``host:port`` as the servers take it: an IPv6 address in brackets."""
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


def _gunicorn(hosts: list[str], port: int, workers: int, threads: int) -> None:
    from gunicorn.app.base import BaseApplication

    from gongkai.wsgi import application

    every_ipv4 = "0.0.0.0"  # noqa: S104 — asked for on the command line
    if "::" in hosts and every_ipv4 in hosts:
        # gunicorn's IPv6 socket is dual-stack (Linux's default): "::" already answers IPv4,
        # and a second socket on 0.0.0.0 and the same port would be refused as in use
        hosts = [host for host in hosts if host != every_ipv4]

    class Server(BaseApplication):  # type: ignore[misc]
        def load_config(self) -> None:
            for key, value in {
                "bind": [bind_address(host, port) for host in hosts],
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


def _follow_search(warn: Any) -> None:
    """Keep this host's search index following the change log in the database, in a background
    thread: at start-up (rebuilding an index that is new or cannot follow) and then every
    ``SEARCH_FOLLOW_SECONDS`` (docs/search.md, "Several hosts"). A failure is a warning, never a
    refusal to serve; searches still catch up when a little behind."""
    import threading

    from django.conf import settings
    from django.db import connection

    from gongkai.search import sync

    every = settings.SEARCH_FOLLOW_SECONDS

    def run() -> None:
        while True:
            try:
                sync.follow()
            except Exception as exc:
                warn(f"警告：检索索引跟进变更日志失败（{exc}）；可运行 gongkai search follow")
            finally:
                connection.close()
            if not every:
                return
            threading.Event().wait(every)

    threading.Thread(target=run, name="gongkai-search-follow", daemon=True).start()


class Command(GongkaiCommand):
    help = "运行 Gongkai（生产用 WSGI 服务器：单进程 waitress，或 --workers 多进程 gunicorn）。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--host",
            action="append",
            help="监听地址，可用逗号分隔或重复给出；默认 127.0.0.1 和 ::1（IPv4 与 IPv6 本机）",
        )
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
        hosts = parse_hosts(options["host"])
        if not hosts:
            hosts = list(LOCAL)
            if not ipv6_loopback():
                self.stderr.write("警告：本机没有可用的IPv6本机地址（::1），仅在 127.0.0.1 上监听")
                hosts = ["127.0.0.1"]
        _check_search(self.stderr.write)
        _follow_search(self.stderr.write)
        addresses = "  ".join(f"http://{bind_address(host, port)}/" for host in hosts)
        self.stdout.write(f"Gongkai 正在运行：{addresses}  （按 Ctrl+C 停止）")
        self.stdout.flush()
        if workers > 1:
            _gunicorn(hosts, port, workers, threads)
            return
        from waitress import serve

        from gongkai.core.uploadlimits import largest_request_bytes
        from gongkai.wsgi import application

        serve(
            application,
            listen=" ".join(bind_address(host, port) for host in hosts),
            threads=threads,
            ident="gongkai",
            connection_limit=500,
            channel_timeout=60,
            # waitress receives a whole body before the application sees it (spooled to a
            # temporary file): one longer than any form takes is refused at once, not stored
            # (gongkai.core.uploadlimits refuses the rest, in Chinese).
            max_request_body_size=largest_request_bytes() + 1,
        )
