"""Benchmark: a province on one deployment (issue 18, "Figures").

Generates a province — by default 100 districts × 60 units under one province (6,101 units),
10,000,000 published items and 500,000 applications in the year — into PostgreSQL (a temporary
server this script starts, as .ci/run and bench/annual_report.py do), with COPY, seeded so every
run is the same (the items are bench/search.py's corpus of Chinese government text, its 60 units
being each district's 60). Then, each timed beside its baseline in the same run:

* **index build per host**: host A rebuilds its index folder from the database
  (``search.sync.rebuild``); host B, with a folder of its own, gets its index as ``--host-b``
  says — ``empty`` (the default): it starts empty and follows the change log after host A's
  build (``search.sync.follow``: it rebuilds, then applies the log); ``together``: the same, at
  the same time as host A builds (each slower than alone on a shared machine); ``copy``: a copy
  of host A's index folder, then it follows the log from the copy's position (a host added at
  scale from another's snapshot). Baseline: reading the same published rows from the database
  alone (what any index build must at least do). Then 1,000 changes written to the log are
  applied by each host (``follow``).
* **search p95** at that size on host A: 1- and 2-character words and phrases, each without a
  filter and with a unit-subtree filter (one district's 61 units, as a district's portal
  searches), ``--queries`` timed runs each after warm-up.
* **the consolidated province report**: tables 三 and 四 as the annual-report service computes
  them (``reports.services.scope_of`` + ``tables``) for the province's subtree, and for the
  deployment's top (``unit = None``) report, against the floor of ONE hand-written aggregate SQL
  query (a recursive walk of the unit tree joined to the applications) returning the same counts
  per applicant column; the script stops if they disagree. Best of 3.
* **portal throughput**: the same request mix (item pages, searches with and without a unit,
  the home page, a column page) from wrk, 2 × 32 connections, against 2 application processes
  on one host sharing one index folder (``gongkai serve --workers 2``) and against 2 "hosts"
  (two ``gongkai serve --workers 1`` on separate index folders, each following the log);
  requests/s and the ratio.

Run:  .venv/bin/python bench/scale.py [--districts 100] [--units 60] [--items 10000000]
      [--applications 500000] [--queries 30] [--seconds 20] [--keep DIR]
      [--host-b empty|together|copy]
``--keep DIR`` keeps the PostgreSQL data folder and both index folders in DIR, and each stage's
figures as it ends (``generated.json``, ``read.json``, ``built.json``); a later run with the same
DIR and sizes reuses them (their figures then come from the run that made them), so a run stopped
during the index build starts again there. Needs
PostgreSQL (Debian ``postgresql``) and wrk (``wrk``). The last line of output is one JSON object.

Memory: items are streamed from the generator into COPY and from the database into the index
(server-side cursors), never held in Python; the full size needs time, not memory. Disk: roughly
1.5 KB per item in PostgreSQL and about as much per host index.

Measured (2 cores, 23 GB RAM, a shared machine) at 200,000 items / 50,000 applications and at
1,000,000 items / 500,000 applications, the other sizes the defaults: the figures are in
docs/deployment.md, "Figures", with the run at the full 10,000,000 items (``--host-b copy``).
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import glob
import json
import math
import os
import random
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / ".venv" / "bin"
SEED = 20_190_312
YEAR = 2025
HOST_A, HOST_B = "host_a", "host_b"

# --------------------------------------------------------------------------------------------
# PostgreSQL: a server of our own (as .ci/run starts one), its data folder kept with --keep.


@contextlib.contextmanager
def postgres(root: Path) -> Iterator[str]:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin"))
    if not found:
        raise SystemExit("PostgreSQL is needed: apt-get install postgresql")
    pgbin = Path(found[-1])
    root.mkdir(parents=True, exist_ok=True)
    as_pg: list[str] = []
    if os.geteuid() == 0:
        shutil.chown(root, "postgres", "postgres")
        as_pg = ["runuser", "-u", "postgres", "--"]
    port = str(free_port())
    data = root / "data"

    def run(*args: str) -> None:
        subprocess.run([*as_pg, *args], check=True, capture_output=True, timeout=600)

    fresh = not data.exists()
    if fresh:
        run(str(pgbin / "initdb"), "-D", str(data), "-U", "gongkai", "--auth=trust", "-E",
            "UTF8", "--locale=C.UTF-8")  # fmt: skip
    run(
        str(pgbin / "pg_ctl"), "-D", str(data), "-l", str(root / "log"), "-w", "-t", "600", "-o",
        f"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off "
        "-c synchronous_commit=off -c shared_buffers=1GB -c work_mem=64MB "
        "-c maintenance_work_mem=512MB -c max_wal_size=8GB -c max_connections=100",
        "start",
    )  # fmt: skip
    try:
        if fresh:
            run(str(pgbin / "createdb"), "-h", "127.0.0.1", "-p", port, "-U", "gongkai", "bench")
        yield f"postgresql://gongkai@127.0.0.1:{port}/bench"
    finally:
        subprocess.run(
            [*as_pg, str(pgbin / "pg_ctl"), "-D", str(data), "-m", "fast", "stop"],
            capture_output=True,
            check=False,
        )


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# --------------------------------------------------------------------------------------------
# Steps, each run in a process of its own whose environment chose the database and the host's
# index folder (``step`` below), so every host starts as a fresh process would.


def setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")
    import django

    django.setup()


def _row(fields: list[Any], values: dict[str, Any], now: dt.datetime) -> list[Any]:
    """A row for COPY in the model's column order: the given values, else each field's default
    (or an empty value of its type)."""
    from django.db import models

    out = []
    for f in fields:
        if f.attname in values:
            out.append(values[f.attname])
        elif f.has_default():
            default = f.get_default()
            out.append(json.dumps(default) if isinstance(default, dict | list) else default)
        elif f.null:
            out.append(None)
        elif isinstance(f, models.DateTimeField):
            out.append(now)
        elif isinstance(f, models.DateField):
            out.append(now.date())
        elif isinstance(f, models.BooleanField):
            out.append(False)
        elif isinstance(f, models.IntegerField | models.FloatField | models.DecimalField):
            out.append(0)
        else:
            out.append("")
    return out


@contextlib.contextmanager
def copy_into(model: Any, cursor: Any) -> Iterator[Any]:
    """COPY into the model's table, every concrete column (the id included)."""
    fields = list(model._meta.concrete_fields)
    columns = ", ".join(f.column for f in fields)
    now = dt.datetime.now(dt.UTC)
    with cursor.cursor.copy(f"COPY {model._meta.db_table} ({columns}) FROM STDIN") as copy:
        yield lambda values: copy.write_row(_row(fields, values, now))


