"""The index answers without the database, and notices a change made by another process."""

import datetime as dt

import pytest
from django.db import connection

from workcal import calendar
from workcal.calendar import CHECK_INTERVAL, add_workdays, refresh

pytestmark = pytest.mark.django_db

D = dt.date


class Clock:
    def __init__(self, start: float):
        self.now = start

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch):
    clock = Clock(1000.0)
    monkeypatch.setattr(calendar, "_monotonic", clock)
    return clock


def change_behind_the_index(token: str = "another-process") -> None:
    """What another app server does: it commits a day off and a new token (here, raw SQL, so this
    process's services cannot tell its index)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO workcal_calendarday (date, is_workday, note, source, updated_at) VALUES (%s, %s, %s, %s, %s)",
            [D(2026, 11, 25), False, "", "manual", dt.datetime(2026, 11, 1, tzinfo=dt.UTC)],
        )
        cursor.execute("UPDATE workcal_calendarversion SET token = %s", [token])


def test_calls_within_the_check_interval_do_not_touch_the_database(seeded, django_assert_num_queries):
    add_workdays(D(2026, 1, 5), 1)
    with django_assert_num_queries(0):
        for _ in range(1000):
            add_workdays(D(2026, 11, 23), 7)


def test_a_change_by_another_process_is_seen_after_the_check_interval(seeded, clock):
    assert add_workdays(D(2026, 11, 23), 7).date == D(2026, 12, 2)
    change_behind_the_index()
    assert add_workdays(D(2026, 11, 23), 7).date == D(2026, 12, 2)  # within the interval: the old answer
    clock.now += CHECK_INTERVAL
    assert add_workdays(D(2026, 11, 23), 7).date == D(2026, 12, 3)


def test_refresh_looks_at_once(seeded, clock):
    add_workdays(D(2026, 11, 23), 7)
    change_behind_the_index()
    refresh()
    assert add_workdays(D(2026, 11, 23), 7).date == D(2026, 12, 3)


def test_an_unchanged_token_keeps_the_index(seeded, clock, django_assert_num_queries):
    add_workdays(D(2026, 11, 23), 7)
    index = calendar.current_index()
    clock.now += CHECK_INTERVAL
    with django_assert_num_queries(1):  # the token only
        add_workdays(D(2026, 11, 23), 7)
    assert calendar.current_index() is index
