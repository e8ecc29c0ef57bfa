"""The reminders page and the home page stay the same size in queries however many reminders the
latest scan wrote: the page lists 50 at a time, narrowed by unit and kind, and both count in the
database. The scan prunes the reminders of scans older than a week."""

import datetime
import re

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cases.models import Case, DeadlineScan, Reminder
from cases.reminders import REMINDERS_KEPT_DAYS, scan_deadlines
from units.models import Unit
from workdays.tests.bulk import add_registrations

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("steady_calendar")]

KINDS = [Reminder.Kind.OVERDUE, Reminder.Kind.DUE_SOON, Reminder.Kind.FEEDBACK_OVERDUE]


@pytest.fixture
def day(clock, town_clerk, plan_workday):
    clock.set("2026-11-20 10:00")
    return plan_workday(town_clerk, "2026-11-20")


def add_reminders(scan, cases, n: int, *, start: int = 0) -> None:
    """Reminders of `scan` for the first `n` of `cases` (from `start`): their host unit, three kinds in
    turn, due on consecutive days in the order of the cases."""
    first = datetime.date(2026, 11, 1)
    Reminder.objects.bulk_create(
        Reminder(scan=scan, unit_id=case.host_unit_id, case=case, kind=KINDS[i % 3], due_date=first + datetime.timedelta(days=i))
        for i, case in enumerate(cases[start : start + n], start=start)
    )


@pytest.fixture
def cases(day, town_clerk):
    add_registrations(day, town_clerk, 300, history=False)
    return list(Case.objects.order_by("id"))


@pytest.fixture
def scan():
    return DeadlineScan.objects.create(ran_at=timezone.now(), for_date=timezone.localdate())


def queries_of(client, url: str) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured), response.content.decode()


def listed(page: str) -> list[str]:
    table = page.split('data-testid="reminders"', 1)[1].split("</table>", 1)[0]
    return re.findall(r'href="/cases/(\d+)/"', table)


@pytest.mark.parametrize("who", ["supervisor", "town_clerk"])
def test_the_reminders_page_costs_the_same_queries_for_3_and_for_300_reminders(client, cases, scan, who, request):
    client.force_login(request.getfixturevalue(who))
    add_reminders(scan, cases, 3)
    client.get("/reminders/")
    few, page = queries_of(client, "/reminders/")
    assert len(listed(page)) == 3
    add_reminders(scan, cases, 297, start=3)
    many, page = queries_of(client, "/reminders/")
    assert len(listed(page)) == 50 and "第51" not in page
    assert "（100）" in page  # each kind counted over all 300
    assert few == many


@pytest.mark.parametrize("who", ["supervisor", "town_clerk"])
def test_the_home_page_costs_the_same_queries_for_3_and_for_300_reminders(client, cases, scan, who, request):
    client.force_login(request.getfixturevalue(who))
    add_reminders(scan, cases, 3)
    client.get("/")
    few, page = queries_of(client, "/")
    assert "1件已超过答复期限" in page or "1" in page
    add_reminders(scan, cases, 297, start=3)
    with CaptureQueriesContext(connection) as captured:
        page = client.get("/").content.decode()
    assert "100" in page
    assert few == len(captured)
    # Counted in the database, not by reading the reminders one by one.
    read = [q["sql"] for q in captured if 'FROM "cases_reminder"' in q["sql"]]
    assert read and all("COUNT(" in sql and "GROUP BY" in sql for sql in read)


def test_every_reminder_is_on_some_page_in_due_order(client, supervisor, cases, scan):
    add_reminders(scan, cases, 120)
    client.force_login(supervisor)
    _n, page = queries_of(client, "/reminders/?page=2")
    assert listed(page)[0] == str(cases[50].pk)  # the 51st reminder opens page 2
    assert 'href="?page=3"' in page and 'href="?page=1"' in page
    seen = []
    for number in (1, 2, 3):
        seen += listed(queries_of(client, f"/reminders/?page={number}")[1])
    assert seen == [str(case.pk) for case in cases[:120]]