def step_generate(args: argparse.Namespace) -> dict[str, Any]:
    """Migrate, then the province, its districts, units, columns, items and applications."""
    setup_django()
    from django.core.management import call_command
    from django.db import connection, transaction

    from gongkai.applications.models import Application
    from gongkai.catalog.models import Column, Item
    from gongkai.units.codes import ORGAN, make_uscc
    from gongkai.units.models import Unit
    from search import COLUMNS, UNITS, Generator

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    per = args.units
    if per > len(UNITS):
        raise SystemExit(f"--units is at most {len(UNITS)} (the corpus's units)")
    serial = iter(range(40_000_000, 50_000_000))

    def unit(pk: int, code: str, name: str, kind: str, parent: int | None, host: str = "") -> dict:
        return {
            "id": pk, "code": code, "name": name, "short_name": name[:30], "kind": kind,
            "parent_id": parent, "uscc": make_uscc(ORGAN, "110000", next(serial)),
            "portal_host": host, "sort_order": pk, "is_active": True,
        }  # fmt: skip

    def district_unit(d: int, u: int) -> int:
        return 2 + args.districts + d * per + u

    def column_id(unit_id: int, c: int) -> int:
        return unit_id * len(COLUMNS) + c

    with transaction.atomic(), connection.cursor() as cursor:
        with copy_into(Unit, cursor) as write:
            write(unit(1, "province", "示范省人民政府", "province", None, "www.sheng.bench.gov.cn"))
            for d in range(args.districts):
                name = f"示范省第{d + 1}区人民政府"
                write(unit(2 + d, f"d{d + 1}", name, "district", 1, f"d{d + 1}.bench.gov.cn"))
                for u in range(per):
                    own = UNITS[u][0].replace("延庆区", f"第{d + 1}区")
                    if own == UNITS[u][0]:
                        own = f"第{d + 1}区{own}"
                    write(unit(district_unit(d, u), f"d{d + 1}-u{u + 1}", own,
                               "township" if u >= 42 else "department", 2 + d))  # fmt: skip
        units_total = 1 + args.districts * (1 + per)
        with copy_into(Column, cursor) as write:
            for d in range(args.districts):
                for u in range(per):
                    owner = district_unit(d, u)
                    for c, (name, _) in enumerate(COLUMNS):
                        write({"id": column_id(owner, c), "unit_id": owner, "parent_id": None,
                               "code": f"c{c}", "name": name, "kind": "general",
                               "sort_order": c, "is_active": True})  # fmt: skip
        log(f"  {units_total:,} units, {units_total * len(COLUMNS):,} columns")
        generator = Generator(SEED)
        rng = random.Random(SEED + 2)
        with copy_into(Item, cursor) as write:
            for i, row in enumerate(generator.items(args.items)):
                d = rng.randrange(args.districts)
                owner = district_unit(d, (row.unit - 1) % per)
                published = dt.date.fromisoformat(row.published)
                write({
                    "id": row.id, "index_number": f"B{row.id:09d}", "unit_id": owner,
                    "column_id": column_id(owner, row.column - 1), "title": row.title,
                    "doc_number": row.doc_number, "publisher": "", "formed_on": published,
                    "published_on": published, "validity": row.validity,
                    "validity_changed_on": None if row.validity == "valid" else published,
                    "body": row.body, "status": "published",
                })  # fmt: skip
                if (i + 1) % 100_000 == 0:
                    log(f"  items: {i + 1:,}")
        items_seconds = time.perf_counter() - started
        with copy_into(Application, cursor) as write:
            for i in range(args.applications):
                write(application(rng, i, district_unit(rng.randrange(args.districts),
                                                        rng.randrange(per))))  # fmt: skip
        for model in (Unit, Column, Item, Application):
            table = model._meta.db_table
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                f"(SELECT MAX(id) FROM {table}))"
            )
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
        cursor.execute("SELECT pg_database_size(current_database())")
        size = cursor.fetchone()[0]
    return {
        "units": units_total,
        "generate_seconds": round(time.perf_counter() - started, 1),
        "generate_items_seconds": round(items_seconds, 1),
        "database_gb": round(size / 1e9, 2),
    }


