"""The joint office's calendar pages: a year, editing a day, confirming a year, importing a notice."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from accounts.access import require_supervisor
from history.selectors import TIMELINE_PAGE_PARAM, timeline_page
from workcal import services
from workcal.calendar import FIRST_YEAR, LAST_YEAR, CalendarInputError, year_exceptions
from workcal.forms import DayForm, NoticeForm, YearForm
from workcal.notice import NoticeError, parse_notice
from workcal.selectors import year_overview


def _year_url(year: int, anchor: str = "") -> str:
    return f"{reverse('workcal:year')}?year={year}{anchor}"


def _report(request: HttpRequest, done: str, change: services.CalendarChange) -> None:
    moved = change.deadlines_moved
    text = ngettext("%(count)d deadline moved.", "%(count)d deadlines moved.", moved) % {"count": moved}
    messages.success(request, f"{done} {text}")


@login_required
def year(request: HttpRequest) -> HttpResponse:
    require_supervisor(request.user)
    raw = request.GET.get("year") or str(timezone.localdate().year)
    if not raw.isdigit() or not FIRST_YEAR <= int(raw) <= LAST_YEAR:
        raise Http404
    number = int(raw)
    overview = year_overview(number)
    edit_form = None
    if day_text := request.GET.get("day"):
        try:
            day = datetime.date.fromisoformat(day_text)
        except ValueError:
            day = None
        if day is not None and day.year == number:
            cell = next((c for m in overview.months for w in m.weeks for c in w if c and c.date == day), None)
            edit_form = DayForm(
                initial={"date": day, "is_workday": "work" if cell.is_workday else "off", "note": cell.note}
            )
    return render(
        request,
        "workcal/year.html",
        {
            "overview": overview,
            "year": number,
            "previous_year": number - 1 if number > FIRST_YEAR else None,
            "next_year": number + 1 if number < LAST_YEAR else None,
            "edit_form": edit_form,
            "timeline": timeline_page(overview.row, request.GET.get(TIMELINE_PAGE_PARAM)) if overview.row else [],
        },
    )


@require_POST
@login_required
def set_day(request: HttpRequest) -> HttpResponse:
    require_supervisor(request.user)
    form = DayForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect(reverse("workcal:year"))
    day = form.cleaned_data["date"]
    change = services.set_day(
        date=day, is_workday=form.cleaned_data["is_workday"], note=form.cleaned_data["note"], actor=request.user
    )
    if change.changed_dates or change.deadlines_moved:
        _report(request, _("%(date)s saved.") % {"date": day.isoformat()}, change)
    else:
        messages.info(request, _("%(date)s was already so; nothing changed.") % {"date": day.isoformat()})
    return redirect(_year_url(day.year))


@require_POST
@login_required
def confirm_year(request: HttpRequest) -> HttpResponse:
    require_supervisor(request.user)
    form = YearForm(request.POST)
    if not form.is_valid():
        raise Http404
    number = form.cleaned_data["year"]
    change = services.confirm_year(year=number, actor=request.user)
    if change.changed_dates:
        _report(request, _("The calendar for %(year)d is confirmed.") % {"year": number}, change)
    else:
        messages.info(request, _("The calendar for %(year)d was already confirmed.") % {"year": number})
    return redirect(_year_url(number))


@require_http_methods(["GET", "POST"])
@login_required
def import_notice(request: HttpRequest) -> HttpResponse:
    """Paste or upload the notice, see the parsed days, then confirm: two posts of the same text."""
    require_supervisor(request.user)
    if request.method == "GET":
        return render(request, "workcal/import.html", {"form": NoticeForm()})
    form = NoticeForm(request.POST, request.FILES)
    if not form.is_valid():
        return render(request, "workcal/import.html", {"form": form})
    text = form.cleaned_data["text"]
    try:
        if request.POST.get("action") == "confirm":
            change = services.import_notice(text=text, actor=request.user)
            done = ngettext(
                "The notice for %(year)d is imported (%(days)d day differs from the weekday rule) and the year is confirmed.",
                "The notice for %(year)d is imported (%(days)d days differ from the weekday rule) and the year is confirmed.",
                change.days,
            ) % {"year": change.year, "days": change.days}
            _report(request, done, change)
            return redirect(_year_url(change.year))
        parsed = parse_notice(text)
    except (NoticeError, CalendarInputError) as exc:
        form.add_error(None, exc.message)
        return render(request, "workcal/import.html", {"form": form})
    current = year_exceptions(parsed.year)
    rows = []
    for day in parsed.differences():
        now = current.get(day.date)
        rows.append({"day": day, "changes": now is None or now[0] != day.is_workday})
    parsed_dates = {d.date for d in parsed.differences()}
    dropped = sorted(d for d in current if d not in parsed_dates and d.year == parsed.year)
    return render(
        request,
        "workcal/preview.html",
        {"parsed": parsed, "rows": rows, "dropped": dropped, "text": text, "form": form},
    )
