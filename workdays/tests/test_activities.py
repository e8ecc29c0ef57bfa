"""What was done around a Work Day (R13): visits, research findings and relief actions with their
follow-up, through the day's page and the API, which give the same verdicts for the same input."""

import datetime

import pytest

from conftest import door_verdict
from history.models import Event
from workdays import services
from workdays.models import Activity, Status, WorkDay

pytestmark = pytest.mark.django_db

API_PATHS = {"visit": "visits", "research": "research", "relief": "relief"}
VALID = {
    "visit": {"subject": "分片走访", "target": "玉皇村3组王某家", "people": "张伟、李明", "done_on": "2026-12-01",
              "found": "宅基地边界纠纷", "done": "现场调解，约定复查"},
    "research": {"subject": "社会治理及稳定", "target": "玉皇村", "people": "张伟", "done_on": "2026-11-02",
                 "found": "外出务工人员多，留守老人需关心", "done": "建立联系卡制度"},
    "relief": {"subject": "住房", "target": "李大爷", "people": "民政办", "done_on": "2026-12-10",
               "found": "房屋漏雨", "done": "申请危房改造", "follow_up_on": "2027-01-10"},
}


@pytest.fixture
def days(clock, town_clerk, supervisor, plan_workday) -> dict[str, WorkDay]:
    """巴川街道's days of 10 December 2026: one held, one voided, one archived; the clock then stands on
    15 December (the day's period is the fourth quarter of 2026)."""
    clock.set("2026-11-20 10:00")
    made = {name: plan_workday(town_clerk, "2026-12-10") for name in ("held", "voided", "archived")}
    services.workday_void(workday=made["voided"], actor=town_clerk, reason="重复制定")
    clock.set("2026-12-10 10:00")
    for name in ("held", "archived"):
        services.sign_in_add(workday=made[name], actor=town_clerk, name="张伟")
    archived = made["archived"]
    services.report_submit(workday=archived, actor=town_clerk)
    services.results_publish(workday=archived, actor=town_clerk)
    services.workday_archive(workday=archived, actor=town_clerk)
    clock.set("2026-12-15 10:00")
    return {name: WorkDay.objects.get(pk=day.pk) for name, day in made.items()}


def page_post(client, day, kind, data):
    return client.post(f"/workdays/{day.pk}/activities/{kind}/", {f"{kind}-{k}": v for k, v in data.items()})


def api_post(client, day, kind, data):
    return client.post(f"/api/v1/workdays/{day.pk}/{API_PATHS[kind]}", data, content_type="application/json")


CASES = [
    # (who, day, kind, changes to the valid input, verdict, the field the message is on)
    ("town_clerk", "held", "visit", {}, "done", None),
    ("town_clerk", "held", "research", {}, "done", None),
    ("town_clerk", "held", "relief", {}, "done", None),
    ("supervisor", "held", "visit", {}, "done", None),
    ("town_clerk", "held", "visit", {"done_on": "2026-09-30"}, "bad input", "done_on"),
    ("town_clerk", "held", "research", {"done_on": "2027-01-01"}, "bad input", "done_on"),
    ("town_clerk", "held", "visit", {"done_on": "2026-12-16"}, "bad input", "done_on"),
    ("town_clerk", "held", "visit", {"done_on": ""}, "bad input", "done_on"),
    ("town_clerk", "held", "relief", {"follow_up_on": ""}, "bad input", "follow_up_on"),
    ("town_clerk", "held", "relief", {"follow_up_on": "2026-12-01"}, "bad input", "follow_up_on"),
    ("town_clerk", "held", "visit", {"subject": "跳广场舞"}, "bad input", "subject"),
    ("town_clerk", "held", "visit", {"subject": "住房"}, "bad input", "subject"),
    ("town_clerk", "held", "research", {"subject": ""}, "bad input", "subject"),
    ("town_clerk", "held", "visit", {"found": "", "done": ""}, "bad input", "found"),
    ("town_clerk", "held", "visit", {"target": ""}, "bad input", "target"),
    ("town_clerk", "held", "research", {"found": ""}, "bad input", "found"),
    ("town_clerk", "held", "relief", {"done": ""}, "bad input", "done"),
    ("other_town_clerk", "held", "visit", {}, "not found", None),
    ("district_leader", "held", "visit", {}, "forbidden", None),
    ("town_clerk", "archived", "visit", {}, "refused", None),
    ("town_clerk", "voided", "relief", {}, "refused", None),
]


