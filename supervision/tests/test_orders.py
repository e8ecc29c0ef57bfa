"""Issuing and answering supervision orders (督办) through the page and the API, with the same
verdicts; who sees which order; the notifications; an unanswered order past its date is overdue."""

import datetime
import json

import pytest

from conftest import door_verdict
from notifications.models import Kind, Notification
from supervision import orders
from supervision.models import OrderProposal, SupervisionOrder
from supervision.proposals import propose_orders
from supervision.tests.order_helpers import assigned_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(clock, town_clerk, supervisor, plan_workday):
    return assigned_case(clock, town_clerk, supervisor, plan_workday)


@pytest.fixture
def labour(make_user):
    return make_user("clerk", "区人力社保局", username="labour_clerk")


@pytest.fixture
def labour_leader(make_user):
    return make_user("unit_leader", "区人力社保局", username="labour_leader")


def issue_by_page(client, user, case, **data):
    client.force_login(user)
    return client.post(f"/supervision/orders/case/{case.pk}/issue/", {"version": case.version, **data})


def issue_by_api(client, user, case, **data):
    client.force_login(user)
    body = {"version": case.version, **data}
    return client.post(f"/api/v1/cases/{case.pk}/supervision-orders", json.dumps(body), content_type="application/json")


GOOD = {"text": "请于3个工作日内书面报告办理情况。", "respond_within_days": 3}


@pytest.mark.parametrize(
    ("who", "data", "want"),
    [
        ("supervisor", GOOD, "done"),
        ("labour", GOOD, "forbidden"),
        ("district_leader", GOOD, "forbidden"),
        ("supervisor", {**GOOD, "text": " "}, "bad input"),
        ("supervisor", {**GOOD, "respond_within_days": 0}, "bad input"),
        ("supervisor", {**GOOD, "respond_within_days": 31}, "bad input"),
        ("supervisor", {**GOOD, "respond_within_days": "三"}, "bad input"),
        ("supervisor", {**GOOD, "version": 99}, "refused"),
    ],
)
def test_issue_page_and_api_agree(client, case, supervisor, labour, district_leader, who, data, want):
    user = {"supervisor": supervisor, "labour": labour, "district_leader": district_leader}[who]
    verdicts = (
        door_verdict(lambda: issue_by_page(client, user, case, **data)),
        door_verdict(lambda: issue_by_api(client, user, case, **data)),
    )
    assert verdicts == (want, want)


def test_issue_refused_with_field_messages(client, case, supervisor):
    response = issue_by_api(client, supervisor, case, text="", respond_within_days=31)
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert set(errors) == {"text", "respond_within_days"}
    page = issue_by_page(client, supervisor, case, text="", respond_within_days=0)
    assert page.status_code == 400
    assert "请填写1至30个工作日。" in page.content.decode()
    assert "请填写督办内容。" in page.content.decode()


def test_issue_does_not_change_the_case_version_and_refuses_a_closed_case(client, clock, case, supervisor):
    clock.set("2026-10-23 10:00")
    response = issue_by_api(client, supervisor, case, **GOOD)
    assert response.status_code == 201
    body = response.json()
    assert body["respond_by"] == "2026-10-28" and body["unit_name"] == "区人力社保局" and body["status"] == "issued"
    case.refresh_from_db()
    assert issue_by_api(client, supervisor, case, **GOOD).status_code == 201  # the same version still holds
    case.status = "closed"
    case.save(update_fields=["status"])
    assert issue_by_api(client, supervisor, case, **GOOD).status_code == 409


def test_issuing_uses_the_proposals_of_the_case(clock, case, supervisor):
    clock.set("2026-10-23 08:00")
    propose_orders()
    assert orders.open_proposals(supervisor).count() == 1
    orders.order_issue(case=case, actor=supervisor, version=case.version, **GOOD)
    assert orders.open_proposals(supervisor).count() == 0
    assert OrderProposal.objects.get(case=case).order is not None


def test_issue_and_answer_notify(clock, case, supervisor, labour, labour_leader, other_town_clerk):
    order = orders.order_issue(case=case, actor=supervisor, version=case.version, **GOOD)
    issued = set(Notification.objects.filter(kind=Kind.ORDER_ISSUED).values_list("recipient__username", flat=True))
    assert issued == {"labour_clerk", "labour_leader"}
    orders.order_respond(order=order, actor=labour, content="已约谈企业，工资本周发放。")
    answered = set(Notification.objects.filter(kind=Kind.ORDER_ANSWERED).values_list("recipient__username", flat=True))
    assert answered == {"supervisor"}


@pytest.fixture
def order(case, supervisor):
    return orders.order_issue(case=case, actor=supervisor, version=case.version, **GOOD)


def respond_by_page(client, user, order, **data):
    client.force_login(user)
    return client.post(f"/supervision/orders/{order.pk}/respond/", data)


def respond_by_api(client, user, order, **data):
    client.force_login(user)
    return client.post(f"/api/v1/supervision-orders/{order.pk}/respond", json.dumps(data), content_type="application/json")


