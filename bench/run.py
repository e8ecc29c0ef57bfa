"""`make bench`: the benchmark suite of issue 13, printing one table. Not a test (see README.md here).

    DEBUG=1 .venv/bin/python bench/run.py --db sqlite --cases 100000           # var/bench_s1_c100000.sqlite3
    DEBUG=1 .venv/bin/python bench/run.py --db postgres --cases 1000000        # DATABASE_URL or gen_scratch
    ... --quick (3 runs a page, a smaller export, a 20 s event), --only pages,export,scan,calendar,live

Every timing is a ratio measured side by side in the same run: a page (the Django test client,
in-process, median of N runs) against its rendering floor (the same template rendered with
`render_to_string` from the context the page built, its rows already in memory), an API answer
against encoding the same JSON, the ledger export against xlsxwriter writing the same rows, the
calendar index against a plain loop. Query counts (CaptureQueriesContext) beside every page.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DEBUG", "1")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "xinfang.settings")
PG_DEFAULT = "postgres://postgres@127.0.0.1:5432/gen_scratch"
PARTS = ("scan", "pages", "export", "calendar", "live")
# Amsterdam Signals at 1,000,000 cases on this machine kind (issue 13): p50 in ms.
PEER = {"api_list": 149, "case_detail": 29, "ledger_filtered_unit": 975, "ledger_deep": 1040}


def manage(*args: str, env: dict) -> None:
    subprocess.run([sys.executable, str(ROOT / "manage.py"), *args], check=True, env=env, cwd=ROOT)


def prepare_database(args) -> str:
    """Point DATABASE_URL at the benchmark database, building (or reusing) it first."""
    env = dict(os.environ)
    if args.db == "sqlite":
        path = Path(args.sqlite_path or ROOT / "var" / f"bench_s{args.seed}_c{args.cases}.sqlite3")
        url = f"sqlite:///{path}"
        if not path.exists():
            tmp = path.with_suffix(".building")
            tmp.unlink(missing_ok=True)
            env["DATABASE_URL"] = f"sqlite:///{tmp}"
            print(f"Building {path} (migrate, load_reference, generate {args.cases:,} cases) ...", flush=True)
            manage("migrate", "-v0", env=env)
            manage("load_reference", "-v0", env=env)
            manage("generate", "--cases", str(args.cases), "--seed", str(args.seed),
                   "--busiest-day", str(min(args.busiest_day, args.cases)), env=env)
            tmp.rename(path)
        env["DATABASE_URL"] = url
        manage("migrate", "-v0", env=env)
    else:
        url = os.environ.get("DATABASE_URL", "") if os.environ.get("DATABASE_URL", "").startswith("postgres") else PG_DEFAULT
        env["DATABASE_URL"] = url
        manage("migrate", "-v0", env=env)
        have = int(subprocess.run(
            [sys.executable, str(ROOT / "manage.py"), "shell", "-c", "from cases.models import Case; print(Case.objects.count())"],
            check=True, env=env, cwd=ROOT, capture_output=True, text=True).stdout.strip().splitlines()[-1])
        if have < args.cases:
            if have == 0:
                manage("load_reference", "-v0", env=env)
            manage("generate", "--cases", str(args.cases - have), "--seed", str(args.seed),
                   "--busiest-day", str(min(args.busiest_day, args.cases - have)), env=env)
    os.environ["DATABASE_URL"] = url
    return url


# --- measuring -------------------------------------------------------------------------------------

def median_ms(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


class Row:
    def __init__(self, name, ms=None, floor_ms=None, queries="", note="", peer=None, floor_label="render"):
        self.name, self.ms, self.floor_ms, self.queries, self.note = name, ms, floor_ms, queries, note
        self.peer, self.floor_label = peer, floor_label

    def cells(self) -> list[str]:
        ratio = f"{self.ms / self.floor_ms:.1f}×" if self.ms and self.floor_ms else "—"
        peer = f"{self.peer / self.ms:.1f}× faster" if self.peer and self.ms else ""
        return [self.name, fmt_ms(self.ms), fmt_ms(self.floor_ms), ratio, str(self.queries), peer, self.note]


def fmt_ms(ms) -> str:
    if ms is None:
        return "—"
    return f"{ms:,.0f} ms" if ms >= 10 else f"{ms:.1f} ms"


def print_table(rows: list[Row], header: str) -> str:
    head = ["measure", "time (median)", "floor", "× floor", "queries", "vs Signals (1M)", "notes"]
    lines = [header, "", "| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    lines += ["| " + " | ".join(c.replace("|", "/") for c in row.cells()) + " |" for row in rows]
    text = "\n".join(lines)
    print(text, flush=True)
    return text


def page_row(client, name, url, runs, *, api=False, peer_key=None):
    """Time one page (median of `runs`), count its queries, and time its floor: the same template
    rendered from the context the page built (rows already in memory), or for the API the same JSON
    encoded again."""
    from django.db import connection
    from django.template.loader import render_to_string
    from django.test.utils import CaptureQueriesContext, setup_test_environment, teardown_test_environment

    # One instrumented request: the template and context it rendered (and a warm-up).
    setup_test_environment()
    try:
        connection.queries_log.clear()  # a full log (DEBUG) would make every count 0
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
    finally:
        teardown_test_environment()
    if response.status_code != 200:
        return Row(name, note=f"HTTP {response.status_code} for {url}")
    size = len(response.content)
    if api:
        payload = response.json()
        floor_ms = median_ms(lambda: json.dumps(payload, ensure_ascii=False, default=str), runs)
        floor_queries = 0
    else:
        template = response.templates[0].name
        context = response.context[0].flatten() if hasattr(response.context, "__getitem__") else response.context.flatten()
        request = response.wsgi_request
        render_to_string(template, context, request)  # the lazy querysets of the context read their rows once
        connection.queries_log.clear()
        with CaptureQueriesContext(connection) as floor_captured:
            floor_ms = median_ms(lambda: render_to_string(template, context, request), runs)
        floor_queries = len(floor_captured) // max(runs, 1)
    ms = median_ms(lambda: client.get(url), runs)
    note = f"{size / 1024:,.0f} KB" + (f"; floor re-reads {floor_queries} q" if floor_queries else "")
    return Row(name, ms, floor_ms, len(captured), note, PEER.get(peer_key), "json" if api else "render")


def pick(args):
    """The users and objects the pages are measured on."""
    from django.db.models import Count

    from accounts.models import User
    from cases.models import Case
    from history.models import Event
    from intake.models import Registration
    from units.models import Unit, UnitKind

    office = Unit.objects.filter(kind=UnitKind.JOINT_OFFICE).order_by("id").first()
    town = Unit.objects.filter(name="巴川街道").first() or Unit.objects.filter(kind=UnitKind.STREET).order_by("id").first()
    users = {
        "joint office": User.objects.filter(username=f"gen_{office.pk}").first(),
        "town clerk": User.objects.filter(username=f"gen_{town.pk}").first(),
    }
    busiest = (Registration.objects.values("workday_id").annotate(n=Count("id")).order_by("-n").first() or {})
    from django.contrib.contenttypes.models import ContentType

    ct = ContentType.objects.get_for_model(Case)
    longest = (Event.objects.filter(content_type=ct).values("object_id").annotate(n=Count("id")).order_by("-n").first() or {})
    category = Case.objects.values("category_id").annotate(n=Count("id")).order_by("-n").first()
    return {
        "office": office, "town": town, "users": users, "workday": busiest.get("workday_id"), "day_size": busiest.get("n"),
        "case": longest.get("object_id"), "history": longest.get("n"), "category": category and category["category_id"],
    }


def bench_pages(args, rows: list[Row], the) -> None:
    import math

    from django.test import Client
    from django.utils import timezone

    from cases.views import PAGE_SIZE

    year = timezone.localdate().year
    quarter = (timezone.localdate().month - 1) // 3 + 1
    last_quarter = f"{year}Q{quarter - 1}" if quarter > 1 else f"{year - 1}Q4"
    for who, user in the["users"].items():
        if user is None:
            rows.append(Row(f"({who}: no generated account)"))
            continue
        client = Client(HTTP_HOST="127.0.0.1")
        client.force_login(user)
        total = client.get("/api/v1/cases?page=1&page_size=1").json().get("total", 0)
        deepest = max(1, min(5000, math.ceil(total / PAGE_SIZE)))
        pages = [
            ("ledger, first page", "/cases/", None),
            (f"ledger, unit {the['town'].pk} + overdue + category", f"/cases/?unit={the['town'].pk}&overdue=1&category={the['category']}", None),
            ("ledger, closed + unit", f"/cases/?status=closed&unit={the['town'].pk}", "ledger_filtered_unit"),
            (f"ledger, page {deepest:,} (of {math.ceil(total / PAGE_SIZE):,})", f"/cases/?page={deepest}", "ledger_deep"),
            ("API case list (25)", "/api/v1/cases?page=1&page_size=25", "api_list"),
        ]
        if who == "joint office":
            pages += [
                (f"case page ({the['history']} history events)", f"/cases/{the['case']}/", "case_detail"),
                ("API case detail", f"/api/v1/cases/{the['case']}", None),
                (f"Work Day page, busiest day ({the['day_size']:,} registrations)", f"/workdays/{the['workday']}/", None),
                (f"compliance, year {year - 1}", f"/supervision/compliance/?year={year - 1}", None),
                (f"signals, {last_quarter}", f"/supervision/signals/?period={last_quarter}", None),
                ("reminders", "/reminders/", None),
                ("home", "/", None),
                (f"periodic report, {last_quarter}", f"/reports/periodic/?period={last_quarter}", None),
            ]
        else:
            pages.append(("home", "/", None))
        for label, url, peer in pages:
            api = url.startswith("/api/")
            row = page_row(client, f"{who}: {label}", url, args.runs, api=api, peer_key=peer)
            rows.append(row)
            print("  " + " | ".join(row.cells()), flush=True)


def rss_bytes() -> int:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def peak_while(fn):
    """Run fn; the peak resident memory above the start, sampled every 10 ms (Linux /proc)."""
    start, peak, done = rss_bytes(), [0], threading.Event()

    def sample():
        while not done.is_set():
            peak[0] = max(peak[0], rss_bytes())
            time.sleep(0.01)

    thread = threading.Thread(target=sample, daemon=True)
    thread.start()
    started = time.perf_counter()
    result = fn()
    elapsed = (time.perf_counter() - started) * 1000
    done.set()
    thread.join()
    return result, elapsed, max(0, peak[0] - start)


def bench_export(args, rows: list[Row]) -> None:
    import datetime

    import xlsxwriter
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from cases.models import Case
    from exports import ledger

    n = args.export_rows
    ids = list(Case.objects.order_by("-id").values_list("id", flat=True)[:n])
    cases = Case.objects.filter(id__gte=ids[-1]) if ids else Case.objects.none()
    with tempfile.TemporaryDirectory() as tmp:
        connection.queries_log.clear()  # a full log (DEBUG) would make every count 0
        with CaptureQueriesContext(connection) as captured:
            written, ms, peak = peak_while(
                lambda: ledger.write_ledger(cases, str(Path(tmp) / "a.xlsx"), title=ledger.ledger_title(len(ids)), total=len(ids)))
        # The floor: the same rows, already in memory, written by xlsxwriter directly (constant memory).
        today = timezone.localdate()
        data = [[c.value(case, today) for c in ledger.COLUMNS] for case in ledger.ledger_queryset(cases).iterator(chunk_size=2000)]

        def direct():
            book = xlsxwriter.Workbook(str(Path(tmp) / "b.xlsx"), {"constant_memory": True, "remove_timezone": True})
            sheet = book.add_worksheet()
            cell = book.add_format({"border": 1, "valign": "top"})
            day = book.add_format({"border": 1, "num_format": "yyyy-mm-dd"})
            sheet.write_row(0, 0, ledger.headers(), cell)
            for r, values in enumerate(data, start=1):
                for i, v in enumerate(values):
                    if v is None or v == "":
                        sheet.write_blank(r, i, None, cell)
                    elif isinstance(v, datetime.date):
                        sheet.write_datetime(r, i, datetime.datetime.combine(v, datetime.time()), day)
                    elif isinstance(v, (int, float)):
                        sheet.write_number(r, i, v, cell)
                    else:
                        sheet.write_string(r, i, str(v), cell)
            book.close()

        _, floor_ms, floor_peak = peak_while(direct)
    rows.append(Row(f"ledger export, {written:,} rows (.xlsx)", ms, floor_ms, len(captured),
                    f"peak +{peak / 1e6:,.0f} MB RSS (xlsxwriter alone +{floor_peak / 1e6:,.0f} MB)", floor_label="xlsxwriter"))
    print("  " + " | ".join(rows[-1].cells()), flush=True)


def bench_scan(args, rows: list[Row]) -> None:
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from cases.models import Case

    open_cases = Case.objects.exclude(status__in=["closed", "voided"]).count()
    connection.queries_log.clear()  # a full log (DEBUG) would make every count 0
    with CaptureQueriesContext(connection) as captured:
        started = time.perf_counter()
        call_command("scan_deadlines", stdout=open(os.devnull, "w"))  # noqa: SIM115
        ms = (time.perf_counter() - started) * 1000
    rows.append(Row(f"scan_deadlines ({Case.objects.count():,} cases, {open_cases:,} open)", ms, None, len(captured), "one run"))
    print("  " + " | ".join(rows[-1].cells()), flush=True)


def bench_calendar(args, rows: list[Row]) -> None:
    calls, sample = (100_000, 3_000) if args.quick else (1_000_000, 30_000)
    out = subprocess.run([sys.executable, str(HERE / "calendar_bench.py"), "--calls", str(calls), "--sample", str(sample)],
                         capture_output=True, text=True, cwd=ROOT)
    per = {}
    for line in out.stdout.splitlines():
        if line.startswith("add_workdays"):
            per["index"] = float(line.split("=")[-1].split()[0]) / 1000
        elif line.startswith("chinese_calendar loop"):
            per["loop"] = float(line.split("=")[-1].split()[0]) / 1000
    if out.returncode or len(per) < 2:
        rows.append(Row("calendar: add_workdays vs loop", note=f"failed: {out.stderr[-200:]!r}"))
        return
    row = Row(f"calendar: add_workdays vs a plain loop ({calls:,} calls; loop on {sample:,})", note=(
        f"{per['index'] * 1000:.2f} µs vs {per['loop'] * 1000:,.0f} µs per call: {per['loop'] / per['index']:,.0f}× faster (goal 300×)"))
    rows.append(row)


# --- the live event ------------------------------------------------------------------------------------

def bench_live(args, rows: list[Row], the, url: str) -> None:
    import socket

    from intake.models import Registration

    user = the["users"]["joint office"]
    if user is None or the["workday"] is None:
        rows.append(Row("live event", note="no generated joint office account or Work Day"))
        return
    password = "bench-" + uuid.uuid4().hex
    user.set_password(password)
    user.save(update_fields=["password"])
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    workers = 1 if args.db == "sqlite" else 2
    env = dict(os.environ, DATABASE_URL=url)
    server = subprocess.Popen(
        [str(Path(sys.executable).parent / "gunicorn"), "xinfang.wsgi", "-w", str(workers), "-b", f"127.0.0.1:{port}",
         "--log-level", "warning"], cwd=ROOT, env=env)
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.2)
        with tempfile.TemporaryDirectory() as tmp:
            acks, prefix = Path(tmp) / "acks.txt", Path(tmp) / "locust"
            env.update(BENCH_USERNAME=user.username, BENCH_PASSWORD=password, BENCH_WORKDAY=str(the["workday"]),
                       BENCH_CATEGORY=str(the["category"]), BENCH_TERRITORY=str(the["town"].pk), BENCH_ACKS=str(acks))
            # The clerks sign in before the event (POST /api/v1/auth/token, as the locustfile would do
            # itself without BENCH_TOKENS): the slow password hash is not part of the registrations' minute.
            from django.test import Client

            signer = Client(HTTP_HOST="127.0.0.1")
            tokens = [signer.post("/api/v1/auth/token", {"username": user.username, "password": password, "name": "bench"},
                                  content_type="application/json").json()["token"] for _ in range(args.users)]
            env["BENCH_TOKENS"] = ",".join(tokens)
            before = Registration.objects.filter(workday_id=the["workday"]).count()
            subprocess.run(
                [str(Path(sys.executable).parent / "locust"), "-f", str(HERE / "locustfile.py"), "--headless",
                 "-u", str(args.users), "-r", str(args.users), "-t", f"{args.live_seconds}s", "--host", f"http://127.0.0.1:{port}",
                 "--csv", str(prefix), "--only-summary", "--loglevel", "WARNING"],
                cwd=HERE, env=env, check=False, capture_output=True, text=True)
            with open(f"{prefix}_stats.csv") as f:
                stats = {r["Name"]: r for r in csv.DictReader(f)}
            refs = acks.read_text().split() if acks.exists() else []
    finally:
        server.terminate()
        server.wait(timeout=30)
    post = stats.get("POST registration") or {"50%": "0", "95%": "—", "Requests/s": "0", "Request Count": "0",
                                              "Failure Count": str(stats.get("Aggregated", {}).get("Failure Count", "?"))}
    stored = Registration.objects.filter(client_ref__in=refs)
    per_ref = {}
    for ref in stored.values_list("client_ref", flat=True):
        per_ref[str(ref)] = per_ref.get(str(ref), 0) + 1
    missing = sum(1 for r in refs if r not in per_ref)
    duplicated = sum(1 for n in per_ref.values() if n > 1)
    added = Registration.objects.filter(workday_id=the["workday"]).count() - before
    where = f"{args.db}, {workers} gunicorn worker{'s' if workers > 1 else ''}"
    rows.append(Row(
        f"live event: {args.users} clients × {args.live_seconds} s, one Work Day ({where})",
        float(post["50%"]), None, "",
        f"p95 {post['95%']} ms; {float(post['Requests/s']):.1f} registrations/s; {post['Request Count']} requests, "
        f"{post['Failure Count']} errors; acknowledged {len(refs)}, stored once {len(refs) - missing - duplicated}, "
        f"missing {missing}, duplicated {duplicated}; rows added to the day {added}",
    ))
    print("  " + " | ".join(rows[-1].cells()), flush=True)


def machine() -> str:
    load = os.getloadavg()
    with open("/proc/meminfo") as f:
        mem = int(f.readline().split()[1]) / 1024 / 1024
    return f"{os.cpu_count()} CPUs, {mem:.0f} GB RAM, load average {load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f}"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", choices=("sqlite", "postgres"), default="sqlite")
    parser.add_argument("--cases", type=int, default=None, help="100000 on sqlite, 1000000 on postgres")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--busiest-day", type=int, default=2000)
    parser.add_argument("--sqlite-path", default=None, help="the SQLite file (default var/bench_s<seed>_c<cases>.sqlite3)")
    parser.add_argument("--quick", action="store_true", help="3 runs a page, 5,000 export rows, a 20 s event")
    parser.add_argument("--runs", type=int, default=None, help="runs per page (median; default 15, quick 3)")
    parser.add_argument("--only", default=",".join(PARTS), help=f"comma-separated parts: {','.join(PARTS)}")
    parser.add_argument("--export-rows", type=int, default=None)
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--live-seconds", type=int, default=None)
    parser.add_argument("--out", default=None, help="also write the table (Markdown) to this file")
    args = parser.parse_args(argv)
    args.cases = args.cases or (100_000 if args.db == "sqlite" else 1_000_000)
    args.runs = args.runs or (3 if args.quick else 15)
    args.export_rows = args.export_rows or (5_000 if args.quick else 100_000)
    args.live_seconds = args.live_seconds or (20 if args.quick else 60)
    only = [p.strip() for p in args.only.split(",") if p.strip()]
    unknown = set(only) - set(PARTS)
    if unknown:
        parser.error(f"unknown parts: {', '.join(sorted(unknown))}")

    url = prepare_database(args)
    import django

    django.setup()
    from cases.models import Case

    the = pick(args)
    rows: list[Row] = []
    started = time.perf_counter()
    for part in PARTS:  # the scan first: reminders and home show its latest run
        if part not in only:
            continue
        print(f"== {part}", flush=True)
        if part == "pages":
            bench_pages(args, rows, the)
        elif part == "export":
            bench_export(args, rows)
        elif part == "scan":
            bench_scan(args, rows)
        elif part == "calendar":
            bench_calendar(args, rows)
        elif part == "live":
            bench_live(args, rows, the, url)
    header = (
        f"Benchmark ({time.strftime('%Y-%m-%d %H:%M')}): {args.db}, {Case.objects.count():,} cases (seed {args.seed}), "
        f"{args.runs} runs a page (median), DEBUG={os.environ.get('DEBUG')}; machine: {machine()}; "
        f"suite took {time.perf_counter() - started:,.0f} s"
    )
    text = print_table(rows, header)
    if args.out:
        Path(args.out).write_text(text + "\n", encoding="utf-8")
    return 0 if all(r.ms is not None or "failed" not in r.note for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
