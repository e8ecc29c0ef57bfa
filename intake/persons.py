"""A person's matters as one user may see them, and what marks them (DESIGN §3 "Petitioner and
person"): the one definition of a repeat visit (重复访) that the person page and the API use.

A lookup never reveals another unit's matters: a unit sees a person only through the cases it may
see (cases.selectors.visible_cases), and the marks are computed over those cases alone."""

from __future__ import annotations

import datetime

from django.db.models import Q, QuerySet
from django.http import Http404

from accounts.access import sees_everything
from cases.models import CaseStatus
from cases.selectors import visible_cases
from intake.models import Disposition, Person, PersonalDataView, Petitioner, Registration, RegistrationStatus
from intake.personal_data import may_view_personal_data

REPEAT_WINDOW = datetime.timedelta(days=90)


def person_registrations(user, person: Person) -> QuerySet[Registration]:
    """The person's registrations whose case `user` may see, oldest first."""
    registrations = Registration.objects.filter(petitioners__person=person).distinct()
    if not sees_everything(user):
        registrations = registrations.filter(case__in=visible_cases(user))
    return registrations.select_related("case", "case__category", "workday__host_unit", "category").order_by(
        "registered_at", "id"
    )


def access_person_by_id(user, person_id) -> Person:
    """The person, for the joint office; for others only when they may see one of the person's
    cases. 404 otherwise (an unknown person and an invisible one are not told apart)."""
    try:
        person = Person.objects.get(pk=person_id)
    except (Person.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    if not sees_everything(user) and not person_registrations(user, person).exists():
        raise Http404
    return person


def _open_at(registration: Registration, moment: datetime.datetime) -> bool:
    """The matter was still open at `moment`: not answered on the spot, not voided, not yet closed."""
    case = registration.case
    if case.status == CaseStatus.VOIDED or registration.disposition == Disposition.ON_THE_SPOT:
        return False
    return case.closed_at is None or case.closed_at > moment


def repeat_registration_ids(registrations: list[Registration]) -> set[int]:
    """重复访: a registration of the person while an earlier matter of theirs was open, or with the
    same category within 90 days of an earlier one, or one the joint office linked as a repeat
    (`Case.repeat_of`). Withdrawn and voided entries neither repeat nor are repeated."""
    counted = [
        r for r in registrations if r.status != RegistrationStatus.WITHDRAWN and r.case.status != CaseStatus.VOIDED
    ]
    repeats = set()
    for i, later in enumerate(counted):
        if later.case.repeat_of_id is not None:
            repeats.add(later.pk)
            continue
        for earlier in counted[:i]:
            if _open_at(earlier, later.registered_at) or (
                earlier.case.category_id == later.case.category_id
                and later.registered_at - earlier.registered_at <= REPEAT_WINDOW
            ):
                repeats.add(later.pk)
                break
    return repeats


def may_view_person_data(user, registrations: list[Registration]) -> bool:
    """The full ID number and phone of a person: `may_view_personal_data` for any of their cases."""
    return sees_everything(user) or any(may_view_personal_data(user, r.case) for r in registrations)


def person_views(person: Person) -> QuerySet[PersonalDataView]:
    """The logged full views of this person's data: of the person, or of any of their registrations."""
    registration_ids = Petitioner.objects.filter(person=person).values("registration_id")
    return (
        PersonalDataView.objects.filter(Q(person=person) | Q(registration_id__in=registration_ids))
        .select_related("viewed_by", "registration__workday__host_unit")
        .order_by("-viewed_at", "-id")
    )
