from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from cases.models import CaseStatus
from cases.selectors import CaseFilters, access_case_by_id, filter_cases, is_overdue, visible_cases
from history.selectors import timeline_for


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value else None
    except ValueError:
        return None


@login_required
def case_list(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status") or None
    filters = CaseFilters(
        unit_id=_int(request.GET.get("unit")),
        status=status if status in CaseStatus.values else None,
        overdue=request.GET.get("overdue") == "1",
        due_soon=request.GET.get("due_soon") == "1",
        category_id=_int(request.GET.get("category")),
        territory_unit_id=_int(request.GET.get("territory")),
        workday_id=_int(request.GET.get("workday")),
    )
    cases = (
        filter_cases(visible_cases(request.user), filters)
        .select_related("host_unit", "lead_unit", "category", "workday")
        .order_by("-id")
    )
    page = Paginator(cases, 50).get_page(request.GET.get("page"))
    for case in page:
        case.is_overdue = is_overdue(case)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "cases/case_list.html",
        {"page": page, "statuses": CaseStatus.choices, "filters": filters, "query": query.urlencode()},
    )


@login_required
def case_detail(request: HttpRequest, case_id: int) -> HttpResponse:
    case = access_case_by_id(request.user, case_id)
    return render(
        request,
        "cases/case_detail.html",
        {
            "case": case,
            "registration": case.registration,
            "overdue": is_overdue(case),
            "assisting_units": case.assisting_units.all(),
            "timeline": timeline_for(case),
        },
    )
