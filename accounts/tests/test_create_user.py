import pytest
from django.core.management import CommandError, call_command

from accounts.models import Role, User

pytestmark = pytest.mark.django_db


def test_it_creates_a_clerk_in_a_unit(reference):
    call_command("create_user", "liu", "--unit", "巴川街道", "--role", "clerk", "--password", "a-long-password")
    user = User.objects.get(username="liu")
    assert user.unit.name == "巴川街道" and user.role == Role.CLERK
    assert user.check_password("a-long-password")
    assert not user.is_staff


def test_it_makes_admins_staff_for_the_django_admin(reference):
    call_command("create_user", "root2", "--unit", "区信访工作联席会议办公室", "--role", "admin", "--password", "x-long-pass")
    assert User.objects.get(username="root2").is_staff


@pytest.mark.parametrize(
    "args, message",
    [
        (["--unit", "不存在镇", "--role", "clerk"], "unknown unit"),
        (["--unit", "巴川街道", "--role", "boss"], "unknown role"),
        (["--unit", "巴川街道", "--role", "supervisor"], "joint_office"),
        (["--unit", "区信访工作联席会议办公室", "--role", "district_leader"], "district"),
    ],
)
def test_it_refuses_unknown_units_and_roles(reference, args, message):
    with pytest.raises(CommandError, match=message):
        call_command("create_user", "liu", *args, "--password", "a-long-password")
    assert not User.objects.filter(username="liu").exists()


def test_it_refuses_an_existing_username(town_clerk):
    with pytest.raises(CommandError, match="already exists"):
        call_command("create_user", "town_clerk", "--unit", "土桥镇", "--role", "clerk", "--password", "a-long-password")
    assert User.objects.get(username="town_clerk").unit.name == "巴川街道"


@pytest.mark.parametrize("username", ["", "bad name!"])
def test_it_refuses_a_malformed_username_without_a_traceback(reference, username):
    with pytest.raises(CommandError, match="username"):
        call_command("create_user", username, "--unit", "巴川街道", "--role", "clerk", "--password", "a-long-password")
