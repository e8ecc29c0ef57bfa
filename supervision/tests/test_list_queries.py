"""The signals (page and API) and the compliance grid run a fixed number of queries whatever the
number of cases behind them (issue 13)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cases.models import Assignment, Case, Reply, Revisit
from intake.models import Registration
from supervision.metrics import signals_for_period

pytestmark = pytest.mark.django_db

PAGES = (
    "/supervision/signals/?period=2026Q4",
    "/api/v1/supervision?period=2026Q4",
    "/supervision/compliance/?year=2026",
    "/api/v1/compliance?year=2026",
)


def clone(case: Case) -> Case:
    """Another case with the same replies, assignments and revisits (the same signals again)."""
    registration = Registration.objects.get(pk=case.registration_id)
    registration.pk, registration.client_ref = None, None
    registration.save()
    copy = Case.objects.get(pk=case.pk)
    copy.pk, copy.registration_id = None, registration.pk
    copy.save()
    for model in (Reply, Assignment, Revisit):
        for row in model.objects.filter(case=case):
            row.pk, row.case_id = None, copy.pk
            row.save()
    return copy


def queries_of(client, url) -> int:
    client.get(url)  # the calendar's cache filled the same way for every page
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len([q for q in queries.captured_queries if "workcal_calendarversion" not in q["sql"]])


def test_signals_and_compliance_take_the_same_queries_for_four_cases_and_for_twenty(client, story, held_in_q4, supervisor):
    client.force_login(supervisor)
    before = {url: queries_of(client, url) for url in PAGES}
    signals = signals_for_period("2026Q4")
    for _ in range(4):
        for case in story.values():
            clone(case)
    assert Case.objects.count() == 20
    after = signals_for_period("2026Q4")
    # the copies count: every signal of the story is there five times now
    for unit_id, s in signals.items():
        for name in ("cases", "overdue", "returns", "contradicted", "unsatisfied", "poor_quality"):
            assert after[unit_id].count(name) == 5 * s.count(name)
    assert any(s.count("contradicted") for s in after.values())
    assert {url: queries_of(client, url) for url in PAGES} == before


def test_a_voided_case_leaves_the_signals(story, supervisor):
    from cases import handling

    poor = story["poor"]
    labour_id = poor.lead_unit_id
    assert signals_for_period("2026Q4")[labour_id].count("poor_quality") == 1
    poor.refresh_from_db()
    handling.case_void(case=poor, actor=supervisor, version=poor.version, reason="重复录入")
    assert signals_for_period("2026Q4")[labour_id].count("poor_quality") == 0


def test_the_period_ends_at_midnight_beijing_time(story, clock, supervisor):
    """A reply at 23:59 on 31 December (Beijing) is in Q4; the instant after midnight is not."""
    late = story["late"]
    reply = Reply.objects.filter(case=late).latest("replied_at")
    unit_id = reply.unit_id
    base = signals_for_period("2026Q4")[unit_id].count("overdue")
    import datetime

    from django.utils import timezone

    Reply.objects.filter(pk=reply.pk).update(replied_at=timezone.make_aware(datetime.datetime(2026, 12, 31, 23, 59, 59)))
    assert signals_for_period("2026Q4")[unit_id].count("overdue") == base
    Reply.objects.filter(pk=reply.pk).update(replied_at=timezone.make_aware(datetime.datetime(2027, 1, 1, 0, 0, 0)))
    assert signals_for_period("2026Q4")[unit_id].count("overdue") == base - 1
