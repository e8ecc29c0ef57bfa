"""The dashboard (/dashboard/): charts and their tables for a period, for everyone who logs in, each
seeing only the units and cases the access helpers allow (the joint office the district, a unit its
own, a district leader the units linked to them)."""

from __future__ import annotations

import datetime

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from accounts.access import sees_everything
from dashboards.panels import compliance_panels, report_panels
from exports.periodic import monthly_trend, periodic_report
from supervision.compliance import visible_compliance
from workcal import periods
from workcal.periods import Period


def _neighbours(period: Period) -> tuple[str | None, str | None]:
    """The codes of the periods before and after, when the calendar has them."""
    found = []
    for day in (period.start - datetime.timedelta(days=1), period.end + datetime.timedelta(days=1)):
        try:
            found.append(periods.parse(periods.of_date(day, period.kind).code).code)
        except periods.PeriodError:
            found.append(None)
    return found[0], found[1]


@login_required
@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    text = (request.GET.get("period") or "").strip() or periods.current(periods.QUARTER).code
    shortcuts = {kind: periods.current(kind).code for kind in (periods.MONTH, periods.QUARTER, periods.YEAR)}
    context = {"period": text[:20], "shortcuts": shortcuts, "district": sees_everything(request.user)}
    try:
        report = periodic_report(text, viewer=request.user)
        trend = monthly_trend(text, viewer=request.user)
    except periods.PeriodError as error:
        return render(request, "dashboards/dashboard.html", {**context, "error": str(error)}, status=400)
    year = report.period.start.year
    previous, following = _neighbours(report.period)
    context.update({
        "period": report.period.code,
        "label": periods.label(report.period),
        "previous": previous,
        "following": following,
        "panels": compliance_panels(visible_compliance(request.user, year), year) + report_panels(report, trend),
    })
    return render(request, "dashboards/dashboard.html", context)
