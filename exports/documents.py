"""The joint office's official documents: the bulletin (通报) with its document number, the
assignment form (交办单) of a case and the supervision order form (督办单). Each is composed here
once, as text, and written as a .docx (exports/docx.py); the assignment form is also a print page.

The caller has already fetched the object through its access helper; nothing here decides who may
see what, but the personal data on the assignment form is masked as the case page shows it.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from cases.models import Assignment, Case
from exports.docx import Body, FieldTable, Heading, official_notice
from intake.personal_data import masked_petitioners
from public.notice import long_date
from supervision.models import Bulletin, SupervisionOrder
from units.models import DistrictSettings, Unit, UnitKind

# A line of a bulletin's text that opens a section: 一、… (GB/T 9704's first-level heading).
SECTION_HEADING = re.compile(r"^[一二三四五六七八九十]+、")


@dataclass
class Document:
    """What a document says, before it is laid out as a .docx or a print page."""

    title: str
    filename: str  # the real name, in UTF-8
    fallback: str  # an ASCII name for old clients
    rows: list[tuple[str, str]] = field(default_factory=list)
    blocks: list = field(default_factory=list)
    issuer: str = ""
    issued_on: datetime.date | None = None
    number: str = ""
    draft_mark: str = ""
    issuer_mark: str = ""

    def signature(self) -> list[str]:
        return [line for line in (self.issuer, long_date(self.issued_on) if self.issued_on else "") if line]

    def docx(self) -> bytes:
        blocks = [FieldTable(self.rows), *self.blocks] if self.rows else self.blocks
        return official_notice(
            title=self.title,
            blocks=blocks,
            signature=self.signature(),
            draft_mark=self.draft_mark,
            issuer_mark=self.issuer_mark,
            document_number=self.number,
            subject=_("Masses Work Day"),
        )


def district_name() -> str:
    """铜梁区, from the reference file's district settings ("" before they are loaded)."""
    return DistrictSettings.objects.values_list("district_name", flat=True).first() or ""


def joint_office_name() -> str:
    """铜梁区信访工作联席会议办公室: the joint office's name with the district's, as a document is signed."""
    office = Unit.objects.filter(kind=UnitKind.JOINT_OFFICE).order_by("order", "id").first()
    name = office.name if office else _("Joint office")
    district = district_name()
    if district and name.startswith("区") and district.endswith("区"):
        return district + name[1:]
    return name


def _local(moment: datetime.datetime) -> datetime.date:
    return timezone.localdate(moment)


# --- The bulletin (通报) ----------------------------------------------------------------------------


def bulletin_document(bulletin: Bulletin) -> Document:
    """An issued bulletin opens with the joint office's red mark and its number; a draft has neither,
    and says 征求意见稿 in the header."""
    blocks = []
    for line in bulletin.text.splitlines():
        line = line.strip()
        if line:
            blocks.append(Heading(line) if SECTION_HEADING.match(line) else Body(line))
    issued = bulletin.status == Bulletin.Status.ISSUED
    office = joint_office_name()
    return Document(
        title=bulletin.title,
        filename=_("Bulletin-%(period)s-%(id)s.docx") % {"period": bulletin.period, "id": bulletin.pk},
        fallback=f"bulletin-{bulletin.pk}.docx",
        blocks=blocks,
        issuer=office,
        issued_on=_local(bulletin.issued_at) if issued and bulletin.issued_at else None,
        number=bulletin.document_number if issued else "",
        issuer_mark=office if issued else "",
        draft_mark="" if issued else _("Draft for comments"),
    )


# --- The assignment form (交办单) ---------------------------------------------------------------------


def assignment_of(case: Case) -> Assignment | None:
    """The assignment the form is about: the one in force, else the latest (the case was returned)."""
    assignments = list(case.assignments.select_related("lead_unit", "received_by").prefetch_related("assisting_units"))
    current = [a for a in assignments if a.returned_at is None]
    return (current or assignments or [None])[-1]


