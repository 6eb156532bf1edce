"""Benchmark: checking 100 published annual reports of mixed formats.

The reports are built in a temporary folder: the real reports of ../shared/fixtures/reports (text
and PDF) copied, plus reports Gongkai renders from generated, consistent tables as HTML, DOCX,
XLSX, JSON and the text form of the fixtures (a few with one wrong cell). Each is read and
checked as ``gongkai check_report`` does (:func:`gongkai.reports.checker.check_file`), one after
the other in this process. Best of 3 runs.

Run:  .venv/bin/python bench/check_report.py [--reports 100]
The last line of output is one JSON object.
"""

from __future__ import annotations

import argparse
import copy
import json
import os
import random
import shutil
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from gongkai import report_format as fmt  # noqa: E402
from gongkai.report_format import FormatVersion  # noqa: E402
from gongkai.reports import checker, render  # noqa: E402

SHARED = Path(os.environ.get("GONGKAI_SHARED", ROOT.parent / "shared"))
FIXTURES = SHARED / "fixtures" / "reports"


def generated(rng: random.Random, n: int) -> dict[str, object]:
    version = FormatVersion.V2019 if n % 4 == 0 else FormatVersion.V2021
    year = 2020 if version is FormatVersion.V2019 else 2021 + n % 4
    rows = fmt.empty_table3(version)
    results = fmt.result_labels(version)
    for label in results:
        for column in fmt.APPLICANT_COLUMNS:
            rows[label][column] = rng.choice([0, 0, 0, rng.randrange(1, 300)])
    for column in fmt.APPLICANT_COLUMNS:
        done = sum(int(rows[label][column] or 0) for label in results)
        out = rng.randrange(0, 20)
        carried = rng.randrange(0, done + out + 1)
        rows[fmt.ROW_RESULTS_TOTAL][column] = done
        rows[fmt.ROW_CARRIED_OUT][column] = out
        rows[fmt.ROW_CARRIED_IN][column] = carried
        rows[fmt.ROW_NEW][column] = done + out - carried
    for cells in rows.values():
        cells[fmt.TOTAL] = sum(int(cells[c] or 0) for c in fmt.APPLICANT_COLUMNS)
    review = fmt.empty_table4()
    for cells in review.values():
        for cell in fmt.TABLE4_CELLS[:-1]:
            cells[cell] = rng.randrange(0, 30)
        cells[fmt.TOTAL] = sum(int(cells[c] or 0) for c in fmt.TABLE4_CELLS[:-1])
    agency = f"测试区第{n}局"
    received = rows[fmt.ROW_NEW][fmt.TOTAL]
    return {
        "agency": agency,
        "year": year,
        "format": version.value,
        "title": f"{agency}{year}年政府信息公开工作年度报告",
        "sections": {
            fmt.SECTION_TITLES[0]: f"本年度共收到政府信息公开申请{received}件。",
            fmt.SECTION_TITLES[4]: "无。",
            fmt.SECTION_TITLES[5]: "无。",
        },
        "proactive": fmt.empty_table2(version),
        "applications": {"rows": rows},
        "review_litigation": review,
    }


def as_text(report: dict[str, object]) -> str:
    lines = [str(report["title"])]
    tables = {heading: grid for heading, _, grid in render.grids(report)}  # type: ignore[arg-type]
    sections = report["sections"]
    assert isinstance(sections, dict)
    for heading in fmt.SECTION_TITLES:
        lines.append(heading)
        if heading in tables:
            lines += [" | ".join(c.text for c in cells) for cells in tables[heading].by_row()]
        else:
            lines += str(sections.get(heading, "")).splitlines()
    return "\n".join(lines)


def build(folder: Path, count: int) -> Counter[str]:
    rng = random.Random(11)
    kinds: Counter[str] = Counter()
    real = sorted(p for p in FIXTURES.iterdir() if p.suffix in (".txt", ".pdf"))
    makers = {
        ".html": lambda r: render.to_html_page(r).encode(),
        ".docx": render.to_docx,
        ".xlsx": render.to_xlsx,
        ".json": lambda r: render.to_json(r).encode(),
        ".txt": lambda r: as_text(r).encode(),
    }
    for n in range(count):
        if n % 4 == 0 and real:  # a quarter real reports, PDFs among them
            source = real[(n // 4) % len(real)]
            target = folder / f"{n:03d}-{source.name}"
            shutil.copyfile(source, target)
            kinds[source.suffix] += 1
            continue
        report = generated(rng, n)
        if n % 10 == 3:  # a wrong cell now and then
            wrong = copy.deepcopy(report)
            wrong["applications"]["rows"][fmt.ROW_NEW]["自然人"] += 1  # type: ignore[index]
            report = wrong
        suffix = list(makers)[n % len(makers)]
        (folder / f"{n:03d}-generated{suffix}").write_bytes(makers[suffix](report))
        kinds[suffix] += 1
    return kinds


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--reports", type=int, default=100)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="gongkai-bench-check-"))
    try:
        kinds = build(folder, args.reports)
        files = checker.report_files(folder)
        times = []
        results: list[checker.Result] = []
        for _ in range(3):
            t0 = time.perf_counter()
            results = [checker.check_file(path) for path in files]
            times.append(time.perf_counter() - t0)
        seconds = min(times)
        unreadable = [r.name for r in results if not r.readable]
        if unreadable:
            raise SystemExit(f"could not read {unreadable}: benchmark void")
        with_errors = sum(1 for r in results if r.errors)
        print(f"kinds: {dict(kinds)}")
        print(f"{len(files)} reports in {seconds:.2f} s; {with_errors} with errors")
        print(
            json.dumps(
                {
                    "bench": "check_report",
                    "reports": len(files),
                    "kinds": dict(kinds),
                    "seconds": round(seconds, 3),
                    "reports_per_second": round(len(files) / seconds, 1),
                    "with_errors": with_errors,
                },
                ensure_ascii=False,
            )
        )
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
