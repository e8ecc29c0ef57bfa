"""Whoever must act next is told in the step's transaction: the lead and assisting units on an
assignment, the joint office on a return, a reply and a failed revisit, the registering unit on the
reply to its referred case. Never the actor's other units, inactive users or district leaders."""

import pytest

from accounts.models import Role
from cases import handling
from cases.models import CaseStatus
from lifecycle import StaleVersion
from notifications.models import Kind, Notification
from units.models import Unit

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(make_user, supervisor, town_clerk, other_town_clerk, dept_clerk, district_leader, labour_clerk):
    inactive = make_user(Role.CLERK, "区人力社保局", username="labour_inactive")
    inactive.is_active = False
    inactive.save(update_fields=["is_active"])
    return {
        "supervisor": supervisor,
        "supervisor2": make_user(Role.SUPERVISOR, "区信访工作联席会议办公室", username="supervisor2"),
        "host_clerk": town_clerk,
        "host_leader": make_user(Role.UNIT_LEADER, "巴川街道", username="bachuan_leader"),
        "lead_clerk": labour_clerk,
        "lead_leader": make_user(Role.UNIT_LEADER, "区人力社保局", username="labour_leader"),
        "assist_clerk": other_town_clerk,
        "assist_leader": make_user(Role.UNIT_LEADER, "土桥镇", username="tuqiao_leader"),
        "bystander": dept_clerk,
        "district_leader": district_leader,
        "inactive": inactive,
    }


def told(kind=None) -> set[str]:
    qs = Notification.objects.all() if kind is None else Notification.objects.filter(kind=kind)
    return set(qs.values_list("recipient__username", flat=True))


def names(people, *keys) -> set[str]:
    return {people[k].username for k in keys}


def test_assignment_tells_the_lead_and_assisting_units(case_factory, people):
    case = case_factory(CaseStatus.AWAITING_ASSIGNMENT)
    assert told() == set()
    case = handling.case_assign(
        case=case, actor=people["supervisor"], version=case.version,
        lead_unit=Unit.objects.get(name="区人力社保局"), assisting_units=[Unit.objects.get(name="土桥镇")],
    )
    assert told(Kind.ASSIGNED) == names(people, "lead_clerk", "lead_leader", "assist_clerk", "assist_leader")
    lead = Notification.objects.get(recipient=people["lead_clerk"])
    assert lead.text == f"您单位有新的交办事项 #{case.pk}：欠薪讨薪，答复期限 {case.due_date:%Y-%m-%d}"
    assert lead.url == f"/cases/{case.pk}/" and lead.read_at is None
    assert "李四" not in lead.text and "13800138000" not in lead.text
    assist = Notification.objects.get(recipient=people["assist_clerk"])
    assert f"#{case.pk}" in assist.text and "协办" in assist.text


def test_a_stale_assignment_tells_nobody(case_factory, people):
    case = case_factory(CaseStatus.AWAITING_ASSIGNMENT)
    with pytest.raises(StaleVersion):
        handling.case_assign(
            case=case, actor=people["supervisor"], version=case.version + 1,
            lead_unit=Unit.objects.get(name="区人力社保局"),
        )
    assert not Notification.objects.exists()


def test_an_assignment_refused_after_the_notice_was_written_leaves_none(case_factory, people, monkeypatch):
    """The notifications are in the step's transaction: when the step fails after them, they go too."""
    case = case_factory(CaseStatus.AWAITING_ASSIGNMENT)

    def broken_save(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(handling, "_save", broken_save)
    with pytest.raises(RuntimeError):
        handling.case_assign(
            case=case, actor=people["supervisor"], version=case.version, lead_unit=Unit.objects.get(name="区人力社保局"),
        )
    assert not Notification.objects.exists()


def test_a_return_tells_the_joint_office(case_factory, people):
    case = case_factory(CaseStatus.ASSIGNED)
    Notification.objects.all().delete()
    handling.case_return(case=case, actor=people["lead_clerk"], version=case.version, reason="非本部门职责")
    assert told() == names(people, "supervisor", "supervisor2")
    note = Notification.objects.filter(kind=Kind.RETURNED).first()
    assert note.text == f"交办事项 #{case.pk}（欠薪讨薪）已被区人力社保局退回，待重新交办"


def test_a_reply_to_a_referred_case_tells_the_joint_office_and_the_registering_unit(case_factory, people):
    case = case_factory(CaseStatus.ASSIGNED)
    Notification.objects.all().delete()
    handling.case_reply(case=case, actor=people["lead_clerk"], version=case.version, content="已督促支付", concluded=True)
    assert told(Kind.REPLIED) == names(people, "supervisor", "supervisor2", "host_clerk", "host_leader")
    assert told() == told(Kind.REPLIED)


def test_a_reply_to_a_self_handled_case_tells_only_the_joint_office(case_factory, people):
    case = case_factory(CaseStatus.HANDLING)
    handling.case_reply(case=case, actor=people["host_clerk"], version=case.version, content="路灯已修", concluded=True)
    assert told() == names(people, "supervisor", "supervisor2")


@pytest.mark.parametrize(
    "said, expected",
    [
        ({"reached": False}, "未能联系到群众"),
        ({"reached": True, "satisfied": False, "confirms_reply": True}, "群众不满意"),
        ({"reached": True, "satisfied": True, "confirms_reply": False}, "与答复不符"),
    ],
)
def test_a_failed_revisit_tells_the_rest_of_the_joint_office(case_factory, people, said, expected):
    case = case_factory(CaseStatus.REPLIED)
    Notification.objects.all().delete()
    handling.case_revisit(case=case, actor=people["supervisor"], version=case.version, **said)
    assert told(Kind.REVISIT_FAILED) == names(people, "supervisor2")
    assert expected in Notification.objects.get().text


def test_a_good_revisit_tells_nobody(case_factory, people):
    case = case_factory(CaseStatus.REPLIED)
    Notification.objects.all().delete()
    handling.case_revisit(case=case, actor=people["supervisor"], version=case.version, reached=True, satisfied=True, confirms_reply=True)
    assert not Notification.objects.exists()


def test_the_api_step_notifies_too(case_factory, people, client):
    case = case_factory(CaseStatus.ASSIGNED)
    Notification.objects.all().delete()
    client.force_login(people["lead_clerk"])
    response = client.post(
        f"/api/v1/cases/{case.pk}/return", {"version": case.version, "reason": "非本部门职责"}, content_type="application/json"
    )
    assert response.status_code == 200, response.content
    assert told(Kind.RETURNED) == names(people, "supervisor", "supervisor2")
