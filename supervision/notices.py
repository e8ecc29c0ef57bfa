"""An issued bulletin is sent to every unit it names (notifications.services), in the issue's transaction."""

from __future__ import annotations

from django.urls import reverse

from notifications import texts
from notifications.models import Kind
from notifications.services import UNIT_ROLES, district_text, notify
from supervision.models import Bulletin


def bulletin_issued(bulletin: Bulletin, actor) -> None:
    notify(
        units=bulletin.units.all(), roles=UNIT_ROLES, kind=Kind.BULLETIN, exclude=actor,
        url=reverse("bulletins:detail", args=[bulletin.pk]),
        text=district_text(texts.BULLETIN, title=bulletin.title),
    )