def test_it_narrows_the_reminders_by_kind_and_keeps_the_filter_when_paging(client, supervisor, cases, scan):
    add_reminders(scan, cases, 300)
    client.force_login(supervisor)
    _n, page = queries_of(client, "/reminders/?kind=overdue")
    assert listed(page) == [str(case.pk) for case in cases[0:150:3]]
    assert 'href="?kind=overdue&amp;page=2"' in page
    _n, page = queries_of(client, "/reminders/?kind=overdue&page=2")
    assert listed(page) == [str(case.pk) for case in cases[150:300:3]]
    _n, page = queries_of(client, "/reminders/?kind=nonsense")
    assert len(listed(page)) == 50  # an unknown kind narrows nothing


def test_it_narrows_by_unit_for_the_joint_office_only_to_units_with_reminders(client, supervisor, cases, scan):
    other = Unit.objects.get(name="土桥镇")
    add_reminders(scan, cases, 10)
    Reminder.objects.filter(case__in=cases[:4]).update(unit=other)
    client.force_login(supervisor)
    _n, page = queries_of(client, f"/reminders/?unit={other.pk}")
    assert listed(page) == [str(case.pk) for case in cases[:4]]
    _n, page = queries_of(client, f"/reminders/?unit={cases[0].host_unit_id}")
    assert listed(page) == [str(case.pk) for case in cases[4:10]]


def test_a_clerk_sees_only_the_reminders_of_their_units(client, town_clerk, other_town_clerk, cases, scan):
    add_reminders(scan, cases, 10)
    client.force_login(other_town_clerk)
    _n, page = queries_of(client, "/reminders/")
    assert 'data-testid="reminders"' not in page, page[page.find('data-testid="reminders"') - 300 :][:600]
    assert "本单位暂无到期事项" in page
    _n, page = queries_of(client, f"/reminders/?unit={cases[0].host_unit_id}")
    assert 'data-testid="reminders"' not in page  # another unit's filter shows nothing of it


def test_the_scan_prunes_the_reminders_of_scans_older_than_a_week(clock, cases, capsys):
    clock.set("2026-12-01 08:00")
    old = DeadlineScan.objects.create(ran_at=timezone.now(), for_date=datetime.date(2026, 11, 23))
    kept = DeadlineScan.objects.create(ran_at=timezone.now(), for_date=datetime.date(2026, 11, 24))
    add_reminders(old, cases, 30)
    add_reminders(kept, cases, 20)
    call_command("scan_deadlines")
    assert not Reminder.objects.filter(scan=old).exists()
    assert Reminder.objects.filter(scan=kept).count() == 20
    assert DeadlineScan.objects.filter(pk=old.pk).exists()  # the record that it ran stays
    assert "Pruned 30 reminders" in capsys.readouterr().out
    assert REMINDERS_KEPT_DAYS == 7


def test_the_latest_scans_reminders_are_never_pruned(clock, cases):
    clock.set("2026-12-01 08:00")
    latest = DeadlineScan.objects.create(ran_at=timezone.now() + datetime.timedelta(days=1), for_date=datetime.date(2026, 11, 1))
    add_reminders(latest, cases, 10)
    scan = scan_deadlines()
    assert scan.pruned == 0 or Reminder.objects.filter(scan=latest).count() == 10


def test_the_scan_reads_the_feedback_deadlines_through_the_partial_index(cases):
    from cases import deadlines

    today = datetime.date(2026, 12, 1)
    query = Case.objects.filter(deadlines.feedback_overdue_q(today) | deadlines.feedback_due_soon_q(today)).only("id")
    sql, params = query.query.sql_with_params()
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL enable_seqscan = off")  # a few hundred rows: make the planner show its choice
            cursor.execute(f"EXPLAIN {sql}", params)
        else:
            cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
        plan = " ".join(str(row) for row in cursor.fetchall())
    assert "case_owes_feedback_due_idx" in plan
