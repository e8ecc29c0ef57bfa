"""Print the PostgreSQL plans of the queries a page runs (docs/performance.md, "Plans").

    DATABASE_URL=postgres://... DEBUG=1 .venv/bin/python manage.py shell < docs/performance/explain_pages.py

It signs in as the demo users, requests each page with the test client, and runs EXPLAIN (ANALYZE,
BUFFERS) on every query the page ran that reads the cases or their replies, revisits and
assignments. The output is one block per page: its query count and, per query, the plan's top lines
and its execution time. Run it on a copy: it only reads, but EXPLAIN ANALYZE executes each query.
"""

import os
import re

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from accounts.models import User

PAGES = [
    ("lianxiban", "/cases/"),
    ("lianxiban", "/cases/?page=2000"),
    ("lianxiban", "/cases/?status=closed&unit=36"),
    ("lianxiban", "/cases/?unit=36&overdue=1&category=1"),
    ("bachuan", "/cases/"),
    ("bachuan", "/cases/?page=200"),
    ("lianxiban", "/api/v1/cases?page=1&page_size=25"),
    ("bachuan", "/api/v1/cases?page=1&page_size=50"),
    ("lianxiban", "/supervision/signals/?period=2025Q2"),
]
PAGES = [p for p in PAGES if not os.environ.get("ONLY") or re.search(os.environ["ONLY"], p[1])]
TABLES = re.compile(r'"(cases_case|cases_reply|cases_revisit|cases_assignment|cases_case_assisting_units)"')
LINES = int(os.environ.get("LINES", "14"))

client = Client(HTTP_HOST="localhost")
for username, url in PAGES:
    client.force_login(User.objects.get(username=username))
    client.get(url)  # warm the cache the same way for every page
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    print(f"\n=== {username} {url} -> {response.status_code}, {len(queries)} queries")
    for q in queries.captured_queries:
        sql = q["sql"]
        if not sql.lstrip().upper().startswith("SELECT") or not TABLES.search(sql):
            continue
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS, TIMING OFF, SUMMARY ON) " + sql)
            plan = [row[0] for row in cursor.fetchall()]
        print("--- " + (sql if len(sql) < 400 else sql[:400] + " …"))
        body = [line for line in plan if not line.startswith(("Planning", "Execution"))]
        for line in body[:LINES]:
            print("    " + line)
        if len(body) > LINES:
            print(f"    … ({len(body) - LINES} more lines)")
        print("    " + next(line for line in plan if line.startswith("Execution")))
