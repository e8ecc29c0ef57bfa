"""审核签发: with the district's sign-off on, a reply is a draft that a leader of the lead unit approves
(the reply's time and on-time fact are the approval's) or sends back with a reason; nobody else
decides, and a decided draft is not decided again. With sign-off off nothing changes (the other tests)."""

import pytest

from accounts.models import Role
from cases.models import Approval, Case, CaseStatus
from notifications.models import Kind, Notification
from units.models import DistrictSettings

pytestmark = pytest.mark.django_db


@pytest.fixture
def signoff(reference):
    DistrictSettings.objects.update(signoff_required=True)


@pytest.fixture
def leader(make_user):
    return make_user(Role.UNIT_LEADER, "区人力社保局", username="labour_leader")


def post(client, user, path, body=None):
    client.force_login(user)
    return client.post(f"/api/v1{path}", body or {}, content_type="application/json", HTTP_ACCEPT_LANGUAGE="zh-hans")


def draft_reply(client, case_factory, labour_clerk):
    case = case_factory(CaseStatus.ASSIGNED)
    response = post(client, labour_clerk, f"/cases/{case.pk}/reply", {"version": case.version, "content": "已督促支付", "concluded": True})
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "awaiting_signoff" and response.json()["replied_at"] is None
    return case, Approval.objects.get(case=case)


def test_a_reply_is_a_draft_until_the_leader_approves_it(client, signoff, case_factory, labour_clerk, leader, clock):
    case, approval = draft_reply(client, case_factory, labour_clerk)
    assert approval.draft == {"content": "已督促支付", "concluded": True, "feedback_to_center": ""}
    assert not case.replies.exists()
    assert set(Notification.objects.filter(kind=Kind.SIGNOFF_REQUESTED).values_list("recipient__username", flat=True)) == {"labour_leader"}
    client.force_login(labour_clerk)
    listed = client.get("/api/v1/approvals?status=pending").json()
    assert listed["total"] == 1 and listed["items"][0]["id"] == approval.pk
    clock.set("2026-12-11 09:00")
    response = post(client, leader, f"/approvals/{approval.pk}/approve")
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "approved"
    case = Case.objects.get(pk=case.pk)
    reply = case.replies.get()
    assert case.status == CaseStatus.REPLIED and reply.replied_at == case.replied_at
    assert reply.replied_at.date().isoformat() == "2026-12-11" and reply.on_time and reply.replied_by == labour_clerk
    assert "labour_clerk" in set(Notification.objects.filter(kind=Kind.SIGNOFF_DECIDED).values_list("recipient__username", flat=True))
    assert post(client, leader, f"/approvals/{approval.pk}/approve").status_code == 409
    assert post(client, leader, f"/approvals/{approval.pk}/send-back", {"reason": "x"}).status_code == 409


def test_the_time_a_draft_waits_counts_against_the_deadline(client, signoff, case_factory, labour_clerk, leader, clock):
    case, approval = draft_reply(client, case_factory, labour_clerk)
    clock.set("2026-12-30 10:00")
    client.force_login(leader)
    assert client.get(f"/api/v1/cases/{case.pk}").json()["overdue"] is True
    assert post(client, leader, f"/approvals/{approval.pk}/approve").status_code == 200
    case = Case.objects.get(pk=case.pk)
    assert case.replies.get().on_time is False
    assert client.get(f"/api/v1/cases/{case.pk}").json()["replied_late"] is True


def test_the_leader_sends_a_draft_back_with_a_reason(client, signoff, case_factory, labour_clerk, leader):
    case, approval = draft_reply(client, case_factory, labour_clerk)
    response = post(client, leader, f"/approvals/{approval.pk}/send-back", {"reason": "  "})
    assert response.status_code == 400 and "reason" in response.json()["errors"]
    response = post(client, leader, f"/approvals/{approval.pk}/send-back", {"reason": "答复内容不完整"})
    assert response.status_code == 200 and response.json()["status"] == "sent_back"
    client.force_login(labour_clerk)
    got = client.get(f"/api/v1/cases/{case.pk}").json()
    assert got["status"] == "assigned"
    assert got["timeline"][-1]["action"] == "signoff_sent_back" and "答复内容不完整" in got["timeline"][-1]["detail"]
    assert "labour_clerk" in set(Notification.objects.filter(kind=Kind.SIGNOFF_DECIDED).values_list("recipient__username", flat=True))
    # The clerk drafts again.
    response = post(client, labour_clerk, f"/cases/{case.pk}/reply", {"version": got["version"], "content": "已督促支付到位", "concluded": True})
    assert response.json()["status"] == "awaiting_signoff"


def test_only_a_leader_of_the_drafting_unit_decides(client, signoff, case_factory, labour_clerk, leader, make_user, supervisor):
    case, approval = draft_reply(client, case_factory, labour_clerk)
    other_leader = make_user(Role.UNIT_LEADER, "巴川街道", username="bachuan_leader")
    assert post(client, labour_clerk, f"/approvals/{approval.pk}/approve").status_code == 403
    assert post(client, other_leader, f"/approvals/{approval.pk}/approve").status_code == 403
    assert post(client, supervisor, f"/approvals/{approval.pk}/send-back", {"reason": "x"}).status_code == 403
    assert post(client, leader, "/approvals/999999/approve").status_code == 404
    client.force_login(other_leader)
    assert client.get("/api/v1/approvals?status=pending").json()["total"] == 0
    client.force_login(supervisor)
    assert client.get("/api/v1/approvals?status=pending").json()["total"] == 1
    assert client.get("/api/v1/approvals?status=bogus").status_code in (400, 422)
    assert Case.objects.get(pk=case.pk).status == CaseStatus.AWAITING_SIGNOFF


def test_a_case_whose_reply_draft_waits_is_not_voided_until_the_leader_decides(client, signoff, case_factory, labour_clerk, leader, supervisor):
    case, approval = draft_reply(client, case_factory, labour_clerk)
    response = post(client, supervisor, f"/cases/{case.pk}/void", {"version": case.version + 1, "reason": "录入错误"})
    assert response.status_code == 409 and "签发" in response.json()["detail"]
    assert post(client, leader, f"/approvals/{approval.pk}/send-back", {"reason": "先撤回"}).status_code == 200
    response = post(client, supervisor, f"/cases/{case.pk}/void", {"version": case.version + 2, "reason": "录入错误"})
    assert response.status_code == 200 and response.json()["status"] == "voided"
