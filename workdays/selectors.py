"""Which Work Days a user may see: the host unit's own staff, the district leaders linked to it, and
the joint office (all)."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from accounts.access import filter_by_units
from workdays.models import WorkDay


def visible_workdays(user) -> QuerySet[WorkDay]:
    return filter_by_units(user, WorkDay.objects.select_related("host_unit"), "host_unit_id")


def access_workday_by_id(user, workday_id) -> WorkDay:
    try:
        return visible_workdays(user).get(pk=workday_id)
    except (WorkDay.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