OUTCOMES = (
    ["provided"] * 40 + ["not_exist"] * 15 + ["partial"] * 8 + ["already_public"] * 8
    + ["not_responsible"] * 8 + ["petition"] * 6 + ["withhold_process"] * 5
    + ["no_correction"] * 4 + ["withdrawn"] * 3 + ["repeat"] * 3
)  # fmt: skip
KINDS = ["natural"] * 90 + ["commercial"] * 6 + ["legal_service"] * 2 + ["research", "other"]


def application(rng: random.Random, i: int, unit_id: int) -> dict[str, Any]:
    """An application of the year (some carried in from the one before), as
    bench/annual_report.py generates them."""
    received = dt.date(YEAR, 1, 1) + dt.timedelta(days=rng.randrange(-60, 365))
    open_case = rng.random() < 0.08
    concluded = None if open_case else received + dt.timedelta(days=rng.randrange(3, 60))
    return {
        "id": i + 1, "tracking_number": f"B-{i:09d}", "query_code_hash": "x$y",
        "submission_token": None, "unit_id": unit_id, "channel": "online",
        "receipt_date": received, "receipt_basis": "网上申请", "applicant_type": rng.choice(KINDS),
        "applicant_name": "申请人", "id_type": "other", "id_number": "X1234567", "phone": "1",
        "info_title": "信息", "provision_form": "electronic", "delivery_method": "download",
        "status": "processing" if open_case else "closed", "due_date": received,
        "due_provisional": False, "correction_notice_due": None,
        "outcome": "" if open_case else rng.choice(OUTCOMES), "exemptions": json.dumps([]),
        "decided_on": None, "delivered_on": concluded, "concluded_on": concluded,
        "extension_days": 0, "created_by_id": None,
    }  # fmt: skip


