from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.access import is_supervisor, require_supervisor
from cases.reminders import latest_scan, reminders_for, scan_deadlines


@login_required
def reminder_list(request: HttpRequest) -> HttpResponse:
    scan = latest_scan()
    reminders = reminders_for(request.user, scan) if scan else []
    return render(
        request,
        "cases/reminders.html",
        {"scan": scan, "reminders": reminders, "can_scan": is_supervisor(request.user)},
    )


@require_POST
@login_required
def run_scan(request: HttpRequest) -> HttpResponse:
    require_supervisor(request.user)
    scan = scan_deadlines(actor=request.user)
    messages.success(request, _("Deadline scan done: %(n)s reminder(s).") % {"n": scan.reminders.count()})
    return redirect("reminders:list")
