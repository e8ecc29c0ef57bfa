"""GET /api/v1/calendar/add and /api/v1/calendar/between."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(client, town_clerk):
    client.force_login(town_clerk)

    def get(path, **params):
        return client.get(f"/api/v1/calendar/{path}", params, HTTP_ACCEPT_LANGUAGE="zh-hans")

    return get


def test_add_answers_the_date(seeded, api):
    response = api("add", start="2026-11-23", days="7")
    assert response.status_code == 200
    assert response.json() == {"date": "2026-12-02", "provisional": False}


def test_add_says_when_it_is_provisional(seeded, api):
    assert api("add", start="2026-12-28", days="7").json() == {"date": "2027-01-07", "provisional": True}


def test_add_zero_days_is_the_start(seeded, api):
    assert api("add", start="2026-10-03", days="0").json()["date"] == "2026-10-03"


def test_between_answers_the_count(seeded, api):
    response = api("between", start="2026-01-01", end="2026-12-31")
    assert response.status_code == 200
    assert response.json() == {"workdays": 248, "provisional": False}


@pytest.mark.parametrize(
    "path, params, field",
    [
        ("add", {"start": "2026-13-01", "days": "7"}, "start"),
        ("add", {"start": "2026/11/23", "days": "7"}, "start"),
        ("add", {"start": "2026-11-23", "days": "-1"}, "days"),
        ("add", {"start": "2026-11-23", "days": "1.5"}, "days"),
        ("add", {"start": "2026-11-23", "days": "abc"}, "days"),
        ("add", {"start": "2026-11-23", "days": "99999999999999999999999"}, "days"),
        ("add", {"start": "1899-12-31", "days": "1"}, "start"),
        ("add", {"start": "2101-01-01", "days": "1"}, "start"),
        ("add", {"start": "2100-12-30", "days": "5"}, "days"),
        ("add", {"days": "5"}, "start"),
        ("add", {"start": "2026-11-23"}, "days"),
        ("between", {"start": "2026-12-31", "end": "2026-01-01"}, "end"),
        ("between", {"start": "2026-01-01", "end": "2101-01-01"}, "end"),
        ("between", {"start": "yesterday", "end": "2026-01-01"}, "start"),
        ("between", {"start": "2026-01-01"}, "end"),
    ],
)
def test_bad_input_is_a_400_with_a_chinese_message(seeded, api, path, params, field):
    response = api(path, **params)
    assert response.status_code == 400
    body = response.json()
    assert body["detail"] == "输入内容有误。"
    assert list(body["errors"]) == [field]
    message = body["errors"][field][0]
    assert message and not message.isascii(), message


def test_the_message_follows_the_request_language(seeded, client, town_clerk):
    client.force_login(town_clerk)
    response = client.get("/api/v1/calendar/add", {"start": "2026-11-23", "days": "-1"}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.json()["errors"] == {"days": ["The number of days must not be negative."]}


def test_it_needs_a_signed_in_user(seeded, client):
    assert client.get("/api/v1/calendar/add", {"start": "2026-11-23", "days": "7"}).status_code == 401


def test_a_bearer_token_is_enough(seeded, client, town_clerk):
    from accounts.models import ApiToken

    token = ApiToken.issue(town_clerk)
    response = client.get(
        "/api/v1/calendar/between", {"start": "2026-01-01", "end": "2026-12-31"}, HTTP_AUTHORIZATION=f"Bearer {token}"
    )
    assert response.json()["workdays"] == 248
