"""Benchmark: the open API's bulk download of a year of items, against a plain query
serialisation of the same rows, in the same run.

Builds the demo district (62 units, 11,006 items published in 2019) in a fresh data folder on
SQLite, then, in-process through Django's WSGI handler (no server, no network):

- ``download_csv`` / ``download_json``: ``GET /api/items/2019.csv`` and ``.json``, the streamed
  response read to its end (what a harvester receives, every row built, cells neutralised);
- ``baseline_json`` / ``baseline_csv``: the plain way — one query of the same public items of
  2019 with ``.values()`` into a list, then ``json.dumps`` of the whole list, or
  ``csv.writer`` over it into one string: the floor any serialisation of those rows pays;
- ``revalidate``: the same download asked again with its ETag in If-None-Match (the 304 a
  harvester gets for an unchanged year: a few aggregate queries);
- the peak memory that Python allocated during one download and during the baseline
  (tracemalloc), which shows the download does not hold the year.

Each is run ``--runs`` times after a warm-up; the median is reported.

Run:  .venv/bin/python bench/opendata.py [--runs 5] [--keep DIR]
``--keep DIR`` builds in DIR and keeps it (a later run with the same DIR reuses the build).
The last line of output is one JSON object.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / ".venv" / "bin"
YEAR = 2019


def build(folder: Path) -> float:
    env = {
        **os.environ,
        "GONGKAI_DATA_DIR": str(folder / "data"),
        "GONGKAI_SECRET_KEY": "bench-" + "x" * 40,
        "GONGKAI_LOG_LEVEL": "WARNING",
    }
    env.pop("GONGKAI_DATABASE_URL", None)
    started = time.monotonic()
    for args in (["migrate", "--noinput"], ["demo", "--quiet"]):
        subprocess.run([str(BIN / "gongkai"), *args], env=env, check=True, cwd=ROOT,
                       stdout=subprocess.DEVNULL)  # fmt: skip
    return time.monotonic() - started


def median_seconds(work: Callable[[], object], runs: int) -> tuple[float, object]:
    result = work()  # warm-up
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        result = work()
        times.append(time.perf_counter() - started)
    return statistics.median(times), result


def peak_mib(work: Callable[[], object]) -> float:
    tracemalloc.start()
    work()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / 2**20


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--keep", help="build in this folder and keep it (reused if built)")
    args = parser.parse_args()

    folder = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="gongkai-opendata-"))
    folder.mkdir(parents=True, exist_ok=True)
    built = (folder / "data" / "gongkai.sqlite3").exists()
    setup_seconds = 0.0 if built else build(folder)
    print(
        f"demo district {'reused' if built else f'built in {setup_seconds:.0f} s'}", file=sys.stderr
    )

    os.environ["GONGKAI_DATA_DIR"] = str(folder / "data")
    os.environ.setdefault("GONGKAI_SECRET_KEY", "bench-" + "x" * 40)
    os.environ["GONGKAI_LOG_LEVEL"] = "WARNING"
    os.environ.pop("GONGKAI_DATABASE_URL", None)
    os.environ["DJANGO_SETTINGS_MODULE"] = "gongkai.settings"
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()
    from django.test import Client

    from gongkai.catalog.models import Item
    from gongkai.opendata.selectors import ITEM_FIELDS

    client = Client(HTTP_HOST="localhost")
    count = Item.objects.public().filter(published_on__year=YEAR).count()
    print(f"{count} public items published in {YEAR}", file=sys.stderr)

    def download(ext: str) -> Callable[[], int]:
        def go() -> int:
            response = client.get(f"/api/items/{YEAR}.{ext}")
            assert response.status_code == 200, response.status_code
            return sum(len(chunk) for chunk in response.streaming_content)

        return go

    def rows() -> list[dict[str, object]]:
        return list(
            Item.objects.public()
            .filter(published_on__year=YEAR)
            .order_by("published_on", "id")
            .values(*ITEM_FIELDS)
        )

    def baseline_json() -> int:
        return len(json.dumps(rows(), ensure_ascii=False, default=str).encode("utf-8"))

    def baseline_csv() -> int:
        found = rows()
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(ITEM_FIELDS)
        writer.writerows([row[f] for f in ITEM_FIELDS] for row in found)
        return len(out.getvalue().encode("utf-8"))

    etag = client.get(f"/api/items/{YEAR}.csv")["ETag"]

    def revalidate() -> int:
        response = client.get(f"/api/items/{YEAR}.csv", HTTP_IF_NONE_MATCH=etag)
        assert response.status_code == 304, response.status_code
        return 0

    figures: dict[str, object] = {"benchmark": "opendata", "items": count, "year": YEAR}
    for name, work in (
        ("download_csv", download("csv")),
        ("download_json", download("json")),
        ("baseline_csv", baseline_csv),
        ("baseline_json", baseline_json),
        ("revalidate", revalidate),
    ):
        seconds, size = median_seconds(work, args.runs)
        figures[f"{name}_ms"] = round(seconds * 1000, 1)
        if size:
            figures[f"{name}_bytes"] = size
        print(f"{name:>14}: {seconds * 1000:8.1f} ms  {size or '':>10} bytes", file=sys.stderr)
    figures["download_csv_peak_mib"] = round(peak_mib(download("csv")), 1)
    figures["download_json_peak_mib"] = round(peak_mib(download("json")), 1)
    figures["baseline_json_peak_mib"] = round(peak_mib(baseline_json), 1)
    figures["csv_vs_baseline"] = round(
        float(figures["download_csv_ms"]) / float(figures["baseline_csv_ms"]),
        2,  # type: ignore[arg-type]
    )
    figures["json_vs_baseline"] = round(
        float(figures["download_json_ms"]) / float(figures["baseline_json_ms"]),
        2,  # type: ignore[arg-type]
    )
    figures["setup_seconds"] = round(setup_seconds)
    if not args.keep:
        shutil.rmtree(folder, ignore_errors=True)
    print(json.dumps(figures, ensure_ascii=False))


if __name__ == "__main__":
    main()
