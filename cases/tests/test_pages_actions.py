"""The handling actions through the pages: each works for the right user and is refused (403) for
the others; bad input gives field messages in Chinese and changes nothing; a stale version is a
message, never a lost update; a GET changes nothing (405)."""

import pytest

from cases import handling
from cases.models import AssistOpinion, Case, CaseStatus, CitizenFeedback, Reply, Revisit
from intake.tests.factories import register_matter
from units.models import Category, Unit

pytestmark = pytest.mark.django_db

ACTIONS = ["assign", "receive", "return", "assist-opinion", "feedback", "reply", "rate", "revisit", "close", "void"]


@pytest.fixture
def referred(clock, town_clerk, plan_workday):
    clock.set("2026-11-20 10:00")
    day = plan_workday(town_clerk, "2026-12-10")
    clock.set("2026-12-10 10:00")
    registration, _ = register_matter(
        workday=day, actor=town_clerk, petitioners=[{"name": "李四", "phone": "13800138000"}], kind="request",
        category=Category.objects.get(name="欠薪讨薪"), territory=Unit.objects.get(name="巴川街道"),
        content="工地拖欠工资", disposition="refer", channel="区人力社保局",
    )
    return registration.case


@pytest.fixture
def assigned(referred, supervisor):
    """Assigned to 区人力社保局 with 巴川街道 assisting; version 2."""
    return handling.case_assign(
        case=referred, actor=supervisor, version=1,
        lead_unit=Unit.objects.get(name="区人力社保局"), assisting_units=[Unit.objects.get(name="巴川街道")],
    )


@pytest.fixture
def replied(assigned, labour_clerk):
    handling.case_reply(case=assigned, actor=labour_clerk, version=2, content="已督促支付", concluded=True)
    return Case.objects.get(pk=assigned.pk)


def act(client, user, case, action, data=None, version=None):
    client.force_login(user)
    body = {"version": case.version if version is None else version, **(data or {})}
    return client.post(f"/cases/{case.pk}/{action}/", body, HTTP_ACCEPT_LANGUAGE="zh-hans")


def fresh(case) -> Case:
    return Case.objects.get(pk=case.pk)


def shown_messages(response) -> list[str]:
    return [str(m) for m in response.wsgi_request._messages]


def field_errors(response, action) -> dict:
    panel = next(p for p in response.context["panels"] if p["action"].name == action)
    return panel["form"].errors


# --- Each action works for the right user ------------------------------------------------------------


def test_it_assigns_for_the_joint_office(client, referred, supervisor):
    labour, town = Unit.objects.get(name="区人力社保局"), Unit.objects.get(name="巴川街道")
    response = act(client, supervisor, referred, "assign", {"lead_unit_id": labour.pk, "assisting_unit_ids": [town.pk]})
    assert response.status_code == 302 and response["Location"] == f"/cases/{referred.pk}/"
    case = fresh(referred)
    assert case.status == CaseStatus.ASSIGNED and case.lead_unit == labour and list(case.assisting_units.all()) == [town]
    assert shown_messages(response) == ["已交办。"]


def test_it_signs_for_the_lead_unit(client, assigned, labour_clerk):
    response = act(client, labour_clerk, assigned, "receive", {"responsible_person": "赵六"})
    assert response.status_code == 302
    case = fresh(assigned)
    assert case.responsible_person == "赵六" and case.current_assignment.received_at is not None
    assert shown_messages(response) == ["已签收。"]


def test_it_returns_for_the_lead_unit_and_goes_to_the_ledger(client, assigned, labour_clerk):
    response = act(client, labour_clerk, assigned, "return", {"reason": "不属于本单位职责"})
    # The case left the unit; its clerk can no longer open it.
    assert response.status_code == 302 and response["Location"] == "/cases/"
    case = fresh(assigned)
    assert case.status == CaseStatus.AWAITING_ASSIGNMENT and case.return_count == 1


def test_it_replies_for_the_lead_unit(client, assigned, labour_clerk):
    response = act(client, labour_clerk, assigned, "reply", {"content": "已督促支付", "concluded": "yes"})
    assert response.status_code == 302
    assert fresh(assigned).status == CaseStatus.REPLIED
    assert Reply.objects.get().concluded is True


def test_it_replies_not_concluded_with_written_feedback(client, assigned, labour_clerk):
    data = {"content": "正在协调", "concluded": "no", "feedback_to_center": "已向投诉受理中心书面反馈"}
    assert act(client, labour_clerk, assigned, "reply", data).status_code == 302
    reply = Reply.objects.get()
    assert reply.concluded is False and reply.feedback_to_center == "已向投诉受理中心书面反馈"


