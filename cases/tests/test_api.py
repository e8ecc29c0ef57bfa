"""The case handling API: assign → receive → reply → revisit, and 400/403/404/409 refusals."""

import pytest

from cases.models import Case, CaseStatus
from conftest import _make_user
from intake.tests.factories import register_matter
from units.models import Category, Unit

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(clock, town_clerk, plan_workday):
    clock.set("2026-11-20 10:00")
    day = plan_workday(town_clerk, "2026-12-10")
    clock.set("2026-12-10 10:00")
    registration, _ = register_matter(
        workday=day, actor=town_clerk, petitioners=[{"name": "李四", "phone": "13800138000"}], kind="request",
        category=Category.objects.get(name="欠薪讨薪"), territory=Unit.objects.get(name="巴川街道"),
        content="工地拖欠工资", disposition="refer", channel="区人力社保局",
    )
    return registration.case


def post(client, user, path, body):
    client.force_login(user)
    return client.post(f"/api/v1/cases{path}", body, content_type="application/json", HTTP_ACCEPT_LANGUAGE="zh-hans")


def test_assign_receive_reply_revisit_close(client, case, supervisor, clock):
    labour = _make_user("labour", "区人力社保局", "clerk")
    lead, town = Unit.objects.get(name="区人力社保局"), Unit.objects.get(name="巴川街道")
    body = post(client, supervisor, f"/{case.pk}/assign", {"version": 1, "lead_unit_id": lead.pk, "assisting_unit_ids": [town.pk]})
    assert body.status_code == 200, body.content
    assert body.json()["status"] == "assigned" and body.json()["due_date"] == "2026-12-21"
    got = post(client, labour, f"/{case.pk}/receive", {"version": 2}).json()
    assert got["version"] == 3 and got["due_date"] == "2026-12-21"
    got = post(client, labour, f"/{case.pk}/reply", {"version": 3, "content": "已督促支付", "concluded": True}).json()
    assert got["status"] == "replied" and got["replied_at"]
    got = post(client, supervisor, f"/{case.pk}/revisit", {"version": 4, "reached": True, "satisfied": True, "confirms_reply": True}).json()
    assert got["version"] == 5
    got = post(client, supervisor, f"/{case.pk}/close", {"version": 5}).json()
    assert got["status"] == "closed"
    assert [e["action"] for e in got["timeline"]] == ["case_created", "assigned", "received", "replied", "revisited", "closed"]


def test_assign_refusals_are_field_errors(client, case, supervisor):
    town = Unit.objects.get(name="巴川街道")
    response = post(client, supervisor, f"/{case.pk}/assign", {"version": 1, "lead_unit_id": 999999})
    assert response.status_code == 400 and "lead_unit_id" in response.json()["errors"]
    response = post(client, supervisor, f"/{case.pk}/assign", {"version": 1, "lead_unit_id": town.pk, "assisting_unit_ids": [town.pk]})
    assert response.status_code == 400 and "assisting_unit_ids" in response.json()["errors"]
    labour = Unit.objects.get(name="区人力社保局")
    response = post(client, supervisor, f"/{case.pk}/assign", {"version": 1, "lead_unit_id": labour.pk, "assisting_unit_ids": [town.pk, town.pk]})
    assert response.status_code == 400
    case.refresh_from_db()
    assert case.status == CaseStatus.AWAITING_ASSIGNMENT and case.version == 1


def test_a_stale_version_is_a_409_and_changes_nothing(client, case, supervisor):
    labour = Unit.objects.get(name="区人力社保局")
    post(client, supervisor, f"/{case.pk}/assign", {"version": 1, "lead_unit_id": labour.pk})
    response = post(client, supervisor, f"/{case.pk}/void", {"version": 1, "reason": "错录"})
    assert response.status_code == 409
    assert Case.objects.get(pk=case.pk).status == CaseStatus.ASSIGNED


def test_an_illegal_transition_is_a_409(client, case, supervisor):
    assert post(client, supervisor, f"/{case.pk}/close", {"version": 1}).status_code == 409


def test_empty_reply_and_reason_are_400(client, case, supervisor):
    labour_clerk = _make_user("labour", "区人力社保局", "clerk")
    labour = Unit.objects.get(name="区人力社保局")
    post(client, supervisor, f"/{case.pk}/assign", {"version": 1, "lead_unit_id": labour.pk})
    response = post(client, labour_clerk, f"/{case.pk}/reply", {"version": 2, "content": "", "concluded": True})
    assert response.status_code == 400 and "content" in response.json()["errors"]
    response = post(client, labour_clerk, f"/{case.pk}/return", {"version": 2, "reason": ""})
    assert response.status_code == 400 and "reason" in response.json()["errors"]
    response = post(client, labour_clerk, f"/{case.pk}/return", {"version": 2})
    assert response.status_code == 400 and "reason" in response.json()["errors"]
    response = post(client, labour_clerk, f"/{case.pk}/return", {"version": 2, "reason": "不属于本部门职责"})
    assert response.status_code == 200
    assert response.json()["status"] == "awaiting_assignment" and response.json()["return_count"] == 1


def test_revisit_of_an_unknown_case_is_404(client, supervisor):
    response = post(client, supervisor, "/999999/revisit", {"version": 1, "reached": False})
    assert response.status_code == 404


def test_another_town_sees_nothing_and_an_assisting_unit_cannot_reply(client, case, supervisor, town_clerk, other_town_clerk):
    labour, town = Unit.objects.get(name="区人力社保局"), Unit.objects.get(name="巴川街道")
    post(client, supervisor, f"/{case.pk}/assign", {"version": 1, "lead_unit_id": labour.pk, "assisting_unit_ids": [town.pk]})
    client.force_login(other_town_clerk)
    assert client.get(f"/api/v1/cases/{case.pk}").status_code == 404
    assert client.get("/api/v1/cases").json() == {"items": [], "total": 0}
    client.force_login(town_clerk)
    assert client.get(f"/api/v1/cases/{case.pk}").status_code == 200
    response = post(client, town_clerk, f"/{case.pk}/reply", {"version": 2, "content": "已处理", "concluded": True})
    assert response.status_code == 403
    assert post(client, town_clerk, f"/{case.pk}/assist-opinion", {"version": 2, "content": "已核实"}).status_code == 200


def test_a_voided_case_is_hidden_from_units_but_not_from_the_joint_office(client, case, supervisor, town_clerk):
    post(client, supervisor, f"/{case.pk}/void", {"version": 1, "reason": "重复录入"})
    client.force_login(town_clerk)
    assert client.get(f"/api/v1/cases/{case.pk}").status_code == 404
    client.force_login(supervisor)
    assert client.get(f"/api/v1/cases/{case.pk}").json()["status"] == "voided"


def test_full_personal_data_is_logged_and_refused_to_leaders(client, case, supervisor, district_leader, town_clerk):
    from intake.models import PersonalDataView

    client.force_login(district_leader)
    assert client.post(f"/api/v1/cases/{case.pk}/personal-data").status_code == 403
    client.force_login(town_clerk)
    listed = client.get(f"/api/v1/workdays/{case.workday_id}/registrations").json()["items"]
    assert listed[0]["petitioners"][0]["phone_masked"] == "138****8000"
    full = client.post(f"/api/v1/cases/{case.pk}/personal-data").json()
    assert full[0]["phone"] == "13800138000"
    view = PersonalDataView.objects.get()
    assert view.viewed_by == town_clerk and view.registration_id == case.registration_id
