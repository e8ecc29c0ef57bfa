"""The published results of a Work Day (R6c): each matter with the citizen's name masked, its
category, a short summary, its case's status as it is now, and the result. Nothing here may carry
an ID number, a phone number or an address."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from django.db.models import Prefetch

from cases.models import OPEN_STATUSES, CaseStatus, Reply
from intake.models import Disposition, Petitioner, Registration
from public.labels import PUBLIC_CASE_STATUS, PUBLIC_DISPOSITION, PUBLIC_KIND
from workdays.models import WorkDay

SUMMARY_LENGTH = 60


@dataclass(frozen=True)
class ResultLine:
    number: int
    petitioners: str
    people_count: int
    kind: str
    category: str
    summary: str
    disposition: str
    disposition_code: str
    status: str
    status_code: str
    is_open: bool
    result: str


def summary_of(text: str, length: int = SUMMARY_LENGTH) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= length else text[:length] + "…"


def _masked_names(registration: Registration) -> str:
    return "、".join(p.masked_name for p in registration.petitioners.all())


def public_registrations(workday: WorkDay):
    """Registrations to publish: every one except those whose case was voided as a mistake."""
    return (
        Registration.objects.filter(workday=workday)
        .exclude(case__status=CaseStatus.VOIDED)
        .select_related("category", "case")
        .prefetch_related(
            Prefetch("petitioners", queryset=Petitioner.objects.only("id", "name", "registration_id").order_by("id")),
            Prefetch(
                "case__replies",
                queryset=Reply.objects.only("id", "case_id", "content", "replied_at").order_by("replied_at", "id"),
            ),
        )
        .order_by("registered_at", "id")
    )


def result_lines(workday: WorkDay) -> list[ResultLine]:
    lines = []
    for number, registration in enumerate(public_registrations(workday), start=1):
        case = getattr(registration, "case", None)
        status_code = case.status if case else ""
        status = PUBLIC_CASE_STATUS.get(status_code, "") if case else ""
        replies = list(case.replies.all()) if case else []
        # The result is the latest reply to the citizen; before any reply, an answered matter shows
        # the answer given on the spot and any other matter its current status.
        if replies:
            result = replies[-1].content
        elif registration.disposition == Disposition.ON_THE_SPOT and registration.answer:
            result = registration.answer
        else:
            result = str(status)
        lines.append(
            ResultLine(
                number=number,
                petitioners=_masked_names(registration),
                people_count=registration.people_count,
                kind=str(PUBLIC_KIND.get(registration.kind, registration.kind)),
                category=registration.category.name,
                summary=summary_of(registration.content),
                disposition=str(PUBLIC_DISPOSITION.get(registration.disposition, registration.disposition)),
                disposition_code=registration.disposition,
                status=str(status),
                status_code=status_code,
                is_open=status_code in OPEN_STATUSES,
                result=result,
            )
        )
    return lines


def disposition_counts(lines: list[ResultLine]) -> list[tuple[str, int]]:
    counts = Counter(line.disposition_code for line in lines)
    return [(str(PUBLIC_DISPOSITION[d]), counts.get(d, 0)) for d in Disposition.values]
