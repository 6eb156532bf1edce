"""Benchmark: checking published annual reports, all formats together and each on its own.

The baseline: 100 reports of mixed formats built in a temporary folder, the real reports of
../shared/fixtures/reports (text and PDF) copied, plus reports Gongkai renders from generated,
consistent tables as HTML, DOCX, XLSX, JSON and the text form of the fixtures (a few with one
wrong cell). Side by side with it, in the same rounds (so that both meet the same load of the
machine), each format on its own: HTML, text, DOCX and XLSX (generated reports), PDF with a text
layer (the real PDFs and the LibreOffice PDFs of tests/fixtures/reports) and a scanned PDF read by
OCR (tests/fixtures/reports/scan-huaian-2024.pdf, checked against its JSON cell by cell). Each
file is read and checked as ``gongkai check_report`` does
(:func:`gongkai.reports.checker.check_file`), one after the other in this process. Best of 3
rounds for each set.

Run:  .venv/bin/python bench/check_report.py [--reports 100] [--per-format 20] [--rounds 3]
The last line of output is one JSON object: the baseline's figures, each format's reports (and
pages) per second and its ratio to the baseline's reports per second.
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
from gongkai.reports import checker, ocr, render  # noqa: E402

SHARED = Path(os.environ.get("GONGKAI_SHARED", ROOT.parent / "shared"))
FIXTURES = SHARED / "fixtures" / "reports"
OWN = ROOT / "tests" / "fixtures" / "reports"
SCAN = OWN / "scan-huaian-2024.pdf"


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


def pages_of(path: Path) -> int:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(path)
    try:
        return len(document)
    finally:
        document.close()


def by_format(folder: Path, count: int) -> dict[str, list[Path]]:
    """The files of each format measured on its own."""
    rng = random.Random(23)
    sets: dict[str, list[Path]] = {}
    makers = {
        "html": (".html", lambda r: render.to_html_page(r).encode()),
        "text": (".txt", lambda r: as_text(r).encode()),
        "docx": (".docx", render.to_docx),
        "xlsx": (".xlsx", render.to_xlsx),
    }
    for kind, (suffix, make) in makers.items():
        (folder / kind).mkdir()
        paths = []
        for n in range(count):
            path = folder / kind / f"{n:03d}{suffix}"
            path.write_bytes(make(generated(rng, n + 1)))
            paths.append(path)
        sets[kind] = paths
    pdfs = sorted(FIXTURES.glob("*.pdf")) + sorted(OWN.glob("pdf-*.pdf"))
    sets["pdf"] = [pdfs[n % len(pdfs)] for n in range(max(count, len(pdfs)))]
    if ocr.available():
        sets["scan"] = [SCAN]
    return sets


def timed(paths: list[Path]) -> tuple[float, list[checker.Result]]:
    t0 = time.perf_counter()
    results = [checker.check_file(path) for path in paths]
    return time.perf_counter() - t0, results


def exact_cells(result: checker.Result, expected: dict[str, object]) -> tuple[int, int]:
    """Cells of tables 二, 三 and 四 read as the JSON has them, and all cells."""
    assert result.parsed is not None
    tables = result.parsed.tables()
    right = total = 0
    pairs = (
        (tables["applications"]["rows"], expected["applications"]["rows"]),  # type: ignore[index]
        (tables["review_litigation"], expected["review_litigation"]),
        (
            {f"{i}/{r}": c for i, b in tables["proactive"].items() for r, c in b.items()},
            {
                f"{i}/{r}": c
                for i, b in expected["proactive"].items()  # type: ignore[attr-defined]
                for r, c in b.items()
            },
        ),
    )
    for got, want in pairs:
        for row, cells in want.items():  # type: ignore[attr-defined]
            for column, value in cells.items():
                total += 1
                right += got.get(row, {}).get(column, "missing") == value
    return right, total


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--reports", type=int, default=100, help="reports of the baseline")
    parser.add_argument("--per-format", type=int, default=20, help="reports of each format")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="gongkai-bench-check-"))
    try:
        (folder / "mixed").mkdir()
        kinds = build(folder / "mixed", args.reports)
        files = checker.report_files(folder / "mixed")
        sets = by_format(folder, args.per_format)
        if "scan" not in sets:
            print("tesseract 未安装：扫描件（OCR）一项不测")
        best: dict[str, float] = {}
        last: dict[str, list[checker.Result]] = {}
        for round_ in range(args.rounds):
            # the baseline and every format in each round, side by side
            for name, paths in [("baseline", files), *sets.items()]:
                seconds, results = timed(paths)
                best[name] = min(best.get(name, seconds), seconds)
                last[name] = results
            print(f"round {round_ + 1}: " + ", ".join(f"{k} {v:.2f} s" for k, v in best.items()))
        unreadable = [r.name for results in last.values() for r in results if not r.readable]
        if unreadable:
            raise SystemExit(f"could not read {unreadable}: benchmark void")
        baseline_rate = len(files) / best["baseline"]
        with_errors = sum(1 for r in last["baseline"] if r.errors)
        formats: dict[str, dict[str, object]] = {}
        for name, paths in sets.items():
            seconds = best[name]
            figures: dict[str, object] = {
                "reports": len(paths),
                "seconds": round(seconds, 3),
                "reports_per_second": round(len(paths) / seconds, 2),
                "ratio": round(len(paths) / seconds / baseline_rate, 3),
            }
            if name in ("pdf", "scan"):
                pages = sum(pages_of(path) for path in paths)
                figures["pages"] = pages
                figures["pages_per_second"] = round(pages / seconds, 2)
                figures["seconds_per_page"] = round(seconds / pages, 3)
            if name == "scan":
                expected = json.loads(SCAN.with_suffix(".json").read_text(encoding="utf-8"))
                right, total = exact_cells(last[name][0], expected)
                figures["cells_exact"] = f"{right}/{total}"
                parsed = last[name][0].parsed
                assert parsed is not None
                figures["cells_below_confidence"] = sum(
                    1
                    for c in parsed.ocr
                    if c["confidence"] is not None and c["confidence"] < ocr.OPTIONS.min_confidence
                )
            formats[name] = figures
        print(f"kinds: {dict(kinds)}")
        print(
            f"baseline: {len(files)} reports in {best['baseline']:.2f} s "
            f"({baseline_rate:.1f}/s); {with_errors} with errors"
        )
        for name, figures in formats.items():
            pages = (
                f", {figures['pages_per_second']} pages/s ({figures['seconds_per_page']} s a page)"
                if "pages" in figures
                else ""
            )
            extra = f", {figures['cells_exact']} cells exact" if "cells_exact" in figures else ""
            print(
                f"{name:>5}: {figures['reports']} reports in {figures['seconds']} s, "
                f"{figures['reports_per_second']}/s{pages}{extra}; ×{figures['ratio']} baseline"
            )
        print(
            json.dumps(
                {
                    "bench": "check_report",
                    "reports": len(files),
                    "kinds": dict(kinds),
                    "seconds": round(best["baseline"], 3),
                    "reports_per_second": round(baseline_rate, 1),
                    "with_errors": with_errors,
                    "formats": formats,
                },
                ensure_ascii=False,
            )
        )
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
