"""Creating accounts."""

from __future__ import annotations

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction

from accounts.duties import DUTY_ROLES, grant_admin_permissions
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
    *, username: str, unit_name: str, role: str, password: str, full_name: str = "", actor=None, superuser: bool = False
) -> User:
    if role not in Role.values:
        raise AccountError(f"unknown role {role!r}; choose one of: {', '.join(Role.values)}")
    if superuser and role in DUTY_ROLES:
        raise AccountError(
            f"role {role!r} cannot be a superuser: the system administrator, security administrator and auditor "
            "each hold only their own duty (the superuser is for installation only)"
        )
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
    # The duties (三员) work in the Django admin with their own permissions, never as superusers:
    # the superuser is for installation only (createsuperuser).
    user.is_staff = superuser or role in (Role.ADMIN, Role.SECURITY_ADMIN)
    user.is_superuser = superuser
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
    grant_admin_permissions(user)
    record(instance=user, actor=actor, action="created", changes={"unit": [None, unit.pk], "role": [None, role]})
    return user
