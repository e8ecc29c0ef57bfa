"""The registration API: what a registration looks like to a client, and its withdrawal (撤回).
Registering itself is `POST /workdays/{id}/registrations` (workdays/api.py, the same services)."""

from __future__ import annotations

import datetime
import uuid

from django.http import Http404
from ninja import Router, Schema

from intake import services
from intake.masking import mask_id_number, mask_phone
from intake.models import Registration
from workdays.selectors import visible_workdays
from workdays.sites import site_name
from xinfang.api_types import Id

router = Router(tags=["registrations"])


class PetitionerOut(Schema):
    name: str
    id_number_masked: str
    phone_masked: str
    address: str


class RegistrationOut(Schema):
    id: int
    case_id: int
    workday_id: int
    client_ref: uuid.UUID | None
    site: str
    petitioners: list[PetitionerOut]
    people_count: int
    group_visit: bool
    kind: str
    category_id: int
    territory_unit_id: int | None
    content: str
    disposition: str
    answer: str
    channel: str
    promised_days: int | None
    responsible_person: str
    registered_at: datetime.datetime
    late_entry: bool
    status: str
    case_status: str
    due_date: datetime.date | None


def registration_out(registration: Registration) -> dict:
    case = registration.case
    return {
        **{
            f: getattr(registration, f)
            for f in (
                "id", "workday_id", "client_ref", "people_count", "kind", "category_id", "content", "disposition",
                "answer", "channel", "promised_days", "responsible_person", "registered_at", "late_entry", "status",
            )
        },
        "territory_unit_id": registration.territory_id,
        "site": site_name(registration.workday, registration.site),
        "group_visit": registration.is_group_visit,
        "petitioners": [
            {"name": p.name, "id_number_masked": mask_id_number(p.id_number), "phone_masked": mask_phone(p.phone), "address": p.address}
            for p in registration.petitioners.all()
        ],
        "case_id": case.pk,
        "case_status": case.status,
        "due_date": case.due_date,
    }


class WithdrawIn(Schema):
    reason: str = ""


@router.post("/{registration_id}/withdraw", response=RegistrationOut)
def withdraw(request, registration_id: Id, payload: WithdrawIn):
    """撤回: the registering unit takes back an entry made by mistake, on the day it was made; its case
    is voided. Both stay visible to the joint office; no total counts them."""
    registration = Registration.objects.filter(pk=registration_id, workday__in=visible_workdays(request.user)).first()
    if registration is None:
        raise Http404
    registration = services.registration_withdraw(registration=registration, actor=request.user, reason=payload.reason)
    return registration_out(Registration.objects.select_related("case", "workday").get(pk=registration.pk))
