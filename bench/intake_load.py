"""Benchmark: 200 applicants submitting the online form at the same moment, several times.

Starts Gongkai (``gongkai serve``, waitress, SQLite in a fresh data folder, rate limits off) on
loopback, then 200 client threads each open the form and submit it with an ID copy (a small
PDF), all released together; this is repeated ``--rounds`` times against the same server and
database. After each round it checks the database: every submission must be stored exactly once
under the number its receipt page showed ("lost": neither stored nor refused with the 503 that
says so — a 500, no answer, or an answer whose case is missing), every tracking number unique,
and every case's folder must hold exactly its own files. As a baseline in the same run, the
same clients fetch the form page at once (a read that renders a page and writes nothing).

Run:  .venv/bin/python bench/intake_load.py [--clients 200] [--threads 8] [--rounds 3]
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
import uuid
from pathlib import Path

VALID_ID = "11010519491231002X"
ID_COPY = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n" + b"0" * 20_000


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

    def post(
        self, path: str, data: dict[str, str], files: dict[str, tuple[str, bytes]]
    ) -> tuple[int, str]:
        boundary = uuid.uuid4().hex
        parts = [
            f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode()
            for k, v in data.items()
        ]
        for field, (name, content) in files.items():
            parts.append(
                f"--{boundary}\r\nContent-Disposition: form-data; "
                f'name="{field}"; filename="{name}"\r\n'
                "Content-Type: application/pdf\r\n\r\n".encode()
                + content
                + b"\r\n"
            )
        body = b"".join(parts) + f"--{boundary}--\r\n".encode()
        request = urllib.request.Request(self.base + path, data=body, method="POST")
        request.add_header("Content-Type", f"multipart/form-data; boundary={boundary}")
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
        status, location = client.post("/apply/", data, {"attachments": ("身份证.pdf", ID_COPY)})
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


STORED = (
    "import os; os.environ['DJANGO_SETTINGS_MODULE']='gongkai.settings'\n"
    "import django; django.setup()\n"
    "from gongkai.applications.models import Application as A, Document as D\n"
    "import json\n"
    "folders = {}\n"
    "for number, name in D.objects.values_list('application__tracking_number', 'file'):\n"
    "    folders.setdefault(number, set()).add(name.rsplit('/', 1)[-1])\n"
    "root = os.path.join(os.environ['GONGKAI_DATA_DIR'], 'media', 'applications')\n"
    "on_disk = {n: set(os.listdir(os.path.join(root, n))) for n in os.listdir(root)}\n"
    "print(json.dumps({'numbers': sorted(A.objects.values_list('tracking_number', flat=True)),"
    " 'folders_match': {n: sorted(f) for n, f in folders.items()} =="
    " {n: sorted(f) for n, f in on_disk.items() if f}}))"
)


def stored(env: dict[str, str]) -> dict[str, object]:
    out = subprocess.run(
        [sys.executable, "-c", STORED], env=env, capture_output=True, text=True, check=True
    )
    return dict(json.loads(out.stdout))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", type=int, default=200)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()

    data_dir = Path(tempfile.mkdtemp(prefix="gongkai-bench-"))
    port = free_port()
    env = {
        **os.environ,
        "GONGKAI_DATA_DIR": str(data_dir),
        "GONGKAI_PUBLIC_RATE_LIMIT": "0",
        "GONGKAI_PUBLIC_ATTEMPT_LIMIT": "0",
        "GONGKAI_LOG_LEVEL": "WARNING",
    }
    env.pop("GONGKAI_DATABASE_URL", None)
    env.pop("GONGKAI_CACHE_URL", None)  # the database cache: more writers on the same file
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
    # The server's log goes to a file: a pipe nobody reads fills up and stalls the server.
    log_path = data_dir / "server.log"
    log = log_path.open("wb")
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
        stderr=log,
    )
    base = f"http://127.0.0.1:{port}"
    rounds: list[dict[str, object]] = []
    all_latencies: list[float] = []
    seen: set[str] = set()
    try:
        for _ in range(100):
            try:
                Client(base).get("/")
                break
            except OSError:
                time.sleep(0.1)
        view_latencies, view_results, view_wall = run_clients(args.clients, View(base))
        for number in range(1, args.rounds + 1):
            latencies, results, wall = run_clients(args.clients, Submit(base, unit_pk))
            all_latencies += latencies
            time.sleep(0.5)  # let the last responses' sessions be written
            state = stored(env)
            now_stored = set(state["numbers"])  # type: ignore[arg-type]
            new = now_stored - seen
            seen |= now_stored
            answered = [r[1] for r in results if isinstance(r, tuple) and r[0] == 302 and r[1]]
            busy = sum(1 for r in results if isinstance(r, tuple) and r[0] == 503)
            statuses: dict[str, int] = {}
            for r in results:
                key = str(r[0]) if isinstance(r, tuple) else type(r).__name__
                statuses[key] = statuses.get(key, 0) + 1
            # Lost: no case stored for it although no 503 said so.
            lost = args.clients - len(set(answered) & new) - busy
            figures = {
                "round": number,
                "seconds": round(wall, 3),
                "throughput_per_second": round(len(answered) / wall, 1),
                "p50_ms": round(statistics.median(latencies) * 1000, 1),
                "p99_ms": round(percentile(latencies, 0.99) * 1000, 1),
                "stored": len(new),
                "lost": lost,
                "refused_busy_503": busy,
                "statuses": statuses,
                "stored_without_answer": len(new - set(answered)),
                "tracking_numbers_unique": len(answered) == len(set(answered)),
                "folders_hold_their_own_files": state["folders_match"],
            }
            rounds.append(figures)
            print(
                f"round {number}: {args.clients} submissions in {figures['seconds']} s: "
                f"{figures['throughput_per_second']}/s, p50 {figures['p50_ms']} ms, "
                f"p99 {figures['p99_ms']} ms, stored {len(new)}, lost {lost}, 503 {busy}"
            )
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()
    server_log = log_path.read_text(encoding="utf-8", errors="replace")
    shutil.rmtree(data_dir, ignore_errors=True)
    total_wall = sum(float(r["seconds"]) for r in rounds)  # type: ignore[arg-type]
    answered_total = sum(int(r["stored"]) for r in rounds)  # type: ignore[call-overload]
    figures = {
        "bench": "intake_load",
        "clients": args.clients,
        "rounds": args.rounds,
        "server_threads": args.threads,
        "database": "sqlite",
        "lost_per_round": [r["lost"] for r in rounds],
        "lost": sum(int(r["lost"]) for r in rounds),  # type: ignore[call-overload]
        "refused_busy_503": sum(int(r["refused_busy_503"]) for r in rounds),  # type: ignore[call-overload]
        "database_locked_in_log": server_log.count("database is locked"),
        "server_errors_in_log": server_log.count("Traceback"),
        "throughput_per_second": round(answered_total / max(total_wall, 0.001), 1),
        "p50_ms": round(statistics.median(all_latencies) * 1000, 1),
        "p99_ms": round(percentile(all_latencies, 0.99) * 1000, 1),
        "per_round": rounds,
        "baseline": "the same clients fetching the form page at once",
        "baseline_throughput_per_second": round(
            sum(1 for r in view_results if isinstance(r, tuple) and r[0] == 200) / view_wall, 1
        ),
        "baseline_p50_ms": round(statistics.median(view_latencies) * 1000, 1),
    }
    figures["ratio"] = round(
        figures["baseline_throughput_per_second"] / max(figures["throughput_per_second"], 0.1), 2
    )
    print(f"baseline (form page): {figures['baseline_throughput_per_second']}/s")
    print(json.dumps(figures, ensure_ascii=False))


if __name__ == "__main__":
    main()
