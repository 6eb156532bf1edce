"""Benchmark: the portal's pages under a production server, 64 concurrent clients on loopback.

Builds the demo district (62 units, 11,006 items of 2019 and this year's) in a fresh data
folder on SQLite, starts Gongkai under gunicorn (``gongkai serve --workers N``, gthread workers),
and drives it with wrk (64 connections, keep-alive) for each kind of page:

- ``home``: the home page (latest items, key areas, interpretations, units);
- ``column``: a department's 工作动态 column, on pages spread over its length;
- ``item``: item pages, a different published item on every request (thousands of them);
- ``search``: the search page with a common two-character word;
- ``static``: the baseline, the stylesheet served by the same server (WhiteNoise).

wrk runs on the same 2 cores as the server, as a client on loopback does. Target: ≥ 300
requests/s for item pages.

Run:  .venv/bin/python bench/portal.py [--seconds 20] [--workers 2] [--threads 4]
Needs wrk (Debian package ``wrk``). The last line of output is one JSON object.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / ".venv" / "bin"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def run(args: list[str], env: dict[str, str]) -> None:
    subprocess.run(args, env=env, check=True, cwd=ROOT, stdout=subprocess.DEVNULL)


def wait_until_up(url: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"server did not start: {url}")


def settle(url: str) -> None:
    """Wait until the server has worked off what the previous page's run left queued (requests
    still waiting when wrk stopped), so that one page's figures do not pay for another's."""
    time.sleep(2)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        start = time.monotonic()
        urllib.request.urlopen(url, timeout=30).read()
        if time.monotonic() - start < 0.02:
            return
        time.sleep(0.5)


LUA = """
paths = {}
for line in io.lines("%s") do paths[#paths + 1] = line end
counter = 0
request = function()
  counter = counter + 1
  return wrk.format("GET", paths[(counter %% #paths) + 1])
end
"""


def wrk(base: str, paths: list[str], seconds: int, folder: Path, name: str) -> dict[str, float]:
    """Requests per second and latency percentiles (ms) for the paths, taken in turn."""
    listing = folder / f"{name}.txt"
    listing.write_text("\n".join(paths) + "\n", encoding="utf-8")
    script = folder / f"{name}.lua"
    script.write_text(LUA % listing, encoding="utf-8")
    out = subprocess.run(
        ["wrk", "-t2", "-c64", f"-d{seconds}s", "--latency", "-s", str(script), base],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]

    def percentile(label: str) -> float:
        found = re.search(rf"^\s+{label}%\s+([\d.]+)(us|ms|s)\s*$", out, re.MULTILINE)
        assert found, out
        value, unit = float(found.group(1)), found.group(2)
        return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value

    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    timeouts = re.search(r"Socket errors:.*timeout (\d+)", out)
    return {
        "rps": round(rps, 1),
        "p50_ms": round(percentile("50"), 1),
        "p99_ms": round(percentile("99"), 1),
        "non_2xx": int(errors.group(1)) if errors else 0,
        "timeouts": int(timeouts.group(1)) if timeouts else 0,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=int, default=20)
    parser.add_argument("--workers", type=int, default=2)  # best of 2-4 x 1-4 on 2 cores
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--keep", help="keep the data folder here (and reuse it if it exists)")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is needed: apt-get install wrk")

    folder = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="gongkai-portal-"))
    folder.mkdir(parents=True, exist_ok=True)
    env = {
        **os.environ,
        "GONGKAI_DATA_DIR": str(folder / "data"),
        "GONGKAI_SECRET_KEY": "bench-" + "x" * 40,
        "GONGKAI_LOG_LEVEL": "WARNING",
    }
    env.pop("GONGKAI_DATABASE_URL", None)
    started = time.monotonic()
    run([str(BIN / "gongkai"), "migrate", "--noinput"], env)
    run([str(BIN / "gongkai"), "demo"], env)
    setup_seconds = time.monotonic() - started
    print(f"demo district built in {setup_seconds:.0f} s", file=sys.stderr)

    db = sqlite3.connect(folder / "data" / "gongkai.sqlite3")
    items = [row[0] for row in db.execute(
        "SELECT id FROM catalog_item WHERE status = 'published' ORDER BY id"
    )]  # fmt: skip
    column, count = db.execute(
        "SELECT column_id, COUNT(*) FROM catalog_item i JOIN catalog_column c ON c.id = i.column_id"
        " WHERE i.status = 'published' AND c.code = 'news' AND c.unit_id != "
        "(SELECT id FROM units_unit WHERE kind = 'district') GROUP BY column_id ORDER BY 2 DESC"
    ).fetchone()
    db.close()
    pages = max(1, count // 20)
    paths = {
        "home": ["/"],
        "column": [f"/columns/{column}/?page={1 + (i * 7) % pages}" for i in range(50)],
        "item": [f"/items/{i}/" for i in items],
        "search": ["/search/?q=%E5%85%AC%E7%A4%BA"],  # 公示
        "static": ["/static/gongkai/site.css"],
    }

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [
            str(BIN / "gongkai"),
            "serve",
            "--port",
            str(port),
            "--workers",
            str(args.workers),
            "--threads",
            str(args.threads),
        ],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
    )
    try:
        wait_until_up(base + "/")
        for path in ("/", paths["item"][0], paths["column"][0]):  # warm every worker a little
            for _ in range(args.workers * 4):
                urllib.request.urlopen(base + path, timeout=10).read()
        results = {}
        for name, urls in paths.items():
            settle(base + paths["static"][0])
            results[name] = wrk(base, urls, args.seconds, folder, name)
            print(f"{name:8s} {results[name]}", file=sys.stderr)
    finally:
        server.terminate()
        server.wait(timeout=30)
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)

    figures = {
        "server": f"gunicorn gthread, {args.workers} workers x {args.threads} threads",
        "clients": 64,
        "seconds_per_page": args.seconds,
        "items_published": len(items),
        "pages": results,
        "item_over_static_rps": round(results["item"]["rps"] / results["static"]["rps"], 3),
        "target_item_rps_ge_300": results["item"]["rps"] >= 300,
    }
    print(json.dumps(figures, ensure_ascii=False))


if __name__ == "__main__":
    main()
