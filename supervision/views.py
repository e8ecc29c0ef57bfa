"""The supervision pages. Each one reads through the access helpers: the joint office sees every
unit, a district leader the linked units, a unit's staff their own unit."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from supervision.compliance import STATE_LABELS, grouped, state_totals, visible_compliance
from units.models import FrequencyRule, Period
from workcal import periods

YEARS_BACK, YEARS_AHEAD = 3, 1


def _rules_legend() -> list[tuple[str, str, int]]:
    """(unit kind, period, days required) for each R1 frequency rule as configured."""
    periods = {Period.QUARTER: _("every quarter"), Period.HALF_YEAR: _("every half-year")}
    legend = []
    for rule in FrequencyRule.objects.order_by("id"):
        kind = rule.get_unit_kind_display()
        if rule.key_departments_only:
            kind = _("%(kind)s (key petition departments only)") % {"kind": kind}
        legend.append((kind, periods.get(rule.period, rule.get_period_display()), rule.required))
    return legend


@login_required
@require_GET
def compliance(request: HttpRequest) -> HttpResponse:
    this_year = timezone.localdate().year
    error = ""
    try:
        year = periods.parse_year(request.GET.get("year") or str(this_year))
    except periods.PeriodError as exc:
        year, error = this_year, str(exc)
    rows = visible_compliance(request.user, year)
    list_url = reverse("workdays:list")
    for row in rows:
        for cell in row.cells:
            query = {"unit": cell.unit.pk, "from": cell.period.start.isoformat(), "to": cell.period.end.isoformat()}
            cell.list_url = f"{list_url}?{urlencode(query)}"
            cell.state_label = STATE_LABELS[cell.state]
    years = sorted(set(range(this_year - YEARS_BACK, this_year + YEARS_AHEAD + 1)) | {year})
    context = {
        "year": year,
        "years": years,
        "error": error,
        "groups": grouped(rows),
        "totals": [(state, STATE_LABELS[state], count) for state, count in state_totals(rows).items()],
        "rules": _rules_legend(),
        "can_edit_rules": request.user.is_staff and request.user.has_perm("units.change_frequencyrule"),
    }
    return render(request, "supervision/compliance.html", context)