def step_read(args: argparse.Namespace) -> dict[str, Any]:
    """The baseline of an index build: stream the published rows the index is built from."""
    setup_django()
    from gongkai.catalog.models import Item
    from gongkai.search import engine, sync

    start = time.perf_counter()
    count = 0
    items = Item.objects.public().only(*engine.SOURCE_FIELDS).order_by("pk")
    for _document in sync.documents(items.iterator(chunk_size=2000)):
        count += 1
    return {"read_seconds": round(time.perf_counter() - start, 1), "read_items": count}


def step_rebuild(args: argparse.Namespace) -> dict[str, Any]:
    """Host A: Gongkai's rebuild of this host's index folder from the database."""
    setup_django()
    from gongkai.search import engine, sync

    start = time.perf_counter()
    count = sync.rebuild(progress=_progress)
    return {
        "seconds": round(time.perf_counter() - start, 1),
        "documents": count,
        "index_gb": round(engine.size_on_disk() / 1e9, 2),
        "position": engine.applied_position(),
    }


def _progress(n: int) -> None:
    if n % 500_000 == 0:
        log(f"  indexed: {n:,} at {time.strftime('%H:%M:%S')}")


def step_follow(args: argparse.Namespace) -> dict[str, Any]:
    """Host B: an empty folder follows the log — it rebuilds first, then applies the log."""
    setup_django()
    from gongkai.search import engine, sync

    start = time.perf_counter()
    followed = sync.follow()
    return {
        "seconds": round(time.perf_counter() - start, 1),
        "rebuilt": followed.rebuilt,
        "applied": followed.applied,
        "documents": engine.document_count(),
        "position": followed.position,
    }


def step_changes(args: argparse.Namespace) -> dict[str, Any]:
    """1,000 items republished: a row each in the change log, as the catalog writes them."""
    setup_django()
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO search_indexchange (item_id, op, at) SELECT id, 'upsert', now() "
            "FROM catalog_item WHERE id %% %s = 0 ORDER BY id LIMIT 1000",
            [max(1, args.items // 1000)],
        )
        return {"written": cursor.rowcount}


SEARCH_QUERIES = {
    "1char": ["区", "镇", "蜂"],
    "2char": ["公示", "工作", "补偿", "冬奥"],
    "phrase": ["垃圾分类", "政府信息公开", "农村人居环境整治"],
}


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]


def step_search(args: argparse.Namespace) -> dict[str, Any]:
    """Search p95 on host A's index: each query without a filter and within one district."""
    setup_django()
    from gongkai.search import engine
    from gongkai.units import tree
    from gongkai.units.models import Unit

    district = Unit.objects.get(code=f"d{(args.districts + 1) // 2}")
    subtree = tuple(sorted(tree.subtree_ids(district)))
    variants = {"none": engine.Filters(), "subtree": engine.Filters(units=subtree)}
    out: dict[str, Any] = {"subtree_units": len(subtree), "runs": args.queries}
    every: list[float] = []
    for kind, queries in SEARCH_QUERIES.items():
        for variant, filters in variants.items():
            times: list[float] = []
            totals = {}
            for query in queries:
                for _ in range(3):
                    engine.search(query, filters, limit=20)
                for _ in range(args.queries):
                    start = time.perf_counter_ns()
                    found = engine.search(query, filters, limit=20)
                    times.append((time.perf_counter_ns() - start) / 1e6)
                totals[query] = found.total
            every.extend(times)
            out[f"{kind}_{variant}"] = {
                "p50_ms": round(percentile(times, 50), 2),
                "p95_ms": round(percentile(times, 95), 2),
                "totals": totals,
            }
            log(f"  {kind:6s} {variant:7s} {out[f'{kind}_{variant}']}")
    out["p95_ms"] = round(percentile(every, 95), 2)
    return out


