"""The Work Day API: shapes, statuses, refusals (400/404/409), idempotent registration."""

import uuid

import pytest

from cases.models import Case
from intake.models import Registration
from units.models import Category, Unit
from workdays.models import WorkDay

pytestmark = pytest.mark.django_db

ID_OK = "50022419900101123X"


def plan_payload(unit, **overrides):
    payload = {
        "host_unit_id": unit.pk,
        "date": "2026-12-10",
        "start_time": "09:00",
        "end_time": "12:00",
        "place": "巴川广场",
        "extension_sites": ["玉皇村", "龙门社区"],
        "leader": "张伟",
        "agenda": "接待来访群众",
        "procedure": "登记、答复",
        "participants": ["党工委书记"],
        "invited_leader_ids": [],
        "activity_forms": ["定点接待"],
        "visit_targets": ["空巢老人"],
    }
    payload.update(overrides)
    return payload


def registration_payload(**overrides):
    payload = {
        "client_ref": str(uuid.uuid4()),
        "petitioners": [{"name": "张三", "id_number": ID_OK, "phone": "13800138000", "address": "玉皇村"}],
        "people_count": 1,
        "kind": "request",
        "category_id": Category.objects.get(name="欠薪讨薪").pk,
        "content": "工地拖欠工资",
        "disposition": "time_limit",
        "promised_days": 10,
    }
    payload.update(overrides)
    return payload


@pytest.fixture
def api(client, town_clerk, clock):
    clock.set("2026-11-20 10:00")
    client.force_login(town_clerk)

    def call(method, path, body=None, **extra):
        kwargs = {"content_type": "application/json", "HTTP_ACCEPT_LANGUAGE": "zh-hans", **extra}
        return getattr(client, method)(f"/api/v1{path}", body, **kwargs) if body is not None else getattr(client, method)(f"/api/v1{path}", **kwargs)

    return call


@pytest.fixture
def workday_id(api, unit):
    response = api("post", "/workdays", plan_payload(unit("巴川街道")))
    assert response.status_code == 201, response.content
    return response.json()["id"]


def test_planning_answers_the_day_with_its_windows(api, unit):
    response = api("post", "/workdays", plan_payload(unit("巴川街道")))
    assert response.status_code == 201
    day = response.json()
    assert day["status"] == "planned"
    assert (day["screening_due"], day["notice_earliest"], day["notice_latest"]) == ("2026-12-03", "2026-12-03", "2026-12-05")
    assert day["report_due"] == "2026-12-14" and day["publication_due"] == "2027-01-09"
    assert day["notice_published_at"] is None and day["notice_on_time"] is None


def test_planning_with_bad_input_is_a_400_per_field(api, unit):
    response = api("post", "/workdays", plan_payload(unit("巴川街道"), date="2026-11-01", end_time="08:00"))
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert set(errors) == {"date", "end_time"}
    assert "过去" in errors["date"][0] or "今天" in errors["date"][0]


def test_a_malformed_date_is_a_400_not_a_500(api, unit):
    response = api("post", "/workdays", plan_payload(unit("巴川街道"), date="2026-13-45"))
    assert response.status_code == 400 and "date" in response.json()["errors"]


def test_planning_for_another_unit_is_refused(api, unit):
    # Units are reference data every user can list: the unit is known, the clerk may not plan for it.
    response = api("post", "/workdays", plan_payload(unit("土桥镇")))
    assert response.status_code == 403
    assert not WorkDay.objects.exists()


def test_another_towns_clerk_gets_404(client, other_town_clerk, workday_id):
    client.force_login(other_town_clerk)
    assert client.get(f"/api/v1/workdays/{workday_id}").status_code == 404
    response = client.post(f"/api/v1/workdays/{workday_id}/notice", content_type="application/json")
    assert response.status_code == 404
    assert client.get("/api/v1/workdays").json() == {"items": [], "total": 0}


def test_the_list_filters_by_unit_date_and_status(api, workday_id, unit):
    body = api("get", f"/workdays?host_unit_id={unit('巴川街道').pk}&from=2026-12-01&to=2026-12-31&status=planned").json()
    assert body["total"] == 1 and body["items"][0]["id"] == workday_id
    assert api("get", "/workdays?status=planned&from=2027-01-01").json()["total"] == 0
    assert api("get", "/workdays?status=bogus").status_code == 400


def test_notice_then_screening_with_on_time_flags(api, workday_id, clock):
    clock.set("2026-12-03 09:00")
    day = api("post", f"/workdays/{workday_id}/notice").json()
    assert day["status"] == "notice_published" and day["notice_on_time"] is True
    item = api("post", f"/workdays/{workday_id}/screening-items", {"description": "征地纠纷", "outcome": "resolved"})
    assert item.status_code == 201 and item.json()["on_time"] is True
    refused = api("post", f"/workdays/{workday_id}/screening-items", {"description": "漏水", "outcome": "unresolved"})
    assert refused.status_code == 400 and "opinion" in refused.json()["errors"]
    assert api("post", f"/workdays/{workday_id}/notice").status_code == 409


def test_registration_before_the_day_is_a_409(api, workday_id):
    response = api("post", f"/workdays/{workday_id}/registrations", registration_payload())
    assert response.status_code == 409
    assert Registration.objects.count() == 0


