"""Invitations with answers: the host unit records each invited leader's answer before the day is
held, through the day's page and the API alike; planning a leader twice is refused."""

import datetime as dt

import pytest

from conftest import door_verdict, table_verdict
from history.models import Event
from units.models import DistrictLeader
from workdays import services
from workdays.models import Invitation, Status, WorkDay
from workdays.selectors import visible_workdays
from workdays.transitions import TABLE

pytestmark = pytest.mark.django_db

ROLES = ["supervisor", "town_clerk", "other_town_clerk", "district_leader"]
STATUSES = [Status.PLANNED, Status.NOTICE_PUBLISHED, Status.HELD, Status.REPORTED, Status.VOIDED, Status.CANCELLED]


@pytest.fixture
def leaders(reference):
    return [DistrictLeader.objects.create(name="王建国", title="副区长"), DistrictLeader.objects.create(name="李秀英", title="副区长")]


@pytest.fixture
def days(clock, town_clerk, plan_workday, leaders) -> dict[str, WorkDay]:
    """A day of 巴川街道 inviting both leaders, in each status; the clock stands on the day."""
    clock.set("2026-11-20 10:00")
    made = {status: plan_workday(town_clerk, "2026-12-10", invited_leaders=leaders) for status in STATUSES}
    services.workday_void(workday=made[Status.VOIDED], actor=town_clerk, reason="重复制定")
    for status in (Status.NOTICE_PUBLISHED, Status.HELD, Status.REPORTED):
        services.notice_publish(workday=made[status], actor=town_clerk)
    clock.set("2026-12-10 10:00")
    for status in (Status.HELD, Status.REPORTED):
        services.sign_in_add(workday=made[status], actor=town_clerk, name="张伟")
    services.report_submit(workday=made[Status.REPORTED], actor=town_clerk)
    # The cancel step is another part of this issue; the status alone is what this step looks at.
    WorkDay.objects.filter(pk=made[Status.CANCELLED].pk).update(status=Status.CANCELLED)
    days = {status: WorkDay.objects.get(pk=made[status].pk) for status in STATUSES}
    assert all(day.status == status for status, day in days.items())
    return days


def test_page_and_api_give_the_tables_verdict(client, days, leaders, request):
    step = TABLE["invitation"]
    seen = set()
    leader = leaders[0]
    for role in ROLES:
        user = request.getfixturevalue(role)
        for status, day in days.items():

            def page(user=user, day=day):
                client.force_login(user)
                return client.post(f"/workdays/{day.pk}/invitations/{leader.pk}/", {"answer": "accepted"})

            def api(user=user, day=day):
                client.force_login(user)
                return client.post(
                    f"/api/v1/workdays/{day.pk}/invitations/{leader.pk}", {"answer": "accepted"}, content_type="application/json"
                )

            verdicts = (door_verdict(page), door_verdict(api))
            want = table_verdict(step, user, day, visible=visible_workdays(user).filter(pk=day.pk).exists())
            assert verdicts == (want, want), f"invitation by {role} on a {status} day"
            seen.add(want)
    assert {"done", "refused", "forbidden", "not found"} <= seen
    assert not Invitation.objects.exclude(answer="no_answer").exists()


@pytest.mark.parametrize(
    "status, message",
    [
        (Status.HELD, "邀请答复须在活动举办前登记。"),
        (Status.VOIDED, "本次群众工作日已作废。"),
        (Status.CANCELLED, "本次群众工作日已取消。"),
    ],
)
def test_answers_close_when_the_day_is_held_or_called_off(client, days, leaders, town_clerk, status, message):
    client.force_login(town_clerk)
    response = client.post(
        f"/api/v1/workdays/{days[status].pk}/invitations/{leaders[0].pk}", {"answer": "declined"},
        content_type="application/json", HTTP_ACCEPT_LANGUAGE="zh-hans",
    )
    assert response.status_code == 409 and response.json()["detail"] == message


