"""People (docs/api.md "People"): a person on file, their registrations as the caller may see them,
the joint office's search by ID number (logged) and corrections with a reason."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.http import Http404
from ninja import Router, Schema

from accounts.access import require_supervisor, sees_everything
from intake import corrections
from intake.inputs import CorrectionIn
from intake.masking import mask_id_number, mask_phone
from intake.models import Person, Petitioner
from intake.personal_data import log_person_search
from intake.persons import access_person_by_id, person_registrations, person_views, repeat_registration_ids
from intake.validators import normalise_id_number, validate_id_number
from xinfang.api_types import Id, Text

persons_router = Router(tags=["people"])
petitioners_router = Router(tags=["people"])


class PersonRegistration(Schema):
    id: int
    case_id: int
    workday_id: int
    date: datetime.date
    category_id: int
    status: str
    repeat: bool
    group_visit: bool


class PersonOut(Schema):
    id: int
    name: str
    id_number: str  # masked
    phone: str  # masked
    address: str
    registrations: list[PersonRegistration]
    repeat: bool
    repeat_registration_ids: list[int]
    views_count: int | None  # the logged full views, for the joint office


class PersonList(Schema):
    items: list[PersonOut]
    total: int


def person_out(user, person: Person) -> dict:
    registrations = list(person_registrations(user, person))
    repeats = repeat_registration_ids(registrations)
    return {
        "id": person.pk,
        "name": person.name,
        "id_number": mask_id_number(person.id_number),
        "phone": mask_phone(person.phone),
        "address": person.address,
        "registrations": [
            {
                "id": r.pk, "case_id": r.case.pk, "workday_id": r.workday_id, "date": r.workday.date,
                "category_id": r.case.category_id, "status": r.case.status, "repeat": r.pk in repeats,
                "group_visit": r.is_group_visit,
            }
            for r in registrations
        ],
        "repeat": bool(repeats),
        "repeat_registration_ids": sorted(repeats),
        "views_count": person_views(person).count() if sees_everything(user) else None,
    }


@persons_router.get("", response=PersonList)
def search(request, id_number: Text[30] = ""):
    """The person on file under a full ID number (joint office only); every search is logged."""
    require_supervisor(request.user)
    id_number = normalise_id_number(id_number)
    try:
        validate_id_number(id_number)
    except ValidationError as exc:
        raise ValidationError({"id_number": exc.messages}) from None
    person = Person.objects.filter(id_number=id_number).first()
    log_person_search(person=person, actor=request.user)
    items = [person_out(request.user, person)] if person else []
    return {"items": items, "total": len(items)}


@persons_router.get("/{person_id}", response=PersonOut)
def get_person(request, person_id: Id):
    return person_out(request.user, access_person_by_id(request.user, person_id))


@persons_router.post("/{person_id}/correct", response=PersonOut)
def correct_person(request, person_id: Id, payload: CorrectionIn):
    """更正 (joint office): one field of the person on file, with the reason."""
    require_supervisor(request.user)
    person = corrections.person_correct(person=access_person_by_id(request.user, person_id), actor=request.user, data=payload)
    return person_out(request.user, person)


class PetitionerOut(Schema):
    id: int
    registration_id: int
    person_id: int | None
    name: str
    id_number: str  # masked
    phone: str  # masked
    address: str
    identity_mismatch: bool


@petitioners_router.post("/{petitioner_id}/correct", response=PetitionerOut)
def correct_petitioner(request, petitioner_id: Id, payload: CorrectionIn):
    """更正 (joint office): one field of a petitioner as given on one registration, with the reason."""
    require_supervisor(request.user)
    petitioner = Petitioner.objects.filter(pk=petitioner_id).first()
    if petitioner is None:
        raise Http404
    p = corrections.petitioner_correct(petitioner=petitioner, actor=request.user, data=payload)
    return {
        "id": p.pk, "registration_id": p.registration_id, "person_id": p.person_id, "name": p.name,
        "id_number": mask_id_number(p.id_number), "phone": mask_phone(p.phone), "address": p.address,
        "identity_mismatch": p.identity_mismatch,
    }
