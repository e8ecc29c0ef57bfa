"""A Work Day's files at /api/v1/ (docs/api.md "Files"): the same functions, and so the same files
and 404s, as the pages (exports/workday_views.py)."""

from __future__ import annotations

from ninja import Router

from exports import workday_views as views
from exports.views import DOCX_TYPE
from exports.workday_views import ZIP_TYPE
from xinfang.api_types import Id, file_answer

router = Router(tags=["files"])


@router.get("/workdays/{workday_id}/notice.docx", openapi_extra=file_answer(DOCX_TYPE), summary="The public notice as .docx")
def notice_docx(request, workday_id: Id):
    """In 公文 layout, its change notices at the end; a draft, cancelled or voided day says so in the header."""
    return views.notice_response(request.user, workday_id)


@router.get("/workdays/{workday_id}/notice-changes/{change_id}.docx", openapi_extra=file_answer(DOCX_TYPE), summary="A change, postponement or cancellation notice as .docx")
def change_docx(request, workday_id: Id, change_id: Id):
    return views.change_response(request.user, workday_id, change_id)


@router.get("/workdays/{workday_id}/report.docx", openapi_extra=file_answer(DOCX_TYPE), summary="The report to the joint office with its analysis, as .docx")
def report_docx(request, workday_id: Id):
    """The figures stored at submission; before that, as they stand now, marked 草稿."""
    return views.report_response(request.user, workday_id)


@router.get("/workdays/{workday_id}/dossier.zip", openapi_extra=file_answer(ZIP_TYPE), summary="The archive dossier of the day (R12)")
def dossier_zip(request, workday_id: Id):
    """One file per section, the attachments, and MANIFEST.sha256 (`sha256sum -c`)."""
    return views.dossier_response(request.user, workday_id)