def test_it_records_an_assisting_opinion(client, assigned, town_clerk):
    assert act(client, town_clerk, assigned, "assist-opinion", {"content": "已核实情况"}).status_code == 302
    assert AssistOpinion.objects.get().content == "已核实情况"


def test_it_records_the_host_units_feedback(client, referred, town_clerk):
    assert act(client, town_clerk, referred, "feedback", {"content": "已告知群众转交情况"}).status_code == 302
    assert CitizenFeedback.objects.get().content == "已告知群众转交情况" and fresh(referred).feedback_at


def test_it_rates_a_reply(client, replied, supervisor):
    response = act(client, supervisor, replied, "rate", {"acceptable": "no", "reason": "答复内容空泛"})
    assert response.status_code == 302
    reply = Reply.objects.get()
    assert reply.acceptable is False and reply.rating_reason == "答复内容空泛"


def test_it_records_a_revisit(client, replied, supervisor):
    data = {"reached": "yes", "satisfied": "no", "confirms_reply": "no", "note": "群众称未接到联系"}
    assert act(client, supervisor, replied, "revisit", data).status_code == 302
    revisit = Revisit.objects.get()
    assert (revisit.reached, revisit.satisfied, revisit.confirms_reply) == (True, False, False)


def test_it_closes_a_replied_case(client, replied, supervisor):
    assert act(client, supervisor, replied, "close").status_code == 302
    assert fresh(replied).status == CaseStatus.CLOSED


def test_it_voids_with_a_reason_and_a_confirmation(client, referred, supervisor):
    response = act(client, supervisor, referred, "void", {"reason": "重复录入"})
    assert response.status_code == 400 and "confirm" in field_errors(response, "void")
    assert fresh(referred).status == CaseStatus.AWAITING_ASSIGNMENT
    assert act(client, supervisor, referred, "void", {"reason": "重复录入", "confirm": "on"}).status_code == 302
    assert fresh(referred).status == CaseStatus.VOIDED


# --- ... and is refused for the others ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("action", "user"),
    [
        ("assign", "town_clerk"),
        ("assign", "district_leader"),
        ("receive", "town_clerk"),
        ("receive", "supervisor"),
        ("return", "town_clerk"),
        ("reply", "town_clerk"),
        ("reply", "supervisor"),
        ("assist-opinion", "labour_clerk"),
        ("feedback", "labour_clerk"),
        ("rate", "labour_clerk"),
        ("revisit", "town_clerk"),
        ("close", "labour_clerk"),
        ("void", "town_clerk"),
    ],
)
def test_it_refuses_the_wrong_user(client, assigned, action, user, request):
    actor = request.getfixturevalue(user)
    data = {"content": "内容", "reason": "理由", "concluded": "yes", "acceptable": "yes", "reached": "no", "confirm": "on",
            "lead_unit_id": Unit.objects.get(name="区教委").pk}
    response = act(client, actor, assigned, action, data)
    assert response.status_code == 403
    assert fresh(assigned).version == 2


def test_it_refuses_an_empty_form_from_the_wrong_user_with_403_not_field_errors(client, assigned, town_clerk):
    assert act(client, town_clerk, assigned, "reply", {"content": ""}).status_code == 403


@pytest.mark.parametrize("action", ACTIONS)
def test_it_hides_the_case_from_another_town(client, assigned, other_town_clerk, action):
    assert act(client, other_town_clerk, assigned, action, {"content": "x", "reason": "x"}).status_code == 404


@pytest.mark.parametrize("action", ACTIONS)
def test_it_does_not_act_on_get(client, assigned, supervisor, action):
    client.force_login(supervisor)
    assert client.get(f"/cases/{assigned.pk}/{action}/").status_code == 405
    assert fresh(assigned).version == 2


# --- Bad input: field messages in Chinese, nothing changed --------------------------------------------


def test_it_refuses_an_empty_reply_with_a_field_message(client, assigned, labour_clerk):
    response = act(client, labour_clerk, assigned, "reply", {"content": "  ", "concluded": "yes"})
    assert response.status_code == 400
    assert field_errors(response, "reply")["content"] == ["请填写对群众的答复内容。"]
    assert "请填写对群众的答复内容。" in response.content.decode()
    assert fresh(assigned).status == CaseStatus.ASSIGNED and not Reply.objects.exists()


