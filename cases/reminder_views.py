from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.access import is_supervisor, require_supervisor
from cases.models import Reminder
from cases.reminders import count_by_kind, count_by_unit, latest_scan, reminders_for, scan_deadlines

# The reminders the page lists at once; a busy scan (tens of thousands for the joint office) pages.
REMINDERS_PER_PAGE = 50


@login_required
def reminder_list(request: HttpRequest) -> HttpResponse:
    """The latest scan's reminders for the user's units, a page at a time, narrowed by unit and kind;
    the counts per kind and per unit come from the database, not from the rows."""
    scan = latest_scan()
    context: dict = {"scan": scan, "can_scan": is_supervisor(request.user), "kinds": [], "units": []}
    if scan is not None:
        reminders = reminders_for(request.user, scan)
        units = count_by_unit(reminders)
        unit_id = request.GET.get("unit", "")
        if unit_id.isdigit() and any(unit[0] == int(unit_id) for unit in units):
            reminders = reminders.filter(unit_id=int(unit_id))
        else:
            unit_id = ""
        counts = count_by_kind(reminders)
        kind = request.GET.get("kind", "")
        if kind in Reminder.Kind.values:
            reminders = reminders.filter(kind=kind)
        else:
            kind = ""
        page = Paginator(reminders.order_by("due_date", "case_id", "id"), REMINDERS_PER_PAGE).get_page(
            request.GET.get("page")
        )
        context |= {
            "page": page,
            "units": units if len(units) > 1 else [],
            "unit_id": unit_id,
            "kind": kind,
            "kinds": [(value, label, counts.get(value, 0)) for value, label in Reminder.Kind.choices],
            "total": sum(counts.values()),
        }
    return render(request, "cases/reminders.html", context)


@require_POST
@login_required
def run_scan(request: HttpRequest) -> HttpResponse:
    require_supervisor(request.user)
    scan = scan_deadlines(actor=request.user)
    messages.success(request, _("Deadline scan done: %(n)s reminder(s).") % {"n": scan.reminders.count()})
    return redirect("reminders:list")
