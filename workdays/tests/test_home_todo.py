import pytest

from workdays import services
from workdays.selectors import home_todo

pytestmark = pytest.mark.django_db


def texts(user):
    return [item.text for item in home_todo(user)]


def test_the_clerk_is_told_each_step_when_it_is_due(clock, town_clerk, other_town_clerk, supervisor, plan_workday):
    clock.set("2026-11-20 10:00")
    day = plan_workday(town_clerk, "2026-12-10")
    assert texts(town_clerk) == []  # the notice window opens on 3 December
    clock.set("2026-12-04 09:00")
    assert any("2026-12-05" in t for t in texts(town_clerk))
    clock.set("2026-12-07 09:00")
    assert [i.level for i in home_todo(town_clerk)] == ["danger"]
    clock.set("2026-12-10 09:00")
    services.sign_in_add(workday=day, actor=town_clerk, name="张伟")
    assert any("2026-12-14" in t for t in texts(town_clerk))
    assert texts(other_town_clerk) == []
    clock.set("2026-12-14 17:00")
    services.report_submit(workday=day, actor=town_clerk)
    assert any("2027-01-09" in t for t in texts(town_clerk))
    assert len(texts(supervisor)) == 1  # one report waits at the intake
    services.report_forward(workday=day, actor=supervisor)
    assert texts(supervisor) == []
