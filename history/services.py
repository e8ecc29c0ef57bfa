"""Writing the change record. Every service that changes a domain object calls `record()` inside its
own transaction, so the change and its history commit or fail together."""

from __future__ import annotations

import datetime
import decimal
import re
from collections.abc import Callable
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


# Personal data in the history is masked (the full value only through the logged view,
# intake.personal_data) and credentials are never kept. By field name, so every model is covered:
# `id_number`, `phone` and anything ending in them are masked; anything naming a password, a token's
# hash or a secret is left out.
_SECRET_FIELD = re.compile(r"password|key_hash|secret|token_hash", re.IGNORECASE)
_MASKED_FIELD = re.compile(r"(?:^|_)(id_number|phone)$")
# A unit's contact phone for a Work Day is printed on the public notice: not a citizen's data, and
# the history keeps what was published.
_PUBLISHED_FIELDS = frozenset({"contact_phone"})


def _keep_last_four(value: str) -> str:
    return "*" * max(len(value) - 4, 0) + value[-4:] if len(value) > 4 else "*" * len(value)


# The masks by kind; the app that owns the data registers its own (intake: the masks every page uses).
_masks: dict[str, Callable[[str], str]] = {"id_number": _keep_last_four, "phone": _keep_last_four}


def register_mask(kind: str, mask: Callable[[str], str]) -> None:
    """Use `mask` for the history's values of kind `id_number` or `phone`."""
    _masks[kind] = mask


def _mask(kind: str, value: Any) -> Any:
    if isinstance(value, str) and value and "*" not in value:
        return _masks[kind](value)
    if isinstance(value, list):
        return [_mask(kind, v) for v in value]
    return value


def protect(changes: dict[str, Any]) -> dict[str, Any]:
    """`changes` as the history may keep them: personal data masked, no credentials."""
    kept = {}
    for key, value in changes.items():
        if _SECRET_FIELD.search(key):
            continue
        match = None if key in _PUBLISHED_FIELDS else _MASKED_FIELD.search(key)
        kept[key] = _mask(match.group(1), value) if match else value
    return kept


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
        changes=protect(changes),
        note=note,
    )
