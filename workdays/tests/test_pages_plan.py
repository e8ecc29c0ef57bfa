"""The plan form: /workdays/new/."""

import pytest

from units.models import DistrictLeader, Unit
from workdays.models import WorkDay

pytestmark = pytest.mark.django_db


def plan_data(**overrides):
    data = {
        "date": "2026-12-10",
        "start_time": "09:00",
        "end_time": "12:00",
        "place": "巴川广场",
        "extension_sites": "玉皇村\n\n龙门社区\n",
        "leader": "张伟",
        "participants": "党工委书记\n办事处主任",
        "agenda": "接待群众来访，现场答复诉求",
        "procedure": "登记、分流、答复",
        "activity_forms": ["分片走访", "定点接待"],
        "visit_targets": ["困难户"],
        "relief_areas": ["就业"],
    }
    data.update(overrides)
    return data


@pytest.fixture
def clerk(client, clock, town_clerk):
    clock.set("2026-11-20 10:00")
    client.force_login(town_clerk)
    return town_clerk


def test_it_shows_the_form_with_the_linked_leaders_proposed(client, clerk, district_leader):
    response = client.get("/workdays/new/")
    assert response.status_code == 200
    leader = DistrictLeader.objects.get(name="王建国")
    assert list(response.context["form"].initial["invited_leader_ids"]) == [leader.pk]
    page = response.content.decode()
    assert "制定群众工作日计划" in page and "王建国" in page
    assert "host_unit_id" not in response.context["form"].fields  # a clerk hosts their own unit


def test_it_plans_a_day_for_the_clerks_unit(client, clerk, district_leader):
    leader = DistrictLeader.objects.get(name="王建国")
    dept = Unit.objects.get(name="区人力社保局")
    response = client.post("/workdays/new/", plan_data(invited_leader_ids=[leader.pk], liaison_department_ids=[dept.pk]))
    workday = WorkDay.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/workdays/{workday.pk}/"
    assert workday.host_unit.name == "巴川街道" and workday.created_by == clerk
    assert workday.extension_sites == ["玉皇村", "龙门社区"]
    assert workday.participants == ["党工委书记", "办事处主任"]
    assert workday.activity_forms == ["分片走访", "定点接待"]
    assert list(workday.invited_leaders.all()) == [leader]
    assert list(workday.liaison_departments.all()) == [dept]
    followed = client.get(response["Location"])
    assert "群众工作日计划已制定" in followed.content.decode()


def test_it_refuses_a_past_date_and_an_end_before_the_start_with_field_messages(client, clerk):
    response = client.post("/workdays/new/", plan_data(date="2026-11-19", start_time="12:00", end_time="09:00"))
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["date"] == ["日期已过。请安排今天或以后的日期。"]
    assert form.errors["end_time"] == ["结束时间必须晚于开始时间。"]
    assert WorkDay.objects.count() == 0


def test_it_shows_missing_fields_in_chinese(client, clerk):
    response = client.post("/workdays/new/", plan_data(place="", agenda=""))
    form = response.context["form"]
    assert form.errors["place"] == ["这个字段是必填项。"] and "agenda" in form.errors
    assert WorkDay.objects.count() == 0


def test_it_lets_the_joint_office_choose_the_host_and_requires_a_leading_leader(client, clock, supervisor):
    clock.set("2026-11-20 10:00")
    client.force_login(supervisor)
    joint_office = supervisor.unit
    response = client.post("/workdays/new/", plan_data(host_unit_id=joint_office.pk))
    assert response.context["form"].errors["leading_district_leader_id"] == ["联席办组织的群众工作日须由区级领导带队。"]
    assert WorkDay.objects.count() == 0

    leader = DistrictLeader.objects.create(name="李四", title="副区长")
    response = client.post("/workdays/new/", plan_data(host_unit_id=joint_office.pk, leading_district_leader_id=leader.pk))
    assert response.status_code == 302
    assert WorkDay.objects.get().leading_district_leader == leader

    response = client.post("/workdays/new/", plan_data(host_unit_id=Unit.objects.get(name="土桥镇").pk))
    assert response.status_code == 302
    assert WorkDay.objects.filter(host_unit__name="土桥镇").exists()


def test_it_forbids_district_leaders_to_plan(client, clock, district_leader):
    client.force_login(district_leader)
    assert client.get("/workdays/new/").status_code == 403
    assert client.post("/workdays/new/", plan_data()).status_code == 403
    assert WorkDay.objects.count() == 0


def test_it_proposes_the_r3_participants_and_hides_the_leading_leader_for_a_town(client, town_clerk):
    client.force_login(town_clerk)
    page = client.get("/workdays/new/").content.decode()
    assert "主要负责人" in page and "领导班子成员" in page and "二级机构负责人" in page
    assert 'name="leading_district_leader_id"' not in page
