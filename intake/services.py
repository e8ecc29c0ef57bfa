"""Registering what a citizen brings to a Work Day (R5) and opening its case (R6a), in one
transaction. The one place that judges a registration: the page and the API only parse into
`RegistrationIn`, and every error here is keyed by that input's field names."""

from __future__ import annotations

import uuid

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.handling import case_void_withdrawn
from cases.services import case_open_for_registration
from history.services import record, snapshot
from intake.inputs import RegistrationIn
from intake.masking import mask_name
from intake.models import MAX_PETITIONERS, Disposition, Kind, Person, Petitioner, Registration
from intake.transitions import TABLE
from intake.validators import normalise_id_number, validate_id_number, validate_phone
from lifecycle import TransitionError
from lifecycle.inputs import resolve
from units.models import Category, Unit, UnitKind
from workdays import services as workday_services
from workdays.models import WorkDay
from workdays.sites import stored_site

PROMISED_DAYS_MAX = 365
IDENTITY_MISMATCH = "identity_mismatch"  # the error code the page asks the clerk to confirm


def registration_create(*, workday: WorkDay, actor, data: RegistrationIn) -> tuple[Registration, bool]:
    """Register one citizen's matter and open its case. Idempotent on `client_ref`: a resubmitted
    form returns the registration already made, and `created` is False."""
    if data.client_ref is not None:
        existing = _existing_registration(workday, data.client_ref, data)
        if existing is not None:
            return existing, False
    try:
        with transaction.atomic():
            return _registration_create(workday=workday, actor=actor, data=data), True
    except IntegrityError:
        # Two submissions of one form raced; the other one won. Return its result.
        existing = _existing_registration(workday, data.client_ref, data) if data.client_ref is not None else None
        if existing is None:
            raise
        return existing, False


def _existing_registration(workday: WorkDay, client_ref: uuid.UUID, data: RegistrationIn) -> Registration | None:
    """The registration this `client_ref` already made, when `data` is its resubmission. The same
    reference with another matter (a second tab of one form) is refused, never answered with the
    first matter: that would drop the second citizen's request."""
    existing = Registration.objects.filter(client_ref=client_ref).first()
    if existing is None:
        return None
    given = [(p.name.strip(), normalise_id_number(p.id_number)) for p in data.petitioners]
    stored = [(p.name, p.id_number) for p in existing.petitioners.all()]
    if existing.workday_id != workday.pk or given != stored or data.content.strip() != existing.content:
        raise ValidationError(
            {"client_ref": [_("This form was already used for another entry. Nothing was saved; submit it again.")]}
        )
    return existing


def _registration_create(*, workday: WorkDay, actor, data: RegistrationIn) -> Registration:
    workday, step = workday_services.begin_step(workday, actor, "register")
    site = stored_site(workday, data.site)
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
    persons = _identify(petitioners, confirmed=data.identity_confirmed)
    if not data.duplicate_confirmed:
        _refuse_duplicate(workday, category, petitioners)
    disposition = data.disposition
    now = timezone.now()
    registration = Registration.objects.create(
        workday=workday,
        client_ref=data.client_ref,
        people_count=data.people_count if data.people_count is not None else len(petitioners),
        site=site,
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
    for position, (given, person) in enumerate(zip(petitioners, persons, strict=True)):
        _petitioner_create(registration, position, given, person, actor)
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
    elif len(data.petitioners) > MAX_PETITIONERS:
        errors["petitioners"] = [
            _(
                "Name at most %(max)d petitioners (the group's representatives); enter the size of the group "
                "as the number of people."
            )
            % {"max": MAX_PETITIONERS}
        ]
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
    elif data.disposition == Disposition.TIME_LIMIT and data.promised_days is None:
        errors["promised_days"] = [_("Enter the resolution period promised to the citizen, in working days.")]
    elif data.disposition == Disposition.TIME_LIMIT and not 1 <= data.promised_days <= PROMISED_DAYS_MAX:
        errors["promised_days"] = [_("Enter a number of working days between 1 and 365.")]
    if errors:
        raise ValidationError(errors)
    return cleaned


def _identify(petitioners: list[dict], *, confirmed: bool) -> list[Person | None]:
    """The person on file for each ID number given. A name that differs from the one on file is
    refused, showing the name on file masked, until the clerk corrects the ID number or confirms it
    is the same person; nothing on file changes either way."""
    persons = [
        Person.objects.filter(id_number=p["id_number"]).first() if p["id_number"] else None for p in petitioners
    ]
    if not confirmed:
        errors = {
            f"petitioners.{i}.id_number": [
                ValidationError(
                    _(
                        "This ID number is on file for %(name)s. Check the number; if it is the same person, "
                        "tick the confirmation and submit again."
                    )
                    % {"name": mask_name(person.name)},
                    code=IDENTITY_MISMATCH,
                )
            ]
            for i, (given, person) in enumerate(zip(petitioners, persons, strict=True))
            if person is not None and not same_name(person.name, given["name"])
        }
        if errors:
            raise ValidationError(errors)
    return persons


def same_name(a: str, b: str) -> bool:
    return "".join(a.split()) == "".join(b.split())


def _refuse_duplicate(workday: WorkDay, category: Category, petitioners: list[dict]) -> None:
    """An entry of the same person (same ID number, or same name and phone) with the same category at
    the same Work Day is probably the same matter entered twice (a double tap, the Back button)."""
    same_person = Q()
    for p in petitioners:
        if p["id_number"]:
            same_person |= Q(petitioners__id_number=p["id_number"])
        if p["name"] and p["phone"]:
            same_person |= Q(petitioners__name=p["name"], petitioners__phone=p["phone"])
    if not same_person:
        return
    earlier = Registration.counted.filter(same_person, workday=workday, category=category).order_by("id").first()
    if earlier is not None:
        number = Registration.counted.filter(workday=workday, pk__lte=earlier.pk).count()
        raise TransitionError(
            _(
                "Entry no. %(n)s of this Work Day already has this person with the same category. If this is "
                "another matter, tick the confirmation and submit again."
            )
            % {"n": number},
            duplicate_of=earlier.pk,
        )


def _petitioner_create(registration: Registration, position: int, given: dict, person: Person | None, actor) -> None:
    """The petitioner exactly as given; a new ID number becomes a person on file."""
    if person is None and given["id_number"]:
        person = Person.objects.create(**given, created_at=registration.registered_at)
        record(instance=person, actor=actor, action="created", before={})
    Petitioner.objects.create(
        registration=registration, position=position, person=person, **given,
        identity_mismatch=person is not None and not same_name(person.name, given["name"]),
    )


@transaction.atomic
def registration_withdraw(*, registration: Registration, actor, reason: str) -> Registration:
    """撤回: the registering unit takes back an entry made by mistake, on the day; its case is voided."""
    registration = Registration.objects.select_for_update().select_related("workday__host_unit").get(pk=registration.pk)
    step = TABLE.check(registration, actor, "withdraw")
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": [_("Give the reason for withdrawing this entry.")]})
    before = snapshot(registration)
    registration.status = step.target
    registration.withdrawn_at, registration.withdrawn_by, registration.withdraw_reason = timezone.now(), actor, reason
    registration.save(update_fields=["status", "withdrawn_at", "withdrawn_by", "withdraw_reason"])
    record(instance=registration, actor=actor, action=step.action, before=before, note=reason)
    record(instance=registration.workday, actor=actor, action=step.action, changes={"registrations": [registration.pk, None]}, note=reason)
    case_void_withdrawn(case=registration.case, actor=actor, reason=reason)
    return registration
