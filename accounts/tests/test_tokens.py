"""API tokens end: they expire, and their owner, the admin, a logout, a password change or a
deactivation revokes them. Only a token's hash is stored."""

import pytest
from django.test import Client
from django.urls import reverse

from accounts.models import ApiToken
from conftest import PASSWORD

pytestmark = pytest.mark.django_db

EXPIRED = "令牌已过期或已被撤销，请重新申请。"


def issue(username: str, name: str = "") -> str:
    response = Client().post(
        "/api/v1/auth/token", {"username": username, "password": PASSWORD, "name": name}, content_type="application/json"
    )
    assert response.status_code == 200, response.content
    return response.json()["token"]


def call(token: str, path: str = "/api/v1/units", method: str = "get"):
    return getattr(Client(), method)(path, HTTP_AUTHORIZATION=f"Bearer {token}")


def test_a_token_expires_eight_hours_after_it_was_issued(clock, settings, town_clerk):
    from xinfang import settings as project_settings

    assert project_settings.API_TOKEN_SECONDS == 8 * 3600
    settings.API_TOKEN_SECONDS = project_settings.API_TOKEN_SECONDS
    clock.set("2026-12-01 09:00")
    token = issue("town_clerk")
    clock.set("2026-12-01 16:59")
    assert call(token).status_code == 200
    clock.set("2026-12-01 17:01")
    response = call(token)
    assert response.status_code == 401
    assert response.json() == {"detail": EXPIRED}


def test_only_the_hash_is_stored_and_each_request_issues_another_token(town_clerk):
    first, second = issue("town_clerk", "报表同步"), issue("town_clerk")
    assert first != second
    assert call(first).status_code == 200 and call(second).status_code == 200
    stored = list(ApiToken.objects.values_list("key_hash", flat=True))
    assert len(stored) == 2 and first not in stored and second not in stored
    assert ApiToken.objects.filter(name="报表同步").exists()


def test_an_unknown_token_is_401_in_chinese(town_clerk):
    response = call("not-a-token")
    assert response.status_code == 401 and response.json() == {"detail": "令牌无效。"}


def test_logout_ends_the_users_tokens(client, town_clerk):
    token = issue("town_clerk")
    client.force_login(town_clerk)
    client.post(reverse("logout"))
    assert call(token).json() == {"detail": EXPIRED}


def test_a_password_change_ends_the_users_tokens_but_not_the_page_session(client, town_clerk):
    token = issue("town_clerk")
    client.force_login(town_clerk)
    response = client.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": "another-pass-2027", "new_password2": "another-pass-2027"},
    )
    assert response.status_code == 302
    assert call(token).status_code == 401
    assert client.get(reverse("account")).status_code == 200
    town_clerk.refresh_from_db()
    assert town_clerk.check_password("another-pass-2027")


def test_deactivation_ends_the_tokens_for_good(town_clerk):
    token = issue("town_clerk")
    town_clerk.is_active = False
    town_clerk.save()
    assert call(token).status_code == 401
    town_clerk.is_active = True
    town_clerk.save()
    assert call(token).json() == {"detail": EXPIRED}


def test_delete_token_revokes_the_one_in_use_only(town_clerk):
    in_use, other = issue("town_clerk"), issue("town_clerk")
    assert call(in_use, "/api/v1/auth/token", "delete").status_code == 204
    assert call(in_use).status_code == 401
    assert call(other).status_code == 200


def test_delete_token_without_a_token_is_400(client, town_clerk):
    client.force_login(town_clerk)
    response = client.delete("/api/v1/auth/token")
    assert response.status_code == 400 and response.json()["detail"] == "本请求未携带令牌。"


def test_the_list_shows_only_the_users_own_live_tokens(town_clerk, other_town_clerk):
    mine, revoked = issue("town_clerk", "报表同步"), issue("town_clerk")
    call(revoked, "/api/v1/auth/token", "delete")
    theirs = issue("other_town_clerk", "他人的令牌")
    body = call(mine, "/api/v1/auth/tokens").json()
    assert body["total"] == 1
    [item] = body["items"]
    assert item["name"] == "报表同步" and item["current"] is True and item["last_used_at"]
    assert mine not in str(body) and theirs not in str(body)
    their_id = ApiToken.objects.get(user=other_town_clerk).pk
    assert call(mine, f"/api/v1/auth/tokens/{their_id}", "delete").status_code == 404
    assert call(theirs).status_code == 200


def test_the_owner_revokes_a_token_by_id_in_the_api_and_on_the_account_page(client, town_clerk):
    one, two = issue("town_clerk", "第一个"), issue("town_clerk", "第二个")
    first_id = ApiToken.objects.get(name="第一个").pk
    assert call(two, f"/api/v1/auth/tokens/{first_id}", "delete").status_code == 204
    assert call(one).status_code == 401

    client.force_login(town_clerk)
    page = client.get(reverse("account")).content.decode()
    assert "第二个" in page and "第一个" not in page
    second_id = ApiToken.objects.get(name="第二个").pk
    client.post(reverse("revoke_token", args=[second_id]))
    assert call(two).status_code == 401
    assert "第二个" not in client.get(reverse("account")).content.decode()


def test_another_users_token_cannot_be_revoked_on_the_page(client, town_clerk, other_town_clerk):
    theirs = issue("other_town_clerk")
    client.force_login(town_clerk)
    response = client.post(reverse("revoke_token", args=[ApiToken.objects.get().pk]))
    assert response.status_code == 404
    assert call(theirs).status_code == 200


def test_the_security_admin_lists_and_revokes_any_users_token(client, make_user, town_clerk):
    admin = make_user("security_admin", "区信访工作联席会议办公室")
    token = issue("town_clerk", "报表同步")
    client.force_login(admin)
    changelist = reverse("admin:accounts_apitoken_changelist")
    assert "报表同步" in client.get(changelist).content.decode()
    response = client.post(
        changelist, {"action": "revoke", "_selected_action": [ApiToken.objects.get().pk]}, follow=True
    )
    assert response.status_code == 200
    assert call(token).json() == {"detail": EXPIRED}


def test_the_account_pages_queries_do_not_grow_with_the_tokens(client, town_clerk):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(town_clerk)
    issue("town_clerk")
    with CaptureQueriesContext(connection) as one:
        client.get(reverse("account"))
    for _ in range(4):
        issue("town_clerk")
    with CaptureQueriesContext(connection) as five:
        page = client.get(reverse("account")).content.decode()
    assert page.count("撤销</button>") == 5
    assert len(five) == len(one)
