"""Files for the units' staff (login required, through the access helpers): a Work Day's statistics
(统计表) as .xlsx, the case ledger as .xlsx (at once, or as a background job with its page) and the joint
office's periodic report page. A Work Day's documents and dossier are in exports/workday_views.py."""

from __future__ import annotations

import tempfile
from urllib.parse import quote

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from accounts.access import require_supervisor
from cases.forms import ledger_filters
from cases.selectors import CaseFilters
from exports import jobs, ledger, statistics
from exports.periodic import display, periodic_report
from workcal import periods
from workdays.selectors import access_workday_by_id

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def statistics_response(user, workday_id) -> HttpResponse:
    """The day's 统计表 as .xlsx, for the page and the API alike: the same lookup (another unit's day is
    404), the same file."""
    workday = access_workday_by_id(user, workday_id)
    response = HttpResponse(statistics.statistics_xlsx(workday), content_type=XLSX_TYPE)
    response["Content-Disposition"] = attachment(
        statistics.statistics_filename(workday), fallback=statistics.statistics_fallback(workday)
    )
    return response


@login_required
@require_GET
def statistics_xlsx(request: HttpRequest, workday_id: int) -> HttpResponse:
    return statistics_response(request.user, workday_id)


def attachment(filename: str, *, fallback: str) -> str:
    """An ASCII name for old clients and the real one in UTF-8 (RFC 5987/6266)."""
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename, safe='')}"


# --- The case ledger as .xlsx, and the page of a background export ----------------------------------


def ledger_response(user, filters: CaseFilters):
    """The file at once when it is small enough, else (202, job); shared by the page and the API."""
    cases = jobs.ledger_cases(user, filters)
    total = cases.count()
    if total > jobs.sync_limit():
        return None, jobs.start_ledger_export(user, filters, total)
    out = tempfile.TemporaryFile()
    ledger.write_ledger(cases, out, title=ledger.ledger_title(total), total=total)
    out.seek(0)
    response = FileResponse(out, content_type=XLSX_TYPE)
    response["Content-Disposition"] = attachment(_("Case ledger.xlsx"), fallback="case-ledger.xlsx")
    return response, None


@login_required
@require_GET
def ledger_xlsx(request: HttpRequest) -> HttpResponse:
    """The 导出Excel button of the ledger: the same filters as the page; a large export becomes a job
    whose page shows its progress."""
    _form, filters = ledger_filters(request.GET, request.user)
    response, job = ledger_response(request.user, filters)
    if job is not None:
        return redirect("exports:job", job.pk)
    return response


@never_cache
@login_required
@require_GET
def job_page(request: HttpRequest, job_id: int) -> HttpResponse:
    """The job's progress; htmx asks for the status part again every two seconds until it is done."""
    job = jobs.owned_job(request.user, job_id)
    template = "exports/_job_status.html" if request.htmx else "exports/job.html"
    return render(request, template, {"job": job, "download_url": jobs.download_url(job)})


# --- The joint office's periodic report -------------------------------------------------------------


@login_required
@require_GET
def periodic_page(request: HttpRequest) -> HttpResponse:
    require_supervisor(request.user)
    text = request.GET.get("period") or periods.current().code
    try:
        report = periodic_report(text)
    except periods.PeriodError as error:
        return render(request, "exports/periodic.html", {"period": text[:20], "error": str(error)}, status=400)
    tables = [
        {
            "title": t.title,
            "columns": [c.label for c in t.columns],
            "rows": [[display(r.get(c.key), c.kind) for c in t.columns] for r in t.rows],
            "total": [display(t.total.get(c.key), c.kind if c.kind != "flag" else "count") for c in t.columns] if t.total else None,
        }
        for t in report.tables
    ]
    return render(request, "exports/periodic.html", {"period": report.period.code, "report": report, "tables": tables})
