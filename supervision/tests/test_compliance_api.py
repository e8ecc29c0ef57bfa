import pytest

from units.models import Unit

pytestmark = pytest.mark.django_db


URL = "/api/v1/compliance"
FIELDS = {
    "unit_id",
    "principal_absent",
    "unit_name",
    "period",
    "start",
    "end",
    "required",
    "planned",
    "held",
    "flagged",
    "compliant",
    "state",
}


def _by_unit_and_period(items) -> dict[tuple[int, str], dict]:
    return {(item["unit_id"], item["period"]): item for item in items}


def test_it_requires_authentication(client, reference):
    assert client.get(URL, {"year": 2026}).status_code == 401


def test_it_lists_every_unit_and_period_for_the_joint_office(client, supervisor, held_in_q4):
    client.force_login(supervisor)
    response = client.get(URL, {"year": 2026})
    assert response.status_code == 200
    items = response.json()
    assert all(set(item) == FIELDS for item in items)
    cells = _by_unit_and_period(items)
    town = Unit.objects.get(name="巴川街道").pk
    assert cells[(town, "2026Q4")] | {} == {
        "unit_id": town,
        "unit_name": "巴川街道",
        "period": "2026Q4",
        "start": "2026-10-01",
        "end": "2026-12-31",
        "required": 1,
        "planned": 1,
        "held": 1,
        "flagged": 1,
        "principal_absent": 0,
        "compliant": True,
        "state": "ok",
    }
    assert cells[(town, "2026Q3")]["compliant"] is False
    assert cells[(town, "2026Q3")]["state"] == "missing"
    joint_office = Unit.objects.get(name="区信访工作联席会议办公室").pk
    assert {p for (u, p) in cells if u == joint_office} == {"2026H1", "2026H2"}
    assert not any(u == Unit.objects.get(name="区发展改革委").pk for (u, _p) in cells)


def test_it_shows_a_town_clerk_only_their_own_rows(client, town_clerk, held_in_q4):
    client.force_login(town_clerk)
    items = client.get(URL, {"year": 2026}).json()
    assert {item["unit_id"] for item in items} == {town_clerk.unit_id}
    assert [item["period"] for item in items] == ["2026Q1", "2026Q2", "2026Q3", "2026Q4"]


def test_it_shows_a_district_leader_their_linked_units(client, district_leader, held_in_q4):
    client.force_login(district_leader)
    names = {item["unit_name"] for item in client.get(URL, {"year": 2026}).json()}
    assert names == {"巴川街道", "区住房城乡建委"}


def test_it_refuses_a_missing_year(client, supervisor):
    client.force_login(supervisor)
    response = client.get(URL)
    assert response.status_code == 400
    body = response.json()
    assert body["detail"] == "输入内容有误。"
    assert body["errors"]["year"] == ["请输入年份，例如 2026。"]


@pytest.mark.parametrize("year", ["abc", "1899", "2101", "0000", "9999", "20261", "2026.5", " "])
def test_it_refuses_a_bad_year(client, supervisor, year):
    client.force_login(supervisor)
    response = client.get(URL, {"year": year})
    assert response.status_code == 400
    assert set(response.json()) == {"detail", "errors"}
    assert list(response.json()["errors"]) == ["year"]


def test_it_answers_with_a_bearer_token(client, town_clerk, held_in_q4):
    from accounts.models import ApiToken

    token = ApiToken.issue(town_clerk)
    response = client.get(URL, {"year": 2026}, headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200
    assert {item["unit_id"] for item in response.json()} == {town_clerk.unit_id}
