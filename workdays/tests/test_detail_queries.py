"""The day's page costs the same number of queries whatever the number of its registrations and the
length of its history: it lists them a page at a time (50 registrations, the latest 50 changes),
and every registration stays reachable through the pages."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from workdays.tests.bulk import add_events, add_registrations

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("steady_calendar")]


@pytest.fixture
def day(clock, town_clerk, plan_workday):
    clock.set("2026-11-20 10:00")
    return plan_workday(town_clerk, "2026-11-20")


@pytest.fixture
def clerk_client(client, day, town_clerk):
    client.force_login(town_clerk)
    client.get(f"/workdays/{day.pk}/")  # the working-day calendar is read once per process
    return client


def queries_of(client, url: str) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured), response.content.decode()


def listed(page: str) -> list[str]:
    """The contents of the registrations listed in the table, in order."""
    table = page.split('data-testid="registrations"', 1)[1].split("</table>", 1)[0]
    return re.findall(r"事项 (\d{4})", table)


def test_it_costs_the_same_queries_for_a_day_of_10_and_of_500_registrations(clerk_client, town_clerk, day):
    # Without their history events: the history's own test varies its length.
    add_registrations(day, town_clerk, 10, history=False)
    small, page = queries_of(clerk_client, f"/workdays/{day.pk}/")
    assert len(listed(page)) == 10 and "共登记10件事项" in page
    add_registrations(day, town_clerk, 490, start=10, history=False)
    large, page = queries_of(clerk_client, f"/workdays/{day.pk}/")
    assert len(listed(page)) == 50
    assert "共登记500件事项" in page and "其中集体访50批次" in page  # the totals count every registration
    assert small == large


def test_it_costs_the_same_queries_for_the_first_and_the_second_page(clerk_client, town_clerk, day):
    add_registrations(day, town_clerk, 120, history=False)
    first, _page = queries_of(clerk_client, f"/workdays/{day.pk}/")
    second, _page = queries_of(clerk_client, f"/workdays/{day.pk}/?page=2")
    assert first == second


def test_it_shows_the_51st_registration_first_on_page_2_and_every_one_on_some_page(clerk_client, town_clerk, day):
    add_registrations(day, town_clerk, 120)
    _n, page = queries_of(clerk_client, f"/workdays/{day.pk}/?page=2")
    assert listed(page)[0] == "0050" and listed(page)[-1] == "0099"
    assert ">51</a>" in page  # numbered across the pages
    assert 'href="?page=3#registrations"' in page and 'href="?page=1#registrations"' in page
    seen = []
    for number in (1, 2, 3):
        seen += listed(queries_of(clerk_client, f"/workdays/{day.pk}/?page={number}")[1])
    assert seen == [f"{i:04d}" for i in range(120)]


def test_it_finds_a_registration_by_content_or_petitioner_name(clerk_client, town_clerk, day):
    add_registrations(day, town_clerk, 120)
    _n, page = queries_of(clerk_client, f"/workdays/{day.pk}/?q=事项 0117")
    assert listed(page) == ["0117"]
    _n, page = queries_of(clerk_client, f"/workdays/{day.pk}/?q=群众0042")
    assert listed(page) == ["0042"]
    _n, page = queries_of(clerk_client, f"/workdays/{day.pk}/?q=没有这件事")
    assert "没有符合搜索条件的登记" in page and 'data-testid="registrations"' not in page
    assert "共登记120件事项" in page  # the day's totals do not follow the search


def test_it_keeps_the_page_of_registrations_when_paging_the_history(clerk_client, town_clerk, day):
    add_registrations(day, town_clerk, 120)
    _n, page = queries_of(clerk_client, f"/workdays/{day.pk}/?page=2")
    assert 'href="?page=2&amp;history=2#timeline-title"' in page


def test_it_shows_the_latest_50_changes_and_pages_back_to_the_first(clerk_client, town_clerk, day):
    add_events(day, town_clerk, [{"note": [None, f"变更 {i:03d}"]} for i in range(120)])
    _n, page = queries_of(clerk_client, f"/workdays/{day.pk}/")
    history = page.split('id="timeline-title"', 1)[1]
    shown = re.findall(r"变更 (\d{3})", history)
    assert shown == [f"{i:03d}" for i in range(70, 120)]  # the latest 50, oldest first
    last, page = queries_of(clerk_client, f"/workdays/{day.pk}/?history=3")
    history = page.split('id="timeline-title"', 1)[1]
    assert "已计划" in page and re.findall(r"变更 (\d{3})", history)[0] == "000"


def test_it_costs_the_same_queries_for_a_short_and_a_long_history(clerk_client, town_clerk, day):
    # The objects a page of events names cost one query per model (here a unit and a user, as in
    # the plan's own event), however many events name them.
    unit = day.host_unit
    change = {"host_unit": [unit.pk, unit.pk], "created_by": [None, town_clerk.pk]}
    add_events(day, town_clerk, [change] * 5)
    short, _page = queries_of(clerk_client, f"/workdays/{day.pk}/")
    add_events(day, town_clerk, [change] * 200)
    long, page = queries_of(clerk_client, f"/workdays/{day.pk}/")
    assert f"{unit.name} → {unit.name}" in page  # a foreign key is still shown by the object's name
    assert short == long


def test_it_names_the_first_20_open_cases_and_links_the_ledger_for_all(clerk_client, town_clerk, day):
    registrations = add_registrations(day, town_clerk, 30, history=False)
    _n, page = queries_of(clerk_client, f"/workdays/{day.pk}/")
    section = page.split('data-testid="open-cases"', 1)[1].split("</div>", 1)[0]
    assert "本日还有30件事项未办结" in section or "30" in section
    assert len(re.findall(r'href="/cases/\d+/"', section)) == 20
    assert f'href="/cases/{registrations[0].case.pk}/"' in section
    assert f'href="/cases/?workday={day.pk}"' in section