def test_registering_on_the_day_opens_a_case_readable_through_the_api(api, workday_id, clock):
    clock.set("2026-12-10 09:30")
    response = api("post", f"/workdays/{workday_id}/registrations", registration_payload())
    assert response.status_code == 201
    body = response.json()
    assert body["petitioners"][0]["id_number_masked"] == "5002**********123X"
    assert body["petitioners"][0]["phone_masked"] == "138****8000"
    case = api("get", f"/cases/{body['case_id']}").json()
    assert case["status"] == "handling" and case["handling"] == "self"
    assert case["due_date"] == "2026-12-21" and case["due_provisional"] is False
    assert case["lead_unit_id"] == Unit.objects.get(name="巴川街道").pk
    assert case["territory_unit_id"] == Unit.objects.get(name="巴川街道").pk
    assert [e["action"] for e in case["timeline"]] == ["case_created"]
    assert api("get", f"/workdays/{workday_id}").json()["status"] == "held"
    listing = api("get", f"/cases?workday_id={workday_id}").json()
    assert listing["total"] == 1 and listing["items"][0]["id"] == body["case_id"]


def test_a_resubmitted_registration_returns_the_same_one(api, workday_id, clock):
    clock.set("2026-12-10 09:30")
    payload = registration_payload()
    first = api("post", f"/workdays/{workday_id}/registrations", payload)
    again = api("post", f"/workdays/{workday_id}/registrations", payload)
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["id"] == again.json()["id"]
    assert Registration.objects.count() == 1 and Case.objects.count() == 1


@pytest.mark.parametrize(
    "overrides, field",
    [
        ({"petitioners": [{"name": "张三", "id_number": "500224199001011231", "phone": "13800138000"}]}, "petitioners.0.id_number"),
        ({"petitioners": [{"name": "张三", "phone": "12345"}]}, "petitioners.0.phone"),
        ({"disposition": "on_the_spot"}, "answer"),
        ({"disposition": "refer"}, "channel"),
        ({"kind": "complaint"}, "kind"),
        ({"category_id": 999999}, "category_id"),
        ({"client_ref": "not-a-uuid"}, "client_ref"),
        ({"people_count": "many"}, "people_count"),
    ],
)
def test_bad_registrations_are_400_and_change_nothing(api, workday_id, clock, overrides, field):
    clock.set("2026-12-10 09:30")
    response = api("post", f"/workdays/{workday_id}/registrations", registration_payload(**overrides))
    assert response.status_code == 400, response.content
    assert field in response.json()["errors"]
    assert Registration.objects.count() == 0 and Case.objects.count() == 0


def test_report_and_results_follow_the_order(api, workday_id, clock):
    assert api("post", f"/workdays/{workday_id}/report").status_code == 409
    clock.set("2026-12-10 09:30")
    api("post", f"/workdays/{workday_id}/sign-ins", {"name": "张伟", "title": "书记"})
    assert api("post", f"/workdays/{workday_id}/publish-results").status_code == 409
    clock.set("2026-12-14 17:00")
    day = api("post", f"/workdays/{workday_id}/report").json()
    assert day["status"] == "reported" and day["report_on_time"] is True
    clock.set("2026-12-30 09:00")
    day = api("post", f"/workdays/{workday_id}/publish-results").json()
    assert day["status"] == "results_published" and day["results_on_time"] is True


def test_the_cases_list_rejects_bad_filters(api):
    assert api("get", "/cases?status=lost").status_code == 400
    assert api("get", "/cases?page=0").status_code == 400
    assert api("get", "/cases?unit_id=abc").status_code == 400
    assert api("get", "/cases/999999").status_code == 404


@pytest.mark.parametrize(
    "path, body",
    [
        ("/workdays?host_unit_id=99999999999999999999", None),
        ("/workdays?page=99999999999999999999", None),
        ("/cases?unit_id=99999999999999999999", None),
        ("/cases?page=99999999999999999999", None),
    ],
)
def test_huge_numbers_in_queries_are_a_400_not_a_500(api, workday_id, path, body):
    response = api("get", path)
    assert response.status_code == 400, response.content
    assert "errors" in response.json()


def test_huge_numbers_and_long_texts_in_bodies_are_400s_and_save_nothing(api, unit, clock, workday_id):
    from workdays.models import WorkDay

    before = WorkDay.objects.count()
    for payload in (
        plan_payload(unit("巴川街道"), invited_leader_ids=[99999999999999999999]),
        plan_payload(unit("巴川街道"), place="广" * 201),
        plan_payload(unit("巴川街道"), leader="张" * 101),
    ):
        response = api("post", "/workdays", payload)
        assert response.status_code == 400, response.content
    assert WorkDay.objects.count() == before
    clock.set("2026-12-10 09:30")
    response = api("post", f"/workdays/{workday_id}/registrations", registration_payload(people_count=99999999999999999999))
    assert response.status_code == 400
    long_name = registration_payload(petitioners=[{"name": "张" * 51, "phone": "13800138000"}])
    assert api("post", f"/workdays/{workday_id}/registrations", long_name).status_code == 400
    assert api("post", f"/workdays/{workday_id}/sign-ins", {"name": "张" * 51}).status_code == 400
    assert Registration.objects.count() == 0


def test_datetimes_carry_the_beijing_offset(api, workday_id, clock):
    clock.set("2026-12-04 09:00")
    day = api("post", f"/workdays/{workday_id}/notice").json()
    assert day["notice_published_at"] == "2026-12-04T09:00:00+08:00"


def test_a_malformed_body_is_a_400_in_the_documented_shape(api):
    response = api("post", "/workdays", "{bad")
    assert response.status_code == 400
    assert response.json() == {"detail": "请求内容不是有效的 JSON。", "errors": {"__all__": ["请求内容不是有效的 JSON。"]}}
