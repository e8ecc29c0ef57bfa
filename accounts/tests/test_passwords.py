"""The password validators wherever a password is set, and none of the last five again."""

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.urls import reverse

from accounts.models import User
from conftest import PASSWORD

pytestmark = pytest.mark.django_db

REUSED = "该密码最近使用过，请设置一个与最近5个密码都不同的密码。"


def change(client, old: str, new: str):
    return client.post(reverse("password_change"), {"old_password": old, "new_password1": new, "new_password2": new})


@pytest.mark.parametrize("role", ["clerk", "admin"])
def test_create_user_refuses_a_weak_password_with_the_validators_messages(reference, role):
    unit = "区信访工作联席会议办公室"
    with pytest.raises(CommandError) as refused:
        call_command("create_user", "weak", "--unit", unit, "--role", role, "--password", "1")
    with pytest.raises(ValidationError) as validators:
        validate_password("1")
    assert len(validators.value.messages) >= 2
    assert all(message in str(refused.value) for message in validators.value.messages)
    assert not User.objects.filter(username="weak").exists()


def test_create_user_refuses_a_common_password(reference):
    with pytest.raises(CommandError) as refused:
        call_command("create_user", "liu", "--unit", "巴川街道", "--role", "clerk", "--password", "password123")
    with pytest.raises(ValidationError) as validators:
        validate_password("password123")
    assert str(refused.value) == "password: " + " ".join(validators.value.messages)
    assert not User.objects.filter(username="liu").exists()


def test_the_password_change_page_applies_the_validators(client, town_clerk):
    client.force_login(town_clerk)
    response = change(client, PASSWORD, "12345678")
    assert response.status_code == 200
    assert "密码只包含数字。" in response.content.decode()
    town_clerk.refresh_from_db()
    assert town_clerk.check_password(PASSWORD)


def test_none_of_the_last_five_passwords_may_be_chosen_again(client, town_clerk):
    client.force_login(town_clerk)
    passwords = [PASSWORD] + [f"rotation-{n}-2026x" for n in range(1, 6)]
    for old, new in zip(passwords, passwords[1:], strict=False):
        assert change(client, old, new).status_code == 302, new
    current = passwords[-1]
    # The current password and the four before it are refused...
    for reused in passwords[-5:]:
        response = change(client, current, reused)
        assert response.status_code == 200 and REUSED in response.content.decode(), reused
    # ...the sixth-latest is allowed again.
    assert change(client, current, passwords[0]).status_code == 302


def test_the_admin_refuses_a_reused_password(client, make_user, town_clerk):
    admin = make_user("admin", "区信访工作联席会议办公室")
    client.force_login(admin)
    url = reverse("admin:auth_user_password_change", args=[town_clerk.pk])
    response = client.post(url, {"password1": PASSWORD, "password2": PASSWORD, "usable_password": "true"})
    assert response.status_code == 200 and REUSED in response.content.decode()
    response = client.post(url, {"password1": "fresh-pass-2027", "password2": "fresh-pass-2027", "usable_password": "true"})
    assert response.status_code == 302
    town_clerk.refresh_from_db()
    assert town_clerk.check_password("fresh-pass-2027")


def test_the_admin_refuses_a_weak_password_for_a_new_user(client, make_user, reference):
    admin = make_user("admin", "区信访工作联席会议办公室")
    client.force_login(admin)
    response = client.post(
        reverse("admin:accounts_user_add"),
        {"username": "newbie", "password1": "1", "password2": "1", "usable_password": "true", "role": "clerk"},
    )
    assert response.status_code == 200
    assert not User.objects.filter(username="newbie").exists()