@pytest.mark.parametrize("who, day_name, kind, changes, verdict, field", CASES)
def test_page_and_api_give_the_same_verdict(client, days, request, who, day_name, kind, changes, verdict, field):
    user, day = request.getfixturevalue(who), days[day_name]
    data = {**VALID[kind], **changes}
    client.force_login(user)
    page = door_verdict(lambda: page_post(client, day, kind, data))
    api = door_verdict(lambda: api_post(client, day, kind, {k: (v or None) if k.endswith("_on") else v for k, v in data.items()}))
    assert (page, api) == (verdict, verdict)
    if field:
        body = api_post(client, day, kind, {k: (v or None) if k.endswith("_on") else v for k, v in data.items()}).json()
        assert list(body["errors"]) == [field]
        response = page_post(client, day, kind, data)
        assert body["errors"][field][0] in response.content.decode()
    assert not Activity.objects.exists()  # each door's change was rolled back, a refusal changes nothing


def test_a_date_outside_the_period_names_the_allowed_range(client, days, town_clerk):
    client.force_login(town_clerk)
    body = api_post(client, days["held"], "visit", {**VALID["visit"], "done_on": "2026-09-30"}).json()
    assert body["errors"]["done_on"] == ["请填写本次群众工作日所属周期（2026年第四季度）内的日期：2026-10-01至2026-12-15，且不晚于今天。"]
    body = api_post(client, days["held"], "visit", {**VALID["visit"], "subject": "跳广场舞"}).json()
    assert "分片走访" in body["errors"]["subject"][0] and "跳广场舞" in body["errors"]["subject"][0]
    assert not Activity.objects.exists() and not Event.objects.filter(action="activity_recorded").exists()


def test_the_period_is_the_units_half_year_where_its_rule_says_so(client, clock, supervisor, plan_workday):
    from units.models import DistrictLeader

    clock.set("2026-11-20 10:00")
    leader = DistrictLeader.objects.create(name="李强", title="区委副书记")
    day = plan_workday(supervisor, "2026-12-10", leading_district_leader=leader)  # the joint office: every half-year
    client.force_login(supervisor)
    assert api_post(client, day, "research", {**VALID["research"], "done_on": "2026-07-01"}).status_code == 201
    body = api_post(client, day, "research", {**VALID["research"], "done_on": "2026-06-30"}).json()
    assert "2026-07-01至2026-11-20" in body["errors"]["done_on"][0]
    listed = client.get(f"/api/v1/workdays/{day.pk}/activities").json()
    assert (listed["total"], listed["dates_from"], listed["dates_to"]) == (1, "2026-07-01", "2026-11-20")


def test_a_cancelled_day_takes_no_records(client, days, town_clerk):
    day = days["held"]
    WorkDay.objects.filter(pk=day.pk).update(status=Status.CANCELLED)  # the cancel step is another part of issue 11
    client.force_login(town_clerk)
    response = client.post(
        f"/api/v1/workdays/{day.pk}/visits", VALID["visit"], content_type="application/json", HTTP_ACCEPT_LANGUAGE="zh-hans"
    )
    assert response.status_code == 409 and response.json()["detail"] == "本次群众工作日已取消。"


def test_records_appear_on_the_days_page_by_kind_with_history(client, days, town_clerk, district_leader):
    day = days["held"]
    client.force_login(town_clerk)
    for kind in ("visit", "research", "relief"):
        assert page_post(client, day, kind, VALID[kind]).status_code == 302
    records = list(Activity.objects.filter(workday=day).order_by("id"))
    assert [(a.kind, a.subject, a.recorded_by) for a in records] == [
        ("visit", "分片走访", town_clerk), ("research", "社会治理及稳定", town_clerk), ("relief", "住房", town_clerk)
    ]
    assert records[2].follow_up_on == datetime.date(2027, 1, 10) and records[0].follow_up_on is None
    page = client.get(f"/workdays/{day.pk}/").content.decode()
    for text in ("走访、调研与帮扶", "玉皇村3组王某家", "建立联系卡制度", "申请危房改造", "2027-01-10", "记录走访</button>", "保存回访结果</button>"):
        assert text in page
    assert "走访：分片走访 玉皇村3组王某家（2026-12-01）" in page  # the history entry
    listed = client.get(f"/api/v1/workdays/{day.pk}/activities?kind=relief").json()
    assert [item["target"] for item in listed["items"]] == ["李大爷"]
    client.force_login(district_leader)
    page = client.get(f"/workdays/{day.pk}/").content.decode()
    assert "玉皇村3组王某家" in page and "记录走访</button>" not in page and "保存回访结果</button>" not in page
    assert client.get(f"/api/v1/workdays/{day.pk}/activities").json()["total"] == 3


