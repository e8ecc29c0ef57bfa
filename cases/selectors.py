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
from units.models import Category
from workdays.selectors import led_or_invited_day_ids


def _unit_branches(unit_ids, narrow: Q) -> list[QuerySet]:
    """The ids of the cases registered at, led by or assisted by one of `unit_ids` that match
    `narrow`: three lookups, each on its own index. A UNION of them replaces `host OR lead OR id IN
    (assisting)`, which no index serves (docs/performance.md). With no test but "not voided", the
    assisting branch reads the link table alone (leaving out the voided ids of a partial index);
    other tests join the case rows."""
    unit_ids = list(unit_ids)
    links = Case.assisting_units.through.objects.filter(unit_id__in=unit_ids)
    if narrow == Q():
        assisted = links.values("case_id")
    elif narrow == _NOT_VOIDED:
        voided = Case.objects.filter(status=CaseStatus.VOIDED).order_by().values("id")
        assisted = links.exclude(case_id__in=voided).values("case_id")
    else:
        assisted = Case.objects.filter(narrow, assisting_units__in=unit_ids).order_by().values("id")
    return [
        Case.objects.filter(narrow, host_unit_id__in=unit_ids).order_by().values("id"),
        Case.objects.filter(narrow, lead_unit_id__in=unit_ids).order_by().values("id"),
        assisted,
    ]


def _union(branches: list[QuerySet]) -> QuerySet:
    """The ids in any branch (UNION removes the duplicates)."""
    return branches[0].union(*branches[1:]) if len(branches) > 1 else branches[0]


def _visible_ids(user, narrow: Q) -> QuerySet | None:
    """The ids of the cases `user` may see that match `narrow` (plain column tests, put inside every
    branch so each stays an indexed lookup); None when the user sees everything."""
    ids = visible_unit_ids(user)
    if ids is None:
        return None
    # An entry voided as a mistake stays visible to the joint office only.
    narrow = _NOT_VOIDED if narrow == Q() else narrow & _NOT_VOIDED
    branches = _unit_branches(ids, narrow)
    own_days = led_or_invited_day_ids(user)
    if own_days is not None:
        # A district leader reads the cases of the days they lead or are invited to.
        branches.append(Case.objects.filter(narrow, workday_id__in=own_days).order_by().values("id"))
    return _union(branches)


_NOT_VOIDED = ~Q(status=CaseStatus.VOIDED)


def visible_cases(user) -> QuerySet[Case]:
    return _visible(user, Q())


def _visible(user, narrow: Q) -> QuerySet[Case]:
    """The cases `user` may see that match `narrow`."""
    ids = _visible_ids(user, narrow)
    return Case.objects.filter(narrow) if ids is None else Case.objects.filter(pk__in=ids)


def openable_case_ids(user, case_ids) -> set[int]:
    """Which of `case_ids` the user may open (the rule of `access_case_by_id`), in one query: a page
    that lists cases links those and names the others as text (an entry voided as a mistake is the
    joint office's alone)."""
    wanted = {pk for pk in case_ids if pk is not None}
    if not wanted:
        return set()
    return set(visible_cases(user).filter(pk__in=wanted).values_list("pk", flat=True))


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


def _column_tests(f: CaseFilters, today) -> Q:
    """The filters that test the case's own columns: they go inside every branch of the unions."""
    q = Q()
    if f.status:
        q &= Q(status=f.status)
    if f.category_id is not None:
        # The category or its children, as ids: the case's category index, no join.
        q &= Q(category_id__in=Category.objects.filter(Q(pk=f.category_id) | Q(parent_id=f.category_id)).values("pk"))
    if f.territory_unit_id is not None:
        q &= Q(territory_id=f.territory_unit_id)
    if f.workday_id is not None:
        q &= Q(workday_id=f.workday_id)
    if f.lead_unit_id is not None:
        q &= Q(lead_unit_id=f.lead_unit_id)
    if f.overdue:
        q &= deadlines.overdue_q(today)
    if f.due_soon:
        q &= deadlines.due_soon_q(today)
    return q


def ledger_cases(user, f: CaseFilters) -> QuerySet[Case]:
    """The one ledger filter (the page, the API and the Excel export): the cases `user` may see that
    match `f`, unordered. The visibility and the unit filter are unions of indexed lookups with the
    column tests inside each branch; `ledger_ids` pages them."""
    narrow = _column_tests(f, timezone.localdate())
    cases = _visible(user, narrow)
    if f.unit_id is not None:
        cases = cases.filter(pk__in=_union(_unit_branches([f.unit_id], narrow)))
    if f.assisting_unit_id is not None:
        assisted = Case.assisting_units.through.objects.filter(unit_id=f.assisting_unit_id).values("case_id")
        cases = cases.filter(pk__in=assisted)
    return cases.order_by()


def ledger_ids(user, f: CaseFilters) -> QuerySet:
    """The ids of `ledger_cases` in the list's order (newest first): what a page slices, by an
    index-only scan, before the rows of that page alone are read."""
    return ledger_cases(user, f).order_by("-id").values_list("id", flat=True)


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
