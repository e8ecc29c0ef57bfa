"""Each refusal the case's transition table declares, through the API, with the message a user reads."""

import pytest

from cases import handling
from cases.models import Case, CaseStatus

pytestmark = pytest.mark.django_db


def post(client, user, case, step, data=None):
    client.force_login(user)
    body = {"version": case.version, **(data or {})}
    return client.post(
        f"/api/v1/cases/{case.pk}/{step}", body, content_type="application/json", HTTP_ACCEPT_LANGUAGE="zh-hans"
    )


def test_feedback_is_the_host_units_duty_not_the_joint_offices(client, case_factory, supervisor):
    case = case_factory(CaseStatus.AWAITING_ASSIGNMENT)
    assert post(client, supervisor, case, "feedback", {"content": "已告知"}).status_code == 403
    client.force_login(supervisor)
    assert client.post(f"/cases/{case.pk}/feedback/", {"version": case.version, "content": "已告知"}).status_code == 403
    assert not case.feedbacks.exists()


def test_a_voided_case_cannot_be_rated(client, case_factory, supervisor):
    case = case_factory(CaseStatus.REPLIED)
    case = handling.case_void(case=case, actor=supervisor, version=case.version, reason="重复录入")
    response = post(client, supervisor, case, "rate", {"acceptable": True})
    assert response.status_code == 409 and response.json()["detail"] == "该事项已作废。"
    assert case.replies.get().acceptable is None


def test_an_assignment_is_signed_for_once(client, case_factory, labour_clerk):
    case = case_factory(CaseStatus.ASSIGNED)
    assert post(client, labour_clerk, case, "receive").status_code == 200
    response = post(client, labour_clerk, Case.objects.get(pk=case.pk), "receive")
    assert response.status_code == 409 and "已签收" in response.json()["detail"]


def test_feedback_is_for_referred_matters_only(client, case_factory, town_clerk):
    case = case_factory(CaseStatus.HANDLING)
    response = post(client, town_clerk, case, "feedback", {"content": "已告知"})
    assert response.status_code == 409 and not case.feedbacks.exists()


def test_a_case_answered_on_the_spot_has_no_reply_to_rate(client, case_factory, supervisor):
    case = case_factory(CaseStatus.ANSWERED)
    case = handling.case_close(case=case, actor=supervisor, version=case.version)
    response = post(client, supervisor, case, "rate", {"acceptable": True})
    assert response.status_code == 409 and response.json()["detail"] == "尚无可评价的答复。"


@pytest.mark.parametrize(
    "status, step, actor, message",
    [
        (CaseStatus.ASSIGNED, "assign", "supervisor", "只有待交办的事项才能交办。"),
        (CaseStatus.REPLIED, "return", "labour_clerk", "只有已交办的事项才能退回。"),
        (CaseStatus.REPLIED, "reply", "labour_clerk", "只有办理中的事项才能答复。"),
        (CaseStatus.HANDLING, "close", "supervisor", "只有已答复的事项才能办结。"),
        (CaseStatus.CLOSED, "void", "supervisor", "已办结或已作废的事项不能作废。"),
        (CaseStatus.VOIDED, "revisit", "supervisor", "该事项已作废。"),
        (CaseStatus.REPLIED, "receive", "labour_clerk", "只有已交办的事项才能签收。"),
        (CaseStatus.REPLIED, "assist-opinion", "other_town_clerk", "协办意见只能在事项办理期间填写。"),
        (CaseStatus.CLOSED, "feedback", "town_clerk", "该事项已办结。"),
    ],
)
def test_a_step_from_the_wrong_status_is_refused_with_its_reason(client, case_factory, request, status, step, actor, message):
    case = case_factory(status)
    user = request.getfixturevalue(actor)
    response = post(client, user, case, step, {"reason": "测试", "reached": False, "lead_unit_id": 1, "content": "x"})
    assert response.status_code == 409 and response.json()["detail"] == message
    assert Case.objects.get(pk=case.pk).version == case.version
