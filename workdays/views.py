"""The pages of the Work Day lifecycle: list and calendar, plan, the day's page with its sections,
the phone registration form, and the returning-petitioner lookup.

Every view starts with the access helper (`access_workday_by_id`, 404 for what the user may not
see); every change goes through `workdays.services`. A district leader or unit leader may read a
day but changes answer 403.
"""

from __future__ import annotations

import calendar
import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Page, Paginator
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from accounts.access import can_write_for_unit, is_supervisor, visible_units
from cases.models import Approval
from cases.publication import public_rows
from cases.selectors import openable_case_ids
from history.selectors import TIMELINE_PAGE_PARAM, timeline_page
from intake.models import GROUP_VISIT_SIZE, Petitioner, Registration
from lifecycle import TransitionError
from lifecycle.forms import apply_service_errors
from lifecycle.inputs import parse
from units.models import DistrictLeader, Unit
from workcal import periods
from workcal.calendar import FIRST_YEAR, LAST_YEAR, is_workday
from workdays import services
from workdays.activity_forms import activities_context, screening_update_form
from workdays.analysis import analysis_for, labelled, open_cases, report_figures, site_figures
from workdays.attendance import absent_participants
from workdays.forms import (
    HOST_KINDS,
    AnalysisForm,
    ArchiveForm,
    BriefingForm,
    CancelForm,
    EditPlanForm,
    InformLeaderForm,
    InvitationForm,
    PostponeForm,
    PublishForm,
    ReportForm,
    ScreeningForm,
    SignInForm,
    VoidForm,
    WorkDayPlanForm,
)
from workdays.inputs import (
    AnalysisIn,
    ArchiveIn,
    BriefingIn,
    CancelIn,
    EditIn,
    InformIn,
    InvitationIn,
    PlanIn,
    PostponeIn,
    PublishIn,
    ReportIn,
    ScreeningIn,
    SignInIn,
    StepIn,
    VoidIn,
)
from workdays.models import CALLED_OFF, NoticeChange, Status, WorkDay
from workdays.rules import (
    deadlines_for,
    flags_for,
    notice_on_time_for,
    report_on_time,
    results_on_time,
    screening_on_time,
)
from workdays.selectors import WORKDAY_PREFETCH, access_workday_by_id, visible_workdays
from workdays.transitions import TABLE

STATUS_PATH = [s for s in Status if s not in CALLED_OFF]


# --- Access --------------------------------------------------------------------------------------


def writable_workday(request: HttpRequest, workday_id: int) -> WorkDay:
    """The day, if the user may see it (else 404) and write for its unit (else 403)."""
    workday = access_workday_by_id(request.user, workday_id)
    if not can_write_for_unit(request.user, workday.host_unit):
        raise PermissionDenied
    return workday


def _may_plan(user) -> bool:
    return is_supervisor(user) or (
        user.unit is not None and user.unit.kind in HOST_KINDS and can_write_for_unit(user, user.unit)
    )


def _detail_url(workday: WorkDay, anchor: str = "") -> str:
    return reverse("workdays:detail", args=[workday.pk]) + (f"#{anchor}" if anchor else "")


# --- List and calendar ---------------------------------------------------------------------------


def _filter_units(user) -> list[Unit]:
    """The host units a user may filter by; empty when there is only their own."""
    units = list(visible_units(user).filter(kind__in=HOST_KINDS).order_by("order", "id"))
    return units if len(units) > 1 else []


def _month_from(text: str | None) -> datetime.date:
    """The month asked for, or the current one when it is malformed or in the calendar's first or
    last year (the grid shows the neighbouring weeks too)."""
    try:
        month = periods.parse(text)
    except periods.PeriodError:
        month = None
    if month is None or month.kind != periods.MONTH or month.start.year in (FIRST_YEAR, LAST_YEAR):
        return timezone.localdate().replace(day=1)
    return month.start


