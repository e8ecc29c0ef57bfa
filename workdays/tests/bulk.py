"""Many rows fast, for the query-count tests: registrations with their petitioners, cases and history
events written by bulk_create (what the services would write, without one save per row)."""

from __future__ import annotations

import datetime

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from cases.models import Case, CaseStatus, Handling
from history.models import Event
from intake.models import Disposition, Kind, Petitioner, Registration
from units.models import Category


def add_registrations(workday, actor, n: int, *, start: int = 0, history: bool = True) -> list[Registration]:
    """`n` registrations of `workday`, one petitioner and one open case each, in varied subcategories
    (each with its parent), numbered from `start` in their content ("事项 0001"); with the day's
    history event of each unless `history` is False (to vary one thing at a time)."""
    categories = list(Category.objects.filter(parent__isnull=False).order_by("id")[:20])
    base = timezone.now() - datetime.timedelta(hours=1)
    registrations = Registration.objects.bulk_create(
        Registration(
            workday=workday,
            people_count=6 if i % 10 == 0 else 1,
            kind=Kind.REQUEST,
            category=categories[i % len(categories)],
            territory=workday.host_unit,
            content=f"事项 {i:04d}",
            disposition=Disposition.TIME_LIMIT,
            responsible_person="王明",
            registered_at=base + datetime.timedelta(seconds=i),
            registered_by=actor,
        )
        for i in range(start, start + n)
    )
    Petitioner.objects.bulk_create(
        Petitioner(registration=r, name=f"群众{r.content[-4:]}", id_number="", phone="13800000000") for r in registrations
    )
    Case.objects.bulk_create(
        Case(
            registration=r,
            workday=workday,
            host_unit=workday.host_unit,
            category=r.category,
            territory=r.territory,
            handling=Handling.SELF,
            status=CaseStatus.HANDLING,
            lead_unit=workday.host_unit,
            responsible_person=r.responsible_person,
        )
        for r in registrations
    )
    if history:
        add_events(workday, actor, [{"registrations": [None, r.pk]} for r in registrations], action="register")
    return registrations


def add_events(instance, actor, changes: list[dict], *, action: str = "updated") -> None:
    """One history event of `instance` per entry of `changes`, a second apart, after every earlier one."""
    content_type = ContentType.objects.get_for_model(instance)
    now = timezone.now()
    Event.objects.bulk_create(
        Event(
            content_type=content_type,
            object_id=instance.pk,
            at=now + datetime.timedelta(seconds=i + 1),
            actor=actor,
            action=action,
            changes=change,
        )
        for i, change in enumerate(changes)
    )
