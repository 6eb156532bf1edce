"""Benchmark: 200 applicants submitting the online form at the same moment.

Starts Gongkai (``gongkai serve``, waitress, SQLite in a fresh data folder, rate limit off) on
loopback, then 200 client threads each open the form and submit it, all released together.
Afterwards it checks the database: every submission that was answered must be stored exactly
once, and every tracking number unique. As a baseline in the same run, the same 200 clients
fetch the form page at once (a read that renders a page and writes nothing).

Run:  .venv/bin/python bench/intake_load.py [--clients 200] [--threads 8]
The last line of output is one JSON object.
"""

from __future__ import annotations

import argparse
import http.cookiejar
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

VALID_ID = "11010519491231002X"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def gongkai(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "gongkai", *args],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    )


class Client:
    def __init__(self, base: str) -> None:
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), NoRedirect()
        )

    def get(self, path: str) -> tuple[int, str]:
        with self.opener.open(self.base + path, timeout=120) as response:
            return response.status, response.read().decode("utf-8")

    def post(self, path: str, data: dict[str, str]) -> tuple[int, str]:
        body = urllib.parse.urlencode(data).encode()
        request = urllib.request.Request(self.base + path, data=body, method="POST")
        request.add_header("Referer", self.base + path)
        try:
            with self.opener.open(request, timeout=120) as response:
                return response.status, response.headers.get("Location", "")
        except urllib.error.HTTPError as exc:
            return exc.code, exc.headers.get("Location", "")


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


