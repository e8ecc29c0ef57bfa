"""The sign-off pages: the leader's list and home to-do, the draft on the case's page with the
leader's buttons, and the same refusals as the API."""

import pytest

from accounts.models import Role
from cases import handling
from cases.forms import YES
from cases.models import Approval, Case, CaseStatus
from units.models import DistrictSettings

pytestmark = pytest.mark.django_db


@pytest.fixture
def drafted(reference, case_factory, labour_clerk):
    case = case_factory(CaseStatus.ASSIGNED)
    DistrictSettings.objects.update(signoff_required=True)
    handling.case_reply(case=case, actor=labour_clerk, version=case.version, content="已督促支付", concluded=True)
    return Approval.objects.get(case=case)


@pytest.fixture
def leader(make_user):
    return make_user(Role.UNIT_LEADER, "区人力社保局", username="labour_leader")


def test_the_leader_sees_the_draft_on_the_list_home_and_case_page(client, drafted, leader):
    client.force_login(leader)
    page = client.get("/approvals/", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert "已督促支付" in page and f"/approvals/{drafted.pk}/approve/" in page
    home = client.get("/", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert "/approvals/" in home and "待您审核签发" in home
    case_page = client.get(f"/cases/{drafted.case_id}/").content.decode()
    assert 'data-testid="signoff-draft"' in case_page and f"/approvals/{drafted.pk}/send-back/" in case_page


def test_the_clerk_sees_the_draft_without_buttons(client, drafted, labour_clerk):
    client.force_login(labour_clerk)
    page = client.get("/approvals/").content.decode()
    assert "已督促支付" in page and f"/approvals/{drafted.pk}/approve/" not in page
    assert f"/approvals/{drafted.pk}/approve/" not in client.get(f"/cases/{drafted.case_id}/").content.decode()
    assert client.post(f"/approvals/{drafted.pk}/approve/").status_code == 403


def test_the_leader_decides_on_the_page(client, drafted, leader):
    client.force_login(leader)
    assert client.post(f"/approvals/{drafted.pk}/send-back/", {"reason": ""}).status_code == 400
    response = client.post(f"/approvals/{drafted.pk}/approve/", {"back": "target"})
    assert response.status_code == 302 and response["Location"] == f"/cases/{drafted.case_id}/"
    assert Case.objects.get(pk=drafted.case_id).status == CaseStatus.REPLIED
    assert client.post(f"/approvals/{drafted.pk}/approve/").status_code == 409


def test_the_clerk_drafts_the_reply_on_the_case_page(client, reference, case_factory, labour_clerk, make_user):
    case = case_factory(CaseStatus.ASSIGNED)
    DistrictSettings.objects.update(signoff_required=True)
    leader = make_user(Role.UNIT_LEADER, "区人力社保局", username="labour_leader")
    client.force_login(labour_clerk)
    response = client.post(
        f"/cases/{case.pk}/reply/", {"version": case.version, "content": "已督促支付", "concluded": YES},
        HTTP_ACCEPT_LANGUAGE="zh-hans", follow=True,
    )
    assert response.status_code == 200 and "待单位领导审核签发" in response.content.decode()
    assert Case.objects.get(pk=case.pk).status == CaseStatus.AWAITING_SIGNOFF
    assert Approval.objects.get(case=case).unit.users.filter(pk=leader.pk).exists()
