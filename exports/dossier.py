"""The archive dossier of one Work Day (R12) as a .zip: one file per section, numbered in order and
named in the reader's language, each present even when its section is empty (a header row, or a
"无" paragraph), the day's attachments in a folder, and `MANIFEST.sha256` at the root in the format
of `sha256sum` (`<hex>  <path>`, paths relative to the root, UTF-8) so `sha256sum -c` checks it.

The sections are composed by the same builders as the pages (the notice, the change notices, the
report with its analysis, the 交办单, the ledger); nothing is computed twice. The zip is written into
a temporary file (attachments streamed in, never whole in memory) that the caller streams out.

ID numbers and phones are masked throughout, as the pages show them to unit staff: the dossier is
the unit's archive and leaves the system; the full values stay behind the logged full view. A
voided attachment is listed with its reason; its content is included only for a user who may still
open it (the joint office), as the attachments page decides.

A fixed number of queries whatever the number of registrations, cases and files.
"""

from __future__ import annotations

import datetime
import hashlib
import io
import tempfile
import zipfile
from collections.abc import Callable, Iterable
from typing import IO

import xlsxwriter
from django.contrib.contenttypes.models import ContentType
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from attachments.models import Attachment
from attachments.selectors import dossier_files, may_download
from attachments.services import storage
from cases.models import Assignment, Case, Reply
from exports import ledger
from exports.documents import Document, assignment_document, joint_office_name
from exports.docx import Body, FieldTable, Heading
from exports.workday_documents import change_document, notice_document, report_document
from history.labels import action_label, field_label, note_label
from history.models import Event
from intake.masking import masked_petitioner
from intake.models import Petitioner, Registration, RegistrationStatus
from public.notice import long_date
from workdays.models import ScreeningItem, SignIn, WorkDay

MANIFEST = "MANIFEST.sha256"
COPY_BUFFER = 1024 * 1024


def _label(model, field: str) -> str:
    return str(model._meta.get_field(field).verbose_name)


def _moment(value: datetime.datetime | None) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if value else ""


def _none() -> list[Body]:
    return [Body(_("None."))]


def _docx(title: str, blocks: list, workday: WorkDay, *, filename: str = "") -> bytes:
    """A section as a document signed by the host unit, dated today (the day the dossier was made)."""
    return Document(
        title=title, filename=filename, fallback="", blocks=blocks or _none(),
        issuer=workday.host_unit.name, issued_on=timezone.localdate(),
    ).docx()


def _embedded(document: Document) -> list:
    """Another document's content as a part of a section: its title as a heading, its form, its text
    and its signature line."""
    blocks: list = [Heading(document.title)]
    if document.rows:
        blocks.append(FieldTable(document.rows))
    blocks.extend(document.blocks)
    signature = " ".join(document.signature())
    if signature:
        blocks.append(Body(signature, indent=False))
    return blocks


def _xlsx(title: str, headers: list[str], rows: Iterable[list]) -> bytes:
    """A small list as .xlsx: a title row, the header row (always), the rows; A4 landscape."""
    out = io.BytesIO()
    workbook = xlsxwriter.Workbook(out, {"in_memory": True})
    workbook.set_properties({"title": title})
    sheet = workbook.add_worksheet(title[:31])
    title_format = workbook.add_format({"bold": True, "font_size": 14, "align": "center", "valign": "vcenter"})
    header_format = workbook.add_format({"bold": True, "border": 1, "align": "center", "bg_color": "#DDEBF7", "text_wrap": True})
    cell = workbook.add_format({"border": 1, "valign": "top", "text_wrap": True})
    sheet.merge_range(0, 0, 0, len(headers) - 1, title, title_format)
    sheet.set_row(0, 28)
    for column, text in enumerate(headers):
        sheet.write_string(1, column, text, header_format)
        sheet.set_column(column, column, max(10, min(40, len(text) * 3)))
    for index, row in enumerate(rows, start=2):
        for column, value in enumerate(row):
            sheet.write_string(index, column, "" if value is None else str(value), cell)
    sheet.set_landscape()
    sheet.set_paper(9)
    sheet.repeat_rows(1)
    sheet.fit_to_pages(1, 0)
    sheet.freeze_panes(2, 0)
    workbook.close()
    return out.getvalue()


