"""Properties of the arithmetic, and agreement with chinesecalendar on every day it covers."""

import datetime as dt

import chinese_calendar
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workcal.calendar import add_workdays, is_workday, workdays_between

pytestmark = pytest.mark.django_db

# The examples share the test's seeded database; they only read it.
examples = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
starts = st.dates(min_value=dt.date(2004, 1, 1), max_value=dt.date(2026, 11, 30))
counts = st.integers(min_value=1, max_value=30)


@examples
@given(start=starts, n=counts)
def test_the_result_is_a_working_day(seeded, start, n):
    assert is_workday(add_workdays(start, n).date).is_workday


@examples
@given(start=starts, n=counts)
def test_exactly_n_working_days_lie_after_the_start_up_to_the_result(seeded, start, n):
    result = add_workdays(start, n).date
    assert result > start
    assert workdays_between(start + dt.timedelta(days=1), result).count == n


@examples
@given(start=starts, later_by=st.integers(min_value=0, max_value=60), n=counts)
def test_a_later_start_never_gives_an_earlier_result(seeded, start, later_by, n):
    later = start + dt.timedelta(days=later_by)
    assert add_workdays(later, n).date >= add_workdays(start, n).date


@examples
@given(start=st.dates(min_value=dt.date(2004, 1, 1), max_value=dt.date(2026, 11, 18)), n=counts)
def test_it_agrees_with_a_day_by_day_loop_over_chinesecalendar(seeded, start, n):
    # Starts up to 2026-11-18: 30 working days later is still in 2026, which chinesecalendar knows.
    day, left = start, n
    while left:
        day += dt.timedelta(days=1)
        left -= chinese_calendar.is_workday(day)
    result = add_workdays(start, n)
    assert result == (day, False)


def test_every_day_from_2004_to_2026_agrees_with_chinesecalendar(seeded):
    day, last = dt.date(2004, 1, 1), dt.date(2026, 12, 31)
    while day <= last:
        status = is_workday(day)
        assert status.is_workday == chinese_calendar.is_workday(day), day
        assert status.provisional is False
        day += dt.timedelta(days=1)
    assert workdays_between(dt.date(2004, 1, 1), last).count == len(
        chinese_calendar.get_workdays(dt.date(2004, 1, 1), last)
    )