def test_the_api_records_and_changes_an_answer_with_history(client, days, leaders, town_clerk):
    client.force_login(town_clerk)
    day = days[Status.PLANNED]
    body = client.get(f"/api/v1/workdays/{day.pk}").json()
    assert body["invitations"] == [{"leader_id": leaders[0].pk, "answer": "no_answer"}, {"leader_id": leaders[1].pk, "answer": "no_answer"}]
    url = f"/api/v1/workdays/{day.pk}/invitations/{leaders[1].pk}"
    body = client.post(url, {"answer": "accepted"}, content_type="application/json").json()
    assert {"leader_id": leaders[1].pk, "answer": "accepted"} in body["invitations"]
    body = client.post(url, {"answer": "declined"}, content_type="application/json").json()
    assert {"leader_id": leaders[1].pk, "answer": "declined"} in body["invitations"]
    assert {"leader_id": leaders[0].pk, "answer": "no_answer"} in body["invitations"]
    events = Event.objects.filter(object_id=day.pk, action="invitation_answered").order_by("id")
    assert [e.changes["invitation_answers"] for e in events] == [["李秀英：尚未答复", "李秀英：同意参加"], ["李秀英：同意参加", "李秀英：不能参加"]]
    timeline = client.get(f"/workdays/{day.pk}/", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    history = timeline.split('id="timeline-title"')[1]
    assert "邀请答复：李秀英：同意参加 → 李秀英：不能参加" in history and "invitation" not in history


@pytest.mark.parametrize("answer", ["", "yes", "ACCEPTED", "x" * 30])
def test_a_bad_answer_is_a_400_on_answer_and_changes_nothing(client, days, leaders, town_clerk, answer):
    client.force_login(town_clerk)
    day = days[Status.PLANNED]
    version = WorkDay.objects.get(pk=day.pk).version
    response = client.post(
        f"/api/v1/workdays/{day.pk}/invitations/{leaders[0].pk}", {"answer": answer}, content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="zh-hans",
    )
    assert response.status_code == 400
    [message] = response.json()["errors"]["answer"]
    if len(answer) < 20:
        assert message == "请选择同意参加、不能参加或尚未答复。"
    page = client.post(f"/workdays/{day.pk}/invitations/{leaders[0].pk}/", {"answer": answer}, HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert page.status_code == 400
    row = page.content.decode().split(f'data-leader="{leaders[0].pk}"')[1].split("</tr>")[0]
    assert message in row
    assert set(Invitation.objects.filter(workday=day).values_list("answer", flat=True)) == {"no_answer"}
    assert WorkDay.objects.get(pk=day.pk).version == version


def test_a_leader_not_invited_is_not_found(client, days, leaders, town_clerk):
    other = DistrictLeader.objects.create(name="陈志强", title="副区长")
    client.force_login(town_clerk)
    day = days[Status.PLANNED]
    for leader_id in (other.pk, 999999):
        api = client.post(f"/api/v1/workdays/{day.pk}/invitations/{leader_id}", {"answer": "accepted"}, content_type="application/json")
        page = client.post(f"/workdays/{day.pk}/invitations/{leader_id}/", {"answer": "accepted"})
        assert (api.status_code, page.status_code) == (404, 404)
    assert not Invitation.objects.filter(leader=other).exists()


def test_the_days_page_lists_the_answers_and_records_one(client, days, leaders, town_clerk, district_leader):
    day = days[Status.NOTICE_PUBLISHED]
    client.force_login(town_clerk)
    page = client.get(f"/workdays/{day.pk}/", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    section = page.split('data-testid="invitations"')[1].split("</section>")[0]
    assert "王建国（副区长）" in section and "李秀英（副区长）" in section and "尚未答复" in section
    assert f"/workdays/{day.pk}/invitations/{leaders[0].pk}/" in section
    response = client.post(f"/workdays/{day.pk}/invitations/{leaders[0].pk}/", {"answer": "accepted"})
    assert response.status_code == 302 and response["Location"].endswith("#invitations")
    assert Invitation.objects.get(workday=day, leader=leaders[0]).answer == "accepted"
    page = client.get(f"/workdays/{day.pk}/", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert "同意参加" in page.split('data-testid="invitations"')[1].split("</section>")[0]
    # A reader sees the answers without the forms.
    client.force_login(district_leader)
    section = client.get(f"/workdays/{day.pk}/").content.decode().split('data-testid="invitations"')[1].split("</section>")[0]
    assert "王建国（副区长）" in section and "/invitations/" not in section


def test_planning_a_leader_twice_is_refused_by_the_api(client, clock, town_clerk, leaders, unit):
    clock.set("2026-11-20 10:00")
    client.force_login(town_clerk)
    body = {
        "host_unit_id": unit("巴川街道").pk, "date": "2026-12-10", "start_time": "09:00", "end_time": "12:00", "place": "巴川广场", "leader": "张伟",
        "agenda": "接待群众来访", "invited_leader_ids": [leaders[0].pk, leaders[1].pk, leaders[0].pk],
    }
    before = WorkDay.objects.count()
    response = client.post("/api/v1/workdays", body, content_type="application/json", HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert response.status_code == 400
    assert response.json()["errors"]["invited_leader_ids"] == ["每位领导只能邀请一次，重复列出：王建国"]
    assert WorkDay.objects.count() == before
    body["invited_leader_ids"] = [leaders[0].pk, leaders[1].pk]
    assert client.post("/api/v1/workdays", body, content_type="application/json").status_code == 201
    assert dt.date(2026, 12, 10) in set(WorkDay.objects.values_list("date", flat=True))
    # Without a host unit the API answers 400 on the field, not an error page.
    body.pop("host_unit_id")
    response = client.post("/api/v1/workdays", body, content_type="application/json")
    assert response.status_code == 400 and "host_unit_id" in response.json()["errors"]
