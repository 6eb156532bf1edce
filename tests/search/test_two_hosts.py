"""Two application hosts on one database, each with its own search index folder (docs/search.md,
"Several hosts"): real `gongkai serve` processes sharing the database — a SQLite file here, a
PostgreSQL database of their own when GONGKAI_DATABASE_URL is set (CI's second run). An item
published (by a third process, through the catalog's services) is found through either host's
search; a host killed with SIGKILL while it applies the change log converges once restarted."""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import signal
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from gongkai.search import engine
from tests.accounts.test_ratelimit import free_port, process_env

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.slow


@pytest.fixture
def shared(tmp_path) -> Iterator[dict[str, str]]:
    """The environment every process shares: one data folder and one migrated database."""
    env = process_env(tmp_path / "data")
    env["PYTHONPATH"] = f"{ROOT / 'src'}{os.pathsep}{ROOT}"  # and the tests' publisher
    env["GONGKAI_SEARCH_FOLLOW_SECONDS"] = "0"  # at start-up only: the rest is on demand
    base = os.environ.get("GONGKAI_DATABASE_URL")
    name = f"gongkai_hosts_{os.getpid()}"
    if base:
        import psycopg

        url = urllib.parse.urlsplit(base)
        env["GONGKAI_DATABASE_URL"] = urllib.parse.urlunsplit(url._replace(path=f"/{name}"))
        with psycopg.connect(base, autocommit=True) as admin:
            admin.execute(f'CREATE DATABASE "{name}"')
    try:
        run(env, "-m", "gongkai", "migrate", "--noinput")
        yield env
    finally:
        if base:
            with psycopg.connect(base, autocommit=True) as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def run(env: dict[str, str], *args: str, index: Path | None = None) -> str:
    extra = {"GONGKAI_SEARCH_INDEX_DIR": str(index)} if index else {}
    done = subprocess.run(
        [sys.executable, *args], cwd=ROOT, env={**env, **extra},
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def publish(env: dict[str, str], tmp: Path, prefix: str, count: int) -> None:
    """A third process (its own index folder, which nobody reads) publishes through the services."""
    env = {**env, "DJANGO_SETTINGS_MODULE": "gongkai.settings"}
    run(env, "-m", "tests.search.publisher", prefix, str(count), index=tmp / "writer-index")


class Host:
    def __init__(self, env: dict[str, str], index: Path) -> None:
        self.env = {**env, "GONGKAI_SEARCH_INDEX_DIR": str(index)}
        self.index = index
        self.port = free_port()
        self.process: subprocess.Popen[str] | None = None

    def start(self) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gongkai", "serve", "--host", "127.0.0.1",
             "--port", str(self.port), "--threads", "4"],
            cwd=ROOT, env=self.env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
        )  # fmt: skip

    def wait(self) -> None:
        for _ in range(600):
            assert self.process is not None
            assert self.process.poll() is None, self.stderr()
            with contextlib.suppress(OSError):
                urllib.request.urlopen(f"http://127.0.0.1:{self.port}/api/items", timeout=30)
                return
            time.sleep(0.1)
        raise AssertionError(f"host on port {self.port} did not answer")

    def total(self, query: str) -> int:
        """The exact total of a search through this host's open-data API (its own index)."""
        q = urllib.parse.quote(query)
        url = f"http://127.0.0.1:{self.port}/api/items?q={q}"
        with urllib.request.urlopen(url, timeout=60) as response:
            return int(json.load(response)["total"])

    def page(self, query: str) -> str:
        url = f"http://127.0.0.1:{self.port}/search/?q={urllib.parse.quote(query)}"
        with urllib.request.urlopen(url, timeout=60) as response:
            return response.read().decode()

    def applying(self) -> bool:
        """Whether the host holds its index's writers' lock now (it is applying the log)."""
        lock = self.index / f"v{engine.SCHEMA_VERSION}" / engine.WRITER_LOCK
        if not lock.exists():
            return False
        with open(lock, "a") as handle:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                return True
            fcntl.flock(handle, fcntl.LOCK_UN)
            return False

    def position(self) -> int | None:
        base = self.index / f"v{engine.SCHEMA_VERSION}"
        try:
            folder = base / (base / engine.POINTER).read_text().strip()
            return int((folder / engine.POSITION_FILE).read_text())
        except FileNotFoundError:
            return None

    def stop(self, how: int = signal.SIGTERM) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(how)
            self.process.wait(timeout=30)

    def stderr(self) -> str:
        if self.process is None or self.process.stderr is None:
            return ""
        self.stop()
        return self.process.stderr.read()


def test_an_item_published_is_found_through_either_host_and_a_killed_host_converges(
    shared, tmp_path
):
    publish(shared, tmp_path, "秸秆禁烧通告", 2)
    a, b = Host(shared, tmp_path / "index-a"), Host(shared, tmp_path / "index-b")
    try:
        a.start()
        b.start()
        a.wait()
        b.wait()
        # both start empty, rebuild at start-up, and follow the log from there
        for host in (a, b):
            for _ in range(300):
                if host.position() is not None:
                    break
                time.sleep(0.1)
            assert host.total("秸秆禁烧") == 2
        publish(shared, tmp_path, "征收补偿方案", 1)  # neither host was told
        assert a.total("征收补偿") == 1
        assert b.total("征收补偿") == 1
        assert "方案0" in b.page("征收补偿")  # the title, its match marked
        assert run(a.env, "-m", "gongkai", "search", "check").count("没有落后") == 1

        # B stops; 400 items are published; B restarts and is killed while applying them (again,
        # should the kill land just after it recorded its position)
        for attempt in range(1, 4):
            b.stop()
            behind = b.position()
            publish(shared, tmp_path, f"垃圾分类办法{attempt}号", 400)
            assert a.total("垃圾分类") == 400 * attempt  # A catches up before it answers
            b.start()
            for _ in range(20_000):
                if b.applying():
                    b.stop(signal.SIGKILL)
                    break
                time.sleep(0.001)
            else:
                raise AssertionError("B was never seen applying the log")
            if b.position() == behind:  # killed before it recorded the batch
                break
        else:
            raise AssertionError("B was never killed in the middle of applying the log")
        b.start()
        b.wait()
        assert b.total("垃圾分类") == 400 * attempt
        assert b.total("秸秆禁烧") == 2
        check = run(b.env, "-m", "gongkai", "search", "check")
        assert "索引与数据库一致" in check
        assert "没有落后" in check
    finally:
        a.stop()
        b.stop()
