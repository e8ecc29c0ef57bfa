"""A screening item's outcome as it progresses (mediation concluded, opinion given), through the day's
page and PATCH /api/v1/screening-items/{id}, which give the same verdicts for the same input."""

import pytest

from conftest import door_verdict
from history.models import Event
from workdays import services
from workdays.models import ScreeningItem, Status, WorkDay

pytestmark = pytest.mark.django_db


@pytest.fixture
def items(clock, town_clerk, plan_workday) -> dict[str, ScreeningItem]:
    """An item in mediation on each of 巴川街道's days: a planned one, a voided one and an archived one."""
    clock.set("2026-11-20 10:00")
    days = {name: plan_workday(town_clerk, "2026-12-10") for name in ("planned", "voided", "archived", "cancelled")}
    made = {
        name: services.screening_add(workday=day, actor=town_clerk, description=f"{name}：邻里宅基地纠纷", outcome="mediation")
        for name, day in days.items()
    }
    services.workday_void(workday=days["voided"], actor=town_clerk, reason="重复制定")
    clock.set("2026-12-10 10:00")
    archived = days["archived"]
    services.sign_in_add(workday=archived, actor=town_clerk, name="张伟")
    services.report_submit(workday=archived, actor=town_clerk)
    services.results_publish(workday=archived, actor=town_clerk)
    services.workday_archive(workday=archived, actor=town_clerk)
    WorkDay.objects.filter(pk=days["cancelled"].pk).update(status=Status.CANCELLED)  # another part of issue 11
    return made


def page_post(client, item, data):
    return client.post(
        f"/workdays/{item.workday_id}/screening/{item.pk}/", {f"screening-{item.pk}-{k}": v for k, v in data.items()}
    )


def api_patch(client, item, data):
    return client.patch(f"/api/v1/screening-items/{item.pk}", data, content_type="application/json")


CASES = [
    ("town_clerk", "planned", {"outcome": "resolved", "opinion": "双方达成协议"}, "done", None),
    ("town_clerk", "planned", {"outcome": "unresolved", "opinion": "依法不予支持，已做好解释"}, "done", None),
    ("supervisor", "planned", {"outcome": "resolved", "opinion": ""}, "done", None),
    ("town_clerk", "planned", {"outcome": "unresolved", "opinion": " "}, "bad input", "opinion"),
    ("town_clerk", "planned", {"outcome": "closed", "opinion": ""}, "bad input", "outcome"),
    ("other_town_clerk", "planned", {"outcome": "resolved", "opinion": ""}, "not found", None),
    ("district_leader", "planned", {"outcome": "resolved", "opinion": ""}, "forbidden", None),
    ("town_clerk", "archived", {"outcome": "resolved", "opinion": ""}, "refused", None),
    ("town_clerk", "voided", {"outcome": "resolved", "opinion": ""}, "refused", None),
    ("town_clerk", "cancelled", {"outcome": "resolved", "opinion": ""}, "refused", None),
]


@pytest.mark.parametrize("who, day_name, data, verdict, field", CASES)
def test_page_and_api_give_the_same_verdict(client, items, request, who, day_name, data, verdict, field):
    item = items[day_name]
    client.force_login(request.getfixturevalue(who))
    verdicts = (door_verdict(lambda: page_post(client, item, data)), door_verdict(lambda: api_patch(client, item, data)))
    assert verdicts == (verdict, verdict)
    if field:
        body = api_patch(client, item, data).json()
        assert list(body["errors"]) == [field]
        assert body["errors"][field][0] in page_post(client, item, data).content.decode()
    item.refresh_from_db()
    assert (item.outcome, item.updated_at) == ("mediation", None)


def test_an_update_is_recorded_with_the_labels_before_and_after(client, clock, items, town_clerk):
    item = items["planned"]
    client.force_login(town_clerk)
    clock.set("2026-11-25 15:00")
    body = api_patch(client, item, {"outcome": "unresolved", "opinion": "诉求超出政策范围，已做好解释"}).json()
    assert (body["outcome"], body["updated_at"]) == ("unresolved", "2026-11-25T15:00:00+08:00")
    assert body["on_time"] is True and client.get(f"/api/v1/screening-items/{item.pk}").json() == body
    event = Event.objects.get(action="screening_updated")
    assert event.changes == {
        "screening_outcome": ["进入调处程序", "不能解决，已明确意见并做好政策解答及疏导准备"],
        "screening_opinion": [None, "诉求超出政策范围，已做好解释"],
    }
    assert page_post(client, item, {"outcome": "resolved", "opinion": "诉求超出政策范围，已做好解释"}).status_code == 302
    assert Event.objects.filter(action="screening_updated").count() == 2
    assert page_post(client, item, {"outcome": "resolved", "opinion": "诉求超出政策范围，已做好解释"}).status_code == 302
    assert Event.objects.filter(action="screening_updated").count() == 2  # the same update again changes nothing
    page = client.get(f"/workdays/{item.workday_id}/").content.decode()
    assert "更新排查事项" in page and "排查事项处理结果" in page and "更新于 2026-11-25 15:00" in page


def test_the_day_page_offers_an_update_form_per_item_to_its_writers(client, items, town_clerk, district_leader):
    item = items["planned"]
    client.force_login(town_clerk)
    page = client.get(f"/workdays/{item.workday_id}/").content.decode()
    assert f'action="/workdays/{item.workday_id}/screening/{item.pk}/"' in page
    assert f'name="screening-{item.pk}-outcome"' in page
    client.force_login(district_leader)
    page = client.get(f"/workdays/{item.workday_id}/").content.decode()
    assert "邻里宅基地纠纷" in page and f"/screening/{item.pk}/" not in page


def test_another_days_item_is_not_found_through_this_days_page(client, items, town_clerk):
    client.force_login(town_clerk)
    other = items["archived"]
    response = client.post(
        f"/workdays/{items['planned'].workday_id}/screening/{other.pk}/", {f"screening-{other.pk}-outcome": "resolved"}
    )
    assert response.status_code == 404
    assert client.get("/api/v1/screening-items/999999").status_code == 404
