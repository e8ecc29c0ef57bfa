"""add_workdays, workdays_between, is_workday: the examples, the edges and bad input."""

import datetime as dt

import pytest

from workcal.calendar import CalendarInputError, add_workdays, is_workday, workdays_between

pytestmark = pytest.mark.django_db

D = dt.date


def test_add_does_not_count_the_start_day(seeded):
    result = add_workdays(D(2026, 11, 23), 7)
    assert result.date == D(2026, 12, 2)
    assert result.provisional is False


def test_add_skips_holidays_and_counts_make_up_weekends(seeded):
    # National Day 2026: 10-01..10-07 off, Saturday 10-10 is a make-up working day.
    assert add_workdays(D(2026, 9, 30), 1).date == D(2026, 10, 8)
    assert add_workdays(D(2026, 10, 9), 1).date == D(2026, 10, 10)


def test_add_zero_days_is_the_start_day(seeded):
    assert add_workdays(D(2026, 10, 3), 0).date == D(2026, 10, 3)


def test_add_from_a_day_off_counts_from_the_next_working_day(seeded):
    assert add_workdays(D(2026, 10, 1), 1).date == D(2026, 10, 8)


def test_between_counts_both_ends(seeded):
    result = workdays_between(D(2026, 1, 1), D(2026, 12, 31))
    assert (result.count, result.provisional) == (248, False)
    assert workdays_between(D(2026, 11, 23), D(2026, 11, 23)).count == 1
    assert workdays_between(D(2026, 10, 1), D(2026, 10, 7)).count == 0


def test_is_workday_names_the_holiday(seeded):
    day = is_workday(D(2026, 2, 17))
    assert (day.is_workday, day.provisional, day.note) == (False, False, "春节")
    assert is_workday(D(2026, 2, 14)).is_workday is True  # a Saturday at work


def test_a_deadline_crossing_into_an_unconfirmed_year_is_provisional(seeded):
    result = add_workdays(D(2026, 12, 28), 7)
    assert result.provisional is True
    assert result.date == D(2027, 1, 7)  # 2027-01-01 is estimated as New Year's Day
    assert workdays_between(D(2026, 12, 1), D(2027, 1, 5)).provisional is True
    assert add_workdays(D(2026, 12, 28), 3).provisional is False


def test_an_unconfirmed_year_is_estimated_from_the_statutory_holidays(seeded):
    status = is_workday(D(2027, 10, 1))
    assert (status.is_workday, status.provisional, status.note) == (False, True, "国庆节")
    assert is_workday(D(2027, 9, 25)).is_workday is False  # no make-up Saturdays in an estimate


def test_without_any_stored_year_everything_is_provisional(empty_calendar):
    assert add_workdays(D(2026, 11, 23), 7).provisional is True


@pytest.mark.parametrize(
    "day, n, field",
    [
        (D(2026, 11, 23), -1, "days"),
        (D(2026, 11, 23), 1.5, "days"),
        (D(2026, 11, 23), True, "days"),
        (D(2026, 11, 23), "7", "days"),
        (D(1899, 12, 31), 1, "start"),
        (D(2101, 1, 1), 1, "start"),
        (D(2100, 12, 30), 5, "days"),
        ("2026-11-23", 7, "start"),
        (dt.datetime(2026, 11, 23, 9, 0), 7, "start"),
    ],
)
def test_add_refuses_bad_input(seeded, day, n, field):
    with pytest.raises(CalendarInputError) as caught:
        add_workdays(day, n)
    assert caught.value.field == field
    assert caught.value.message


def test_between_refuses_an_end_before_the_start(seeded):
    with pytest.raises(CalendarInputError) as caught:
        workdays_between(D(2026, 12, 31), D(2026, 1, 1))
    assert caught.value.field == "end"


def test_the_calendar_reaches_from_1900_to_2100(seeded):
    assert workdays_between(D(1900, 1, 1), D(1900, 1, 7)).count == 5  # 1900-01-01 was a Monday
    assert add_workdays(D(2100, 12, 30), 1).date == D(2100, 12, 31)
    with pytest.raises(CalendarInputError):
        is_workday(D(1899, 12, 31))
