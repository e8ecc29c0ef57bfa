"""bench/run.py (issue 13) is not a test, but its table code must not rot: run it on a tiny
generated SQLite database, pages only, and check the table names every page with its figures."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_benchmark_table_runs_on_a_tiny_dataset(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["DEBUG"] = "1"
    out = tmp_path / "table.md"
    done = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "run.py"), "--db", "sqlite", "--cases", "50", "--busiest-day", "20",
         "--quick", "--runs", "1", "--only", "pages", "--sqlite-path", str(tmp_path / "bench.sqlite3"), "--out", str(out)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300,
    )
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-3000:]
    table = out.read_text(encoding="utf-8")
    assert "sqlite, 50 cases" in table
    for page in ("joint office: ledger, first page", "case page", "Work Day page, busiest day (20 registrations)",
                 "signals", "reminders", "periodic report", "town clerk: ledger, closed + unit", "API case list (25)"):
        rows = [line for line in table.splitlines() if page in line]
        assert rows, page
        # measured, with its floor, its ratio and its query count: no "HTTP 500" note instead of figures
        cells = [c.strip() for c in rows[0].strip("|").split("|")]
        assert cells[1].endswith("ms") and cells[2].endswith("ms") and cells[3].endswith("×"), rows[0]
        assert cells[4].isdigit() and int(cells[4]) > 0, rows[0]
