"""The auditor's page (/audit/): the audit log, searched and paginated, and exported as .xlsx (the
export is itself an entry of the log, through audit.middleware)."""

from __future__ import annotations

import io
from urllib.parse import quote

import xlsxwriter
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from accounts.models import Role
from audit.forms import AuditSearchForm
from audit.selectors import search

PER_PAGE = 50
EXPORT_LIMIT = 100_000
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _require_auditor(user) -> None:
    """The log is the auditor's (and the installation superuser's); anyone else: not found."""
    if not (user.role == Role.AUDITOR or user.is_superuser):
        raise Http404


def _filtered(request: HttpRequest):
    form = AuditSearchForm(request.GET or None)
    if form.is_bound and form.is_valid():
        return form, search(form.cleaned_data)
    if form.is_bound:
        return form, search({}).none()
    return form, search({})


@login_required
@require_GET
def audit_log(request: HttpRequest) -> HttpResponse:
    _require_auditor(request.user)
    form, entries = _filtered(request)
    page = Paginator(entries, PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "audit/audit_log.html", {"form": form, "page": page, "query": request.GET.urlencode()})


@login_required
@require_GET
def audit_export(request: HttpRequest) -> HttpResponse:
    _require_auditor(request.user)
    form, entries = _filtered(request)
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True})
    sheet = book.add_worksheet(_("Audit log")[:31])
    headers = [_("Time"), _("User"), _("Action"), _("Object type"), _("Object id"), _("Persons concerned"), _("Detail"), _("Address")]
    bold = book.add_format({"bold": True})
    for col, (header, width) in enumerate(zip(headers, [20, 16, 20, 16, 12, 40, 40, 16], strict=True)):
        sheet.write_string(0, col, header, bold)
        sheet.set_column(col, col, width)
    sheet.freeze_panes(1, 0)
    for row, entry in enumerate(entries[:EXPORT_LIMIT].iterator(chunk_size=2000), start=1):
        values = [
            timezone.localtime(entry.at).strftime("%Y-%m-%d %H:%M:%S"),
            entry.username,
            entry.get_action_display(),
            entry.object_type,
            entry.object_id,
            entry.persons,
            entry.detail,
            entry.ip or "",
        ]
        for col, value in enumerate(values):
            sheet.write_string(row, col, str(value))
    book.close()
    response = HttpResponse(out.getvalue(), content_type=XLSX_TYPE)
    filename = _("Audit log.xlsx")
    response["Content-Disposition"] = f"attachment; filename=\"audit-log.xlsx\"; filename*=UTF-8''{quote(filename, safe='')}"
    return response
