"""巴川街道 holds a Work Day on 2026-12-10 (Q4); the clock then stands at 2026-12-20."""

from __future__ import annotations

from workdays.services import sign_in_add


def hold_a_day_in_q4(clock, town_clerk, plan_workday):
    clock.set("2026-12-01 09:00")
    workday = plan_workday(town_clerk, "2026-12-10")
    clock.set("2026-12-10 09:05")
    sign_in_add(workday=workday, actor=town_clerk, name="张伟", title="党工委书记")
    clock.set("2026-12-20 09:00")
    workday.refresh_from_db()
    return workday