FLOOR_SQL = """
WITH RECURSIVE subtree(id) AS (
  SELECT id FROM units_unit WHERE id = %(root)s
  UNION ALL SELECT u.id FROM units_unit u JOIN subtree s ON u.parent_id = s.id
)
SELECT a.applicant_type,
  COUNT(*) FILTER (WHERE a.receipt_date >= %(start)s),
  COUNT(*) FILTER (WHERE a.receipt_date < %(start)s),
  COUNT(*) FILTER (WHERE a.concluded_on <= %(end)s),
  COUNT(*) FILTER (WHERE a.concluded_on IS NULL OR a.concluded_on > %(end)s)
FROM applications_application a JOIN subtree s ON s.id = a.unit_id
WHERE a.receipt_date <= %(end)s AND (a.concluded_on IS NULL OR a.concluded_on >= %(start)s)
GROUP BY a.applicant_type
"""


def step_report(args: argparse.Namespace) -> dict[str, Any]:
    """The province's consolidated report as the service computes it, against the floor."""
    setup_django()
    from django.db import connection

    from gongkai import report_format as fmt
    from gongkai.report_format import FormatVersion
    from gongkai.reports import counting, services
    from gongkai.reports.models import AnnualReport
    from gongkai.units.models import Unit

    province = Unit.objects.get(code="province")
    # A government's consolidated report (unit = the government): its subtree's ids.
    subtree_scope = services.scope_of(AnnualReport(year=YEAR, unit=province, consolidated=True))
    # The top's consolidated report (unit None): everything, no unit condition.
    top_scope = services.scope_of(AnnualReport(year=YEAR, unit=None, consolidated=False))

    def report(scope: counting.Scope) -> dict[str, Any]:
        return services.tables(scope, FormatVersion.V2021)

    def floor() -> list[tuple[Any, ...]]:
        with connection.cursor() as cursor:
            cursor.execute(FLOOR_SQL, {"root": province.pk, "start": dt.date(YEAR, 1, 1),
                                       "end": dt.date(YEAR, 12, 31)})  # fmt: skip
            return list(cursor.fetchall())

    groups = floor()
    expected: dict[str, list[int]] = {}
    for kind, new, carried_in, concluded, carried_out in groups:
        cells = expected.setdefault(counting.COLUMN_OF[kind], [0, 0, 0, 0])
        for n, value in enumerate((new, carried_in, concluded, carried_out)):
            cells[n] += value
    rows = (fmt.ROW_NEW, fmt.ROW_CARRIED_IN, fmt.ROW_RESULTS_TOTAL, fmt.ROW_CARRIED_OUT)
    for scope in (subtree_scope, top_scope):
        table = report(scope)["applications"]["rows"]
        for column in fmt.APPLICANT_COLUMNS:
            got = [table[row][column] or 0 for row in rows]
            if got != expected.get(column, [0, 0, 0, 0]):
                raise SystemExit(f"report and floor disagree in {column}: {got} != "
                                 f"{expected.get(column)}: benchmark void")  # fmt: skip

    def best(fn: Any) -> float:
        times = []
        for _ in range(3):
            start = time.perf_counter()
            fn()
            times.append(time.perf_counter() - start)
        return min(times)

    subtree_seconds = best(lambda: report(subtree_scope))
    top_seconds = best(lambda: report(top_scope))
    floor_seconds = best(floor)
    return {
        "subtree_units": len(subtree_scope.units or ()),
        "new_in_year": sum(c[0] for c in expected.values()),
        "subtree_seconds": round(subtree_seconds, 3),
        "top_seconds": round(top_seconds, 3),
        "floor_seconds": round(floor_seconds, 3),
        "subtree_over_floor": round(subtree_seconds / floor_seconds, 2),
        "top_over_floor": round(top_seconds / floor_seconds, 2),
    }


