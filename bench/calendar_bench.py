"""Benchmark: add_workdays from the in-memory index against a plain day-by-day loop over
chinese_calendar.is_workday (issue 3). Not a test; run it by hand:

    DEBUG=1 .venv/bin/python bench/calendar_bench.py [--calls 1000000] [--sample 100000]

It uses its own SQLite database (var/bench_calendar.sqlite3), migrates and seeds it, then times
`--calls` add_workdays calls on random inputs (starts 2005-01-01..2026-11-30, n 1..30) and the loop on
the first `--sample` of the same inputs, compares the answers and prints the ratio per call.

chinesecalendar knows 2004-2026 only; an input late in 2026 whose answer lies in 2027 would make it
raise. For those days the loop asks the same provisional 2027 estimate the index uses (the statutory
holidays from the `holidays` package), so every answer is compared.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import os
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DEBUG", "1")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "xinfang.settings")
os.environ["DATABASE_URL"] = f"sqlite:///{ROOT / 'var' / 'bench_calendar.sqlite3'}"

import django  # noqa: E402

django.setup()

import chinese_calendar  # noqa: E402
from django.core.management import call_command  # noqa: E402

from workcal.calendar import add_workdays, current_index, estimated_days_off  # noqa: E402
from workcal.services import seed_from_package  # noqa: E402

FIRST_START, LAST_START = dt.date(2005, 1, 1), dt.date(2026, 11, 30)
ONE_DAY = dt.timedelta(days=1)


def loop_is_workday(day: dt.date) -> bool:
    if day.year <= 2026:
        return chinese_calendar.is_workday(day)
    return day.weekday() < 5 and day not in estimated_days_off(day.year)


def loop_add_workdays(start: dt.date, n: int) -> dt.date:
    day = start
    while n:
        day += ONE_DAY
        if loop_is_workday(day):
            n -= 1
    return day


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--calls", type=int, default=1_000_000)
    parser.add_argument("--sample", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()

    call_command("migrate", verbosity=0)
    seed_from_package()
    started = time.perf_counter()
    current_index()
    build = time.perf_counter() - started

    rng = random.Random(args.seed)
    first, span = FIRST_START.toordinal(), LAST_START.toordinal() - FIRST_START.toordinal()
    inputs = [(dt.date.fromordinal(first + rng.randint(0, span)), rng.randint(1, 30)) for _ in range(args.calls)]

    # As timeit does, the garbage collector is off while timing: a million kept results would
    # otherwise be traversed again and again, which measures the collector, not the calendar.
    gc.collect()
    gc.disable()
    started = time.perf_counter()
    results = [add_workdays(day, n) for day, n in inputs]
    index_seconds = time.perf_counter() - started

    sample = inputs[: args.sample]
    started = time.perf_counter()
    expected = [loop_add_workdays(day, n) for day, n in sample]
    loop_seconds = time.perf_counter() - started
    gc.enable()

    mismatches = [
        (inputs[i], results[i].date, expected[i]) for i in range(len(sample)) if results[i].date != expected[i]
    ]
    into_2027 = sum(1 for day in expected if day.year > 2026)
    index_us = index_seconds / args.calls * 1e6
    loop_us = loop_seconds / len(sample) * 1e6

    print(f"index build (first call):          {build * 1000:8.1f} ms")
    print(f"add_workdays, {args.calls:>9,} calls:     {index_seconds:8.2f} s  = {index_us:8.3f} µs per call")
    print(f"chinese_calendar loop, {len(sample):>9,} calls: {loop_seconds:8.2f} s  = {loop_us:8.3f} µs per call")
    print(f"  (scaled to {args.calls:,} calls:        {loop_us * args.calls / 1e6:8.1f} s)")
    print(f"answers compared: {len(sample):,}; different: {len(mismatches)}; answers in 2027 (estimate): {into_2027}")
    print(f"provisional answers among all calls: {sum(r.provisional for r in results):,}")
    print(f"ratio per call: {loop_us / index_us:,.0f}x faster")
    if mismatches:
        for item in mismatches[:10]:
            print("MISMATCH", item)
        sys.exit(1)


if __name__ == "__main__":
    main()
