"""The date windows on both sides (R4, R6)."""

import datetime as dt

import pytest

from workdays.rules import deadlines_for, notice_on_time, report_on_time, results_on_time, screening_on_time

pytestmark = pytest.mark.usefixtures("reference")

DAY = dt.date(2026, 12, 10)


def at(value: str):
    import zoneinfo

    return dt.datetime.fromisoformat(value).replace(tzinfo=zoneinfo.ZoneInfo("Asia/Shanghai"))


@pytest.mark.parametrize(
    "published, on_time",
    [("2026-12-02 23:59", False), ("2026-12-03 00:01", True), ("2026-12-05 18:00", True), ("2026-12-06 08:00", False)],
)
def test_the_notice_window_is_day_minus_7_to_day_minus_5(published, on_time):
    assert notice_on_time(DAY, at(published)) is on_time


def test_screening_must_be_at_least_seven_days_before():
    assert screening_on_time(DAY, at("2026-12-03 17:00"))
    assert not screening_on_time(DAY, at("2026-12-04 09:00"))


def test_the_report_is_due_two_working_days_after_across_national_day():
    # 2026-09-30 is a Wednesday; 1–7 October are off, the 8th and 9th are the first two working days
    # and Saturday the 10th is a make-up working day (the third).
    day = dt.date(2026, 9, 30)
    assert deadlines_for(day).report_due == dt.date(2026, 10, 9)
    assert report_on_time(day, at("2026-10-09 17:30"))
    assert not report_on_time(day, at("2026-10-10 09:00"))


def test_the_report_on_an_ordinary_week():
    day = dt.date(2026, 11, 26)  # Thursday: Friday 27th and Monday 30th
    assert deadlines_for(day).report_due == dt.date(2026, 11, 30)
    assert report_on_time(day, at("2026-11-30 16:00"))
    assert not report_on_time(day, at("2026-12-01 09:00"))


def test_results_are_due_thirty_calendar_days_after():
    assert deadlines_for(DAY).publication_due == dt.date(2027, 1, 9)
    assert results_on_time(DAY, at("2027-01-09 20:00"))
    assert not results_on_time(DAY, at("2027-01-10 08:00"))


def test_nothing_published_is_neither_on_time_nor_late():
    assert notice_on_time(DAY, None) is None and report_on_time(DAY, None) is None
