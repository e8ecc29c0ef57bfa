"""Benchmark: the case ledger of 100,000 cases written as .xlsx in constant memory (issue 12). Not a
test; run it by hand or with `make bench`:

    DEBUG=1 .venv/bin/python bench/ledger_bench.py [--rows 100000]

It uses its own SQLite database (var/bench_ledger.sqlite3): migrates it, loads the reference and demo
data, then copies the demo's first case (its registration, petitioners and assisting units) in bulk
until there are `--rows` cases. It then writes the whole ledger with `exports.ledger.write_ledger`,
as the background job does, and reports the time, the file's size and the peak memory that Python
allocated while writing (tracemalloc). Figures are printed, not asserted.
"""

from __future__ import annotations

import argparse
import copy
import os
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DEBUG", "1")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "xinfang.settings")
os.environ["DATABASE_URL"] = f"sqlite:///{ROOT / 'var' / 'bench_ledger.sqlite3'}"

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import transaction  # noqa: E402

from cases.models import Case  # noqa: E402
from exports import ledger  # noqa: E402
from intake.models import Petitioner, Registration  # noqa: E402

BATCH = 5000


def _clone(obj, **changes):
    twin = copy.copy(obj)
    twin.pk = twin.id = None
    twin._state = type(obj._state)()
    for name, value in changes.items():
        setattr(twin, name, value)
    return twin


def fill(rows: int) -> None:
    """Copy the first demo case until there are `rows` cases (quick: bulk inserts in batches)."""
    template = Case.objects.select_related("registration").order_by("id").first()
    if template is None:
        sys.exit("No case to copy: the demo data did not load.")
    petitioners = list(template.registration.petitioners.all())
    assisting = list(template.assisting_units.values_list("id", flat=True))
    through = Case.assisting_units.through
    while (have := Case.objects.count()) < rows:
        n = min(BATCH, rows - have)
        with transaction.atomic():
            registrations = Registration.objects.bulk_create(
                [_clone(template.registration, client_ref=None) for _ in range(n)]
            )
            cases = Case.objects.bulk_create(
                [_clone(template, registration=r, registration_id=r.pk, repeat_of=None, merged_into=None) for r in registrations]
            )
            Petitioner.objects.bulk_create(
                [_clone(p, registration_id=r.pk, person=None) for r in registrations for p in petitioners]
            )
            through.objects.bulk_create([through(case_id=c.pk, unit_id=u) for c in cases for u in assisting])
        print(f"  {have + n:,} cases", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    args = parser.parse_args()

    print("Preparing var/bench_ledger.sqlite3 ...", flush=True)
    call_command("migrate", verbosity=0)
    call_command("load_reference", verbosity=0)
    call_command("load_demo", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
    fill(args.rows)
    cases = Case.objects.all()
    total = cases.count()

    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "ledger.xlsx"
        tracemalloc.start()
        started = time.perf_counter()
        written = ledger.write_ledger(cases, str(out), title=ledger.ledger_title(total), total=total)
        elapsed = time.perf_counter() - started
        _current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        size = out.stat().st_size

    print(f"Rows written:      {written:,}")
    print(f"Time:              {elapsed:.1f} s ({written / elapsed:,.0f} rows/s)")
    print(f"File size:         {size / 1e6:.1f} MB")
    print(f"Peak memory (tracemalloc, while writing): {peak / 1e6:.1f} MB")
    print(f"Chunk size:        {ledger.CHUNK_SIZE:,} cases read from the database at a time")


if __name__ == "__main__":
    main()