def _petitioner_lines(case: Case) -> str:
    """Name in full, phone and ID number masked: as the case page shows them before the logged full view."""
    lines = []
    for p in masked_petitioners(case.registration):
        parts = [p["name"]]
        if p["phone"]:
            parts.append(_("phone %(phone)s") % {"phone": p["phone"]})
        if p["id_number"]:
            parts.append(_("ID number %(id)s") % {"id": p["id_number"]})
        lines.append("  ".join(parts))
    return "\n".join(lines) or "—"


def _signed_for(assignment: Assignment) -> str:
    if assignment.received_at is None:
        return ""
    return f"{assignment.received_by.display_name} {long_date(_local(assignment.received_at))}"


def assignment_document(case: Case, assignment: Assignment, *, issuer: str | None = None) -> Document:
    """`issuer`: the joint office's name when the caller already has it (the dossier writes many forms)."""
    registration = case.registration
    assisting = "、".join(u.name for u in assignment.assisting_units.all()) or _("None")
    people = _("%(n)s person(s)") % {"n": registration.people_count}
    rows = [
        (pgettext("document", "Case no."), str(case.pk)),
        (pgettext("document", "Received on"), long_date(_local(registration.registered_at))),
        (pgettext("document", "Masses Work Day"), f"{long_date(case.workday.date)} {case.workday.place}"),
        (pgettext("document", "Host unit"), case.host_unit.name),
        (pgettext("document", "Petitioners"), f"{_petitioner_lines(case)}\n{people}"),
        (pgettext("document", "Content"), registration.content),
        (pgettext("document", "Category"), str(case.category)),
        (pgettext("document", "Lead unit"), assignment.lead_unit.name),
        (pgettext("document", "Assisting units"), assisting),
        (pgettext("document", "Assignment instructions"), assignment.instructions or _("None")),
        (pgettext("document", "Reply due"), long_date(assignment.due_date)),
        # Left blank for a handwritten signature until the unit signs for it in the system.
        (pgettext("document", "Signed for by"), _signed_for(assignment)),
    ]
    return Document(
        title=_("Assignment form for a petition matter of the Masses Work Day"),
        filename=_("Assignment-form-%(id)s.docx") % {"id": case.pk},
        fallback=f"assignment-{case.pk}.docx",
        rows=rows,
        blocks=[
            Body(
                _(
                    "The matter above is assigned to your unit. Sign for it within 1 working day, handle it and reply "
                    "in writing by the date above; a matter outside your remit is returned to the joint office with the reason."
                )
            )
        ],
        issuer=joint_office_name() if issuer is None else issuer,
        issued_on=_local(assignment.delivered_at),
    )


# --- The supervision order form (督办单) ----------------------------------------------------------------


def order_document(order: SupervisionOrder) -> Document:
    case = order.case
    response = order.response or _("Not answered yet")
    rows = [
        (pgettext("document", "Supervision order no."), str(order.pk)),
        (pgettext("document", "Case no."), str(case.pk)),
        (pgettext("document", "Masses Work Day"), f"{case.host_unit.name} {long_date(case.workday.date)}"),
        (pgettext("document", "Category"), str(case.category)),
        (pgettext("document", "Content"), case.registration.content),
        (pgettext("document", "Lead unit"), order.unit.name),
        (pgettext("document", "Supervision"), order.text),
        (pgettext("document", "Issued on"), long_date(_local(order.issued_at))),
        (pgettext("document", "Respond by"), long_date(order.respond_by)),
        (pgettext("document", "Response"), response),
    ]
    if order.responded_at:
        rows.append((pgettext("document", "Responded on"), long_date(_local(order.responded_at))))
    return Document(
        title=_("Supervision order for a petition matter of the Masses Work Day"),
        filename=_("Supervision-order-%(id)s.docx") % {"id": order.pk},
        fallback=f"supervision-order-{order.pk}.docx",
        rows=rows,
        issuer=joint_office_name(),
        issued_on=_local(order.issued_at),
    )