def step_paths(args: argparse.Namespace) -> dict[str, Any]:
    """The portal's request mix, each request to a district's own portal host (集约化: one
    deployment, a portal per government): that district's item pages, searches with and without
    one of its units, its home page and one of its columns."""
    setup_django()
    from urllib.parse import quote

    from gongkai.catalog.models import Item

    rng = random.Random(SEED + 3)
    sample = [rng.randint(1, args.items) for _ in range(400)]
    found = dict(Item.objects.filter(pk__in=sample).values_list("pk", "unit__parent__code"))
    columns = dict(
        Item.objects.filter(pk__in=sample).values_list("unit__parent__code", "column_id")
    )
    words = [w for ws in SEARCH_QUERIES.values() for w in ws]
    lines: list[str] = []
    for n, item_id in enumerate(sample):
        district = found[item_id]
        host = f"{district}.bench.gov.cn"
        roll = n % 20
        if roll < 10:
            path = f"/items/{item_id}/"
        elif roll < 16:
            unit = f"&unit={district}-u{rng.randint(1, args.units)}" if roll >= 14 else ""
            path = f"/search/?q={quote(rng.choice(words))}{unit}"
        elif roll < 18:
            path = "/"
        else:
            path = f"/columns/{columns[district]}/"
        lines.append(f"{host} {path}")
    return {"paths": lines}


STEPS = {
    "generate": step_generate,
    "read": step_read,
    "rebuild": step_rebuild,
    "follow": step_follow,
    "changes": step_changes,
    "search": step_search,
    "report": step_report,
    "paths": step_paths,
}


def environment(url: str, folder: Path, host: str) -> dict[str, str]:
    env = {
        **os.environ,
        "GONGKAI_DATABASE_URL": url,
        "GONGKAI_DATA_DIR": str(folder / host),
        "GONGKAI_SEARCH_INDEX_DIR": str(folder / host / "search"),
        "GONGKAI_SECRET_KEY": "bench-" + "x" * 40,
        "GONGKAI_LOG_LEVEL": "WARNING",
        "GONGKAI_ALLOWED_HOSTS": "127.0.0.1,localhost,.bench.gov.cn",
    }
    (folder / host).mkdir(parents=True, exist_ok=True)
    return env


def _command(name: str, args: argparse.Namespace) -> list[str]:
    return [sys.executable, __file__, "--step", name, "--districts", str(args.districts),
            "--units", str(args.units), "--items", str(args.items), "--applications",
            str(args.applications), "--queries", str(args.queries)]  # fmt: skip


def step(name: str, args: argparse.Namespace, env: dict[str, str]) -> dict[str, Any]:
    result = subprocess.run(
        _command(name, args), env=env, stdout=subprocess.PIPE, text=True, check=True
    )
    return dict(json.loads(result.stdout.strip().splitlines()[-1]))


def steps_together(runs: list[tuple[str, dict[str, str]]], args: argparse.Namespace) -> list[Any]:
    """Several steps at the same time, each in its own process (as hosts build on their own
    machines); their results in the order given."""
    started = [
        subprocess.Popen(_command(name, args), env=env, stdout=subprocess.PIPE, text=True)
        for name, env in runs
    ]
    results = []
    for process in started:
        out, _ = process.communicate()
        if process.returncode != 0:
            raise SystemExit(f"step failed: {process.args}")
        results.append(dict(json.loads(out.strip().splitlines()[-1])))
    return results


HOST_B_HOW = {"empty": "follow_from_empty", "together": "follow_from_empty_together",
              "copy": "copy_and_follow"}  # fmt: skip


def _stage(folder: Path, name: str, sizes: dict[str, int], run: Any, message: str) -> Any:
    """A stage's figures: read back from ``folder`` when a stopped run kept them, else run."""
    kept = folder / f"{name}.json"
    if kept.exists():
        found = json.loads(kept.read_text())
        if found["sizes"] != sizes:
            raise SystemExit(f"{kept} holds another size: {found['sizes']}")
        log(f"{message} kept from an earlier run: {found['figures']}")
        return found["figures"]
    log(message)
    figures = run()
    log(f"  {figures}")
    kept.write_text(json.dumps({"sizes": sizes, "figures": figures}, ensure_ascii=False))
    return figures


