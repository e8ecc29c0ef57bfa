"""Pages for the supervision signals (R11) and the bulletins (通报)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from accounts.access import is_supervisor, require_supervisor, visible_unit_ids
from cases.selectors import visible_cases
from history.selectors import TIMELINE_PAGE_PARAM, timeline_page
from lifecycle import TransitionError
from supervision import bulletins
from supervision.metrics import SIGNALS, signals_for_period
from units.models import Unit
from workcal import periods

SIGNAL_LABELS = {
    "cases": gettext_lazy("Cases"),
    "replied_on_time": gettext_lazy("Replied on time"),
    "overdue": gettext_lazy("Overdue"),
    "returns": gettext_lazy("Returns"),
    "bounced": gettext_lazy("Bounced (returned twice or more)"),
    "unsatisfied": gettext_lazy("Unsatisfied revisits"),
    "contradicted": gettext_lazy("Contradicted replies"),
    "poor_quality": gettext_lazy("Poor quality"),
    "promises_broken": gettext_lazy("Promises not kept"),
    "orders_overdue": gettext_lazy("Supervision orders unanswered"),
}


def _period(request: HttpRequest) -> tuple[periods.Period, str | None]:
    """The period asked for, or the current quarter with the reason when it is not valid."""
    try:
        return periods.parse(request.GET.get("period") or periods.current().code), None
    except periods.PeriodError as exc:
        return periods.current(), str(exc)


@login_required
def signal_table(request: HttpRequest) -> HttpResponse:
    period, error = _period(request)
    if error:
        messages.error(request, error)
    signals = signals_for_period(period.code, visible_unit_ids(request.user))
    units = {u.pk: u for u in Unit.objects.filter(pk__in=signals)}
    rows = [
        {"unit": units[uid], "counts": [(name, s.count(name)) for name in SIGNALS], "problem": s.any_problem}
        for uid, s in sorted(signals.items(), key=lambda item: (units[item[0]].order, item[0]))
    ]
    return render(
        request,
        "supervision/signals.html",
        {"period": period.code, "period_label": periods.label(period), "rows": rows, "headers": [(n, SIGNAL_LABELS[n]) for n in SIGNALS]},
    )


@login_required
def signal_cases(request: HttpRequest) -> HttpResponse:
    """The cases behind one number of the table."""
    period, error = _period(request)
    signal = request.GET.get("signal", "")
    try:
        unit_id = int(request.GET.get("unit", ""))
    except ValueError:
        unit_id = None
    if error or signal not in SIGNALS or unit_id is None:
        messages.error(request, error or _("Choose a number in the supervision table."))
        return redirect("signals:table")
    found = signals_for_period(period.code, visible_unit_ids(request.user)).get(unit_id)
    ids = found.cases[signal] if found else set()
    cases = visible_cases(request.user).filter(pk__in=ids).select_related("host_unit", "lead_unit", "workday", "category", "registration")
    return render(
        request,
        "supervision/signal_cases.html",
        {"period": period.code, "signal_label": SIGNAL_LABELS[signal], "unit": get_object_or_404(Unit, pk=unit_id), "cases": cases},
    )


@login_required
def bulletin_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "supervision/bulletin_list.html",
        {"bulletins": bulletins.visible_bulletins(request.user), "can_draft": is_supervisor(request.user), "period": periods.current().code},
    )


@require_POST
@login_required
def bulletin_create(request: HttpRequest) -> HttpResponse:
    require_supervisor(request.user)
    try:
        bulletin = bulletins.bulletin_generate(period=request.POST.get("period", ""), actor=request.user)
    except periods.PeriodError as exc:
        messages.error(request, str(exc))
        return redirect("bulletins:list")
    messages.success(request, _("A draft bulletin was generated from the supervision signals. Check and edit it before issuing."))
    return redirect("bulletins:detail", bulletin.pk)


def _render_bulletin(request: HttpRequest, bulletin, errors: dict | None = None, status: int = 200) -> HttpResponse:
    editable = "edit" in {t.name for t in bulletins.TABLE.available(bulletin, request.user)}
    context = {"bulletin": bulletin, "editable": editable, "timeline": timeline_page(bulletin, request.GET.get(TIMELINE_PAGE_PARAM)), "errors": errors or {}}
    return render(request, "supervision/bulletin_detail.html", context, status=status)


@login_required
def bulletin_detail(request: HttpRequest, bulletin_id: int) -> HttpResponse:
    return _render_bulletin(request, get_object_or_404(bulletins.visible_bulletins(request.user), pk=bulletin_id))


@require_POST
@login_required
def bulletin_edit(request: HttpRequest, bulletin_id: int) -> HttpResponse:
    bulletin = get_object_or_404(bulletins.visible_bulletins(request.user), pk=bulletin_id)
    title, text = request.POST.get("title", ""), request.POST.get("text", "")
    try:
        bulletins.bulletin_edit(bulletin=bulletin, actor=request.user, title=title, text=text)
    except ValidationError as exc:
        bulletin.title, bulletin.text = title, text  # keep what was typed
        return _render_bulletin(request, bulletin, exc.message_dict, status=400)
    except TransitionError as exc:
        messages.error(request, exc.message)
        return _render_bulletin(request, bulletin, status=409)
    messages.success(request, _("Saved."))
    return redirect("bulletins:detail", bulletin_id)


@require_POST
@login_required
def bulletin_issue(request: HttpRequest, bulletin_id: int) -> HttpResponse:
    bulletin = get_object_or_404(bulletins.visible_bulletins(request.user), pk=bulletin_id)
    try:
        bulletins.bulletin_issue(bulletin=bulletin, actor=request.user)
    except TransitionError as exc:
        messages.error(request, exc.message)
        return _render_bulletin(request, bulletin, status=409)
    messages.success(request, _("The bulletin was issued to all units."))
    return redirect("bulletins:detail", bulletin_id)
