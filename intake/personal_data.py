"""Who may see a citizen's full ID number and phone, and the logged full view (DESIGN §4): the joint
office, and the clerks of the unit that registered the matter and of the unit that leads it."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from accounts.access import is_supervisor
from accounts.models import Role
from audit.models import Action
from audit.services import log
from history.services import record
from intake.masking import mask_id_number, mask_name, masked_petitioner
from intake.models import Person, PersonalDataView, Registration


def may_view_personal_data(user, case) -> bool:
    """The one rule, asked of a case: its registering (host) unit and its lead unit."""
    if is_supervisor(user):
        return True
    return user.role == Role.CLERK and user.unit_id in (case.host_unit_id, case.lead_unit_id)


@transaction.atomic
def reveal_personal_data(*, registration: Registration, actor, shown_on=None) -> list[dict]:
    """The petitioners' full ID numbers and phones, logged; the history entry goes on `shown_on`
    (the page's object, e.g. the case) or the registration. The caller checks `may_view_personal_data`."""
    petitioners = list(registration.petitioners.all())
    PersonalDataView.objects.create(
        registration=registration, viewed_by=actor, viewed_at=timezone.now(), fields="id_number,phone"
    )
    record(instance=shown_on or registration, actor=actor, action="pii_viewed", changes={})
    log(Action.PII_VIEWED, actor=actor, obj=shown_on or registration, persons=[_concerned(p) for p in petitioners],
        detail="id_number,phone")
    return [
        {"name": p.name, "id_number": p.id_number, "phone": p.phone, "address": p.address, "person_id": p.person_id}
        for p in petitioners
    ]


@transaction.atomic
def reveal_person_data(*, person: Person, actor) -> None:
    """Log a full view of the person on file (the caller shows the values); see `may_view_person_data`."""
    PersonalDataView.objects.create(person=person, viewed_by=actor, viewed_at=timezone.now(), fields="id_number,phone")
    record(instance=person, actor=actor, action="pii_viewed", changes={})
    log(Action.PII_VIEWED, actor=actor, obj=person, persons=[_concerned(person)], detail="id_number,phone")


def log_person_search(*, person: Person | None, actor) -> None:
    """A search by full ID number is a view of personal data too, logged even when nobody is found."""
    PersonalDataView.objects.create(person=person, viewed_by=actor, viewed_at=timezone.now(), fields="id_number search")
    log(Action.PII_SEARCHED, actor=actor, obj=person, persons=[_concerned(person)] if person else [], detail="id_number search")


def _concerned(someone) -> tuple[str, list[str]]:
    """A petitioner or person as the audit log names them: masked, keyed by full ID number and name."""
    label = " ".join(filter(None, [mask_name(someone.name), mask_id_number(someone.id_number)]))
    return label, [someone.id_number, someone.name]


def masked_petitioners(registration: Registration) -> list[dict]:
    """With each one's person on file: whoever sees the case may open the person page."""
    return [{**masked_petitioner(p), "person_id": p.person_id} for p in registration.petitioners.all()]
