"""Generated from the Work Day's transition table: for every step × user × status, the day's page and
the API give the same verdict, and it is the table's."""

import pytest

from conftest import door_verdict, table_verdict
from workdays import services
from workdays.models import Status, WorkDay
from workdays.selectors import visible_workdays
from workdays.transitions import TABLE

pytestmark = pytest.mark.django_db

ROLES = ["supervisor", "town_clerk", "other_town_clerk", "district_leader"]
STATUSES = list(Status)

# For each step: the page's URL, the API's URL (under /api/v1/workdays/{id}/) and a valid input.
DOORS = {
    "inform": ("inform-leader/", "leader-informed", {"note": "已电话报告"}),
    "screening": ("screening/", "screening-items", {"description": "土地纠纷", "outcome": "resolved", "opinion": ""}),
    "notice": ("notice/publish/", "notice", {}),
    "sign_in": ("sign-ins/", "sign-ins", {"name": "张伟", "title": "书记", "unit_name": ""}),
    "briefing": ("briefing/", "briefing", {"briefing": "介绍工作", "materials_count": 3}),
    "report": ("report/", "report", {"summary": "接待群众5人"}),
    "forward": ("report/forward/", "report/forward", {}),
    "results": ("results/publish/", "publish-results", {}),
    "archive": ("archive/", "archive", {}),
    "postpone": ("postpone/", "postpone", {"new_date": "2026-12-20", "reason": "遇暴雨天气"}),
    "cancel": ("cancel/", "cancel", {"reason": "场地改作防汛安置点"}),
    "void": ("void/", "void", {"reason": "重复制定"}),
}


@pytest.fixture
def days(clock, town_clerk, supervisor, plan_workday) -> dict[str, WorkDay]:
    """A day of 巴川街道 in every status; the clock stands on the day itself."""
    clock.set("2026-11-20 10:00")
    made = {status: plan_workday(town_clerk, "2026-12-10") for status in STATUSES}
    services.workday_void(workday=made[Status.VOIDED], actor=town_clerk, reason="重复制定")
    for status in STATUSES:
        if status not in (Status.PLANNED, Status.VOIDED):
            services.notice_publish(workday=made[status], actor=town_clerk)
    services.workday_cancel(workday=made[Status.CANCELLED], actor=town_clerk, reason="场地改作防汛安置点")
    clock.set("2026-12-10 10:00")
    steps = [
        (Status.HELD, lambda d: services.sign_in_add(workday=d, actor=town_clerk, name="张伟")),
        (Status.REPORTED, lambda d: services.report_submit(workday=d, actor=town_clerk)),
        (Status.RESULTS_PUBLISHED, lambda d: services.results_publish(workday=d, actor=town_clerk)),
        (Status.ARCHIVED, lambda d: services.workday_archive(workday=d, actor=town_clerk)),
    ]
    later = [Status.HELD, Status.REPORTED, Status.RESULTS_PUBLISHED, Status.ARCHIVED]
    for reached, do in steps:
        for status in later[later.index(reached):]:
            do(made[status])
    days = {status: WorkDay.objects.get(pk=made[status].pk) for status in STATUSES}
    assert all(day.status == status for status, day in days.items())
    return days


@pytest.mark.parametrize("name", list(DOORS))
def test_page_and_api_give_the_tables_verdict(name, client, days, request):
    step = TABLE[name]
    page_path, api_path, data = DOORS[name]
    seen = set()
    for role in ROLES:
        user = request.getfixturevalue(role)
        for status, day in days.items():

            def page(user=user, day=day):
                client.force_login(user)
                return client.post(f"/workdays/{day.pk}/{page_path}", data)

            def api(user=user, day=day):
                client.force_login(user)
                return client.post(f"/api/v1/workdays/{day.pk}/{api_path}", data, content_type="application/json")

            day = WorkDay.objects.get(pk=day.pk)
            verdicts = (door_verdict(page), door_verdict(api))
            want = table_verdict(step, user, day, visible=visible_workdays(user).filter(pk=day.pk).exists())
            assert verdicts == (want, want), f"{name} by {role} on a {status} day"
            seen.add(want)
    assert "done" in seen and "refused" in seen


def test_a_voided_day_has_the_status_voided_through_the_api(client, days, supervisor):
    client.force_login(supervisor)
    day = days[Status.NOTICE_PUBLISHED]
    body = client.post(f"/api/v1/workdays/{day.pk}/void", {"reason": "日期冲突，重新安排"}, content_type="application/json").json()
    assert body["status"] == "voided"
    listed = client.get("/api/v1/workdays?status=voided").json()
    assert {w["id"] for w in listed["items"]} == {day.pk, days[Status.VOIDED].pk}
    response = client.post(f"/api/v1/workdays/{days[Status.HELD].pk}/void", {"reason": "x"}, content_type="application/json")
    assert response.status_code == 409 and "不能作废" in response.json()["detail"]


