"""Participants from the unit's leadership, the sign-in book compared with the plan, and the flag of
a unit day held without its principal leader (R3), on the day, the list, the API and the compliance
grid (where it does not change `compliant`, R1)."""

import pytest

from units.models import Unit, UnitOfficial
from workdays import services
from workdays.attendance import absent_participants, participant_name
from workdays.models import WorkDay

pytestmark = pytest.mark.django_db

PARTICIPANTS = ["李明（党工委书记）", "王芳(办事处主任)", "二级机构负责人", "赵强 （副主任）"]


@pytest.fixture
def leadership(reference):
    unit = Unit.objects.get(name="巴川街道")
    UnitOfficial.objects.create(unit=unit, name="王芳", post="办事处主任", order=1)
    UnitOfficial.objects.create(unit=unit, name="李明", post="党工委书记", is_principal=True, order=2)
    return unit


@pytest.mark.parametrize(
    "entry, name",
    [("李明（党工委书记）", "李明"), ("王芳(办事处主任)", "王芳"), (" 赵强 （副主任） ", "赵强"), ("二级机构负责人", "二级机构负责人"),
     ("（党工委书记）", "（党工委书记）"), ("李明（党工委书记", "李明（党工委书记")],
)
def test_a_participant_is_matched_by_the_name_before_the_post(entry, name):
    assert participant_name(entry) == name


def test_the_plan_form_proposes_the_units_leadership_principal_first(client, town_clerk, leadership):
    client.force_login(town_clerk)
    form = client.get("/workdays/new/").context["form"]
    assert form.initial["participants"].splitlines() == ["李明（党工委书记）", "王芳（办事处主任）"]
    assert "李明（党工委书记）\n王芳（办事处主任）" in client.get("/workdays/new/").content.decode()


def test_without_leadership_the_plan_form_proposes_role_words(client, town_clerk, other_town_clerk, leadership):
    client.force_login(other_town_clerk)  # 土桥镇 has no leadership entered
    proposed = client.get("/workdays/new/", HTTP_ACCEPT_LANGUAGE="zh-hans").context["form"].initial["participants"]
    assert proposed.splitlines() == [str(p) for p in services.proposed_participants(Unit.objects.get(name="土桥镇"))]
    assert "（" not in proposed and len(proposed.splitlines()) == 3


@pytest.fixture
def day(clock, town_clerk, plan_workday, leadership):
    clock.set("2026-11-20 10:00")
    workday = plan_workday(town_clerk, "2026-12-10", participants=PARTICIPANTS)
    clock.set("2026-12-10 09:00")
    return workday


def _sign_in(client, day, name):
    response = client.post(f"/api/v1/workdays/{day.pk}/sign-ins", {"name": name, "title": "干部"}, content_type="application/json")
    assert response.status_code == 201


