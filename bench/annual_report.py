"""Benchmark: the consolidated annual report over 1,000,000 application records.

A province-sized year: a million applications received in the year (and some carried in from
the year before), spread over 100 units. Gongkai computes table 三 (the grouped counts of
:mod:`gongkai.reports.counting` plus the outcome → row mapping) and table 四; the floor is one
hand-written aggregate SQL query over the same table that returns the same counts. Both run on
SQLite and on PostgreSQL (a temporary server this script starts, as .ci/run does; skipped with a
note when PostgreSQL is not installed). Best of 3 runs each.

Run:  .venv/bin/python bench/annual_report.py [--rows 1000000]
The last line of output is one JSON object.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import glob
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

YEAR = 2025
FLOOR_SQL = """
SELECT applicant_type, outcome,
  SUM(CASE WHEN receipt_date >= %(start)s THEN 1 ELSE 0 END),
  SUM(CASE WHEN receipt_date < %(start)s THEN 1 ELSE 0 END),
  SUM(CASE WHEN concluded_on <= %(end)s THEN 1 ELSE 0 END),
  SUM(CASE WHEN concluded_on IS NULL OR concluded_on > %(end)s THEN 1 ELSE 0 END)
FROM applications_application
WHERE receipt_date <= %(end)s AND (concluded_on IS NULL OR concluded_on >= %(start)s)
GROUP BY applicant_type, outcome
"""


@contextlib.contextmanager
def postgres() -> Iterator[str | None]:
    """A temporary PostgreSQL server, or None when PostgreSQL is not installed."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin"))
    if not found:
        yield None
        return
    pgbin = Path(found[-1])
    root = Path(tempfile.mkdtemp(prefix="gongkai-bench-pg-"))
    as_pg: list[str] = []
    if os.geteuid() == 0:
        shutil.chown(root, "postgres", "postgres")
        as_pg = ["runuser", "-u", "postgres", "--"]
    port = str(54000 + os.getpid() % 900)

    def run(*args: str) -> None:
        subprocess.run([*as_pg, *args], check=True, capture_output=True, timeout=120)

    run(
        str(pgbin / "initdb"),
        "-D",
        str(root / "data"),
        "-U",
        "gongkai",
        "--auth=trust",
        "-E",
        "UTF8",
        "--locale=C.UTF-8",
    )
    run(
        str(pgbin / "pg_ctl"),
        "-D",
        str(root / "data"),
        "-l",
        str(root / "log"),
        "-w",
        "-o",
        f"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off "
        "-c shared_buffers=256MB -c work_mem=64MB",
        "start",
    )
    try:
        run(str(pgbin / "createdb"), "-h", "127.0.0.1", "-p", port, "-U", "gongkai", "bench")
        yield f"postgresql://gongkai@127.0.0.1:{port}/bench"
    finally:
        subprocess.run(
            [*as_pg, str(pgbin / "pg_ctl"), "-D", str(root / "data"), "-m", "fast", "stop"],
            capture_output=True,
            check=False,
        )
        shutil.rmtree(root, ignore_errors=True)


