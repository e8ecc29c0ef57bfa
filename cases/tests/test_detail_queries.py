"""The case page costs the same number of queries whatever the length of its history: it shows the
latest 50 changes and pages back to the earlier ones."""

import re

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cases.models import CaseStatus
from history.models import Event
from workdays.tests.bulk import add_events

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("steady_calendar")]


def queries_of(client, url: str) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured), response.content.decode()


def history_of(case) -> list[Event]:
    return list(Event.objects.filter(content_type=ContentType.objects.get_for_model(case), object_id=case.pk))


def test_it_costs_the_same_queries_for_a_history_of_5_and_of_100_events(client, supervisor, case_factory):
    case = case_factory(CaseStatus.ASSIGNED)
    client.force_login(supervisor)
    client.get(f"/cases/{case.pk}/")
    # More events like the case's own (the same objects named by id, one query per model).
    own = [e.changes for e in history_of(case)]
    add_events(case, supervisor, (own * 5)[: 5 - len(own)])
    assert len(history_of(case)) == 5
    short, _page = queries_of(client, f"/cases/{case.pk}/")
    add_events(case, supervisor, (own * 100)[:95])
    assert len(history_of(case)) == 100
    long, page = queries_of(client, f"/cases/{case.pk}/")
    assert "区人力社保局" in page.split('id="timeline-title"', 1)[1]  # the lead unit named, not its id
    assert short == long


def test_it_pages_back_through_the_whole_history(client, supervisor, case_factory):
    case = case_factory(CaseStatus.AWAITING_ASSIGNMENT)
    client.force_login(supervisor)
    add_events(case, supervisor, [{"note": [None, f"变更 {i:03d}"]} for i in range(60)])
    _n, page = queries_of(client, f"/cases/{case.pk}/")
    history = page.split('id="timeline-title"', 1)[1]
    assert re.findall(r"变更 (\d{3})", history) == [f"{i:03d}" for i in range(10, 60)]
    assert 'href="?history=2#timeline-title"' in history
    _n, page = queries_of(client, f"/cases/{case.pk}/?history=2")
    history = page.split('id="timeline-title"', 1)[1]
    assert re.findall(r"变更 (\d{3})", history) == [f"{i:03d}" for i in range(10)]
    assert "创建" in history or "登记" in history  # the case's first event is on the last page
