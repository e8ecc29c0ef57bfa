import pytest

from conftest import PASSWORD
from units.models import Category, Unit

pytestmark = pytest.mark.django_db


def _token(client, username):
    response = client.post("/api/v1/auth/token", {"username": username, "password": PASSWORD}, content_type="application/json")
    assert response.status_code == 200
    return {"HTTP_AUTHORIZATION": f"Bearer {response.json()['token']}"}


def test_units_list_with_a_bearer_token(client, town_clerk):
    response = client.get("/api/v1/units", **_token(client, "town_clerk"))
    assert response.status_code == 200
    units = response.json()
    assert isinstance(units, list) and len(units) == Unit.objects.count() - 1  # the district root is left out
    assert {u["kind"] for u in units} <= {"joint_office", "street", "town", "department", "community", "village"}
    bachuan = next(u for u in units if u["name"] == "巴川街道")
    assert bachuan["kind"] == "street" and bachuan["is_key"] is False and bachuan["parent_id"] is None
    assert set(bachuan) == {"id", "name", "kind", "parent_id", "is_key"}


def test_units_filtered_by_kind(client, town_clerk):
    client.force_login(town_clerk)
    towns = client.get("/api/v1/units?kind=town").json()
    assert len(towns) == 23 and {u["kind"] for u in towns} == {"town"}


def test_an_unknown_kind_is_a_400_with_field_errors(client, town_clerk):
    client.force_login(town_clerk)
    response = client.get("/api/v1/units?kind=planet", HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert response.status_code == 400
    body = response.json()
    assert set(body) == {"detail", "errors"} and "kind" in body["errors"]


def test_categories_carry_their_department(client, town_clerk):
    client.force_login(town_clerk)
    categories = client.get("/api/v1/categories").json()
    housing = next(c for c in categories if c["name"] == "城乡建设")
    assert housing["department_id"] == Unit.objects.get(name="区住房城乡建委").pk
    child = next(c for c in categories if c["name"] == "物业管理")
    assert child["parent_id"] == housing["id"]
    assert len(categories) == Category.objects.count()


def test_leaders_with_their_links(client, district_leader):
    client.force_login(district_leader)
    leaders = client.get("/api/v1/leaders").json()
    assert leaders == [
        {
            "id": district_leader.district_leader.pk,
            "name": "王建国",
            "title": "副区长",
            "liaison_unit_ids": [Unit.objects.get(name="巴川街道").pk],
            "oversight_unit_ids": [Unit.objects.get(name="区住房城乡建委").pk],
        }
    ]


def test_a_wrong_password_gets_no_token(client, town_clerk):
    response = client.post("/api/v1/auth/token", {"username": "town_clerk", "password": "nope"}, content_type="application/json")
    assert response.status_code == 401
    assert "token" not in response.json()


def test_a_missing_field_is_400_not_422(client, reference):
    response = client.post(
        "/api/v1/auth/token", {"username": "x"}, content_type="application/json", HTTP_ACCEPT_LANGUAGE="zh-hans"
    )
    assert response.status_code == 400
    assert response.json()["errors"] == {"password": ["这个字段是必填项。"]}


def test_malformed_json_is_a_400(client, reference):
    response = client.post("/api/v1/auth/token", "{oops", content_type="application/json")
    assert response.status_code == 400


def test_an_invalid_token_is_refused(client, reference):
    assert client.get("/api/v1/units", HTTP_AUTHORIZATION="Bearer nonsense").status_code == 401


def test_the_schema_is_served(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    assert "/api/v1/units" in response.json()["paths"]


def test_the_api_docs_load_nothing_from_the_internet(client, town_clerk):
    client.force_login(town_clerk)
    body = client.get("/api/v1/docs").content.decode()
    assert "swagger-ui-bundle.js" in body
    assert "http://" not in body and "https://" not in body
