import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from workdays import activities, services
from workdays.models import Status, WorkDay
from workdays.selectors import home_todo

pytestmark = pytest.mark.django_db


def texts(user):
    return [item.text for item in home_todo(user)]


def test_the_clerk_is_told_each_step_when_it_is_due(clock, town_clerk, other_town_clerk, supervisor, plan_workday):
    clock.set("2026-11-20 10:00")
    day = plan_workday(town_clerk, "2026-12-10")
    assert texts(town_clerk) == ["巴川街道 12-10：请于2026-12-03前完成矛盾隐患排查"]
    services.screening_add(workday=day, actor=town_clerk, description="土地纠纷", outcome="resolved")
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


def test_a_report_90_days_overdue_is_still_on_the_list(clock, town_clerk, plan_workday):
    clock.set("2026-11-20 10:00")
    day = plan_workday(town_clerk, "2026-12-10")
    clock.set("2026-12-10 10:00")
    services.sign_in_add(workday=day, actor=town_clerk, name="张伟")
    clock.set(datetime.date(2026, 12, 14) + datetime.timedelta(days=90))
    items = home_todo(town_clerk)
    assert [(i.text, i.level) for i in items] == [
        ("巴川街道 12-10：向区信访联席办报送活动情况已逾期（应于2026-12-14前报送）", "danger")
    ]
    assert items[0].url == f"/workdays/{day.pk}/#report"
    clock.set("2027-06-01 10:00")
    services.report_submit(workday=day, actor=town_clerk)
    assert texts(town_clerk) == ["巴川街道 12-10：结果公示已逾期（应于2027-01-09前公示）"]


def test_a_day_passed_without_being_held_stays_until_it_is_recorded_or_voided(clock, town_clerk, plan_workday):
    clock.set("2026-11-20 10:00")
    day = plan_workday(town_clerk, "2026-12-10")
    services.screening_add(workday=day, actor=town_clerk, description="土地纠纷", outcome="resolved")
    clock.set("2027-03-01 10:00")
    assert texts(town_clerk) == [
        "巴川街道 12-10：活动日期已过，但尚未记录举办情况，请补录签到和登记，或将其作废"
    ]
    services.workday_void(workday=day, actor=town_clerk, reason="未举办，重新安排")
    assert texts(town_clerk) == []


def test_the_items_follow_the_days_and_their_steps(clock, town_clerk, plan_workday):
    clock.set("2026-11-20 10:00")
    early = plan_workday(town_clerk, "2026-12-10")
    plan_workday(town_clerk, "2026-12-20")
    services.screening_add(workday=early, actor=town_clerk, description="邻里纠纷", outcome="mediation")
    clock.set("2026-12-10 10:00")
    services.sign_in_add(workday=early, actor=town_clerk, name="张伟")
    activities.activity_add(
        workday=early, actor=town_clerk, kind="relief", subject="住房", target="李大爷", done="修缮房屋",
        done_on=datetime.date(2026, 12, 10), follow_up_on=datetime.date(2026, 12, 12),
    )
    clock.set("2026-12-15 10:00")
    assert texts(town_clerk) == [
        "巴川街道 12-10：1项排查事项仍在调解中或未化解，请及时更新进展",
        "巴川街道 12-10：向区信访联席办报送活动情况已逾期（应于2026-12-14前报送）",
        "巴川街道 12-10：请回访帮扶对象李大爷（住房，回访日期2026-12-12）并记录回访结果",
        "巴川街道 12-20：矛盾隐患排查已逾期（应于2026-12-13前完成），请在活动前补录",
        "巴川街道 12-20：请于2026-12-15前发布活动公告",
    ]
    relief = early.activities.get()
    activities.activity_update_outcome(activity=relief, actor=town_clerk, outcome="已入住")
    item = early.screening_items.get()
    services.screening_update(item=item, actor=town_clerk, outcome="resolved", opinion="调解成功")
    assert [t for t in texts(town_clerk) if "12-10" in t] == [
        "巴川街道 12-10：向区信访联席办报送活动情况已逾期（应于2026-12-14前报送）"
    ]


def test_voided_cancelled_and_archived_days_owe_nothing(clock, town_clerk, plan_workday):
    clock.set("2026-11-20 10:00")
    voided = plan_workday(town_clerk, "2026-12-10")
    cancelled = plan_workday(town_clerk, "2026-12-11")
    for day in (voided, cancelled):
        services.screening_add(workday=day, actor=town_clerk, description="邻里纠纷", outcome="mediation")
    services.workday_void(workday=voided, actor=town_clerk, reason="重复制定")
    WorkDay.objects.filter(pk=cancelled.pk).update(status=Status.CANCELLED)  # the cancel step is another part of issue 11
    for moment in ("2026-11-21 10:00", "2026-12-08 10:00", "2027-03-01 10:00"):
        clock.set(moment)
        assert texts(town_clerk) == []


def test_the_joint_office_sees_the_intake_first_then_its_own_days(clock, supervisor, town_clerk, plan_workday, unit):
    from units.models import DistrictLeader

    clock.set("2026-11-20 10:00")
    day = plan_workday(town_clerk, "2026-12-10")
    clock.set("2026-12-10 10:00")
    services.sign_in_add(workday=day, actor=town_clerk, name="张伟")
    services.report_submit(workday=day, actor=town_clerk)
    leader = DistrictLeader.objects.create(name="李强", title="区委副书记")
    plan_workday(supervisor, "2026-12-30", leading_district_leader=leader)
    assert texts(supervisor) == [
        "1份群众工作日报告待收发员转信访投诉受理中心",
        "区信访工作联席会议办公室 12-30：请于2026-12-23前完成矛盾隐患排查",
    ]


def _count_queries(user) -> int:
    home_todo(user)  # the working-day calendar is loaded once per process, not per day
    with CaptureQueriesContext(connection) as queries:
        home_todo(user)
    return len(queries)


def test_the_number_of_queries_does_not_grow_with_the_days(clock, town_clerk, plan_workday):
    def make(date: datetime.date) -> WorkDay:
        day = plan_workday(town_clerk, date)
        services.screening_add(workday=day, actor=town_clerk, description="邻里纠纷", outcome="mediation")
        return day

    def held_with_relief(day: WorkDay) -> None:
        services.sign_in_add(workday=day, actor=town_clerk, name="张伟")
        activities.activity_add(
            workday=day, actor=town_clerk, kind="relief", subject="住房", target="李大爷", done="修缮房屋",
            done_on=day.date, follow_up_on=day.date,
        )

    clock.set("2026-01-05 10:00")
    first = make(datetime.date(2026, 3, 2))
    clock.set("2026-03-02 10:00")
    held_with_relief(first)
    one = _count_queries(town_clerk)
    assert len(home_todo(town_clerk)) == 3
    clock.set("2026-01-05 10:00")
    more = [make(datetime.date(2026, 3, 3) + datetime.timedelta(days=n)) for n in range(29)]
    for day in more[:9]:
        clock.set(day.date)
        held_with_relief(day)
    clock.set("2026-03-20 10:00")
    assert len(home_todo(town_clerk)) > 60
    assert _count_queries(town_clerk) == one
