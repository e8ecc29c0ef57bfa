"""Searching the audit log: by person (exact full ID number or name, through the keyed hash), user,
action, object and date range."""

from __future__ import annotations

import datetime

from django.db.models import Q, QuerySet
from django.utils import timezone

from audit.models import AuditEntry
from audit.services import person_key


def _start_of(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def search(filters: dict) -> QuerySet[AuditEntry]:
    entries = AuditEntry.objects.all()
    if person := (filters.get("person") or "").strip():
        entries = entries.filter(person_keys__contains=person_key(person))
    if user := (filters.get("user") or "").strip():
        entries = entries.filter(Q(username__iexact=user) | Q(actor__full_name=user))
    if action := filters.get("action"):
        entries = entries.filter(action=action)
    if object_type := (filters.get("object_type") or "").strip():
        entries = entries.filter(object_type__iexact=object_type)
    if object_id := (filters.get("object_id") or "").strip():
        entries = entries.filter(object_id=object_id)
    if date_from := filters.get("date_from"):
        entries = entries.filter(at__gte=_start_of(date_from))
    if date_to := filters.get("date_to"):
        entries = entries.filter(at__lt=_start_of(date_to + datetime.timedelta(days=1)))
    return entries.select_related("actor").order_by("-at", "-id")
