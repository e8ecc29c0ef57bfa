"""A Work Day's files for signed-in staff: the notice, each change notice and the report as .docx,
and the archive dossier as .zip. Page and API (exports/api_workday.py) call the same functions, so
they answer the same files and the same 404s (another unit's day, an unknown one)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

from exports import dossier
from exports.document_views import docx_response
from exports.views import attachment
from exports.workday_documents import change_document, change_of, notice_document, report_document, report_of
from workdays.selectors import access_workday_by_id

ZIP_TYPE = "application/zip"


def notice_response(user, workday_id) -> HttpResponse:
    return docx_response(notice_document(access_workday_by_id(user, workday_id)))


def change_response(user, workday_id, change_id) -> HttpResponse:
    return docx_response(change_document(*change_of(user, workday_id, change_id)))


def report_response(user, workday_id) -> HttpResponse:
    return docx_response(report_document(report_of(user, workday_id)))


def dossier_response(user, workday_id) -> FileResponse:
    """The zip is written to a temporary file, then streamed; the file goes when the response closes."""
    workday = access_workday_by_id(user, workday_id)
    response = FileResponse(dossier.dossier_file(workday, user), content_type=ZIP_TYPE)
    response["Content-Disposition"] = attachment(dossier.dossier_filename(workday), fallback=f"workday-{workday.pk}-dossier.zip")
    return response


@login_required
@require_GET
def notice_docx(request: HttpRequest, workday_id: int) -> HttpResponse:
    return notice_response(request.user, workday_id)


@login_required
@require_GET
def change_docx(request: HttpRequest, workday_id: int, change_id: int) -> HttpResponse:
    return change_response(request.user, workday_id, change_id)


@login_required
@require_GET
def report_docx(request: HttpRequest, workday_id: int) -> HttpResponse:
    return report_response(request.user, workday_id)


@login_required
@require_GET
def dossier_zip(request: HttpRequest, workday_id: int) -> HttpResponse:
    return dossier_response(request.user, workday_id)