def worker(rows: int) -> dict[str, object]:
    """Run inside a process whose environment chose the database."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, transaction

    from gongkai.applications.models import Application
    from gongkai.report_format import FormatVersion
    from gongkai.reports import counting, services
    from gongkai.units.codes import ORGAN, make_uscc
    from gongkai.units.models import Unit

    call_command("migrate", verbosity=0)
    units = [
        Unit.objects.create(
            code=f"u{i}",
            name=f"单位{i}",
            short_name=f"单位{i}",
            kind="department",
            uscc=make_uscc(ORGAN, "110119", 30_000_000 + i),
        )
        for i in range(100)
    ]
    rng = random.Random(7)
    outcomes = (
        ["provided"] * 40
        + ["not_exist"] * 15
        + ["partial"] * 8
        + ["already_public"] * 8
        + ["not_responsible"] * 8
        + ["petition"] * 6
        + ["withhold_process"] * 5
        + ["no_correction"] * 4
        + ["withdrawn"] * 3
        + ["repeat"] * 3
    )
    kinds = ["natural"] * 90 + ["commercial"] * 6 + ["legal_service"] * 2 + ["research", "other"]
    fields = [f for f in Application._meta.concrete_fields if f.name != "id"]
    columns = [f.column for f in fields]
    start = dt.date(YEAR, 1, 1)
    now = dt.datetime.now(dt.UTC)

    def record(i: int) -> list[object]:
        received = start + dt.timedelta(days=rng.randrange(-60, 365))
        open_case = rng.random() < 0.08
        concluded = None if open_case else received + dt.timedelta(days=rng.randrange(3, 60))
        values = {
            "tracking_number": f"B-{i:08d}",
            "query_code_hash": "x$y",
            "submission_token": None,
            "unit_id": units[i % len(units)].pk,
            "channel": "online",
            "receipt_date": received,
            "receipt_basis": "网上申请",
            "registered_at": now,
            "applicant_type": rng.choice(kinds),
            "applicant_name": "申请人",
            "id_type": "other",
            "id_number": "X1234567",
            "legal_representative": "",
            "contact_person": "",
            "phone": "1",
            "email": "",
            "address": "",
            "postcode": "",
            "info_title": "信息",
            "info_number": "",
            "info_description": "",
            "provision_form": "electronic",
            "delivery_method": "download",
            "subject": "",
            "status": "processing" if open_case else "closed",
            "due_date": received,
            "due_provisional": False,
            "clock_state": "",
            "correction_notice_due": None,
            "outcome": "" if open_case else rng.choice(outcomes),
            "exemptions": "[]",
            "decision_details": "",
            "decided_on": None,
            "delivered_on": concluded,
            "concluded_on": concluded,
            "extension_days": 0,
            "created_by_id": None,
            "updated_at": now,
        }
        return [values[f.attname] for f in fields]

    load_start = time.perf_counter()
    batch = 20_000
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(
                f"COPY applications_application ({', '.join(columns)}) FROM STDIN"
            ) as copy:
                for i in range(rows):
                    copy.write_row(record(i))
        else:
            marks = ", ".join(["%s"] * len(columns))
            sql = f"INSERT INTO applications_application ({', '.join(columns)}) VALUES ({marks})"
            for first in range(0, rows, batch):
                cursor.executemany(sql, [record(i) for i in range(first, min(rows, first + batch))])
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    load_seconds = time.perf_counter() - load_start

    scope = counting.Scope(YEAR, None)
    mapping = services.DEFAULT_MAPPING

    def gongkai_report() -> object:
        return (counting.table3(scope, FormatVersion.V2021, mapping), counting.table4(scope))

    def floor() -> object:
        with connection.cursor() as cursor:
            cursor.execute(FLOOR_SQL, {"start": scope.start, "end": scope.end})
            return cursor.fetchall()

    def best(fn: object) -> float:
        times = []
        for _ in range(3):
            t0 = time.perf_counter()
            fn()  # type: ignore[operator]
            times.append(time.perf_counter() - t0)
        return min(times)

    table, _ = gongkai_report()  # type: ignore[misc]
    groups = floor()
    new_total = sum(row[2] for row in groups)  # type: ignore[attr-defined]
    if table["一、本年新收政府信息公开申请数量"]["总计"] != new_total:
        raise SystemExit("the report and the floor query disagree: benchmark void")
    seconds, floor_seconds = best(gongkai_report), best(floor)
    return {
        "database": connection.vendor,
        "rows": rows,
        "load_seconds": round(load_seconds, 1),
        "seconds": round(seconds, 3),
        "floor_seconds": round(floor_seconds, 3),
        "ratio": round(seconds / floor_seconds, 2),
        "new_in_year": new_total,
    }


def run_worker(rows: int, database_url: str | None) -> dict[str, object]:
    data_dir = tempfile.mkdtemp(prefix="gongkai-bench-")
    env = {**os.environ, "GONGKAI_DATA_DIR": data_dir, "GONGKAI_LOG_LEVEL": "WARNING"}
    env.pop("GONGKAI_DATABASE_URL", None)
    if database_url:
        env["GONGKAI_DATABASE_URL"] = database_url
    try:
        result = subprocess.run(
            [sys.executable, __file__, "--rows", str(rows), "--worker"],
            env=env,
            capture_output=True,
            text=True,
            timeout=3600,
            check=True,
        )
    finally:
        shutil.rmtree(data_dir, ignore_errors=True)
    return json.loads(result.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--worker", action="store_true")
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(worker(args.rows)))
        return
    results = {"sqlite": run_worker(args.rows, None)}
    with postgres() as url:
        results["postgresql"] = run_worker(args.rows, url) if url else {"skipped": "not installed"}
    for name, figures in results.items():
        print(f"{name}: {figures}")
    print(
        json.dumps(
            {
                "bench": "annual_report",
                "rows": args.rows,
                "year": YEAR,
                "baseline": "one hand-written aggregate SQL query over the same table (the floor)",
                "sqlite_seconds": results["sqlite"]["seconds"],
                "sqlite_floor_seconds": results["sqlite"]["floor_seconds"],
                "sqlite_ratio": results["sqlite"]["ratio"],
                "postgresql_seconds": results["postgresql"].get("seconds"),
                "postgresql_floor_seconds": results["postgresql"].get("floor_seconds"),
                "postgresql_ratio": results["postgresql"].get("ratio"),
                "ratio": max(results["sqlite"]["ratio"], results["postgresql"].get("ratio") or 0),
            },
            ensure_ascii=False,
        )
    )


if __name__ == "__main__":
    main()
