"""Corrections (更正) by the joint office, with a reason: a person on file, or a petitioner as given
on one registration. The earlier value stays in the history; each affected case's timeline says
what changed, masked."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.access import require_supervisor
from cases.models import Case
from history.services import record, snapshot
from intake.inputs import CorrectionIn
from intake.masking import mask_id_number, mask_name, mask_phone
from intake.models import Person, Petitioner
from intake.services import same_name
from intake.validators import normalise_id_number, validate_id_number, validate_phone

MASKS = {"name": mask_name, "id_number": mask_id_number, "phone": mask_phone, "address": str}


def _judge(data: CorrectionIn) -> tuple[str, str, str]:
    errors: dict[str, list[str]] = {}
    field, value = data.field, data.value.strip()
    if field not in MASKS:
        errors["field"] = [_("Choose the name, ID number, phone or address.")]
    elif field != "address" and not value:
        errors["value"] = [_("Enter the corrected value.")]
    elif field == "phone":
        value = value.replace(" ", "")
        try:
            validate_phone(value)
        except ValidationError as exc:
            errors["value"] = exc.messages
    elif field == "id_number":
        value = normalise_id_number(value)
        try:
            validate_id_number(value)
        except ValidationError as exc:
            errors["value"] = exc.messages
    reason = (data.reason or "").strip()
    if not reason:
        errors["reason"] = [_("Give the reason for the correction.")]
    if errors:
        raise ValidationError(errors)
    return field, value, reason


def _change(obj, field: str, value: str) -> str:
    old = getattr(obj, field)
    if old == value:
        raise ValidationError({"value": [_("This is already the value on file.")]})
    setattr(obj, field, value)
    return old


def _on_cases(cases, actor, field: str, old: str, new: str, reason: str) -> None:
    mask = MASKS[field]
    for case in cases:
        record(instance=case, actor=actor, action="details_corrected", changes={f"petitioner_{field}": [mask(old), mask(new)]}, note=reason)


@transaction.atomic
def person_correct(*, person: Person, actor, data: CorrectionIn) -> Person:
    """The person on file; every registration keeps its petitioner as given."""
    require_supervisor(actor)
    field, value, reason = _judge(data)
    person = Person.objects.select_for_update().get(pk=person.pk)
    if field == "id_number" and Person.objects.filter(id_number=value).exclude(pk=person.pk).exists():
        raise ValidationError({"value": [_("This ID number is on file for another person; a correction cannot join two people.")]})
    before = snapshot(person)
    old = _change(person, field, value)
    person.save(update_fields=[field])
    record(instance=person, actor=actor, action="corrected", before=before, note=reason)
    _on_cases(Case.objects.filter(registration__petitioners__person=person).distinct().order_by("id"), actor, field, old, value, reason)
    return person


@transaction.atomic
def petitioner_correct(*, petitioner: Petitioner, actor, data: CorrectionIn) -> Petitioner:
    """A petitioner as given on one registration (a typing error on the day). A corrected ID number
    links the petitioner to the person on file under it (a new one if there is none)."""
    require_supervisor(actor)
    field, value, reason = _judge(data)
    petitioner = Petitioner.objects.select_for_update(of=("self",)).select_related("registration__case").get(pk=petitioner.pk)
    before = snapshot(petitioner)
    old = _change(petitioner, field, value)
    if field == "id_number":
        petitioner.person = Person.objects.filter(id_number=value).first()
        if petitioner.person is None:
            petitioner.person = Person.objects.create(
                id_number=value, name=petitioner.name, phone=petitioner.phone, address=petitioner.address, created_at=timezone.now()
            )
            record(instance=petitioner.person, actor=actor, action="created", before={}, note=reason)
    if petitioner.person is not None:
        petitioner.identity_mismatch = not same_name(petitioner.person.name, petitioner.name)
    petitioner.save()
    record(instance=petitioner, actor=actor, action="corrected", before=before, note=reason)
    _on_cases([petitioner.registration.case], actor, field, old, value, reason)
    return petitioner
