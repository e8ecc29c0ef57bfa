import pytest
from django.urls import reverse

from conftest import PASSWORD

pytestmark = pytest.mark.django_db


def test_it_serves_the_login_page_in_chinese(client):
    response = client.get(reverse("login"))
    assert response.status_code == 200
    assert "登录" in response.content.decode()


def test_it_logs_in_and_shows_the_users_unit(client, town_clerk):
    response = client.post(reverse("login"), {"username": "town_clerk", "password": PASSWORD}, follow=True)
    assert response.status_code == 200
    body = response.content.decode()
    assert "巴川街道" in body and "单位经办人" in body


def test_it_explains_a_wrong_password(client, town_clerk):
    response = client.post(reverse("login"), {"username": "town_clerk", "password": "wrong"})
    assert response.status_code == 200
    assert "用户名或密码错误" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_it_locks_the_account_after_five_failures(client, town_clerk):
    for _ in range(5):
        client.post(reverse("login"), {"username": "town_clerk", "password": "wrong"})
    response = client.post(reverse("login"), {"username": "town_clerk", "password": PASSWORD})
    assert response.status_code == 429
    assert "锁定" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_it_logs_out_with_a_post(client, town_clerk):
    client.force_login(town_clerk)
    assert client.get(reverse("logout")).status_code == 405
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert client.get(reverse("home")).status_code == 302


def test_it_switches_the_interface_to_english(client, town_clerk):
    client.force_login(town_clerk)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert "Log out" in client.get(reverse("home")).content.decode()


def test_a_locked_out_token_request_gets_json(client, town_clerk):
    for _ in range(5):
        client.post("/api/v1/auth/token", {"username": "town_clerk", "password": "wrong"}, content_type="application/json")
    response = client.post("/api/v1/auth/token", {"username": "town_clerk", "password": PASSWORD}, content_type="application/json")
    assert response.status_code == 429
    assert "token" not in response.json() and response.json()["detail"]


def test_pages_stay_chinese_for_an_english_browser_until_english_is_chosen(client, town_clerk):
    response = client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert "登录" in response.content.decode()
    client.post("/i18n/setlang/", {"language": "en", "next": "/accounts/login/"})
    assert "Log in" in client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="zh-CN").content.decode()


def test_the_api_answers_in_the_requests_language(client, reference):
    response = client.post("/api/v1/auth/token", {"username": "x"}, content_type="application/json", HTTP_ACCEPT_LANGUAGE="en")
    assert response.json()["errors"] == {"password": ["This field is required."]}
