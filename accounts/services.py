"""Creating accounts."""

from __future__ import annotations

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction

from accounts.models import Role, User
from history.services import record
from units.models import Unit, UnitKind

# Which kind of unit each role belongs to (the system admin may sit anywhere).
ROLE_UNIT_KINDS = {
    Role.SUPERVISOR: {UnitKind.JOINT_OFFICE},
    Role.DISTRICT_LEADER: {UnitKind.DISTRICT},
    Role.CLERK: {UnitKind.JOINT_OFFICE, UnitKind.TOWN, UnitKind.STREET, UnitKind.DEPARTMENT},
    Role.UNIT_LEADER: {UnitKind.JOINT_OFFICE, UnitKind.TOWN, UnitKind.STREET, UnitKind.DEPARTMENT},
}


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
    allowed = ROLE_UNIT_KINDS.get(role)
    if allowed is not None and unit.kind not in allowed:
        kinds = ", ".join(sorted(allowed))
        raise AccountError(f"role {role!r} belongs to a unit of kind {kinds}; {unit.name} is a {unit.kind}")
    user = User(username=username, unit=unit, role=role, full_name=full_name)
    user.is_staff = role == Role.ADMIN
    user.is_superuser = role == Role.ADMIN
    try:
        validate_password(password, user)  # the same validators as the admin and the password change page
    except ValidationError as exc:
        raise AccountError("password: " + " ".join(exc.messages)) from exc
    user.set_password(password)
    try:
        user.full_clean(exclude=["password"])
    except ValidationError as exc:
        raise AccountError("; ".join(f"{field}: {' '.join(messages)}" for field, messages in exc.message_dict.items())) from exc
    user.save()
    record(instance=user, actor=actor, action="created", changes={"unit": [None, unit.pk], "role": [None, role]})
    return user