# --- The data of the day, read once -----------------------------------------------------------------


def _cases(workday: WorkDay) -> list[Case]:
    return list(
        Case.objects.filter(workday=workday)
        .select_related("registration", "workday", "host_unit", "lead_unit", "territory", "category__parent")
        .prefetch_related(
            Prefetch("registration__petitioners", queryset=Petitioner.objects.order_by("position", "id")),
            Prefetch(
                "assignments",
                queryset=Assignment.objects.select_related("lead_unit", "received_by", "returned_by").prefetch_related("assisting_units"),
            ),
            Prefetch("replies", queryset=Reply.objects.select_related("unit", "replied_by").order_by("replied_at", "id")),
        )
        .order_by("id")
    )


def _registrations(workday: WorkDay) -> list[Registration]:
    return list(
        workday.registrations.select_related("category__parent", "territory", "registered_by", "case")
        .prefetch_related(Prefetch("petitioners", queryset=Petitioner.objects.order_by("position", "id")))
        .order_by("registered_at", "id")
    )


# --- The sections -----------------------------------------------------------------------------------


def screening_record(workday: WorkDay) -> bytes:
    blocks: list = []
    items = workday.screening_items.select_related("recorded_by").order_by("recorded_at", "id")
    for number, item in enumerate(items, start=1):
        blocks.append(Heading(_("Item %(n)s") % {"n": number}))
        blocks.append(FieldTable([
            (_label(ScreeningItem, "description"), item.description),
            (_label(ScreeningItem, "outcome"), item.get_outcome_display()),
            (_label(ScreeningItem, "opinion"), item.opinion or "—"),
            (_label(ScreeningItem, "recorded_at"), _moment(item.recorded_at)),
            (pgettext("document", "Recorded by"), item.recorded_by.display_name),
        ]))
    return _docx(_("Dispute and hidden-risk screening record"), blocks, workday)


def change_notices(workday: WorkDay) -> bytes:
    blocks: list = []
    for change in workday.notice_changes.all():
        blocks.extend(_embedded(change_document(workday, change)))
    return _docx(_("Change, postponement and cancellation notices"), blocks, workday)


def sign_in_book(workday: WorkDay) -> bytes:
    rows = [
        [n, s.name, s.unit_name, s.title, _moment(s.signed_at)]
        for n, s in enumerate(workday.sign_ins.order_by("signed_at", "id"), start=1)
    ]
    headers = [pgettext("export", "No."), *(_label(SignIn, f) for f in ("name", "unit_name", "title", "signed_at"))]
    return _xlsx(_("Sign-in book"), headers, rows)


def _petitioners(registration: Registration) -> str:
    lines = []
    for p in map(masked_petitioner, registration.petitioners.all()):
        parts = [p["name"], p["id_number"], p["phone"], p["address"]]
        lines.append("  ".join(part for part in parts if part))
    return "\n".join(lines) or "—"


def registration_forms(workday: WorkDay, registrations: list[Registration]) -> bytes:
    blocks: list = []
    for number, r in enumerate(registrations, start=1):
        heading = _("Registration no. %(n)s") % {"n": number}
        if r.status == RegistrationStatus.WITHDRAWN:
            heading += "（" + _("withdrawn: %(reason)s") % {"reason": r.withdraw_reason or "—"} + "）"
        blocks.append(Heading(heading))
        rows = [
            (_label(Registration, "registered_at"), _moment(r.registered_at)),
            (_label(Registration, "site"), r.site or workday.place),
            (_label(Registration, "kind"), r.get_kind_display()),
            (_label(Registration, "people_count"), str(r.people_count)),
            (pgettext("document", "Petitioners"), _petitioners(r)),
            (_label(Registration, "category"), str(r.category)),
            (_label(Registration, "territory"), r.territory.name if r.territory_id else "—"),
            (_label(Registration, "content"), r.content),
            (_label(Registration, "disposition"), r.get_disposition_display()),
        ]
        rows += [(_label(Registration, f), str(getattr(r, f))) for f in ("answer", "channel", "promised_days") if getattr(r, f)]
        rows += [
            (_label(Registration, "responsible_person"), r.responsible_person),
            (pgettext("document", "Registered by"), r.registered_by.display_name),
            (pgettext("document", "Case no."), str(r.case.pk) if hasattr(r, "case") else "—"),
        ]
        blocks.append(FieldTable(rows))
    return _docx(_("Reception registration forms"), blocks, workday)


