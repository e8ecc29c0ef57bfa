"""The supervision tests' fixtures: the story of four referred cases in 2026Q4, and a Work Day held
in 2026Q4 for the compliance tests."""

import pytest

from cases import handling
from supervision.tests.helpers import assign_case, referred_case
from workdays.services import sign_in_add


@pytest.fixture
def story(clock, town_clerk, supervisor, plan_workday, make_user):
    """Four referred cases in 2026Q4 with a late reply, a bounce, a contradicted revisit and a poor rating."""
    labour = make_user("clerk", "区人力社保局")
    housing = make_user("clerk", "区住房城乡建委")
    clock.set("2026-10-12 09:00")
    day = plan_workday(town_clerk, "2026-10-20")
    clock.set("2026-10-20 10:00")
    late, bounced, false_report, poor = (
        referred_case(day, town_clerk, c) for c in ("欠薪甲", "欠薪乙", "欠薪丙", "欠薪丁")
    )
    clock.set("2026-10-21 10:00")
    for c in (late, bounced, false_report, poor):
        assign_case(c, supervisor, "区人力社保局")
    clock.set("2026-10-22 10:00")
    for c in (false_report, poor):
        c.refresh_from_db()
        handling.case_reply(case=c, actor=labour, version=c.version, content="已办理", concluded=True)
    bounced.refresh_from_db()
    handling.case_return(case=bounced, actor=labour, version=bounced.version, reason="非本部门职责")
    assign_case(bounced, supervisor, "区住房城乡建委")
    bounced.refresh_from_db()
    handling.case_return(case=bounced, actor=housing, version=bounced.version, reason="应由人社部门办理")
    false_report.refresh_from_db()
    handling.case_revisit(
        case=false_report,
        actor=supervisor,
        version=false_report.version,
        reached=True,
        satisfied=False,
        confirms_reply=False,
    )
    poor.refresh_from_db()
    handling.case_rate(case=poor, actor=supervisor, version=poor.version, acceptable=False, reason="答复敷衍")
    clock.set("2026-11-05 10:00")  # due 2026-10-30 passed for the case still open
    late.refresh_from_db()
    handling.case_reply(case=late, actor=labour, version=late.version, content="已支付", concluded=True)
    return {"late": late, "bounced": bounced, "false_report": false_report, "poor": poor}


@pytest.fixture
def held_in_q4(clock, town_clerk, plan_workday):
    """巴川街道 holds a Work Day on 2026-12-10 (Q4); the clock then stands at 2026-12-20."""
    clock.set("2026-12-01 09:00")
    workday = plan_workday(town_clerk, "2026-12-10")
    clock.set("2026-12-10 09:05")
    sign_in_add(workday=workday, actor=town_clerk, name="张伟", title="党工委书记")
    clock.set("2026-12-20 09:00")
