"""Writing the change record. Every service that changes a domain object calls `record()` inside its
own transaction, so the change and its history commit or fail together."""

from __future__ import annotations

import datetime
import decimal
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.utils import timezone

from history.models import Event


def _plain(value: Any) -> Any:
    """A JSON-friendly form of a field value."""
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).isoformat() if timezone.is_aware(value) else value.isoformat()
    if isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def snapshot(instance: models.Model) -> dict[str, Any]:
    """The concrete field values of an instance, by field name (foreign keys by id); the primary key
    is the event's own object, so it is left out."""
    return {f.name: _plain(getattr(instance, f.attname)) for f in instance._meta.concrete_fields if not f.primary_key}


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    keys = sorted(set(before) | set(after))
    return {k: [before.get(k), after.get(k)] for k in keys if before.get(k) != after.get(k)}


def record(
    *,
    instance: models.Model,
    actor,
    action: str,
    before: dict[str, Any] | None = None,
    changes: dict[str, list[Any]] | None = None,
    note: str = "",
) -> Event:
    """Append one event to `instance`'s history.

    Pass `before=snapshot(instance)` taken before the change to record every field that changed, or
    `changes` directly. A created object is recorded with `before={}`.
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("history.record() must run inside the transaction of the change")
    if changes is None:
        changes = diff(before, snapshot(instance)) if before is not None else {}
    return Event.objects.create(
        content_type=ContentType.objects.get_for_model(instance, for_concrete_model=True),
        object_id=instance.pk,
        at=timezone.now(),
        actor=actor if getattr(actor, "pk", None) else None,
        action=action,
        changes=changes,
        note=note,
    )