def assignment_records(workday: WorkDay, cases: list[Case]) -> bytes:
    issuer = joint_office_name()
    blocks: list = []
    for case in cases:
        for assignment in case.assignments.all():
            blocks.extend(_embedded(assignment_document(case, assignment, issuer=issuer)))
    return _docx(_("Assignment records"), blocks, workday)


def case_ledger(cases: list[Case], out: IO[bytes]) -> None:
    ids = [case.pk for case in cases]
    ledger.write_ledger(Case.objects.filter(pk__in=ids), out, title=ledger.ledger_title(len(ids)), total=len(ids))


def _event_line(event: Event) -> str:
    text = str(action_label(event.action))
    fields = [field_label(name) for name in (event.changes or {})]
    if fields:
        text += "（" + "、".join(fields) + "）"
    if event.note:
        text += "：" + note_label(event.note)
    return text


def handling_records(workday: WorkDay, cases: list[Case]) -> bytes:
    events: dict[int, list[Event]] = {}
    if cases:
        found = Event.objects.filter(
            content_type=ContentType.objects.get_for_model(Case), object_id__in=[c.pk for c in cases]
        ).select_related("actor").order_by("at", "id")
        for event in found:
            events.setdefault(event.object_id, []).append(event)
    blocks: list = []
    for case in cases:
        blocks.append(Heading(_("Case %(id)s: %(category)s, %(status)s") % {
            "id": case.pk, "category": case.category, "status": case.get_status_display(),
        }))
        for a in case.assignments.all():
            line = _("Assigned on %(at)s to %(lead)s, reply due %(due)s") % {
                "at": _moment(a.delivered_at), "lead": a.lead_unit.name, "due": long_date(a.due_date),
            }
            if a.received_at:
                line += _("; signed for on %(at)s by %(by)s") % {"at": _moment(a.received_at), "by": a.received_by.display_name}
            if a.returned_at:
                line += _("; returned on %(at)s: %(reason)s") % {"at": _moment(a.returned_at), "reason": a.return_reason or "—"}
            blocks.append(Body(line))
        for reply in case.replies.all():
            concluded = pgettext("reply", "concluded") if reply.concluded else pgettext("reply", "not concluded")
            on_time = pgettext("reply", "on time") if reply.on_time else pgettext("reply", "late")
            blocks.append(Body(_("Reply of %(unit)s on %(at)s (%(concluded)s, %(on_time)s): %(content)s") % {
                "unit": reply.unit.name, "at": _moment(reply.replied_at), "concluded": concluded,
                "on_time": on_time, "content": reply.content,
            }))
        rows = [
            (f"{_moment(e.at)}\n{e.actor.display_name if e.actor_id else _('System')}", _event_line(e))
            for e in events.get(case.pk, [])
        ]
        if rows:
            blocks.append(FieldTable(rows, label_width_mm=44))
    return _docx(_("Handling records"), blocks, workday)


# --- The archive ------------------------------------------------------------------------------------


class _Zip:
    """Writes entries and keeps each one's SHA-256 for the manifest."""

    def __init__(self, out: IO[bytes]):
        self.zip = zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED)
        self.sums: list[tuple[str, str]] = []
        self.stamp = timezone.localtime().timetuple()[:6]

    def _info(self, path: str) -> zipfile.ZipInfo:
        info = zipfile.ZipInfo(path, date_time=self.stamp)
        info.compress_type = zipfile.ZIP_DEFLATED
        return info

    def add(self, path: str, content: bytes) -> None:
        self.zip.writestr(self._info(path), content)
        self.sums.append((hashlib.sha256(content).hexdigest(), path))

    def add_stream(self, path: str, source: IO[bytes]) -> None:
        digest = hashlib.sha256()
        with self.zip.open(self._info(path), "w", force_zip64=True) as target:
            while chunk := source.read(COPY_BUFFER):
                digest.update(chunk)
                target.write(chunk)
        self.sums.append((digest.hexdigest(), path))

    def close(self) -> None:
        manifest = "".join(f"{digest}  {path}\n" for digest, path in self.sums)
        self.zip.writestr(self._info(MANIFEST), manifest.encode("utf-8"))
        self.zip.close()