def test_a_double_submit_records_once(client, days, town_clerk):
    client.force_login(town_clerk)
    first = api_post(client, days["held"], "visit", VALID["visit"]).json()
    assert page_post(client, days["held"], "visit", VALID["visit"]).status_code == 302
    assert api_post(client, days["held"], "visit", VALID["visit"]).json()["id"] == first["id"]
    assert Activity.objects.count() == 1 and Event.objects.filter(action="activity_recorded").count() == 1
    assert api_post(client, days["held"], "visit", {**VALID["visit"], "done": "再次回访"}).status_code == 201
    assert Activity.objects.count() == 2


def test_the_page_keeps_what_was_typed_when_the_input_is_refused(client, days, town_clerk):
    client.force_login(town_clerk)
    response = page_post(client, days["held"], "relief", {**VALID["relief"], "follow_up_on": ""})
    page = response.content.decode()
    assert response.status_code == 400 and "帮扶救助须填写回访日期。" in page and "申请危房改造" in page


# --- The follow-up of a relief action ------------------------------------------------------------------


@pytest.fixture
def relief(client, days, town_clerk) -> Activity:
    client.force_login(town_clerk)
    assert api_post(client, days["held"], "relief", VALID["relief"]).status_code == 201
    return Activity.objects.get()


FOLLOW_UP_CASES = [
    ("town_clerk", {"outcome": "已完成危房改造，入住新房"}, "done"),
    ("town_clerk", {"outcome": "  "}, "bad input"),
    ("other_town_clerk", {"outcome": "已完成"}, "not found"),
    ("district_leader", {"outcome": "已完成"}, "forbidden"),
]


@pytest.mark.parametrize("who, data, verdict", FOLLOW_UP_CASES)
def test_the_follow_up_gives_the_same_verdict_at_both_doors(client, relief, request, who, data, verdict):
    client.force_login(request.getfixturevalue(who))
    day_id = relief.workday_id
    page = door_verdict(lambda: client.post(f"/workdays/{day_id}/relief/{relief.pk}/outcome/", {f"relief-{relief.pk}-outcome": data["outcome"]}))
    api = door_verdict(lambda: client.patch(f"/api/v1/workdays/{day_id}/relief/{relief.pk}", data, content_type="application/json"))
    assert (page, api) == (verdict, verdict)
    assert Activity.objects.get().outcome == ""


def test_the_follow_up_is_refused_on_an_archived_day_and_for_a_visit(client, relief, days, town_clerk):
    client.force_login(town_clerk)
    assert api_post(client, days["held"], "visit", VALID["visit"]).status_code == 201
    visit = Activity.objects.get(kind="visit")
    assert client.patch(f"/api/v1/workdays/{visit.workday_id}/relief/{visit.pk}", {"outcome": "x"}, content_type="application/json").status_code == 404
    assert client.post(f"/workdays/{visit.workday_id}/relief/{visit.pk}/outcome/", {f"relief-{visit.pk}-outcome": "x"}).status_code == 404
    other_day = days["archived"]
    assert client.patch(f"/api/v1/workdays/{other_day.pk}/relief/{relief.pk}", {"outcome": "x"}, content_type="application/json").status_code == 404
    Activity.objects.filter(pk=relief.pk).update(workday=other_day)  # a relief of a day since archived
    page = client.post(f"/workdays/{other_day.pk}/relief/{relief.pk}/outcome/", {f"relief-{relief.pk}-outcome": "已完成"})
    api = client.patch(f"/api/v1/workdays/{other_day.pk}/relief/{relief.pk}", {"outcome": "已完成"}, content_type="application/json")
    assert (page.status_code, api.status_code) == (409, 409)
    assert Activity.objects.get(pk=relief.pk).outcome == ""


def test_the_outcome_is_written_then_corrected_with_history(client, relief, town_clerk):
    url = f"/api/v1/workdays/{relief.workday_id}/relief/{relief.pk}"
    assert client.get(url).json()["outcome"] == ""
    body = client.patch(url, {"outcome": "已申请，待审批"}, content_type="application/json").json()
    assert body["outcome"] == "已申请，待审批"
    response = client.post(f"/workdays/{relief.workday_id}/relief/{relief.pk}/outcome/", {f"relief-{relief.pk}-outcome": "已完成改造"})
    assert response.status_code == 302
    events = Event.objects.filter(action="relief_followed_up").order_by("id")
    assert [e.changes["relief_outcome"] for e in events] == [[None, "已申请，待审批"], ["已申请，待审批", "已完成改造"]]
    page = client.get(f"/workdays/{relief.workday_id}/").content.decode()
    assert "已完成改造" in page and "帮扶回访结果" in page