def run_clients(n: int, work: object) -> tuple[list[float], list[object], float]:
    """Run ``work(i)`` in n threads released together; returns latencies, results, wall time."""
    barrier = threading.Barrier(n + 1)
    latencies: list[float] = [0.0] * n
    results: list[object] = [None] * n

    def target(i: int) -> None:
        prepared = work.prepare(i)  # type: ignore[attr-defined]
        barrier.wait()
        start = time.perf_counter()
        try:
            results[i] = work.run(i, prepared)  # type: ignore[attr-defined]
        except Exception as exc:
            results[i] = exc
        latencies[i] = time.perf_counter() - start

    threads = [threading.Thread(target=target, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    barrier.wait()
    began = time.perf_counter()
    for t in threads:
        t.join()
    return latencies, results, time.perf_counter() - began


class Submit:
    def __init__(self, base: str, unit_pk: str) -> None:
        self.base, self.unit_pk = base, unit_pk

    def prepare(self, i: int) -> tuple[Client, dict[str, str]]:
        client = Client(self.base)
        status, page = client.get("/apply/")
        token = re.search(r'name="token" value="([^"]+)"', page)
        csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        if status != 200 or token is None or csrf is None:
            raise RuntimeError("the application form did not load")
        return client, {
            "csrfmiddlewaretoken": csrf.group(1),
            "token": token.group(1),
            "unit": self.unit_pk,
            "applicant_type": "natural",
            "applicant_name": f"申请人{i}",
            "id_type": "resident_id",
            "id_number": VALID_ID,
            "phone": "13800000000",
            "info_title": f"征地补偿方案 {i}",
            "provision_form": "electronic",
            "delivery_method": "download",
            "promise": "on",
            "website": "",
        }

    def run(self, i: int, prepared: tuple[Client, dict[str, str]]) -> tuple[int, str]:
        client, data = prepared
        status, location = client.post("/apply/", data)
        if status != 302:
            return status, ""
        _, page = client.get(location)
        number = re.search(r'申请编号</th><td class="mono">([^<]+)<', page)
        return status, number.group(1) if number else ""


class View:
    def __init__(self, base: str) -> None:
        self.base = base

    def prepare(self, i: int) -> Client:
        return Client(self.base)

    def run(self, i: int, client: Client) -> tuple[int, str]:
        status, _ = client.get("/apply/")
        return status, ""


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", type=int, default=200)
    parser.add_argument("--threads", type=int, default=8)
    args = parser.parse_args()

    data_dir = Path(tempfile.mkdtemp(prefix="gongkai-bench-"))
    port = free_port()
    env = {
        **os.environ,
        "GONGKAI_DATA_DIR": str(data_dir),
        "GONGKAI_PUBLIC_RATE_LIMIT": "0",
        "GONGKAI_LOG_LEVEL": "WARNING",
    }
    env.pop("GONGKAI_DATABASE_URL", None)
    env.pop("DJANGO_SETTINGS_MODULE", None)
    gongkai("migrate", "--noinput", env=env)
    setup = (
        "import os; os.environ['DJANGO_SETTINGS_MODULE']='gongkai.settings'\n"
        "import django; django.setup()\n"
        "from gongkai.units.models import Unit\n"
        "from gongkai.units.codes import make_uscc, ORGAN\n"
        "u = Unit.objects.create(code='fgw', name='北京市延庆区发展和改革委员会',"
        " short_name='区发展改革委', kind='department',"
        " uscc=make_uscc(ORGAN, '110119', 11000001))\n"
        "print(u.pk)\n"
    )
    unit_pk = subprocess.run(
        [sys.executable, "-c", setup], env=env, capture_output=True, text=True, check=True
    ).stdout.strip()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gongkai",
            "serve",
            "--port",
            str(port),
            "--threads",
            str(args.threads),
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                Client(base).get("/")
                break
            except OSError:
                time.sleep(0.1)
        view_latencies, view_results, view_wall = run_clients(args.clients, View(base))
        latencies, results, wall = run_clients(args.clients, Submit(base, unit_pk))
    finally:
        server.terminate()
        server.wait(timeout=30)

    answered = [r for r in results if isinstance(r, tuple) and r[0] == 302 and r[1]]
    numbers = [r[1] for r in answered]  # type: ignore[index]
    count = subprocess.run(
        [
            sys.executable,
            "-c",
            "import os; os.environ['DJANGO_SETTINGS_MODULE']='gongkai.settings'\n"
            "import django; django.setup()\n"
            "from gongkai.applications.models import Application as A\n"
            "import json\n"
            "print(json.dumps(sorted(A.objects.values_list('tracking_number', flat=True))))",
        ],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    stored = json.loads(count.stdout)
    shutil.rmtree(data_dir, ignore_errors=True)
    lost = args.clients - len(set(numbers) & set(stored))
    failures = [r for r in results if not (isinstance(r, tuple) and r[0] == 302)]
    figures = {
        "bench": "intake_load",
        "clients": args.clients,
        "server_threads": args.threads,
        "database": "sqlite",
        "seconds": round(wall, 3),
        "throughput_per_second": round(len(answered) / wall, 1),
        "p50_ms": round(statistics.median(latencies) * 1000, 1),
        "p99_ms": round(percentile(latencies, 0.99) * 1000, 1),
        "lost": lost,
        "failed_requests": len(failures),
        "stored": len(stored),
        "tracking_numbers_unique": len(stored) == len(set(stored)) == len(numbers),
        "baseline": "the same clients fetching the form page at once",
        "baseline_throughput_per_second": round(
            sum(1 for r in view_results if isinstance(r, tuple) and r[0] == 200) / view_wall, 1
        ),
        "baseline_p50_ms": round(statistics.median(view_latencies) * 1000, 1),
    }
    figures["ratio"] = round(
        figures["baseline_throughput_per_second"] / max(figures["throughput_per_second"], 0.1), 2
    )
    print(
        f"{figures['clients']} submissions in {figures['seconds']} s: "
        f"{figures['throughput_per_second']}/s, p50 {figures['p50_ms']} ms, "
        f"p99 {figures['p99_ms']} ms, lost {lost}"
    )
    print(f"baseline (form page): {figures['baseline_throughput_per_second']}/s")
    print(json.dumps(figures, ensure_ascii=False))


if __name__ == "__main__":
    main()