def test_it_requires_written_feedback_when_an_assigned_case_is_not_concluded(client, assigned, labour_clerk):
    response = act(client, labour_clerk, assigned, "reply", {"content": "正在协调", "concluded": "no"})
    assert response.status_code == 400
    assert "feedback_to_center" in field_errors(response, "reply")
    assert not Reply.objects.exists()


def test_it_refuses_a_return_without_a_reason(client, assigned, labour_clerk):
    response = act(client, labour_clerk, assigned, "return", {"reason": ""})
    assert response.status_code == 400
    assert field_errors(response, "return")["reason"] == ["请填写退回理由。"]
    case = fresh(assigned)
    assert case.status == CaseStatus.ASSIGNED and case.return_count == 0 and case.version == 2


def test_it_refuses_the_lead_unit_as_assisting_unit(client, referred, supervisor):
    labour = Unit.objects.get(name="区人力社保局")
    response = act(client, supervisor, referred, "assign", {"lead_unit_id": labour.pk, "assisting_unit_ids": [labour.pk]})
    assert response.status_code == 400
    assert field_errors(response, "assign")["assisting_unit_ids"] == ["承办单位不能同时作为协办单位。"]
    assert fresh(referred).status == CaseStatus.AWAITING_ASSIGNMENT and fresh(referred).version == 1


def test_it_refuses_an_assisting_unit_listed_twice(client, referred, supervisor):
    labour, town = Unit.objects.get(name="区人力社保局"), Unit.objects.get(name="巴川街道")
    response = act(client, supervisor, referred, "assign", {"lead_unit_id": labour.pk, "assisting_unit_ids": [town.pk, town.pk]})
    assert response.status_code == 400
    assert field_errors(response, "assign")["assisting_unit_ids"] == ["协办单位中有重复的单位。"]
    assert fresh(referred).version == 1


def test_it_refuses_an_unknown_or_missing_lead_unit(client, referred, supervisor):
    response = act(client, supervisor, referred, "assign", {"lead_unit_id": 999999})
    assert response.status_code == 400 and "lead_unit_id" in field_errors(response, "assign")
    response = act(client, supervisor, referred, "assign", {})
    assert field_errors(response, "assign")["lead_unit_id"] == ["请选择承办单位。"]
    assert fresh(referred).version == 1


def test_it_refuses_a_revisit_without_what_the_citizen_said(client, replied, supervisor):
    response = act(client, supervisor, replied, "revisit", {"reached": "yes"})
    assert response.status_code == 400 and "satisfied" in field_errors(response, "revisit")
    assert not Revisit.objects.exists()


def test_it_refuses_a_missing_or_garbled_version(client, assigned, labour_clerk):
    client.force_login(labour_clerk)
    response = client.post(f"/cases/{assigned.pk}/receive/", {})
    assert response.status_code == 400
    response = client.post(f"/cases/{assigned.pk}/receive/", {"version": "abc"})
    assert response.status_code == 400
    assert fresh(assigned).version == 2


# --- Refused transitions and stale versions: a message, nothing changed ---------------------------------


def test_it_tells_about_a_change_made_in_another_tab(client, referred, supervisor):
    labour = Unit.objects.get(name="区人力社保局")
    # Both tabs loaded version 1; the first assigns, the second tries to void.
    act(client, supervisor, referred, "assign", {"lead_unit_id": labour.pk}, version=1)
    response = act(client, supervisor, referred, "void", {"reason": "错录", "confirm": "on"}, version=1)
    assert response.status_code == 409
    page = response.content.decode()
    assert "已被他人修改" in page and "错录" in page  # the typed reason is kept for a second look
    case = fresh(referred)
    assert case.status == CaseStatus.ASSIGNED and case.version == 2


def test_it_shows_the_stale_message_on_the_page(client, assigned, labour_clerk):
    act(client, labour_clerk, assigned, "receive", version=2)
    response = act(client, labour_clerk, assigned, "reply", {"content": "已处理好的答复内容", "concluded": "yes"}, version=2)
    page = response.content.decode()
    assert response.status_code == 409 and "已被他人修改" in page
    assert "已处理好的答复内容" in page and 'name="version" value="3"' in page
    assert not Reply.objects.exists()


def test_it_explains_a_refused_transition(client, referred, supervisor):
    response = act(client, supervisor, referred, "close")
    assert response.status_code == 409
    assert "只有已答复的事项才能办结。" in response.content.decode()
    assert fresh(referred).status == CaseStatus.AWAITING_ASSIGNMENT