def build_hosts(url: str, folder: Path, args: argparse.Namespace) -> tuple[Any, Any]:
    """Host A rebuilds its index folder; host B gets one as ``--host-b`` says."""
    a = ("rebuild", environment(url, folder, HOST_A))
    b = ("follow", environment(url, folder, HOST_B))
    if args.host_b == "together":
        log("host A rebuilds its index, host B follows the log from empty, together …")
        host_a, host_b = steps_together([a, b], args)
        return host_a, host_b
    log("host A: rebuilding its index from the database …")
    host_a = step(a[0], args, a[1])
    if args.host_b == "empty":
        log("host B: an empty index folder follows the log …")
        return host_a, step(b[0], args, b[1])
    log("host B: a copy of host A's index folder, then it follows the log …")
    start = time.perf_counter()
    target = folder / HOST_B / "search"
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(folder / HOST_A / "search", target, ignore=shutil.ignore_patterns("*.lock"))
    copied = time.perf_counter() - start
    followed = step("follow", args, b[1])
    assert not followed["rebuilt"], followed  # a copy follows from its position
    return host_a, {**followed, "copy_seconds": round(copied, 1),
                    "seconds": round(copied + followed["seconds"], 1)}  # fmt: skip


# --------------------------------------------------------------------------------------------
# The portal under load: wrk, as bench/portal.py drives it.

LUA = """
hosts, paths = {}, {}
for line in io.lines("%s") do
  local host, path = line:match("^(%%S+) (%%S+)$")
  hosts[#hosts + 1] = host
  paths[#paths + 1] = path
end
counter = %d
request = function()
  counter = counter + 1
  local n = (counter %% #paths) + 1
  return wrk.format("GET", paths[n], {Host = hosts[n]})
end
"""