def _safe(name: str) -> str:
    """A stored file's name as a path part: no folders, no leading dots."""
    cleaned = "".join("_" if ch in '/\\:*?"<>|' or ord(ch) < 32 else ch for ch in name).strip().lstrip(".")
    return cleaned or "file"


def section_names() -> list[str]:
    """The dossier's files in order (the attachments' folder apart), in the active language."""
    names = [
        ("docx", pgettext("dossier", "Screening record")),
        ("docx", pgettext("dossier", "Public notice")),
        ("docx", pgettext("dossier", "Change notices")),
        ("xlsx", pgettext("dossier", "Sign-in book")),
        ("docx", pgettext("dossier", "Registration forms")),
        ("docx", pgettext("dossier", "Analysis and report")),
        ("docx", pgettext("dossier", "Assignment forms")),
        ("xlsx", pgettext("dossier", "Case ledger")),
        ("docx", pgettext("dossier", "Handling records")),
        ("xlsx", pgettext("dossier", "List of attachments")),
    ]
    return [f"{number:02d}-{name}.{extension}" for number, (extension, name) in enumerate(names, start=1)]


def attachments_folder() -> str:
    return "10-" + pgettext("dossier", "Attachments")


def write_dossier(workday: WorkDay, user, out: IO[bytes]) -> None:
    """The dossier of `workday` (fetched through the access helper) as `user` may have it."""
    workday = WorkDay.objects.select_related("host_unit", "report").get(pk=workday.pk)
    cases = _cases(workday)
    registrations = _registrations(workday)
    names = section_names()
    archive = _Zip(out)
    builders: list[Callable[[], bytes]] = [
        lambda: screening_record(workday),
        lambda: notice_document(workday).docx(),
        lambda: change_notices(workday),
        lambda: sign_in_book(workday),
        lambda: registration_forms(workday, registrations),
        lambda: report_document(workday).docx(),
        lambda: assignment_records(workday, cases),
    ]
    for name, build in zip(names, builders, strict=False):
        archive.add(name, build())
    with tempfile.TemporaryFile() as sheet:
        case_ledger(cases, sheet)
        sheet.seek(0)
        archive.add_stream(names[7], sheet)
    archive.add(names[8], handling_records(workday, cases))

    files = list(dossier_files(workday))
    folder = attachments_folder()
    rows, store = [], storage()
    for number, a in enumerate(files, start=1):
        included = may_download(user, a)
        path = f"{folder}/{number:03d}-{_safe(a.name)}" if included else ""
        if included:
            with store.open(a.path, "rb") as source:
                archive.add_stream(path, source)
        voided = _("Voided on %(at)s: %(reason)s") % {"at": _moment(a.voided_at), "reason": a.void_reason} if a.voided_at else ""
        rows.append([
            number, a.name, a.get_target_display(), a.target_id, _moment(a.uploaded_at), a.uploaded_by.display_name,
            a.size, a.sha256, voided, path or _("Not included (voided)"),
        ])
    headers = [
        pgettext("export", "No."), *(_label(Attachment, f) for f in ("name", "target")), _("Number"),
        *(_label(Attachment, f) for f in ("uploaded_at", "uploaded_by", "size", "sha256", "void_reason")), _("File in the dossier"),
    ]
    archive.add(names[9], _xlsx(_("List of attachments"), headers, rows))
    archive.close()


def dossier_filename(workday: WorkDay) -> str:
    return _("Work Day dossier-%(unit)s-%(date)s.zip") % {"unit": workday.host_unit.name, "date": f"{workday.date:%Y-%m-%d}"}


def dossier_file(workday: WorkDay, user) -> IO[bytes]:
    """The dossier in a temporary file, at its start (deleted when closed)."""
    out = tempfile.TemporaryFile()
    try:
        write_dossier(workday, user, out)
    except BaseException:
        out.close()
        raise
    out.seek(0)
    return out