@pytest.mark.parametrize(
    ("who", "content", "want"),
    [
        ("labour", "已办理", "done"),
        ("labour", "  ", "bad input"),
        ("labour_leader", "已办理", "forbidden"),
        ("supervisor", "已办理", "forbidden"),
        ("dept_clerk", "已办理", "not found"),
        ("district_leader", "已办理", "not found"),
    ],
)
def test_respond_page_and_api_agree(client, order, supervisor, labour, labour_leader, dept_clerk, district_leader, who, content, want):
    user = {
        "labour": labour, "labour_leader": labour_leader, "supervisor": supervisor,
        "dept_clerk": dept_clerk, "district_leader": district_leader,
    }[who]
    verdicts = (
        door_verdict(lambda: respond_by_page(client, user, order, content=content)),
        door_verdict(lambda: respond_by_api(client, user, order, content=content)),
    )
    assert verdicts == (want, want)


def test_respond_twice_refused(client, order, labour):
    assert respond_by_api(client, labour, order, content="已办理").status_code == 200
    assert respond_by_api(client, labour, order, content="再次").status_code == 409
    assert respond_by_page(client, labour, order, content="再次").status_code == 409


def test_another_unit_clerk_of_a_visible_unit_gets_403(client, order, make_user):
    """A clerk of another unit who could see the order (an admin-scoped view is not a clerk's) is
    refused by the table, not by visibility: the table says clerks of the order's unit only."""
    outsider = make_user("clerk", "区住房城乡建委", username="housing")
    assert orders.TABLE["respond"].who(outsider, order) is False


def test_list_shows_a_unit_only_its_orders(client, order, supervisor, labour, dept_clerk):
    client.force_login(supervisor)
    assert client.get("/api/v1/supervision-orders").json()["total"] == 1
    assert client.get("/api/v1/supervision-orders?status=responded").json()["total"] == 0
    assert client.get(f"/api/v1/supervision-orders?unit_id={order.unit_id}").json()["total"] == 1
    assert client.get("/api/v1/supervision-orders?status=bogus").status_code == 400
    assert client.get("/api/v1/supervision-orders?unit_id=x").status_code == 400
    page = client.get("/supervision/orders/")
    assert page.status_code == 200 and f"order-{order.pk}" in page.content.decode()
    client.force_login(labour)
    assert client.get("/api/v1/supervision-orders").json()["total"] == 1
    assert "content-" in client.get("/supervision/orders/").content.decode()
    client.force_login(dept_clerk)
    assert client.get("/api/v1/supervision-orders").json() == {"items": [], "total": 0}
    assert f"order-{order.pk}" not in client.get("/supervision/orders/").content.decode()


def test_unanswered_order_past_its_date_is_overdue(client, clock, order, labour):
    assert order.respond_by == datetime.date(2026, 10, 26)
    clock.set("2026-10-26 18:00")
    assert not orders.is_overdue(order)
    clock.set("2026-10-27 09:00")
    client.force_login(labour)
    assert client.get("/api/v1/supervision-orders").json()["items"][0]["overdue"] is True
    assert "逾期未回复" in client.get("/supervision/orders/").content.decode()
    respond_by_api(client, labour, order, content="已办理")
    order.refresh_from_db()
    assert order.status == SupervisionOrder.Status.RESPONDED and not orders.is_overdue(order)


def test_propose_button_for_the_joint_office_only(client, clock, case, supervisor, labour):
    clock.set("2026-10-23 08:00")
    client.force_login(labour)
    assert client.post("/supervision/orders/propose/").status_code == 403
    client.force_login(supervisor)
    assert client.post("/supervision/orders/propose/").status_code == 302
    proposal = OrderProposal.objects.get(case=case)
    page = client.get("/supervision/orders/").content.decode()
    assert f"proposal-{proposal.pk}" in page
    assert client.post(f"/supervision/orders/proposals/{proposal.pk}/dismiss/").status_code == 302
    assert client.post(f"/supervision/orders/proposals/{proposal.pk}/dismiss/").status_code == 409
    assert f"proposal-{proposal.pk}" not in client.get("/supervision/orders/").content.decode()


def test_the_orders_route_lives_beside_the_cases_router(client, case, supervisor):
    """`/cases/{id}/supervision-orders` is supervision's; the cases router's routes still answer."""
    client.force_login(supervisor)
    assert client.get(f"/api/v1/cases/{case.pk}").status_code == 200
    assert issue_by_api(client, supervisor, case, **GOOD).status_code == 201
    assert client.post("/api/v1/cases/999999/supervision-orders", json.dumps({**GOOD, "version": 1}),
                       content_type="application/json").status_code == 404


def test_bad_json_and_bad_ids_are_400_or_404_never_500(client, order, supervisor, labour):
    client.force_login(supervisor)
    url = f"/api/v1/cases/{order.case_id}/supervision-orders"
    assert client.post(url, "{", content_type="application/json").status_code == 400
    assert client.post(url, json.dumps({"text": "x", "respond_within_days": 2**40, "version": 1}),
                       content_type="application/json").status_code == 400
    assert client.post(url, json.dumps({"text": "x", "respond_within_days": 3}), content_type="application/json").status_code == 400
    client.force_login(labour)
    assert client.post("/api/v1/supervision-orders/0/respond", "{}", content_type="application/json").status_code in (400, 404)
    assert client.post(f"/supervision/orders/{order.pk}/respond/", {}).status_code == 400
