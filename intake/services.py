"""Registering what a citizen brings to a Work Day (R5) and opening its case (R6a), in one
transaction. The one place that judges a registration: the page and the API only parse into
`RegistrationIn`, and every error here is keyed by that input's field names."""

from __future__ import annotations

import uuid

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.services import case_open_for_registration
from history.services import record, snapshot
from intake.inputs import RegistrationIn
from intake.models import Disposition, Kind, Petitioner, Registration
from intake.validators import normalise_id_number, validate_id_number, validate_phone
from lifecycle.inputs import resolve
from units.models import Category, Unit, UnitKind
from workdays import services as workday_services
from workdays.models import WorkDay

PROMISED_DAYS_MAX = 365


def registration_create(*, workday: WorkDay, actor, data: RegistrationIn) -> tuple[Registration, bool]:
    """Register one citizen's matter and open its case. Idempotent on `client_ref`: a resubmitted
    form returns the registration already made, and `created` is False."""
    if data.client_ref is not None:
        existing = _existing_registration(workday, data.client_ref)
        if existing is not None:
            return existing, False
    try:
        with transaction.atomic():
            return _registration_create(workday=workday, actor=actor, data=data), True
    except IntegrityError:
        # Two submissions of one form raced; the other one won. Return its result.
        existing = _existing_registration(workday, data.client_ref) if data.client_ref is not None else None
        if existing is None:
            raise
        return existing, False


def _existing_registration(workday: WorkDay, client_ref: uuid.UUID) -> Registration | None:
    existing = Registration.objects.filter(client_ref=client_ref).first()
    if existing is not None and existing.workday_id != workday.pk:
        raise ValidationError({"client_ref": [_("This client reference was already used for another Work Day.")]})
    return existing


def _registration_create(*, workday: WorkDay, actor, data: RegistrationIn) -> Registration:
    workday, step = workday_services.begin_step(workday, actor, "register")
    category = resolve(Category, data.category_id, "category_id", _("Choose a category."))
    territory = resolve(Unit, data.territory_unit_id, "territory_unit_id", _("Unknown unit: %(ids)s"))
    if territory is None and workday.host_unit.is_territory:
        territory = workday.host_unit
    responsible_user = resolve(
        get_user_model().objects.filter(unit=workday.host_unit),
        data.responsible_user_id,
        "responsible_user_id",
        _("Choose a user of the host unit."),
    )
    petitioners = _judge(data, category=category, territory=territory)
    disposition = data.disposition
    now = timezone.now()
    registration = Registration.objects.create(
        workday=workday,
        client_ref=data.client_ref,
        people_count=data.people_count if data.people_count is not None else len(petitioners),
        kind=data.kind,
        category=category,
        territory=territory,
        content=data.content.strip(),
        disposition=disposition,
        # What belongs to another disposition is not kept: a page's hidden field or an API client's
        # leftover must not reach the record.
        answer=data.answer.strip() if disposition == Disposition.ON_THE_SPOT else "",
        channel=data.channel.strip() if disposition == Disposition.REFER else "",
        promised_days=data.promised_days if disposition == Disposition.TIME_LIMIT else None,
        responsible_person=(
            data.responsible_person.strip()
            or (responsible_user.display_name if responsible_user else "")
            or actor.display_name
        ),
        responsible_user=responsible_user,
        registered_at=now,
        registered_by=actor,
        late_entry=timezone.localdate(now) > workday.date,
    )
    registration.petitioners.set([_petitioner_for(p, actor) for p in petitioners])
    workday_services.enter_held(workday, actor)
    record(
        instance=workday,
        actor=actor,
        action=step.action,
        changes={"registrations": [None, registration.pk]},
        note=_("late entry of a paper form") if registration.late_entry else "",
    )
    case_open_for_registration(registration=registration, actor=actor)
    return registration


def _judge(data: RegistrationIn, *, category: Category | None, territory: Unit | None) -> list[dict]:
    """Every business rule of a registration, once; the petitioners cleaned for storage."""
    errors: dict[str, list[str]] = {}
    cleaned: list[dict] = []
    if not data.petitioners:
        errors["petitioners"] = [_("Enter at least one petitioner.")]
    for i, p in enumerate(data.petitioners):
        name = p.name.strip()
        id_number = normalise_id_number(p.id_number)
        phone = p.phone.strip().replace(" ", "")
        if not name:
            errors[f"petitioners.{i}.name"] = [_("Enter the petitioner's name.")]
        if id_number:
            try:
                validate_id_number(id_number)
            except ValidationError as exc:
                errors[f"petitioners.{i}.id_number"] = exc.messages
        if not phone and i == 0:
            errors[f"petitioners.{i}.phone"] = [_("Enter a phone number so the citizen can be reached for the reply.")]
        elif phone:
            try:
                validate_phone(phone)
            except ValidationError as exc:
                errors[f"petitioners.{i}.phone"] = exc.messages
        cleaned.append({"name": name, "id_number": id_number, "phone": phone, "address": p.address.strip()})
    if data.people_count is not None and data.people_count < max(1, len(cleaned)):
        errors["people_count"] = [_("The number of people must be at least the number of petitioners listed.")]
    if data.kind not in Kind.values:
        errors["kind"] = [_("Choose request, opinion or suggestion.")]
    if category is None:
        errors["category_id"] = [_("Choose a category.")]
    if territory is None:
        errors["territory_unit_id"] = [_("Choose the town or street where the matter arose.")]
    elif territory.kind not in (UnitKind.TOWN, UnitKind.STREET):
        errors["territory_unit_id"] = [_("The territory is the town or street where the matter arose.")]
    if not data.content.strip():
        errors["content"] = [_("Describe the citizen's matter.")]
    if data.disposition not in Disposition.values:
        errors["disposition"] = [_("Choose how the matter was handled.")]
    elif data.disposition == Disposition.ON_THE_SPOT and not data.answer.strip():
        errors["answer"] = [_("Write down the answer given on the spot.")]
    elif data.disposition == Disposition.REFER and not data.channel.strip():
        errors["channel"] = [_("Write down the channel the citizen was told to use.")]
    elif data.disposition == Disposition.TIME_LIMIT and data.promised_days is not None and not (
        1 <= data.promised_days <= PROMISED_DAYS_MAX
    ):
        errors["promised_days"] = [_("Enter a number of working days between 1 and 365.")]
    if errors:
        raise ValidationError(errors)
    return cleaned


def _petitioner_for(data: dict, actor) -> Petitioner:
    """A returning petitioner is recognised by ID number; their contact details are brought up to date."""
    if data["id_number"]:
        found = Petitioner.objects.filter(id_number=data["id_number"]).order_by("id").first()
        if found is not None:
            before = snapshot(found)
            for field in ("name", "phone", "address"):
                if data[field]:
                    setattr(found, field, data[field])
            if snapshot(found) != before:
                found.save()
                record(instance=found, actor=actor, action="updated", before=before)
            return found
    petitioner = Petitioner.objects.create(**data)
    record(instance=petitioner, actor=actor, action="created", before={})
    return petitioner