def serve(env: dict[str, str], workers: int, threads: int) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    server = subprocess.Popen(
        [str(BIN / "gongkai"), "serve", "--port", str(port), "--workers", str(workers),
         "--threads", str(threads)],
        env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(base + "/", timeout=60) as response:
                if response.status == 200:
                    return server, base
        except OSError:
            time.sleep(0.5)
    server.terminate()
    raise SystemExit(f"server did not start: {base}")


def load(bases: list[str], paths: list[str], seconds: int, folder: Path) -> dict[str, Any]:
    """Two wrk clients at once (32 connections each), one per base; the summed requests/s."""
    listing = folder / "paths.txt"
    listing.write_text("\n".join(paths) + "\n", encoding="utf-8")
    for base in bases:  # warm up every worker a little
        for line in paths[:40]:
            host, path = line.split(" ")
            request = urllib.request.Request(base + path, headers={"Host": host})
            urllib.request.urlopen(request, timeout=60).read()
    clients = []
    for n, base in enumerate(bases):
        script = folder / f"wrk{n}.lua"
        script.write_text(LUA % (listing, n * 200), encoding="utf-8")
        clients.append(subprocess.Popen(
            ["wrk", "-t1", "-c32", f"-d{seconds}s", "--timeout", "10s", "-s", str(script), base],
            stdout=subprocess.PIPE, text=True,
        ))  # fmt: skip
    rps = 0.0
    errors = 0
    for client in clients:
        out, _ = client.communicate()
        for line in out.splitlines():
            if line.startswith("Requests/sec:"):
                rps += float(line.split()[1])
            if "Non-2xx or 3xx responses:" in line:
                errors += int(line.split(":")[1])
    return {"rps": round(rps, 1), "non_2xx": errors}


def portal(url: str, folder: Path, args: argparse.Namespace) -> dict[str, Any]:
    paths = step("paths", args, environment(url, folder, HOST_A))["paths"]
    results = {}
    server, base = serve(environment(url, folder, HOST_A), 2, args.threads)
    try:
        results["one_host_2_processes"] = load([base, base], paths, args.seconds, folder)
    finally:
        server.terminate()
        server.wait(timeout=60)
    log(f"  one host, 2 processes: {results['one_host_2_processes']}")
    servers = [serve(environment(url, folder, host), 1, args.threads) for host in (HOST_A, HOST_B)]
    try:
        results["two_hosts"] = load([b for _, b in servers], paths, args.seconds, folder)
    finally:
        for server, _ in servers:
            server.terminate()
            server.wait(timeout=60)
    log(f"  two hosts: {results['two_hosts']}")
    results["two_hosts_over_one_host"] = round(
        results["two_hosts"]["rps"] / results["one_host_2_processes"]["rps"], 3
    )
    results["mix"] = (
        "to the districts' portal hosts: 50% item pages, 30% search (a third within a unit), "
        "10% home, 10% column"
    )
    return results


# --------------------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--districts", type=int, default=100)
    parser.add_argument("--units", type=int, default=60)
    parser.add_argument("--items", type=int, default=10_000_000)
    parser.add_argument("--applications", type=int, default=500_000)
    parser.add_argument("--queries", type=int, default=30, help="timed runs of each query")
    parser.add_argument("--seconds", type=int, default=20, help="wrk's run per configuration")
    parser.add_argument("--threads", type=int, default=4, help="threads per server process")
    parser.add_argument("--keep", help="keep the database and indexes here, reuse them if there")
    parser.add_argument(
        "--host-b",
        choices=sorted(HOST_B_HOW),
        default="empty",
        help="how host B gets its index: 'empty' follows the log from an empty folder after host "
        "A's build; 'together' does so at the same time as host A builds (separate machines in "
        "life; here they share the cores, so each is slower than alone); 'copy' starts from a "
        "copy of host A's index folder and follows the log from its position (a host added at "
        "scale from another's snapshot)",
    )
    parser.add_argument("--step", choices=sorted(STEPS), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.step:
        print(json.dumps(STEPS[args.step](args), ensure_ascii=False))
        return
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is needed: apt-get install wrk")

    folder = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="gongkai-scale-"))
    folder.mkdir(parents=True, exist_ok=True)
    folder.chmod(0o755)
    sizes = {k: getattr(args, k) for k in ("districts", "units", "items", "applications")}
    marker = folder / "built.json"
    built = json.loads(marker.read_text()) if marker.exists() else None
    if built and built["sizes"] != sizes:
        raise SystemExit(f"{folder} holds another size: {built['sizes']}")
    figures: dict[str, Any] = {"bench": "scale", **sizes, "year": YEAR}
    try:
        with postgres(folder / "pg") as url:
            if built is None:
                # Each stage's figures are kept in the folder as it ends, so a run stopped in
                # the index build starts again there (with --keep) instead of regenerating.
                generated = _stage(folder, "generated", sizes, lambda: step(
                    "generate", args, environment(url, folder, HOST_A)), "generating the "
                    "province into PostgreSQL (COPY) …")  # fmt: skip
                read = _stage(folder, "read", sizes, lambda: step(
                    "read", args, environment(url, folder, HOST_A)),
                    "baseline: reading the published rows …")  # fmt: skip
                host_a, host_b = build_hosts(url, folder, args)
                log(f"  A: {host_a}\n  B: {host_b}")
                built = {"sizes": sizes, "generated": generated, "read": read, "host_a": host_a,
                         "host_b": host_b, "host_b_from": args.host_b}  # fmt: skip
                marker.write_text(json.dumps(built, ensure_ascii=False))
            figures["generated"] = built["generated"]
            read_seconds = built["read"]["read_seconds"]
            host_b_from = built.get("host_b_from", "empty")
            figures["index"] = {
                "host_a_rebuild_seconds": built["host_a"]["seconds"],
                f"host_b_{HOST_B_HOW[host_b_from]}_seconds": built["host_b"]["seconds"],
                "host_b_from": host_b_from,
                "documents": built["host_a"]["documents"],
                "index_gb_per_host": built["host_a"]["index_gb"],
                "baseline_read_rows_seconds": read_seconds,
                "host_a_over_read": round(built["host_a"]["seconds"] / read_seconds, 2),
                "host_b_over_read": round(built["host_b"]["seconds"] / read_seconds, 2),
            }
            log("1,000 changes in the log; each host follows …")
            step("changes", args, environment(url, folder, HOST_A))
            for host in (HOST_A, HOST_B):
                followed = step("follow", args, environment(url, folder, host))
                figures["index"][f"{host}_follow_1000_changes_seconds"] = followed["seconds"]
                assert followed["applied"] == 1000, followed
                assert not followed["rebuilt"], followed
            log("search on host A …")
            figures["search"] = step("search", args, environment(url, folder, HOST_A))
            log("the consolidated province report …")
            figures["report"] = step("report", args, environment(url, folder, HOST_A))
            log(f"  {figures['report']}")
            log("portal throughput …")
            figures["portal"] = portal(url, folder, args)
    finally:
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)
    print(json.dumps(figures, ensure_ascii=False))


if __name__ == "__main__":
    main()
