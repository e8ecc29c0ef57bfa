"""The sign-in book compared with the plan (R3, R5): who was planned to take part and did not sign
in, and whether the host unit's principal leader (主要负责同志) signed in.

A planned participant written 姓名（职务） (full-width or ASCII parentheses) is matched by a sign-in with
that 姓名; any other entry (e.g. a role word) by a sign-in with exactly that text. The comparison is
only made once the day is held: before it nobody has signed in yet, so nobody is listed as absent.
It reads `workday.sign_ins.all()` and `workday.host_unit.officials.all()`, so a list prefetches them
(workdays.selectors.WORKDAY_PREFETCH)."""

from __future__ import annotations

import re

from units.models import UnitKind, UnitOfficial
from workdays.models import HELD_OR_LATER, WorkDay

_NAME_AND_POST = re.compile(r"^(?P<name>[^（()）]+?)\s*[（(](?P<post>[^（()）]*)[）)]$")


def participant_name(entry: str) -> str:
    """The name a planned participant is signed in with: 李明 for 李明（党工委书记）, else the entry."""
    entry = (entry or "").strip()
    match = _NAME_AND_POST.match(entry)
    return match.group("name").strip() if match else entry


def official_entry(official: UnitOfficial) -> str:
    """A member of the unit's leadership as the plan writes a participant: 姓名（职务）."""
    return f"{official.name}（{official.post}）"


def _signed_names(workday: WorkDay) -> set[str]:
    return {s.name.strip() for s in workday.sign_ins.all()}


def signed_in_count(workday: WorkDay) -> int:
    """How many signed the day's sign-in book (staff and officials attending)."""
    return len(workday.sign_ins.all())


def _counts(workday: WorkDay) -> bool:
    return workday.status in HELD_OR_LATER


def absent_participants(workday: WorkDay) -> list[str]:
    """The planned participants with no matching sign-in, as the plan writes them; [] before the day
    is held (and for a day that was not held)."""
    if not _counts(workday):
        return []
    signed = _signed_names(workday)
    return [entry for entry in workday.participants or [] if participant_name(entry) not in signed and entry.strip() not in signed]


def principal_of(unit) -> UnitOfficial | None:
    return next((o for o in unit.officials.all() if o.is_principal), None)


def principal_absent(workday: WorkDay) -> UnitOfficial | None:
    """R3: the principal leader of the host unit, when a unit day (not the joint office's) was held
    without them in the sign-in book; None otherwise, and when no principal leader is entered."""
    if not _counts(workday) or workday.host_unit.kind == UnitKind.JOINT_OFFICE:
        return None
    principal = principal_of(workday.host_unit)
    if principal is None or principal.name.strip() in _signed_names(workday):
        return None
    return principal