@login_required
@require_GET
def workday_list(request: HttpRequest) -> HttpResponse:
    user = request.user
    workdays = visible_workdays(user)
    units = _filter_units(user)
    unit_id = request.GET.get("unit", "")
    if unit_id and unit_id.isdigit():
        workdays = workdays.filter(host_unit_id=int(unit_id))
    else:
        unit_id = ""
    # Narrowing used by the compliance grid (a unit's days in a period) and the home page (status).
    status = request.GET.get("status", "")
    if status in Status.values:
        workdays = workdays.filter(status=status)
    for key, lookup in (("from", "date__gte"), ("to", "date__lte")):
        try:
            workdays = workdays.filter(**{lookup: datetime.date.fromisoformat(request.GET.get(key, ""))})
        except ValueError:
            pass
    context: dict = {
        "units": units,
        "unit_id": unit_id,
        "may_plan": _may_plan(user),
        "view": "calendar" if request.GET.get("view") == "calendar" else "list",
        "today": timezone.localdate(),
    }
    if context["view"] == "calendar":
        context.update(_month_grid(workdays, _month_from(request.GET.get("month"))))
    else:
        page = Paginator(
            workdays.select_related("report")
            .prefetch_related("screening_items", "notice_changes", "sign_ins", "host_unit__officials")
            .order_by("-date", "-id"), 50
        ).get_page(request.GET.get("page"))
        rows = [{"workday": w, "flags": flags_for(w)} for w in page]
        context.update({"page": page, "rows": rows})
    return render(request, "workdays/workday_list.html", context)


@dataclass
class CalendarCell:
    date: datetime.date
    in_month: bool
    is_workday: bool
    holiday: str
    workdays: list[WorkDay]


def _month_grid(workdays, month: datetime.date) -> dict:
    weeks = calendar.Calendar(firstweekday=0).monthdatescalendar(month.year, month.month)
    first, last = weeks[0][0], weeks[-1][-1]
    by_date: dict[datetime.date, list[WorkDay]] = {}
    for w in workdays.filter(date__gte=first, date__lte=last).order_by("date", "start_time"):
        by_date.setdefault(w.date, []).append(w)
    grid = []
    for week in weeks:
        row = []
        for day in week:
            status = is_workday(day)
            row.append(
                CalendarCell(day, day.month == month.month, status.is_workday, status.note, by_date.get(day, []))
            )
        grid.append(row)
    previous = (month - datetime.timedelta(days=1)).replace(day=1)
    following = (month + datetime.timedelta(days=32)).replace(day=1)
    return {"month": month, "grid": grid, "previous_month": previous, "next_month": following}


# --- Plan ----------------------------------------------------------------------------------------


def _leader_units() -> dict[int, list[int]]:
    """For each district leader, the units they liaise with or oversee (to propose invitees)."""
    links: dict[int, list[int]] = {}
    for through in (DistrictLeader.liaison_units.through, DistrictLeader.oversight_units.through):
        for leader_id, unit_id in through.objects.values_list("districtleader_id", "unit_id"):
            links.setdefault(leader_id, []).append(unit_id)
    return links


def _proposed_participants() -> dict[int, list[str]]:
    """For each unit that may host a day, the participants the plan proposes (to follow the chosen host)."""
    units = Unit.objects.filter(kind__in=HOST_KINDS).prefetch_related("officials")
    return {unit.pk: [str(p) for p in services.proposed_participants(unit)] for unit in units}


