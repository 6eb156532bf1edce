"""Benchmark: one million due dates, Gongkai against day-by-day stepping.

The existing FOI platforms find a due date by walking forward one day at a time and asking
whether each day is a working day. That baseline is timed here with ``chinese_calendar.is_workday``
(the library made for the question) on a sample and scaled to the full count, which the output
states. Gongkai computes the same due dates from its precomputed tables (``add_many``). Both are
checked to agree on the sample before anything is reported.

Run:  .venv/bin/python bench/deadlines.py [--n 1000000] [--sample 20000]
The last line of output is one JSON object with the figures and the ratio.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import platform
import random
import statistics
import time

import chinese_calendar

from gongkai.workdays.baseline import baseline_arrangements
from gongkai.workdays.calendar import WorkdayCalendar

PERIOD = 20


def stepping(start: dt.date, n: int) -> dt.date:
    day, counted = start, 0
    while counted < n:
        day += dt.timedelta(days=1)
        if chinese_calendar.is_workday(day):
            counted += 1
    return day


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=1_000_000)
    parser.add_argument("--sample", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    rng = random.Random(20250124)
    first, last = dt.date(2004, 1, 1), dt.date(2026, 10, 31)  # due dates stay inside the data
    span = (last - first).days
    starts = [first + dt.timedelta(days=rng.randrange(span)) for _ in range(args.n)]

    build_start = time.perf_counter()
    calendar = WorkdayCalendar(baseline_arrangements())
    build_seconds = time.perf_counter() - build_start

    runs = []
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        due = calendar.add_many(starts, PERIOD)
        runs.append(time.perf_counter() - t0)
    seconds = statistics.median(runs)

    sample = starts[: args.sample]
    t0 = time.perf_counter()
    stepped = [stepping(s, PERIOD) for s in sample]
    sample_seconds = time.perf_counter() - t0
    if stepped != due[: args.sample]:
        raise SystemExit("the two methods disagree: benchmark void")
    baseline_seconds = sample_seconds * args.n / args.sample

    print(f"Gongkai add_many: {args.n:,} due dates in {seconds:.3f} s (median of {args.repeat})")
    print(f"  calendar tables built once in {build_seconds:.3f} s")
    print(
        f"day-by-day stepping: {args.sample:,} in {sample_seconds:.2f} s, "
        f"scaled to {args.n:,}: {baseline_seconds:.1f} s"
    )
    print(f"ratio: {baseline_seconds / seconds:.0f}x")
    print(
        json.dumps(
            {
                "bench": "deadlines",
                "n": args.n,
                "period_working_days": PERIOD,
                "seconds": round(seconds, 4),
                "build_seconds": round(build_seconds, 4),
                "baseline": "day-by-day stepping with chinese_calendar.is_workday",
                "baseline_sample": args.sample,
                "baseline_sample_seconds": round(sample_seconds, 3),
                "baseline_seconds": round(baseline_seconds, 2),
                "baseline_scaled": True,
                "ratio": round(baseline_seconds / seconds, 1),
                "python": platform.python_version(),
                "machine": platform.machine(),
            }
        )
    )


if __name__ == "__main__":
    main()
