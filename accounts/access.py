"""Who may see and do what. Every page, API endpoint and export asks these helpers; no view writes
its own filter for "what may this user see".

The rules (docs/adr/0004-access-helpers.md): the joint office and system admins see everything; a unit's clerk and leader
see their own unit and the units below it; a district leader sees the units linked to them
(liaison 联系 and oversight 分管) and the units below those.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from accounts.models import Role, User
from units.models import Unit


def sees_everything(user: User) -> bool:
    return user.is_authenticated and user.is_active and (user.role in (Role.SUPERVISOR, Role.ADMIN) or user.is_superuser)


def is_supervisor(user: User) -> bool:
    """Joint-office staff (and system admins) act for the joint office."""
    return sees_everything(user)


def can_write_for_unit(user: User, unit: Unit) -> bool:
    """Clerks write for their own unit; joint-office staff write for any unit."""
    if is_supervisor(user):
        return True
    return user.is_authenticated and user.role == Role.CLERK and user.unit_id == unit.pk


def _with_descendants(root_ids: set[int]) -> set[int]:
    ids = set(root_ids)
    frontier = set(root_ids)
    while frontier:
        frontier = set(Unit.objects.filter(parent_id__in=frontier).values_list("id", flat=True)) - ids
        ids |= frontier
    return ids


def visible_unit_ids(user: User) -> set[int] | None:
    """The ids of the units whose data `user` may read, or None for "all units"."""
    if not user.is_authenticated or not user.is_active:
        return set()
    if sees_everything(user):
        return None
    if user.role == Role.DISTRICT_LEADER:
        leader = user.district_leader
        if leader is None:
            return set()
        roots = set(leader.liaison_units.values_list("id", flat=True)) | set(
            leader.oversight_units.values_list("id", flat=True)
        )
        return _with_descendants(roots)
    if user.unit_id is None:
        return set()
    return _with_descendants({user.unit_id})


def filter_by_units(user: User, queryset: QuerySet, *fields: str) -> QuerySet:
    """Keep the rows where any of `fields` (unit foreign keys) is a unit `user` may see."""
    ids = visible_unit_ids(user)
    if ids is None:
        return queryset
    condition = Q()
    for field in fields:
        condition |= Q(**{f"{field}__in": ids})
    return queryset.filter(condition).distinct() if len(fields) > 1 else queryset.filter(condition)


def visible_units(user: User) -> QuerySet[Unit]:
    return filter_by_units(user, Unit.objects.all(), "id")


def access_unit_by_id(user: User, unit_id: int) -> Unit:
    """The unit, if `user` may see it; 404 otherwise (never reveal that another unit's object exists)."""
    try:
        return visible_units(user).get(pk=unit_id)
    except (Unit.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def require_supervisor(user: User) -> None:
    if not is_supervisor(user):
        raise PermissionDenied
