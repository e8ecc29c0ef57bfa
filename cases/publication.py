"""What the public results page shows of a Work Day's cases (R6c), built in one place for the
public page, the Work Day's preview and the API: per case the citizens' names masked, the kind, the
category, the current status and the public summary (公示摘要), never an internal text (the
registration's content, an answer, a reply). The words are the ones citizens read, kept apart from
the clerks' labels by the "public" context."""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass

from django.db.models import Prefetch
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

from cases.models import OPEN_STATUSES, Case, CaseStatus
from intake.models import Disposition, Kind, Petitioner

PUBLIC_CASE_STATUS = {
    CaseStatus.ANSWERED: pgettext_lazy("public", "Answered on the spot"),
    CaseStatus.HANDLING: pgettext_lazy("public", "Being handled"),
    CaseStatus.AWAITING_ASSIGNMENT: pgettext_lazy("public", "Reported to the joint office"),
    CaseStatus.ASSIGNED: pgettext_lazy("public", "Being handled by the responsible unit"),
    # The public learns of a reply once it is released (signed off).
    CaseStatus.AWAITING_SIGNOFF: pgettext_lazy("public", "Being handled by the responsible unit"),
    CaseStatus.REPLIED: pgettext_lazy("public", "Replied"),
    CaseStatus.CLOSED: pgettext_lazy("public", "Concluded"),
    CaseStatus.VOIDED: pgettext_lazy("public", "Withdrawn"),
}

PUBLIC_DISPOSITION = {
    Disposition.ON_THE_SPOT: pgettext_lazy("public", "Answered on the spot"),
    Disposition.TIME_LIMIT: pgettext_lazy("public", "Committed time limit"),
    Disposition.REFER: pgettext_lazy("public", "Channel indicated"),
}

PUBLIC_KIND = {
    Kind.REQUEST: pgettext_lazy("public", "Request"),
    Kind.OPINION: pgettext_lazy("public", "Opinion"),
    Kind.SUGGESTION: pgettext_lazy("public", "Suggestion"),
}


@dataclass(frozen=True)
class PublicRow:
    number: int
    case_id: int
    petitioners: str
    people_count: int
    kind: str
    category: str
    disposition: str
    disposition_code: str
    status: str
    status_code: str
    is_open: bool
    public_summary: str
    default_summary: str
    promised_due: datetime.date | None  # 承诺解决时限 told to the citizen

    @property
    def default(self) -> bool:
        """No summary was stored: the row shows the default one, which follows the status."""
        return self.public_summary == self.default_summary


def category_label(category) -> str:
    return f"{category.parent.name} / {category.name}" if category.parent_id else category.name


def default_summary(case: Case) -> str:
    """The summary when the unit writes none: the category and the status, nothing the citizen said."""
    return _("%(category)s · %(status)s") % {
        "category": category_label(case.category),
        "status": PUBLIC_CASE_STATUS.get(case.status, ""),
    }


def published_cases(workday):
    """The cases the results show: every case of the day but the voided ones (a withdrawn
    registration's case is voided too)."""
    return (
        Case.objects.filter(workday=workday)
        .exclude(status=CaseStatus.VOIDED)
        .select_related("registration", "category__parent")
        .prefetch_related(
            Prefetch(
                "registration__petitioners",
                queryset=Petitioner.objects.only("id", "name", "registration_id").order_by("position", "id"),
            )
        )
        .order_by("registration__registered_at", "registration_id")
    )


def public_rows(workday) -> list[PublicRow]:
    """The rows exactly as the public results page shows them."""
    rows = []
    for number, case in enumerate(published_cases(workday), start=1):
        registration = case.registration
        default = default_summary(case)
        rows.append(
            PublicRow(
                number=number,
                case_id=case.pk,
                petitioners="、".join(p.masked_name for p in registration.petitioners.all()),
                people_count=registration.people_count,
                kind=str(PUBLIC_KIND.get(registration.kind, registration.kind)),
                category=category_label(case.category),
                disposition=str(PUBLIC_DISPOSITION.get(registration.disposition, registration.disposition)),
                disposition_code=registration.disposition,
                status=str(PUBLIC_CASE_STATUS.get(case.status, "")),
                status_code=case.status,
                is_open=case.status in OPEN_STATUSES,
                public_summary=case.public_summary or default,
                default_summary=default,
                promised_due=case.promised_due,
            )
        )
    return rows


def disposition_counts(rows: list[PublicRow]) -> list[tuple[str, int]]:
    counts = Counter(row.disposition_code for row in rows)
    return [(str(PUBLIC_DISPOSITION[d]), counts.get(d, 0)) for d in Disposition.values]
