"""The calendar's writes: seeding, importing a notice, editing a day, confirming a year."""

import datetime as dt

import pytest
from django.utils import translation

from history.models import Event
from history.selectors import timeline_for
from workcal.calendar import CalendarInputError, add_workdays, is_workday, workdays_between
from workcal.models import CalendarDay, CalendarVersion, CalendarYear, Source, YearStatus
from workcal.notice import NoticeError
from workcal.services import confirm_year, import_notice, seed_from_package, set_day

pytestmark = pytest.mark.django_db

D = dt.date


def test_seeding_stores_2004_to_2026_as_confirmed(empty_calendar):
    assert seed_from_package() == 23
    years = CalendarYear.objects.order_by("year")
    assert [y.year for y in years] == list(range(2004, 2027))
    assert {(y.status, y.source) for y in years} == {(YearStatus.CONFIRMED, Source.PACKAGE)}
    assert CalendarDay.objects.get(date=D(2026, 2, 14)).is_workday is True
    assert CalendarDay.objects.get(date=D(2026, 2, 17)).note == "春节"
    assert workdays_between(D(2026, 1, 1), D(2026, 12, 31)).count == 248


def test_seeding_again_changes_nothing(seeded):
    rows, events = CalendarDay.objects.count(), Event.objects.count()
    assert seed_from_package() == 0
    assert (CalendarDay.objects.count(), Event.objects.count()) == (rows, events)


def test_seeding_leaves_an_imported_year_alone(empty_calendar, notice_text):
    import_notice(text=notice_text(2026), actor=None)
    seed_from_package()
    assert CalendarYear.objects.get(year=2026).source == Source.NOTICE


def test_seeding_reports_to_the_command_output(empty_calendar):
    class Out(list):
        write = list.append

    out = Out()
    seed_from_package(out)
    assert out == ["Working-day calendar: 23 years seeded from chinesecalendar (2004-2026)."]


def test_a_notice_under_the_wrong_year_is_refused_by_its_weekdays(seeded, supervisor, notice_text):
    with pytest.raises(NoticeError):
        import_notice(text=notice_text(2026).replace("2026", "2027"), actor=supervisor)
    assert not CalendarYear.objects.filter(year=2027).exists()


def test_importing_replaces_the_stored_days_of_the_year(seeded, supervisor, notice_text):
    set_day(date=D(2026, 3, 2), is_workday=False, actor=supervisor, note="test")
    change = import_notice(text=notice_text(2026), actor=supervisor)
    assert change.year == 2026 and change.days == 25
    assert not CalendarDay.objects.filter(date=D(2026, 3, 2)).exists()
    assert change.changed_dates >= {D(2026, 3, 2)}
    year = CalendarYear.objects.get(year=2026)
    assert (year.status, year.source, year.confirmed_by) == (YearStatus.CONFIRMED, Source.NOTICE, supervisor)
    assert CalendarDay.objects.filter(date__year=2026, source=Source.NOTICE).count() == 25
    assert is_workday(D(2026, 3, 2)).is_workday is True


def test_importing_a_provisional_year_confirms_it(seeded, supervisor):
    text = (
        "国务院办公厅关于2027年部分节假日安排的通知\n"
        "一、元旦：1月1日（周五）至3日（周日）放假，共3天。\n"
        "二、春节：2月6日（周六）至14日（周日）放假调休，共9天。2月20日（周六）上班。\n"
    )
    assert add_workdays(D(2027, 2, 5), 1).provisional is True
    change = import_notice(text=text, actor=supervisor)
    assert change.days == 7  # 01-01 and 02-08..02-12 off, 02-20 at work
    assert len(change.changed_dates) == 365  # every answer in 2027 stops being provisional
    result = add_workdays(D(2027, 2, 5), 1)
    assert result == (D(2027, 2, 15), False)
    assert is_workday(D(2027, 10, 1)).is_workday is True  # the estimate is gone: the notice is all there is
    event = timeline_for(CalendarYear.objects.get(year=2027)).last()
    assert event.action == "notice_imported" and event.actor == supervisor
    assert event.changes["2027-02-20"] == ["off", "work"]
    assert event.changes["status"] == [None, "confirmed"]


