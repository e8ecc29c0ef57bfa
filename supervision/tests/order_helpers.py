"""A case referred on 2026-10-20 and assigned to 区人力社保局 on 2026-10-21 10:00: reply due
2026-10-30 (7 working days), signing due 2026-10-22, half the reply time reached on 2026-10-27."""

from supervision.tests.helpers import assign_case, referred_case


def assigned_case(clock, town_clerk, supervisor, plan_workday, content="欠薪甲"):
    clock.set("2026-10-12 09:00")
    day = plan_workday(town_clerk, "2026-10-20")
    clock.set("2026-10-20 10:00")
    case = referred_case(day, town_clerk, content)
    clock.set("2026-10-21 10:00")
    assign_case(case, supervisor, "区人力社保局")
    case.refresh_from_db()
    return case
