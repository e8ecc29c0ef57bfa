"""A session ends after 30 idle minutes and with the browser."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_sessions_end_with_the_browser_and_after_thirty_idle_minutes():
    from xinfang import settings as project_settings

    assert project_settings.SESSION_EXPIRE_AT_BROWSER_CLOSE is True
    assert project_settings.SESSION_IDLE_SECONDS == 30 * 60
    assert project_settings.SESSION_COOKIE_AGE <= 12 * 3600


def test_the_session_cookie_has_no_expiry_date(client, town_clerk):
    from conftest import PASSWORD

    client.post(reverse("login"), {"username": "town_clerk", "password": PASSWORD})
    cookie = client.cookies["sessionid"]
    assert cookie.value and not cookie["expires"] and not cookie["max-age"]


def test_an_idle_session_ends_and_the_next_page_asks_for_a_login_in_chinese(client, clock, settings, town_clerk):
    settings.SESSION_IDLE_SECONDS = 30 * 60
    clock.set("2026-12-01 09:00")
    client.force_login(town_clerk)
    assert client.get(reverse("home")).status_code == 200
    clock.set("2026-12-01 09:29")
    assert client.get(reverse("cases:list")).status_code == 200  # activity keeps it alive
    clock.set("2026-12-01 09:58")
    assert client.get(reverse("home")).status_code == 200
    clock.set("2026-12-01 10:29")
    response = client.get(reverse("cases:list"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    page = client.get(response["Location"]).content.decode()
    assert "您已连续30分钟未操作，已自动退出，请重新登录。" in page
    clock.set("2026-12-01 10:30")
    assert client.get(reverse("home")).status_code == 302  # logged out for good


def test_an_idle_session_gets_401_from_the_api(client, clock, settings, town_clerk):
    settings.SESSION_IDLE_SECONDS = 30 * 60
    clock.set("2026-12-01 09:00")
    client.force_login(town_clerk)
    assert client.get("/api/v1/units").status_code == 200
    clock.set("2026-12-01 09:31")
    response = client.get("/api/v1/units")
    assert response.status_code == 401 and "未操作" in response.json()["detail"]


def test_an_idle_htmx_request_sends_the_whole_page_to_the_login(client, clock, settings, town_clerk):
    settings.SESSION_IDLE_SECONDS = 30 * 60
    clock.set("2026-12-01 09:00")
    client.force_login(town_clerk)
    client.get(reverse("home"))
    clock.set("2026-12-01 09:31")
    response = client.get(reverse("cases:list"), HTTP_HX_REQUEST="true")
    assert response["HX-Redirect"].startswith(reverse("login"))
