"""Who is told of a supervision event (notifications.services), in the event's transaction: an
issued bulletin goes to every unit it names; a supervision order to its unit; the answer to it to
the joint office."""

from __future__ import annotations

from django.urls import reverse

from accounts.models import Role
from notifications import texts
from notifications.models import Kind
from notifications.services import UNIT_ROLES, district_text, joint_office_units, notify
from supervision.models import Bulletin, SupervisionOrder


def bulletin_issued(bulletin: Bulletin, actor) -> None:
    notify(
        units=bulletin.units.all(), roles=UNIT_ROLES, kind=Kind.BULLETIN, exclude=actor,
        url=reverse("bulletins:detail", args=[bulletin.pk]),
        text=district_text(texts.BULLETIN, title=bulletin.title),
    )


def _values(order: SupervisionOrder) -> dict:
    return {"number": order.case_id, "category": order.case.category.name}


def order_issued(order: SupervisionOrder, actor) -> None:
    """The unit's clerks and leader: they must answer in writing by `respond_by`."""
    notify(
        units=[order.unit], roles=UNIT_ROLES, kind=Kind.ORDER_ISSUED, exclude=actor,
        url=reverse("supervision:orders") + f"#order-{order.pk}",
        text=district_text(texts.ORDER_ISSUED, **_values(order), respond_by=order.respond_by.isoformat()),
    )


def order_answered(order: SupervisionOrder, actor) -> None:
    """The joint office, which issued it."""
    notify(
        units=joint_office_units(), roles=[Role.SUPERVISOR], kind=Kind.ORDER_ANSWERED, exclude=actor,
        url=reverse("supervision:orders") + f"#order-{order.pk}",
        text=district_text(texts.ORDER_ANSWERED, **_values(order), unit=order.unit.name),
    )
