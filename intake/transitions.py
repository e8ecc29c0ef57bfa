"""The transition table of a registration: withdrawing (撤回) an entry made by mistake, by the
registering unit on the day it was entered. Its case is voided with it; both stay visible to the
joint office, and no total counts them (docs/adr/0008)."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.access import can_write_for_unit
from intake.models import Registration, RegistrationStatus
from lifecycle import Table, Transition, states


def registering_unit(user, registration: Registration) -> bool:
    """The clerks of the unit whose Work Day took the entry (the joint office voids cases instead)."""
    unit = registration.workday.host_unit
    return user.unit_id == unit.pk and can_write_for_unit(user, unit)


def _on_the_day(registration: Registration) -> str | None:
    if timezone.localdate() != timezone.localdate(registration.registered_at):
        return _("An entry is withdrawn on the day it was made; ask the joint office to void its case.")
    return None


TABLE = Table(
    [
        Transition(
            "withdraw", states(RegistrationStatus.REGISTERED), RegistrationStatus.WITHDRAWN, registering_unit,
            "withdrawn", lambda registration: _("This entry was already withdrawn."), guard=_on_the_day,
        ),
    ]
)
