"""The files of the API (docs/api.md "Exports"): the case ledger as .xlsx (at once or as a
background job), the jobs, and the joint office's periodic report as JSON and .xlsx."""

from __future__ import annotations

from django.http import FileResponse, HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from ninja import Query, Router, Schema

from accounts.access import require_supervisor
from cases.api import CaseQuery
from cases.models import CaseStatus
from exports import jobs, periodic
from exports.views import XLSX_TYPE, attachment, ledger_response
from xinfang.api_types import ApiError, Id, file_answer

router = Router(tags=["exports"])


class JobStarted(Schema):
    job_id: int


class JobOut(Schema):
    id: int
    status: str
    progress: int
    download_url: str | None
    expired: bool


# The report's JSON (exports.periodic.Report.as_json): its tables keyed by name, rows as the columns say.
_TABLE = {
    "type": "object",
    "required": ["title", "columns", "rows", "total"],
    "properties": {
        "title": {"type": "string"},
        "columns": {"type": "array", "items": {"type": "object", "properties": {"key": {"type": "string"}, "label": {"type": "string"}}}},
        "rows": {"type": "array", "items": {"type": "object"}},
        "total": {"type": ["object", "null"]},
    },
}
_PERIODIC_JSON = {"responses": {200: {"description": "OK", "content": {"application/json": {"schema": {
    "type": "object",
    "required": ["period", "label", "start", "end", "title", "tables"],
    "properties": {
        "period": {"type": "string"}, "label": {"type": "string"}, "title": {"type": "string"},
        "start": {"type": "string", "format": "date"}, "end": {"type": "string", "format": "date"},
        "tables": {"type": "object", "additionalProperties": _TABLE},
    },
}}}}}}


@router.get(
    "/cases/export.xlsx", response={202: JobStarted}, openapi_extra=file_answer(XLSX_TYPE, description="The ledger, at once."), summary="The case ledger as .xlsx")
def export_cases(request, query: Query[CaseQuery]):
    """The cases of the `/cases` filters (page and page_size ignored) as .xlsx; more than 10,000
    rows: 202 with a job id to follow at `/jobs/{id}`."""
    if query.status and query.status not in CaseStatus.values:
        raise ApiError(400, _("The input is not valid."), {"status": [pgettext("export", "Unknown status.")]})
    response, job = ledger_response(request.user, query.filters())
    if job is not None:
        return 202, {"job_id": job.pk}
    return response


@router.get("/jobs/{job_id}", response=JobOut)
def get_job(request, job_id: Id):
    """status ∈ queued, running, done, failed; `expired`: done, but the file was deleted (download_url null)."""
    return jobs.job_out(jobs.owned_job(request.user, job_id))


@router.get("/jobs/{job_id}/file", url_name="job_file", openapi_extra=file_answer(XLSX_TYPE), summary="The file of a finished job")
def job_file(request, job_id: Id):
    job = jobs.owned_job(request.user, job_id)
    path = jobs.file_of(job)
    if path is None:
        raise ApiError(404, _("The file is not ready."))
    response = FileResponse(path.open("rb"), content_type=XLSX_TYPE)
    response["Content-Disposition"] = attachment(_("Case ledger.xlsx"), fallback=f"case-ledger-{job.pk}.xlsx")
    return response


@router.get("/reports/periodic", openapi_extra=_PERIODIC_JSON, summary="The joint office's periodic report")
def periodic_json(request, period: str = ""):
    """Joint office only. `period`: 2026-11, 2026Q4, 2026H1 or 2026."""
    require_supervisor(request.user)
    return periodic.periodic_report(period).as_json()


@router.get("/reports/periodic.xlsx", url_name="periodic_xlsx", openapi_extra=file_answer(XLSX_TYPE), summary="The joint office's periodic report as .xlsx")
def periodic_xlsx(request, period: str = ""):
    require_supervisor(request.user)
    report = periodic.periodic_report(period)
    response = HttpResponse(periodic.report_xlsx(report), content_type=XLSX_TYPE)
    response["Content-Disposition"] = attachment(periodic.report_filename(report), fallback=f"periodic-{report.period.code}.xlsx")
    return response
