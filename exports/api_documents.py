"""The official documents as .docx and a Work Day's statistics as .xlsx, mounted at /api/v1/ (docs/api.md "Files"). Same lookups, and so
the same 404s, as the pages (exports/document_views.py)."""

from __future__ import annotations

from ninja import Router

from exports.document_views import bulletin_for, case_assignment_for, docx_response, order_for
from exports.documents import assignment_document, bulletin_document, order_document
from exports.views import DOCX_TYPE, XLSX_TYPE, statistics_response
from xinfang.api_types import Id, file_answer

router = Router(tags=["files"])


@router.get("/bulletins/{bulletin_id}.docx", openapi_extra=file_answer(DOCX_TYPE))
def bulletin_docx(request, bulletin_id: Id):
    """The bulletin in 公文 layout: issued with its document number (文号), a draft marked 征求意见稿."""
    return docx_response(bulletin_document(bulletin_for(request.user, bulletin_id)))


@router.get("/cases/{case_id}/assignment.docx", openapi_extra=file_answer(DOCX_TYPE))
def assignment_docx(request, case_id: Id):
    """The 交办单 of the case's assignment in force (else its latest); 404 for a case never assigned."""
    return docx_response(assignment_document(*case_assignment_for(request.user, case_id)))


@router.get("/supervision-orders/{order_id}.docx", openapi_extra=file_answer(DOCX_TYPE))
def order_docx(request, order_id: Id):
    """The 督办单."""
    return docx_response(order_document(order_for(request.user, order_id)))


@router.get("/workdays/{workday_id}/statistics.xlsx", openapi_extra=file_answer(XLSX_TYPE), summary="A Work Day's statistics (统计表) as .xlsx")
def statistics_xlsx(request, workday_id: Id):
    """The summary and the registrations of the day, ID numbers and phones always masked."""
    return statistics_response(request.user, workday_id)
