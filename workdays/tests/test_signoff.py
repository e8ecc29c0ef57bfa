"""审核签发 of the Work Day's report and results publication: with the district's sign-off on, each
step makes a draft that a leader of the host unit approves (the step happens then, in the leader's
name on behalf of the clerk) or sends back; a second draft waits (409)."""

import pytest

from accounts.models import Role
from cases.models import Approval
from notifications.models import Kind, Notification
from units.models import DistrictSettings
from workdays.models import WorkDay
from workdays.tests.test_api import plan_payload

pytestmark = pytest.mark.django_db


@pytest.fixture
def held_day(client, town_clerk, unit, clock):
    client.force_login(town_clerk)
    clock.set("2026-11-20 10:00")
    day_id = client.post("/api/v1/workdays", plan_payload(unit("巴川街道")), content_type="application/json").json()["id"]
    clock.set("2026-12-10 09:30")
    client.post(f"/api/v1/workdays/{day_id}/sign-ins", {"name": "张伟", "title": "书记"}, content_type="application/json")
    DistrictSettings.objects.update(signoff_required=True)
    clock.set("2026-12-11 17:00")
    return day_id


@pytest.fixture
def leader(make_user):
    return make_user(Role.UNIT_LEADER, "巴川街道", username="bachuan_leader")


def post(client, user, path, body=None):
    client.force_login(user)
    return client.post(f"/api/v1{path}", body or {}, content_type="application/json", HTTP_ACCEPT_LANGUAGE="zh-hans")


def test_the_report_goes_out_when_the_leader_approves(client, held_day, town_clerk, leader, clock):
    day = post(client, town_clerk, f"/workdays/{held_day}/report", {"summary": "接待群众3人"}).json()
    assert day["status"] == "held" and day["report_submitted_at"] is None
    approval = Approval.objects.get(workday_id=held_day)
    assert approval.kind == "report" and approval.draft == {"summary": "接待群众3人"}
    assert Notification.objects.filter(kind=Kind.SIGNOFF_REQUESTED, recipient=leader).exists()
    response = post(client, town_clerk, f"/workdays/{held_day}/report", {"summary": "再交一次"})
    assert response.status_code == 409 and "签发" in response.json()["detail"]
    assert post(client, town_clerk, f"/approvals/{approval.pk}/approve").status_code == 403
    clock.set("2026-12-14 10:00")
    assert post(client, leader, f"/approvals/{approval.pk}/approve").status_code == 200
    workday = WorkDay.objects.get(pk=held_day)
    assert workday.status == "reported" and workday.report.summary == "接待群众3人"
    assert workday.report.submitted_by == town_clerk and workday.report.submitted_at.date().isoformat() == "2026-12-14"
    assert Notification.objects.filter(kind=Kind.SIGNOFF_DECIDED, recipient=town_clerk).exists()
    assert post(client, leader, f"/approvals/{approval.pk}/approve").status_code == 409


def test_a_sent_back_report_is_drafted_again(client, held_day, town_clerk, leader):
    post(client, town_clerk, f"/workdays/{held_day}/report", {"summary": "草稿"})
    approval = Approval.objects.get(workday_id=held_day)
    assert post(client, leader, f"/approvals/{approval.pk}/send-back", {"reason": ""}).status_code == 400
    assert post(client, leader, f"/approvals/{approval.pk}/send-back", {"reason": "请补充办理情况"}).status_code == 200
    assert WorkDay.objects.get(pk=held_day).status == "held"
    assert post(client, town_clerk, f"/workdays/{held_day}/report", {"summary": "补充后"}).status_code == 200
    assert Approval.objects.filter(workday_id=held_day, status="pending").count() == 1


def test_the_results_publication_waits_for_the_leader(client, held_day, town_clerk, leader):
    DistrictSettings.objects.update(signoff_required=False)
    assert post(client, town_clerk, f"/workdays/{held_day}/report").json()["status"] == "reported"
    DistrictSettings.objects.update(signoff_required=True)
    day = post(client, town_clerk, f"/workdays/{held_day}/publish-results", {"items": []}).json()
    assert day["status"] == "reported" and day["results_published_at"] is None
    approval = Approval.objects.get(workday_id=held_day, kind="results")
    assert post(client, town_clerk, f"/workdays/{held_day}/publish-results").status_code == 409
    assert post(client, leader, f"/approvals/{approval.pk}/send-back", {"reason": "请核对摘要"}).status_code == 200
    post(client, town_clerk, f"/workdays/{held_day}/publish-results")
    approval = Approval.objects.get(workday_id=held_day, kind="results", status="pending")
    assert post(client, leader, f"/approvals/{approval.pk}/approve").json()["status"] == "approved"
    assert WorkDay.objects.get(pk=held_day).status == "results_published"


def test_the_day_page_shows_the_draft_and_the_leaders_buttons(client, held_day, town_clerk, leader):
    client.force_login(town_clerk)
    response = client.post(f"/workdays/{held_day}/report/", {"summary": "接待群众3人"}, HTTP_ACCEPT_LANGUAGE="zh-hans", follow=True)
    page = response.content.decode()
    assert "待单位领导审核签发" in page and 'data-testid="signoff-draft"' in page
    approval = Approval.objects.get(workday_id=held_day)
    assert f"/approvals/{approval.pk}/approve/" not in page
    client.force_login(leader)
    page = client.get(f"/workdays/{held_day}/").content.decode()
    assert f"/approvals/{approval.pk}/approve/" in page
    response = client.post(f"/approvals/{approval.pk}/send-back/", {"reason": "请补充", "back": "target"})
    assert response.status_code == 302 and WorkDay.objects.get(pk=held_day).status == "held"
