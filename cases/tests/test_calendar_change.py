"""A calendar change moves every open deadline computed from the changed dates, with an entry in
each case's timeline; closed stages keep their frozen facts."""

import datetime as dt

import pytest

from cases import handling
from history.selectors import timeline_for
from intake.tests.factories import register_matter
from units.models import Category, Unit
from workcal.services import set_day

pytestmark = pytest.mark.django_db


def _case(day, clerk, disposition, **extra):
    registration, _ = register_matter(
        workday=day, actor=clerk, petitioners=[{"name": "李四", "phone": "13800138000"}], kind="request",
        category=Category.objects.get(name="欠薪讨薪"), territory=Unit.objects.get(name="巴川街道"),
        content="欠薪", disposition=disposition, **extra,
    )
    return registration.case


def test_a_new_day_off_moves_open_deadlines_and_says_so(clock, town_clerk, supervisor, plan_workday):
    clock.set("2026-11-20 10:00")
    day = plan_workday(town_clerk, "2026-12-10")
    clock.set("2026-12-10 10:00")
    open_case = _case(day, town_clerk, "time_limit")
    replied = _case(day, town_clerk, "time_limit")
    handling.case_reply(case=replied, actor=town_clerk, version=replied.version, content="已办结", concluded=True)
    referred = _case(day, town_clerk, "refer", channel="区人力社保局")
    assert open_case.due_date == dt.date(2026, 12, 21)

    change = set_day(date=dt.date(2026, 12, 15), is_workday=False, actor=supervisor, note="临时调整")

    open_case.refresh_from_db()
    replied.refresh_from_db()
    referred.refresh_from_db()
    assert open_case.due_date == dt.date(2026, 12, 22) and open_case.version == 2
    assert referred.feedback_due == dt.date(2026, 12, 22)
    assert replied.due_date == dt.date(2026, 12, 21)  # replied: the stage is over, nothing moves
    assert change.deadlines_moved == 2
    event = timeline_for(open_case).last()
    assert event.action == "deadline_moved" and event.changes["due_date"] == ["2026-12-21", "2026-12-22"]


def test_a_change_after_the_deadline_moves_nothing(clock, town_clerk, supervisor, plan_workday):
    clock.set("2026-11-20 10:00")
    day = plan_workday(town_clerk, "2026-12-10")
    clock.set("2026-12-10 10:00")
    case = _case(day, town_clerk, "time_limit")
    change = set_day(date=dt.date(2026, 12, 28), is_workday=False, actor=supervisor)
    case.refresh_from_db()
    assert case.due_date == dt.date(2026, 12, 21) and change.deadlines_moved == 0
