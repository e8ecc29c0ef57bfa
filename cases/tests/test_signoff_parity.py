"""The sign-off table (cases/approvals.py) at both doors: for each decision × user × approval status,
the page and the API give the table's verdict (done, forbidden, refused)."""

import pytest

from accounts.models import Role
from cases import handling
from cases.approvals import TABLE
from cases.models import Approval, ApprovalStatus, CaseStatus
from units.models import DistrictSettings

pytestmark = pytest.mark.django_db

BODY = {"approve": {}, "send_back": {"reason": "请完善答复"}}


@pytest.fixture
def approvals(reference, case_factory, labour_clerk):
    def make(status):
        case = case_factory(CaseStatus.ASSIGNED)
        DistrictSettings.objects.update(signoff_required=True)
        approval = handling.case_reply(case=case, actor=labour_clerk, version=case.version, content="已督促支付", concluded=True)
        DistrictSettings.objects.update(signoff_required=False)
        Approval.objects.filter(pk=approval.pk).update(status=status)
        return Approval.objects.get(pk=approval.pk)

    return make


def verdict(approval, user, name) -> int:
    if not TABLE[name].who(user, approval):
        return 403
    return 409 if TABLE[name].refused_by_state(approval) else 200


def test_page_and_api_agree_with_the_table(client, approvals, labour_clerk, make_user, supervisor):
    users = [
        make_user(Role.UNIT_LEADER, "区人力社保局", username="labour_leader"), labour_clerk,
        make_user(Role.UNIT_LEADER, "巴川街道", username="bachuan_leader"), supervisor,
    ]
    for name in ("approve", "send_back"):
        for status in ApprovalStatus.values:
            for user in users:
                outcomes = []
                for door in ("page", "api"):
                    approval = approvals(status)
                    expected = verdict(approval, user, name)
                    client.force_login(user)
                    if door == "page":
                        got = client.post(f"/approvals/{approval.pk}/{name.replace('_', '-')}/", BODY[name]).status_code
                        got = 200 if got == 302 else got
                    else:
                        got = client.post(
                            f"/api/v1/approvals/{approval.pk}/{name.replace('_', '-')}", BODY[name], content_type="application/json"
                        ).status_code
                    outcomes.append(got)
                    assert got == expected, (door, name, status, user.username)
                assert outcomes[0] == outcomes[1]
