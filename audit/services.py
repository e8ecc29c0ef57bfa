"""Writing the audit log: `log()` is the one door. Callers pass what happened and whom it concerns;
never a password or a token (the log refuses detail that looks like one)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from django.db import models
from django.utils import timezone
from django.utils.crypto import salted_hmac

from audit.models import AuditEntry

_KEY_SALT = "audit.person"


def person_key(value: str) -> str:
    """A keyed hash of a person's full ID number or name (normalised), to find their entries."""
    value = unicodedata.normalize("NFKC", value or "").strip().upper()
    value = re.sub(r"\s+", "", value)
    return salted_hmac(_KEY_SALT, value, algorithm="sha256").hexdigest()[:32] if value else ""


def client_ip(request) -> str | None:
    if request is None:
        return None
    return request.META.get("REMOTE_ADDR") or None


def log(
    action: str,
    *,
    request=None,
    actor=None,
    username: str = "",
    obj: models.Model | None = None,
    object_type: str = "",
    object_id: str | int = "",
    persons: Iterable[tuple[str, Iterable[str]]] = (),
    detail: str = "",
) -> AuditEntry:
    """Append one entry. `persons`: (masked label, [full values to key]) for each person concerned."""
    if actor is None and request is not None:
        user = getattr(request, "user", None)
        actor = user if getattr(user, "is_authenticated", False) else None
    if actor is not None and not getattr(actor, "pk", None):
        actor = None
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or obj.pk
    labels: list[str] = []
    keys: list[str] = []
    for label, values in persons:
        if label:
            labels.append(label)
        keys.extend(k for k in (person_key(v) for v in values) if k)
    return AuditEntry.objects.create(
        at=timezone.now(),
        actor=actor,
        username=(username or getattr(actor, "username", ""))[:150],
        action=action,
        object_type=object_type[:100],
        object_id=str(object_id or "")[:64],
        persons="; ".join(labels)[:500],
        person_keys=" ".join(dict.fromkeys(keys)),
        detail=detail[:300],
        ip=client_ip(request),
    )
