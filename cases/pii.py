"""Personal data (ID numbers, phones): masked in lists, exports and public pages; the full value is
shown only to roles that need it (the joint office, the host unit's and the lead unit's clerks) and
every full view is logged (docs/adr/0004-access-helpers.md)."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from accounts.access import is_supervisor
from accounts.models import Role
from cases.models import Case, PersonalDataView
from history.services import record


def mask_id_number(value: str) -> str:
    """5002**********123X"""
    return f"{value[:4]}{'*' * 10}{value[-4:]}" if len(value) == 18 else "*" * len(value)


def mask_phone(value: str) -> str:
    """138****8000"""
    return f"{value[:3]}****{value[-4:]}" if len(value) >= 11 else value[:2] + "*" * max(len(value) - 2, 0)


def may_view_personal_data(user, case: Case) -> bool:
    if is_supervisor(user):
        return True
    return user.role == Role.CLERK and user.unit_id in (case.host_unit_id, case.lead_unit_id)


@transaction.atomic
def reveal_personal_data(*, case: Case, actor) -> list[dict]:
    """The petitioners' full ID numbers and phones, logged. The caller checks `may_view_personal_data`."""
    petitioners = list(case.registration.petitioners.all())
    PersonalDataView.objects.create(case=case, viewed_by=actor, viewed_at=timezone.now(), fields="id_number,phone")
    record(instance=case, actor=actor, action="pii_viewed", changes={})
    return [{"name": p.name, "id_number": p.id_number, "phone": p.phone, "address": p.address} for p in petitioners]


def masked_petitioners(case: Case) -> list[dict]:
    return [
        {"name": p.name, "id_number": mask_id_number(p.id_number), "phone": mask_phone(p.phone), "address": p.address}
        for p in case.registration.petitioners.all()
    ]
