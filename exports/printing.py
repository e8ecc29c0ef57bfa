"""What the print pages list: the sign-in book (blank, with the planned participants, or as signed)
and the registration form (blank, or as registered). The views fetch through the access helpers."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.db.models import Prefetch
from django.utils import timezone

from intake.masking import mask_id_number, mask_phone
from intake.models import Petitioner, Registration
from workdays.models import Invitation, WorkDay

# Enough lines for the staff who come without being listed, and never fewer than a page's worth.
SIGN_IN_ROWS, SIGN_IN_EXTRA_ROWS = 25, 10
# The plan writes a participant 姓名（职务）, or only the post when the name is not known yet.
NAME_AND_POST = re.compile(r"^\s*(?P<name>[^（(]+?)\s*[（(]\s*(?P<post>[^）)]+?)\s*[）)]\s*$")


@dataclass(frozen=True)
class SignInLine:
    name: str = ""
    unit: str = ""
    post: str = ""
    signed_at: str = ""


def split_participant(line: str) -> tuple[str, str]:
    """李明（党工委书记） → (李明, 党工委书记); 党工委书记 → ("", 党工委书记): the name is written in by hand."""
    match = NAME_AND_POST.match(line or "")
    if match:
        return match["name"].strip(), match["post"].strip()
    return "", (line or "").strip()


def planned_sign_in(workday: WorkDay) -> list[SignInLine]:
    """The blank book: the planned participants of the host unit, the invited district leaders who
    have not declined, then empty lines."""
    lines = []
    for participant in workday.participants or []:
        name, post = split_participant(str(participant))
        if name or post:
            lines.append(SignInLine(name=name, unit=workday.host_unit.name, post=post))
    invitations = workday.invitations.exclude(answer=Invitation.Answer.DECLINED).select_related("leader")
    lines.extend(SignInLine(name=i.leader.name, post=i.leader.title) for i in invitations)
    blank = max(SIGN_IN_EXTRA_ROWS, SIGN_IN_ROWS - len(lines))
    return lines + [SignInLine()] * blank


def signed_sign_in(workday: WorkDay) -> list[SignInLine]:
    return [
        SignInLine(name=s.name, unit=s.unit_name, post=s.title, signed_at=timezone.localtime(s.signed_at).strftime("%H:%M"))
        for s in workday.sign_ins.order_by("signed_at", "id")
    ]


def registration_for_print(workday: WorkDay, registration_id: int) -> tuple[Registration, int, list[dict]]:
    """The registration, its entry number on the day, and its petitioners masked (a printed sheet
    leaves the office: the full ID number and phone never go on paper)."""
    registration = (
        workday.registrations.select_related("category__parent", "territory", "registered_by", "case")
        .prefetch_related(Prefetch("petitioners", queryset=Petitioner.objects.order_by("position", "id")))
        .get(pk=registration_id)
    )
    number = Registration.objects.filter(workday_id=workday.pk, pk__lte=registration.pk).count()
    petitioners = [
        {"name": p.name, "id_number": mask_id_number(p.id_number), "phone": mask_phone(p.phone), "address": p.address}
        for p in registration.petitioners.all()
    ]
    return registration, number, petitioners
