"""workcal.hooks.calendar_changed: how a calendar change reaches the deadlines above it."""

import datetime as dt

import pytest

from history.models import Event
from history.services import record
from units.models import Unit
from workcal.calendar import add_workdays
from workcal.hooks import Hook, calendar_changed
from workcal.models import CalendarDay
from workcal.services import confirm_year, import_notice, set_day

pytestmark = pytest.mark.django_db

D = dt.date


@pytest.fixture
def callbacks(monkeypatch):
    """Only the test's callbacks (the cases app registers its own in the running project)."""
    monkeypatch.setattr(calendar_changed, "_callbacks", [])
    return calendar_changed


def test_the_callbacks_get_the_changed_dates_and_the_actor_and_their_counts_add_up(seeded, supervisor, callbacks):
    calls = []

    @callbacks.register
    def first(changed_dates, actor):
        calls.append(("first", changed_dates, actor))
        return 2

    callbacks.register(lambda changed_dates, actor: 3)
    change = set_day(date=D(2026, 11, 25), is_workday=False, actor=supervisor)
    assert calls == [("first", {D(2026, 11, 25)}, supervisor)]
    assert change.deadlines_moved == 5


def test_a_callback_computes_with_the_changed_calendar(seeded, supervisor, callbacks):
    seen = []
    callbacks.register(lambda changed_dates, actor: seen.append(add_workdays(D(2026, 11, 23), 7).date) or 0)
    set_day(date=D(2026, 11, 25), is_workday=False, actor=supervisor)
    assert seen == [D(2026, 12, 3)]


def test_a_deadline_holder_moves_its_deadlines_in_the_same_transaction(seeded, supervisor, callbacks):
    """A stand-in for the case ledger: units hold a 7-working-day deadline from 2026-11-23 and write
    one history entry per moved deadline, as cases do."""
    unit = Unit.objects.get(name="巴川街道")
    deadlines = {unit.pk: add_workdays(D(2026, 11, 23), 7).date}

    def move(changed_dates, actor):
        moved = 0
        for pk, due in deadlines.items():
            if any(D(2026, 11, 23) < day <= due for day in changed_dates):
                new = add_workdays(D(2026, 11, 23), 7).date
                if new != due:
                    deadlines[pk] = new
                    record(
                        instance=Unit.objects.get(pk=pk),
                        actor=actor,
                        action="deadline_moved",
                        changes={"due": [due.isoformat(), new.isoformat()]},
                    )
                    moved += 1
        return moved

    callbacks.register(move)
    assert set_day(date=D(2026, 11, 25), is_workday=False, actor=supervisor).deadlines_moved == 1
    assert deadlines[unit.pk] == D(2026, 12, 3)
    event = Event.objects.filter(action="deadline_moved").get()
    assert event.changes == {"due": ["2026-12-02", "2026-12-03"]} and event.actor == supervisor
    assert set_day(date=D(2026, 12, 20), is_workday=True, actor=supervisor).deadlines_moved == 0  # after the due date


def test_a_failing_callback_rolls_the_calendar_change_back(seeded, supervisor, callbacks):
    def broken(changed_dates, actor):
        raise RuntimeError("deadline store unavailable")

    callbacks.register(broken)
    with pytest.raises(RuntimeError):
        set_day(date=D(2026, 11, 25), is_workday=False, actor=supervisor)
    assert not CalendarDay.objects.filter(date=D(2026, 11, 25)).exists()
    assert add_workdays(D(2026, 11, 23), 7).date == D(2026, 12, 2)


def test_confirming_and_importing_call_the_callbacks(seeded, supervisor, callbacks, notice_text):
    calls = []
    confirm_year(year=2027, actor=supervisor)
    set_day(date=D(2026, 3, 2), is_workday=False, actor=supervisor)
    callbacks.register(lambda changed_dates, actor: calls.append(changed_dates) or 0)
    confirm_year(year=2028, actor=supervisor)
    import_notice(text=notice_text(2026), actor=supervisor)  # the notice does not have 03-02 off
    assert len(calls[0]) == 366 and calls[1] == {D(2026, 3, 2)}


def test_nothing_changed_calls_nothing(seeded, supervisor, callbacks):
    calls = []
    callbacks.register(lambda changed_dates, actor: calls.append(changed_dates) or 0)
    set_day(date=D(2026, 11, 25), is_workday=True, actor=supervisor)
    confirm_year(year=2026, actor=supervisor)
    assert calls == []


def test_a_callback_is_registered_once_and_can_be_removed():
    hook = Hook("test")

    def callback(changed_dates, actor):
        return 1

    hook.register(callback)
    hook.register(callback)
    assert hook.send({D(2026, 1, 1)}, None) == 1
    hook.unregister(callback)
    assert hook.send({D(2026, 1, 1)}, None) == 0
    assert hook.callbacks == ()
