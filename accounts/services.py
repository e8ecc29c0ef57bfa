"""Creating accounts."""

from __future__ import annotations

from django.db import transaction

from accounts.models import Role, User
from history.services import record
from units.models import Unit


class AccountError(Exception):
    pass


@transaction.atomic
def user_create(
    *, username: str, unit_name: str, role: str, password: str, full_name: str = "", actor=None
) -> User:
    if role not in Role.values:
        raise AccountError(f"unknown role {role!r}; choose one of: {', '.join(Role.values)}")
    unit = Unit.objects.filter(name=unit_name).first()
    if unit is None:
        raise AccountError(f"unknown unit {unit_name!r}")
    if User.objects.filter(username=username).exists():
        raise AccountError(f"user {username!r} already exists")
    user = User(username=username, unit=unit, role=role, full_name=full_name)
    user.is_staff = role == Role.ADMIN
    user.is_superuser = role == Role.ADMIN
    user.set_password(password)
    user.full_clean(exclude=["password"])
    user.save()
    record(instance=user, actor=actor, action="created", changes={"unit": [None, unit.pk], "role": [None, role]})
    return user