def test_an_unreadable_notice_changes_nothing(seeded, supervisor, notice_text):
    token = CalendarVersion.objects.get().token
    rows, events = list(CalendarDay.objects.values_list("date", "is_workday")), Event.objects.count()
    with pytest.raises(NoticeError):
        import_notice(text=notice_text(2026) + "\n八、补充：12月31日放假，另行通知。", actor=supervisor)
    assert list(CalendarDay.objects.values_list("date", "is_workday")) == rows
    assert Event.objects.count() == events
    assert CalendarVersion.objects.get().token == token


def test_set_day_makes_a_weekday_off_and_records_it(seeded, supervisor):
    assert add_workdays(D(2026, 11, 23), 7).date == D(2026, 12, 2)
    change = set_day(date=D(2026, 11, 25), is_workday=False, actor=supervisor, note="临时调整")
    assert change.changed_dates == {D(2026, 11, 25)}
    assert add_workdays(D(2026, 11, 23), 7).date == D(2026, 12, 3)  # this process sees it at once
    day = CalendarDay.objects.get(date=D(2026, 11, 25))
    assert (day.is_workday, day.note, day.source) == (False, "临时调整", Source.MANUAL)
    event = timeline_for(CalendarYear.objects.get(year=2026)).last()
    assert (event.action, event.actor, event.changes["2026-11-25"]) == ("day_changed", supervisor, ["work", "off"])
    assert CalendarYear.objects.get(year=2026).status == YearStatus.CONFIRMED


def test_set_day_back_to_the_weekday_rule_removes_the_row(seeded, supervisor):
    set_day(date=D(2026, 2, 14), is_workday=False, actor=supervisor)
    assert not CalendarDay.objects.filter(date=D(2026, 2, 14)).exists()
    assert is_workday(D(2026, 2, 14)).is_workday is False


def test_set_day_that_changes_nothing_writes_nothing(seeded, supervisor):
    events = Event.objects.count()
    change = set_day(date=D(2026, 11, 25), is_workday=True, actor=supervisor)
    assert change.changed_dates == frozenset() and Event.objects.count() == events


def test_set_day_in_an_estimated_year_stores_the_estimate_first(seeded, supervisor):
    set_day(date=D(2027, 9, 25), is_workday=True, actor=supervisor, note="中秋节")
    year = CalendarYear.objects.get(year=2027)
    assert (year.status, year.source) == (YearStatus.PROVISIONAL, Source.ESTIMATE)
    assert CalendarDay.objects.get(date=D(2027, 10, 1)).source == Source.ESTIMATE
    assert is_workday(D(2027, 9, 25)) == (D(2027, 9, 25), True, True, "中秋节")
    assert is_workday(D(2027, 10, 1)).is_workday is False


def test_set_day_refuses_a_date_out_of_range(seeded, supervisor):
    with pytest.raises(CalendarInputError):
        set_day(date=D(2101, 1, 3), is_workday=True, actor=supervisor)


def test_confirm_year_confirms_the_estimate_as_shown(seeded, supervisor):
    change = confirm_year(year=2027, actor=supervisor)
    assert len(change.changed_dates) == 365
    year = CalendarYear.objects.get(year=2027)
    assert (year.status, year.confirmed_by) == (YearStatus.CONFIRMED, supervisor)
    assert is_workday(D(2027, 10, 1)) == (D(2027, 10, 1), False, False, "国庆节")
    assert [e.action for e in timeline_for(year)] == ["created", "confirmed"]


def test_confirming_a_confirmed_year_changes_nothing(seeded, supervisor):
    events = Event.objects.count()
    assert confirm_year(year=2026, actor=supervisor).changed_dates == frozenset()
    assert Event.objects.count() == events


def test_confirm_year_refuses_a_year_out_of_range(seeded, supervisor):
    with translation.override("en"), pytest.raises(CalendarInputError, match="between 1900 and 2100"):
        confirm_year(year=2101, actor=supervisor)