def test_absent_participants_are_listed_as_written_once_the_day_is_held(client, town_clerk, day):
    client.force_login(town_clerk)
    # Before the day is held nobody is absent yet.
    assert client.get(f"/api/v1/workdays/{day.pk}").json()["absent_participants"] == []
    _sign_in(client, day, "王芳")
    body = client.get(f"/api/v1/workdays/{day.pk}").json()
    assert body["status"] == "held"
    assert body["absent_participants"] == ["李明（党工委书记）", "二级机构负责人", "赵强 （副主任）"]
    _sign_in(client, day, "赵强")
    _sign_in(client, day, "李明")
    assert client.get(f"/api/v1/workdays/{day.pk}").json()["absent_participants"] == ["二级机构负责人"]
    page = client.get(f"/workdays/{day.pk}/", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    absent = page.split('data-testid="absent-participants"')[1].split("</div>")[0]
    assert "计划参加但未签到" in absent and "二级机构负责人" in absent and "李明" not in absent


def test_the_api_keeps_accepting_any_participant_text(client, town_clerk, clock, unit):
    clock.set("2026-11-20 10:00")
    client.force_login(town_clerk)
    body = {
        "host_unit_id": unit("巴川街道").pk, "date": "2026-12-10", "start_time": "09:00", "end_time": "12:00",
        "place": "巴川广场", "leader": "张伟", "agenda": "接待", "participants": ["领导班子成员", "李明（书记", "(主任)"],
    }
    response = client.post("/api/v1/workdays", body, content_type="application/json")
    assert response.status_code == 201 and response.json()["participants"] == ["领导班子成员", "李明（书记", "(主任)"]


def _compliance_cell(client, unit_name="巴川街道", period="2026Q4"):
    cells = client.get("/api/v1/compliance", {"year": 2026}).json()
    return next(c for c in cells if c["unit_name"] == unit_name and c["period"] == period)


def test_a_day_held_without_the_principal_is_flagged_everywhere_and_still_counts(client, town_clerk, supervisor, day):
    client.force_login(town_clerk)
    _sign_in(client, day, "王芳")
    assert "principal_absent" in client.get(f"/api/v1/workdays/{day.pk}").json()["flags"]
    listed = {w["id"]: w for w in client.get("/api/v1/workdays").json()["items"]}
    assert "principal_absent" in listed[day.pk]["flags"]
    page = client.get(f"/workdays/{day.pk}/", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert "主要负责同志（李明）未签到" in page.split('data-testid="flags"')[1].split("</section>")[0]
    assert "主要负责同志（李明）未签到" in client.get("/workdays/", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()

    client.force_login(supervisor)
    cell = _compliance_cell(client)
    assert cell["principal_absent"] == 1 and cell["held"] == 1 and cell["compliant"] is True
    grid = client.get("/supervision/compliance/", {"year": 2026}, HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert 'data-testid="principal-absent"' in grid

    client.force_login(town_clerk)
    _sign_in(client, day, "李明")
    assert "principal_absent" not in client.get(f"/api/v1/workdays/{day.pk}").json()["flags"]
    client.force_login(supervisor)
    assert _compliance_cell(client)["principal_absent"] == 0
    assert 'data-testid="principal-absent"' not in client.get("/supervision/compliance/", {"year": 2026}).content.decode()


def test_no_flag_before_the_day_is_held_without_a_principal_or_for_the_joint_office(
    client, clock, town_clerk, supervisor, day, workday_factory, district_leader
):
    client.force_login(town_clerk)
    assert "principal_absent" not in client.get(f"/api/v1/workdays/{day.pk}").json()["flags"]
    UnitOfficial.objects.filter(is_principal=True).update(is_principal=False)
    _sign_in(client, day, "王芳")
    assert "principal_absent" not in client.get(f"/api/v1/workdays/{day.pk}").json()["flags"]
    # The joint office's own day: led by a district leader, no principal-leader flag.
    office = Unit.objects.get(name="区信访工作联席会议办公室")
    UnitOfficial.objects.create(unit=office, name="周敏", post="主任", is_principal=True)
    joint = workday_factory(
        host_unit=office, actor=supervisor, date="2026-12-10", leading_district_leader=district_leader.district_leader
    )
    client.force_login(supervisor)
    _sign_in(client, joint, "王建国")
    assert WorkDay.objects.get(pk=joint.pk).status == "held"
    assert "principal_absent" not in client.get(f"/api/v1/workdays/{joint.pk}").json()["flags"]
    assert absent_participants(WorkDay.objects.get(pk=joint.pk)) == ["党工委书记", "办事处主任"]


def test_the_joint_office_plan_page_proposes_each_host_units_leadership(client, supervisor, leadership):
    client.force_login(supervisor)
    response = client.get("/workdays/new/")
    proposals = response.context["proposed_participants"]
    assert proposals[leadership.pk] == ["李明（党工委书记）", "王芳（办事处主任）"]
    assert len(proposals[Unit.objects.get(name="土桥镇").pk]) == 3  # no leadership entered: role words
    assert 'id="proposed-participants"' in response.content.decode()
    response = client.get("/workdays/new/", {"host_unit": leadership.pk})
    assert response.context["form"].initial["participants"] == "李明（党工委书记）\n王芳（办事处主任）"