@login_required
def workday_new(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not _may_plan(user):
        raise PermissionDenied
    choose_host = is_supervisor(user)
    if request.method == "POST":
        form = WorkDayPlanForm(request.POST, choose_host=choose_host)
        if form.is_valid():
            data = {"host_unit_id": user.unit_id, **form.cleaned_data}
            try:
                workday = services.workday_plan(actor=user, **parse(PlanIn, data).arguments())
            except ValidationError as exc:
                apply_service_errors(form, exc)
            else:
                d = deadlines_for(workday.date)
                messages.success(
                    request,
                    _(
                        "The Work Day is planned. Record the dispute screening by %(screening)s and publish the "
                        "notice between %(start)s and %(end)s."
                    )
                    % {"screening": d.screening_due, "start": d.notice_earliest, "end": d.notice_latest},
                )
                return redirect("workdays:detail", workday.pk)
    else:
        host_unit = user.unit
        if choose_host and request.GET.get("host_unit", "").isdigit():
            host_unit = Unit.objects.filter(pk=int(request.GET["host_unit"]), kind__in=HOST_KINDS).first() or host_unit
        initial = {"start_time": datetime.time(9, 0), "end_time": datetime.time(12, 0)}
        if host_unit is not None:
            initial |= {
                "host_unit_id": host_unit.pk,
                "invited_leader_ids": [leader.pk for leader in services.proposed_invitees(host_unit)],
                "participants": "\n".join(services.proposed_participants(host_unit)),
            }
        form = WorkDayPlanForm(choose_host=choose_host, initial=initial)
    return render(
        request,
        "workdays/workday_new.html",
        {
            "form": form,
            "choose_host": choose_host,
            "host_unit": user.unit,
            "leader_units": _leader_units() if choose_host else {},
            "proposed_participants": _proposed_participants() if choose_host else {},
            "today": timezone.localdate(),
        },
    )


@login_required
def workday_edit(request: HttpRequest, workday_id: int) -> HttpResponse:
    """修改计划: the plan form of the day, prefilled, with the version it was read at. The table is
    asked first (403, or the day's page with the reason, 409); a stale version shows the form again
    with the message and changes nothing."""
    workday = access_workday_by_id(request.user, workday_id)
    try:
        TABLE.check(workday, request.user, "edit")
    except TransitionError as exc:
        messages.error(request, exc.message)
        return _render_detail(request, workday, status=409)
    status = 200
    if request.method == "POST":
        form = EditPlanForm(request.POST)
        if form.is_valid():
            try:
                data = parse(EditIn, form.cleaned_data)
                services.workday_edit(workday=workday, actor=request.user, **data.arguments())
            except ValidationError as exc:
                apply_service_errors(form, exc)
                status = 400
            except TransitionError as exc:
                form.add_error(None, exc.message)
                status = 409
            else:
                messages.success(request, _("The plan is changed."))
                return redirect(_detail_url(workday))
        else:
            status = 400
    else:
        form = EditPlanForm(initial=EditPlanForm.initial_for(workday))
    context = {"form": form, "workday": workday, "today": timezone.localdate()}
    return render(request, "workdays/workday_edit.html", context, status=status)


# --- The day's page ------------------------------------------------------------------------------


@dataclass
class Allowed:
    ok: bool
    reason: str = ""


def allowed_steps(workday: WorkDay, user) -> dict[str, Allowed]:
    """Each step of the day's transition table: enabled, or the table's reason why not."""
    allowed = {}
    for step in TABLE:
        reason = step.refused_by_state(workday) or ""
        allowed[step.name] = Allowed(step.who(user, workday) and not reason, reason)
    return allowed


def _invitation_rows(workday: WorkDay, posted: InvitationForm | None) -> list[dict]:
    """Each invited leader with their answer and the form to record it (the posted one, with its
    errors, for the leader it was posted for)."""
    rows = []
    for invitation in workday.invitations.all():
        form = posted if posted is not None and posted.leader_id == invitation.leader_id else None
        form = form or InvitationForm(initial={"answer": invitation.answer}, leader_id=invitation.leader_id)
        rows.append({"invitation": invitation, "form": form})
    return rows


# The registrations the day's page lists at once; a busy day pages through them.
REGISTRATIONS_PER_PAGE = 50


def _registration_page(workday: WorkDay, number, search: str = "") -> Page:
    """One page of the day's registrations in the order they were made (withdrawn ones too, marked),
    read in a fixed number of queries; `search` narrows them to a content or petitioner name."""
    registrations = Registration.objects.filter(workday=workday)
    if search:
        named = Petitioner.objects.filter(name__icontains=search).values("registration_id")
        registrations = registrations.filter(Q(content__icontains=search) | Q(pk__in=named))
    registrations = registrations.select_related("category__parent", "territory", "case").prefetch_related(
        "petitioners"
    ).order_by("registered_at", "id")
    return Paginator(registrations, REGISTRATIONS_PER_PAGE).get_page(number)


# The open cases the archive section names; the rest are a click away in the ledger.
OPEN_CASES_SHOWN = 20


def _open_cases_context(workday: WorkDay) -> dict:
    if workday.status == Status.ARCHIVED:
        return {"open_cases": [], "open_case_count": 0}
    cases = open_cases(workday)
    return {
        "open_cases": list(cases.select_related("category").order_by("id")[:OPEN_CASES_SHOWN]),
        "open_case_count": cases.count(),
    }


def _render_detail(request: HttpRequest, workday: WorkDay, forms: dict | None = None, status: int = 200) -> HttpResponse:
    user = request.user
    today = timezone.localdate()
    workday = (
        WorkDay.objects.select_related("host_unit", "leading_district_leader", "report", "report__submitted_by")
        .prefetch_related(*WORKDAY_PREFETCH, "invitations__leader")
        .get(pk=workday.pk)
    )
    notice_changes = list(workday.notice_changes.all())
    report = getattr(workday, "report", None)
    search = request.GET.get("q", "").strip()[:100]
    registrations = _registration_page(workday, request.GET.get("page"), search)
    cases = {r.pk: getattr(r, "case", None) for r in registrations}
    openable = openable_case_ids(user, [case.pk for case in cases.values() if case])
    for r in registrations:
        r.case_openable = cases[r.pk] is not None and cases[r.pk].pk in openable
    counted = Registration.counted.filter(workday=workday).aggregate(
        n=Count("id"), groups=Count("id", filter=Q(people_count__gte=GROUP_VISIT_SIZE))
    )
    analysis = analysis_for(workday)
    # The report's figures as stored when it was submitted; before that, as they stand now.
    figures = report.figures if report and report.figures else report_figures(workday)
    current = STATUS_PATH.index(workday.status) if workday.status in STATUS_PATH else -1
    forms = forms or {}
    context = {
        "workday": workday,
        "today": today,
        "deadlines": deadlines_for(workday.date),
        "flags": flags_for(workday, today),
        "steps": [{"label": s.label, "done": i < current, "current": i == current} for i, s in enumerate(STATUS_PATH)],
        "screening_items": [
            {"item": item, "on_time": screening_on_time(workday.date, item.recorded_at),
             "update_form": screening_update_form(item, forms)}
            for item in workday.screening_items.all()
        ],
        "notice_on_time": notice_on_time_for(workday),
        "called_off": workday.status in CALLED_OFF,
        "notice_changes": notice_changes,
        "cancellation": next((c for c in reversed(notice_changes) if c.kind == NoticeChange.Kind.CANCELLED), None),
        "sign_ins": workday.sign_ins.all(),
        "absent_participants": absent_participants(workday),
        "invitations": _invitation_rows(workday, forms.get("invitation")),
        "registrations": registrations,  # withdrawn ones listed, marked, and counted nowhere
        "search": search,
        "counted": counted["n"],
        "group_visits": counted["groups"],
        "sites": site_figures(workday) if workday.extension_sites else [],
        "analysis": labelled(analysis),
        "analysis_form": forms.get("analysis") or AnalysisForm(initial={"judgement": workday.judgement, "measures": workday.measures}),
        "figures": labelled(figures),
        "referred": figures.get("referred", []),
        **_open_cases_context(workday),
        "archive_form": forms.get("archive") or ArchiveForm(),
        "report": report,
        "report_on_time": report_on_time(workday.date, report.submitted_at if report else None),
        "results_on_time": results_on_time(workday.date, workday.results_published_at),
        "can_write": can_write_for_unit(user, workday.host_unit),
        "is_supervisor": is_supervisor(user),
        "allowed": allowed_steps(workday, user),
        "screening_form": forms.get("screening") or ScreeningForm(),
        "inform_form": forms.get("inform") or InformLeaderForm(),
        "sign_in_form": forms.get("sign_in") or SignInForm(),
        "briefing_form": forms.get("briefing")
        or BriefingForm(initial={"briefing": workday.briefing, "materials_count": workday.materials_count}),
        "report_form": forms.get("report") or ReportForm(),
        "void_form": forms.get("void") or VoidForm(),
        "postpone_form": forms.get("postpone") or PostponeForm(),
        "cancel_form": forms.get("cancel") or CancelForm(),
        "timeline": timeline_page(workday, request.GET.get(TIMELINE_PAGE_PARAM)),
        **activities_context(workday, forms),
    }
    return render(request, "workdays/workday_detail.html", context, status=status)


@login_required
@require_GET
def workday_detail(request: HttpRequest, workday_id: int) -> HttpResponse:
    workday = access_workday_by_id(request.user, workday_id)
    return _render_detail(request, workday)


def _render_results_preview(request: HttpRequest, workday: WorkDay, form: PublishForm | None = None, status: int = 200) -> HttpResponse:
    rows = public_rows(workday)
    form = form or PublishForm(rows=rows)
    context = {
        "workday": workday,
        "form": form,
        "rows": form.rows(rows),
        "allowed": allowed_steps(workday, request.user)["results"],
    }
    return render(request, "workdays/results_preview.html", context, status=status)


@login_required
@require_GET
def results_preview(request: HttpRequest, workday_id: int) -> HttpResponse:
    """The first step of publishing the results: exactly the rows the public page will show, each
    summary editable; its button posts them to the "results" step, which is the confirmation."""
    return _render_results_preview(request, writable_workday(request, workday_id))


@dataclass(frozen=True)
class Section:
    """A section of the day's page that changes something: its form (None for a bare button), the
    service it calls, what it says on success, and where the page scrolls back to. A step posted from
    a page of its own (the results' preview) shows its errors there."""

    form_class: type | None
    input: type[StepIn]
    service: Callable
    success: str
    anchor: str
    error_page: Callable | None = None

# With the district's sign-off on, the report and results steps store a draft (docs/adr/0011).
DRAFTED = gettext_lazy("The draft awaits the unit leader's sign-off.")

SECTIONS = {
    "inform": Section(
        InformLeaderForm, InformIn, services.workday_inform_leader,
        gettext_lazy("Recorded that the overseeing leader was informed."), "before",
    ),
    "screening": Section(
        ScreeningForm, ScreeningIn, services.screening_add, gettext_lazy("The screening item is recorded."), "screening"
    ),
    "notice": Section(None, StepIn, services.notice_publish, gettext_lazy("The public notice is published."), "notice"),
    "sign_in": Section(SignInForm, SignInIn, services.sign_in_add, gettext_lazy("Signed in."), "sign-in"),
    "briefing": Section(
        BriefingForm, BriefingIn, services.briefing_record, gettext_lazy("The briefing is recorded."), "briefing"
    ),
    "report": Section(
        ReportForm, ReportIn, services.report_submit,
        gettext_lazy("The report is submitted to the petition office's intake."), "report",
    ),
    "forward": Section(
        None, StepIn, services.report_forward, gettext_lazy("The report is forwarded to the complaint centre."), "report"
    ),
    "results": Section(
        PublishForm, PublishIn, services.results_publish, gettext_lazy("The results are published."), "results",
        _render_results_preview,
    ),
    "analysis": Section(
        AnalysisForm, AnalysisIn, services.analysis_record, gettext_lazy("The analysis and judgement are saved."), "analysis"
    ),
    "archive": Section(ArchiveForm, ArchiveIn, services.workday_archive, gettext_lazy("The Work Day is archived."), "archive"),
    "postpone": Section(
        PostponeForm, PostponeIn, services.workday_postpone,
        gettext_lazy("The Work Day is postponed; a published notice now shows the postponement."), "postpone",
    ),
    "cancel": Section(
        CancelForm, CancelIn, services.workday_cancel,
        gettext_lazy("The Work Day is cancelled; a published notice now shows the cancellation."), "postpone",
    ),
    "void": Section(VoidForm, VoidIn, services.workday_void, gettext_lazy("The Work Day is voided."), "void"),
    "invitation": Section(
        InvitationForm, InvitationIn, services.invitation_answer, gettext_lazy("The answer is recorded."), "invitations"
    ),
}


@login_required
@require_POST
def step(request: HttpRequest, workday_id: int, name: str, **path_ids: int) -> HttpResponse:
    """One step of the day's transition table from its section of the page: 403 or 409 (the day's
    page with the reason) before the form is read when the table refuses it; bad input shows the
    page again with the messages on the fields; success goes back to the section. Ids in the URL
    besides the day's (the invited leader's) go to the service as they are."""
    section = SECTIONS[name]
    workday = access_workday_by_id(request.user, workday_id)
    form = section.form_class(request.POST, **path_ids) if section.form_class else None
    try:
        TABLE.check(workday, request.user, name)
        if form is None or form.is_valid():
            data = parse(section.input, form.cleaned_data if form else {})
            done = section.service(workday=workday, actor=request.user, **path_ids, **data.arguments())
            messages.success(request, DRAFTED if isinstance(done, Approval) else section.success)
            return redirect(_detail_url(workday, section.anchor))
    except ValidationError as exc:
        if form is None:
            messages.error(request, " ".join(exc.messages))
            return redirect(_detail_url(workday, section.anchor))
        apply_service_errors(form, exc)
    except TransitionError as exc:
        # The page states a refused step's reason beside its button: the message is said there, or
        # on top when the page does not say it (never both).
        response = _render_detail(request, workday, status=409)
        if escape(exc.message) in response.content.decode():
            return response
        messages.error(request, exc.message)
        return _render_detail(request, workday, status=409)
    if section.error_page:
        return section.error_page(request, workday, form, status=400)
    return _render_detail(request, workday, {name: form}, status=400)
