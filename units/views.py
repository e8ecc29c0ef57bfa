from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from accounts.access import access_unit_by_id, visible_units
from history.selectors import TIMELINE_PAGE_PARAM, timeline_page
from units.models import UnitKind


@login_required
def unit_list(request: HttpRequest) -> HttpResponse:
    units = visible_units(request.user).exclude(kind__in=[UnitKind.VILLAGE, UnitKind.COMMUNITY])
    groups = [
        (label, [u for u in units if u.kind == kind])
        for kind, label in UnitKind.choices
        if kind not in (UnitKind.VILLAGE, UnitKind.COMMUNITY)
    ]
    return render(request, "units/unit_list.html", {"groups": [g for g in groups if g[1]]})


@login_required
def unit_detail(request: HttpRequest, unit_id: int) -> HttpResponse:
    unit = access_unit_by_id(request.user, unit_id)
    return render(
        request,
        "units/unit_detail.html",
        {
            "unit": unit,
            "children": unit.children.all(),
            "liaison_leaders": unit.liaison_leaders.all(),
            "oversight_leaders": unit.oversight_leaders.all(),
            "timeline": timeline_page(unit, request.GET.get(TIMELINE_PAGE_PARAM)),
        },
    )