def test_a_voided_day_owes_no_steps(client, days, town_clerk):
    client.force_login(town_clerk)
    day = days[Status.VOIDED]
    assert client.get(f"/api/v1/workdays/{day.pk}").json()["flags"] == []
    # A day planned the same way but not voided is flagged, on its date, for the steps it missed.
    assert client.get(f"/api/v1/workdays/{days[Status.PLANNED].pk}").json()["flags"]


@pytest.mark.parametrize(
    "status, name, message",
    [
        (Status.NOTICE_PUBLISHED, "notice", "只有在计划阶段才能发布公告。"),
        (Status.NOTICE_PUBLISHED, "report", "活动尚未举办，暂无可报送内容。"),
        (Status.REPORTED, "report", "报告已经报送过了。"),
        (Status.HELD, "results", "请先向联席办报送报告，再公示结果。"),
        (Status.ARCHIVED, "results", "本次群众工作日已归档。"),
        (Status.REPORTED, "archive", "结果公示后方可归档。"),
        (Status.HELD, "void", "已举办的活动不能作废：其登记事项和台账依然有效。"),
        (Status.VOIDED, "sign_in", "本次群众工作日已作废。"),
        (Status.HELD, "forward", "本次活动尚未报送报告。"),
        (Status.CANCELLED, "cancel", "本次群众工作日已取消。"),
        (Status.CANCELLED, "sign_in", "本次群众工作日已取消。"),
        (Status.HELD, "postpone", "已举办的活动不能延期。"),
        (Status.REPORTED, "cancel", "已举办的活动不能取消：其登记事项和台账依然有效。"),
    ],
)
def test_each_refusal_of_the_table_says_why(client, days, supervisor, status, name, message):
    _page, api_path, data = DOORS[name]
    client.force_login(supervisor)
    response = client.post(
        f"/api/v1/workdays/{days[status].pk}/{api_path}", data, content_type="application/json", HTTP_ACCEPT_LANGUAGE="zh-hans"
    )
    assert response.status_code == 409 and response.json()["detail"] == message
    assert WorkDay.objects.get(pk=days[status].pk).status == status


def test_entries_wait_for_the_day(client, clock, town_clerk, plan_workday):
    clock.set("2026-11-20 10:00")
    day = plan_workday(town_clerk, "2026-12-10")
    client.force_login(town_clerk)
    response = client.post(f"/api/v1/workdays/{day.pk}/sign-ins", {"name": "张伟"}, content_type="application/json")
    assert response.status_code == 409 and "2026-12-10" in response.json()["detail"]
    assert not day.sign_ins.exists()


def test_a_report_is_forwarded_once(client, days, supervisor):
    client.force_login(supervisor)
    day = days[Status.REPORTED]
    assert client.post(f"/api/v1/workdays/{day.pk}/report/forward").status_code == 200
    response = client.post(f"/api/v1/workdays/{day.pk}/report/forward", HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert response.status_code == 409 and response.json()["detail"] == "报告已经转送过了。"


def test_the_plan_edit_gives_the_tables_verdict_at_both_doors(client, clock, days, request):
    """修改计划 has its own doors (PATCH and the edit page); before the day the table allows it while
    the day is planned or its notice published."""
    clock.set("2026-12-01 10:00")
    step = TABLE["edit"]
    seen = set()
    for role in ROLES:
        user = request.getfixturevalue(role)
        for status, day in days.items():
            day = WorkDay.objects.get(pk=day.pk)
            form = {
                "version": day.version, "date": "2026-12-10", "start_time": "09:00", "end_time": "12:00",
                "place": "巴川广场东侧", "leader": day.leader, "agenda": day.agenda,
            }

            def page(user=user, day=day, form=form):
                client.force_login(user)
                return client.post(f"/workdays/{day.pk}/edit/", form)

            def api(user=user, day=day):
                client.force_login(user)
                body = {"version": day.version, "place": "巴川广场东侧"}
                return client.patch(f"/api/v1/workdays/{day.pk}", body, content_type="application/json")

            verdicts = (door_verdict(page), door_verdict(api))
            want = table_verdict(step, user, day, visible=visible_workdays(user).filter(pk=day.pk).exists())
            assert verdicts == (want, want), f"edit by {role} on a {status} day"
            seen.add(want)
    assert {"done", "refused", "forbidden", "not found"} <= seen
