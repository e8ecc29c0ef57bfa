"""Which cases a user may see (docs/adr/0004-access-helpers.md), and the ledger filters.

The joint office sees all; a unit sees the cases registered at its own Work Days and those it leads
or assists; a district leader sees those of the units linked to them and of the days they lead or are
invited to (workdays.selectors.led_or_invited_day_ids)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from accounts.access import is_supervisor, visible_unit_ids
from cases import deadlines
from cases.models import Assignment, Case, CaseStatus
from intake.models import Petitioner
from workdays.selectors import led_or_invited_day_ids


def visible_cases(user) -> QuerySet[Case]:
    ids = visible_unit_ids(user)
    cases = Case.objects.all()
    if ids is None:
        return cases
    # An entry voided as a mistake stays visible to the joint office only.
    cases = cases.exclude(status=CaseStatus.VOIDED)
    assisted = Case.assisting_units.through.objects.filter(unit_id__in=ids).values("case_id")
    condition = Q(host_unit_id__in=ids) | Q(lead_unit_id__in=ids) | Q(pk__in=assisted)
    own_days = led_or_invited_day_ids(user)
    if own_days is not None:
        # A district leader reads the cases of the days they lead or are invited to.
        condition |= Q(workday_id__in=own_days)
    return cases.filter(condition)


def access_case_by_id(user, case_id) -> Case:
    try:
        return visible_cases(user).select_related("registration", "workday", "host_unit", "lead_unit", "category", "territory").get(pk=case_id)
    except (Case.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


@dataclass
class CaseFilters:
    unit_id: int | None = None
    status: str | None = None
    overdue: bool = False
    due_soon: bool = False
    category_id: int | None = None
    territory_unit_id: int | None = None
    workday_id: int | None = None
    # The page's tabs 我单位主办 / 我单位协办: a narrowing of what the user already sees, not an access rule.
    lead_unit_id: int | None = None
    assisting_unit_id: int | None = None


def filter_cases(cases: QuerySet[Case], f: CaseFilters) -> QuerySet[Case]:
    today = timezone.localdate()
    if f.unit_id is not None:
        assisted = Case.assisting_units.through.objects.filter(unit_id=f.unit_id).values("case_id")
        cases = cases.filter(Q(host_unit_id=f.unit_id) | Q(lead_unit_id=f.unit_id) | Q(pk__in=assisted))
    if f.status:
        cases = cases.filter(status=f.status)
    if f.category_id is not None:
        cases = cases.filter(Q(category_id=f.category_id) | Q(category__parent_id=f.category_id))
    if f.territory_unit_id is not None:
        cases = cases.filter(territory_id=f.territory_unit_id)
    if f.workday_id is not None:
        cases = cases.filter(workday_id=f.workday_id)
    if f.lead_unit_id is not None:
        cases = cases.filter(lead_unit_id=f.lead_unit_id)
    if f.assisting_unit_id is not None:
        assisted = Case.assisting_units.through.objects.filter(unit_id=f.assisting_unit_id).values("case_id")
        cases = cases.filter(pk__in=assisted)
    if f.overdue:
        cases = cases.filter(deadlines.overdue_q(today))
    if f.due_soon:
        cases = cases.filter(deadlines.due_soon_q(today))
    return cases




# --- The same person's other cases (by the person on file of each petitioner) -------------------------


def persons_of(case: Case) -> QuerySet:
    return Petitioner.objects.filter(registration_id=case.registration_id, person__isnull=False).values("person_id")


def same_person_cases(case: Case) -> QuerySet[Case]:
    """The other cases of this case's petitioners, for the joint office (it sees them all)."""
    return Case.objects.filter(registration__petitioners__person__in=persons_of(case)).exclude(pk=case.pk).distinct()


def earlier_cases_of_person(case: Case) -> QuerySet[Case]:
    """What a case may be linked to: the same person's cases registered before it, not voided."""
    r = case.registration
    earlier = Q(registration__registered_at__lt=r.registered_at) | Q(registration__registered_at=r.registered_at, registration_id__lt=r.pk)
    return same_person_cases(case).filter(earlier).exclude(status=CaseStatus.VOIDED)


def earlier_return(case: Case, unit) -> Assignment | None:
    """The latest time `unit` returned another matter of this case's petitioners."""
    return (
        Assignment.objects.filter(returned_at__isnull=False, lead_unit=unit, case__registration__petitioners__person__in=persons_of(case))
        .exclude(case=case)
        .order_by("-returned_at", "-id")
        .first()
    )


def unsigned_assignments(user):
    """交办件 waiting for the user's unit to sign for them, oldest first: the inbox a department opens
    its ledger and home page with."""
    if user.unit_id is None or is_supervisor(user):
        return Assignment.objects.none()
    return (
        Assignment.objects.filter(
            lead_unit_id=user.unit_id, received_at__isnull=True, returned_at__isnull=True, case__status=CaseStatus.ASSIGNED
        )
        .select_related("case__category", "delivered_by")
        .order_by("delivered_at", "id")
    )
