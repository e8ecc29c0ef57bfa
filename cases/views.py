"""The ledger pages (台账): the list with its filters and tabs, a case's page with the steps its
transition table allows the user, the logged view of personal data, and one POST view for every step.

Every fetch goes through `visible_cases` / `access_case_by_id` (404 for a case the user may not see);
every change goes through cases/handling.py. The page offers what `TABLE.available` returns; the POST
view asks `TABLE.check` before reading the form (403, or 409 with the reason) and the service asks
again under the row lock.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from accounts.access import is_supervisor
from cases import deadlines, handling
from cases.forms import (
    AssignForm,
    AssistOpinionForm,
    CloseForm,
    FeedbackForm,
    LinkForm,
    RateForm,
    ReceiveForm,
    RehandleForm,
    ReplyForm,
    ReturnForm,
    RevisitForm,
    Scope,
    UnmergeForm,
    VersionForm,
    VoidForm,
    ledger_filters,
)
from cases.models import Approval, Case, CaseStatus, Handling
from cases.paging import id_page
from cases.selectors import (
    access_case_by_id,
    earlier_cases_of_person,
    earlier_return,
    ledger_ids,
    unsigned_assignments,
    visible_cases,
)
from cases.transitions import TABLE
from history.selectors import TIMELINE_PAGE_PARAM, timeline_page
from intake.models import Petitioner
from intake.personal_data import masked_petitioners, may_view_personal_data, reveal_personal_data
from lifecycle import StaleVersion, TransitionError
from lifecycle.forms import apply_service_errors
from lifecycle.inputs import parse
from workdays.models import WorkDay
from workdays.selectors import can_view_workday

PAGE_SIZE = 50
INBOX_SIZE = 20

# What one ledger row reads; nothing else is loaded, and no row runs a query of its own.
LIST_FIELDS = (
    "id", "status", "handling", "due_date", "due_provisional", "replied_at", "return_count",
    "registration", "registration__id", "registration__content",
    "workday", "workday__date",
    "host_unit", "host_unit__name",
    "lead_unit", "lead_unit__name",
    "category", "category__name", "category__parent", "category__parent__name",
)


# --- The handling actions: what the case's transition table allows, as forms on the page ------------


@dataclass(frozen=True)
class Panel:
    """How the case page shows one step of cases/transitions.py: its title, button, message on
    success and form. Whether it is shown is the table's answer, never the page's."""

    name: str
    title: str
    button: str
    done: str
    form: type[VersionForm]
    form_kwargs: Callable[[Case], dict] = field(default=lambda case: {})
    danger: bool = False

    def make_form(self, case: Case, data=None, initial: dict | None = None) -> VersionForm:
        return self.form(
            data, initial={"version": case.version, **(initial or {})}, auto_id=f"{self.name}_%s", **self.form_kwargs(case)
        )


PANELS: dict[str, Panel] = {
    p.name: p
    for p in (
        Panel("assign", gettext_lazy("Assign"), gettext_lazy("Assign"), gettext_lazy("Assigned."), AssignForm),
        Panel(
            "receive", gettext_lazy("Sign for the assignment"), gettext_lazy("Sign for it"), gettext_lazy("Signed for."), ReceiveForm
        ),
        Panel(
            "reply", gettext_lazy("Reply"), gettext_lazy("Submit the reply"), gettext_lazy("Replied."), ReplyForm,
            form_kwargs=lambda case: {"assigned": case.handling == Handling.ASSIGNED},
        ),
        Panel(
            "return", gettext_lazy("Return to the joint office"), gettext_lazy("Return the case"),
            gettext_lazy("Returned to the joint office."), ReturnForm, danger=True,
        ),
        Panel(
            "assist_opinion", gettext_lazy("Assisting opinion"), gettext_lazy("Record the opinion"),
            gettext_lazy("Assisting opinion recorded."), AssistOpinionForm,
        ),
        Panel(
            "feedback", gettext_lazy("Feedback to the citizen"), gettext_lazy("Record the feedback"),
            gettext_lazy("Feedback to the citizen recorded."), FeedbackForm,
        ),
        Panel("rate", gettext_lazy("Rate the reply"), gettext_lazy("Save the rating"), gettext_lazy("Reply rated."), RateForm),
        Panel("revisit", gettext_lazy("Revisit"), gettext_lazy("Record the revisit"), gettext_lazy("Revisit recorded."), RevisitForm),
        Panel(
            "rehandle", gettext_lazy("Handle again"), gettext_lazy("Send back for handling"),
            gettext_lazy("Sent back to the lead unit on a new 7-working-day clock."), RehandleForm, danger=True,
        ),
        Panel("close", pgettext_lazy("case action", "Close"), gettext_lazy("Close the case"), gettext_lazy("Closed."), CloseForm),
        Panel(
            "link", gettext_lazy("Repeat visit or merge"), gettext_lazy("Link the cases"), gettext_lazy("Cases linked."), LinkForm,
            form_kwargs=lambda case: {
                "cases": earlier_cases_of_person(case).select_related("workday", "category").order_by("id")
            },
        ),
        Panel(
            "unmerge", gettext_lazy("Unmerge"), gettext_lazy("Unmerge the case"), gettext_lazy("Unmerged."), UnmergeForm, danger=True,
        ),
        Panel("void", gettext_lazy("Void"), gettext_lazy("Void this entry"), gettext_lazy("Voided."), VoidForm, danger=True),
    )
}


def _routing_note(case: Case) -> tuple[dict, str]:
    """R7 属事为主、属地为辅: the proposal pre-fills the assign form, with a note saying why."""
    lead, assisting = handling.routing_proposal(case)
    if lead is None:
        return {}, ""
    initial = {"lead_unit_id": lead.pk, "assisting_unit_ids": [u.pk for u in assisting]}
    if assisting:
        note = _("Suggested: %(lead)s leads (subject matter), %(assisting)s assists (territory).") % {
            "lead": lead.name,
            "assisting": "、".join(u.name for u in assisting),
        }
    else:
        note = _("Suggested: %(lead)s leads.") % {"lead": lead.name}
    returned = earlier_return(case, lead)
    if returned is not None:
        note += " " + _("Note: %(unit)s returned this person's matter no. %(n)s before.") % {"unit": lead.name, "n": returned.case_id}
    return initial, note


# --- The case page -----------------------------------------------------------------------------------


def _render_detail(
    request: HttpRequest,
    case: Case,
    *,
    failed: tuple[str, VersionForm] | None = None,
    petitioners: list[dict] | None = None,
    status: int = 200,
) -> HttpResponse:
    user = request.user
    today = timezone.localdate()
    assisting = list(case.assisting_units.all())
    assignments = list(
        case.assignments.select_related("lead_unit", "delivered_by", "received_by", "returned_by").prefetch_related(
            "assisting_units"
        )
    )
    current = next((a for a in reversed(assignments) if a.returned_at is None), None)
    for assignment in assignments:
        # 逾期签收: signed (or, for the open assignment, still unsigned) later than 1 working day.
        open_unsigned = assignment is current and assignment.received_at is None and case.status == CaseStatus.ASSIGNED
        assignment.receive_late = (
            handling.receive_is_late(assignment) if assignment.received_at or open_unsigned else False
        )
    replies = list(case.replies.select_related("unit", "replied_by", "rated_by"))
    panels = []
    routing_note = ""
    offered = {t.name for t in TABLE.available(case, user)}
    for name, panel in PANELS.items():
        if failed and failed[0] == name:
            form = failed[1]
        elif name in offered:
            initial = {}
            if name == "assign":
                initial, routing_note = _routing_note(case)
            form = panel.make_form(case, initial=initial)
        else:
            continue
        panels.append({"action": panel, "form": form, "url": reverse(f"cases:{name}", args=[case.pk])})

    revealed = petitioners is not None
    return render(
        request,
        "cases/case_detail.html",
        {
            "case": case,
            "workday_openable": can_view_workday(user, case.workday),
            "registration": case.registration,
            "deadline_badge": deadlines.badge(case, today),
            "assisting_units": assisting,
            "petitioners": petitioners if revealed else masked_petitioners(case.registration),
            "revealed": revealed,
            "may_reveal": not revealed and may_view_personal_data(user, case),
            "assignments": assignments,
            "replies": replies,
            "opinions": case.assist_opinions.select_related("unit", "created_by"),
            "feedbacks": case.feedbacks.select_related("created_by"),
            "promise_kept": deadlines.promise_kept(case),
            "feedback_overdue": deadlines.is_feedback_overdue(case, today),
            "revisits": case.revisits.select_related("created_by"),
            "panels": panels,
            "routing_note": routing_note,
            "timeline": timeline_page(case, request.GET.get(TIMELINE_PAGE_PARAM)),
        },
        status=status,
    )


@login_required
def case_detail(request: HttpRequest, case_id: int) -> HttpResponse:
    return _render_detail(request, access_case_by_id(request.user, case_id))


@require_POST
@login_required
@never_cache
def personal_data(request: HttpRequest, case_id: int) -> HttpResponse:
    """The petitioners' full ID numbers and phones, shown once on this response and logged."""
    case = access_case_by_id(request.user, case_id)
    if not may_view_personal_data(request.user, case):
        raise PermissionDenied
    return _render_detail(request, case, petitioners=reveal_personal_data(registration=case.registration, actor=request.user, shown_on=case))


@require_POST
@login_required
def act(request: HttpRequest, case_id: int, name: str) -> HttpResponse:
    """Run one step of the case's transition table: 403 or 409 (with the reason on the case's page)
    before the form is read when the table refuses it; field errors re-render the page (400); a
    stale version shows the case as it is now with what the user typed kept (409)."""
    panel = PANELS[name]
    case = access_case_by_id(request.user, case_id)
    try:
        TABLE.check(case, request.user, name)
        form = panel.make_form(case, request.POST)
        if not form.is_valid():
            return _render_detail(request, case, failed=(name, form), status=400)
        try:
            data = parse(TABLE[name].input, {k: v for k, v in form.cleaned_data.items() if k != "confirm"})
            done = handling.perform(case, request.user, name, data)
        except ValidationError as exc:
            apply_service_errors(form, exc)
            return _render_detail(request, case, failed=(name, form), status=400)
    except StaleVersion as exc:
        # Someone changed the case meanwhile. Show it as it is now, with what this user typed
        # kept in the form (now carrying the current version) so nothing typed is lost.
        messages.error(request, exc.message)
        current = access_case_by_id(request.user, case_id)
        data = request.POST.copy()
        data["version"] = str(current.version)
        return _render_detail(request, current, failed=(name, panel.make_form(current, data)), status=409)
    except TransitionError as exc:
        # Said once: on top, unless the case's page states it already.
        current = access_case_by_id(request.user, case_id)
        response = _render_detail(request, current, status=409)
        if escape(exc.message) in response.content.decode():
            return response
        messages.error(request, exc.message)
        return _render_detail(request, current, status=409)
    # With the district's sign-off on, a reply is a draft for the unit leader (docs/adr/0011).
    messages.success(request, _("The draft awaits the unit leader's sign-off.") if isinstance(done, Approval) else panel.done)
    # A unit that returned a case may no longer see it.
    if visible_cases(request.user).filter(pk=case.pk).exists():
        return redirect("cases:detail", case.pk)
    return redirect("cases:list")


# --- The ledger --------------------------------------------------------------------------------------


def _tabs(request: HttpRequest, user) -> list[dict]:
    tabs = [(gettext_lazy("All"), {})]
    if is_supervisor(user):
        tabs.append((gettext_lazy("Awaiting assignment"), {"status": CaseStatus.AWAITING_ASSIGNMENT.value}))
    elif user.unit_id is not None:
        tabs.append((gettext_lazy("Led by my unit"), {"scope": Scope.LEAD}))
        tabs.append((gettext_lazy("Assisted by my unit"), {"scope": Scope.ASSIST}))
    tabs.append((gettext_lazy("Due soon"), {"due_soon": "1"}))
    tabs.append((gettext_lazy("Overdue"), {"overdue": "1"}))
    current = {k: v for k, v in request.GET.items() if k not in ("page", "after", "before") and v}
    return [
        {"label": label, "query": "&".join(f"{k}={v}" for k, v in params.items()), "active": current == params}
        for label, params in tabs
    ]


def _ledger_rows(ids: list[int]) -> list[Case]:
    """The rows of one page, for its ids alone (they were checked against the user's access and the
    filters when the ids were read)."""
    return list(
        Case.objects.filter(pk__in=ids)
        .select_related("registration", "workday", "host_unit", "lead_unit", "category__parent")
        .only(*LIST_FIELDS)
        .prefetch_related(Prefetch("registration__petitioners", queryset=Petitioner.objects.only("id", "name", "registration_id")))
        .order_by("-id")
    )


@login_required
def case_list(request: HttpRequest) -> HttpResponse:
    user = request.user
    form, filters = ledger_filters(request.GET, user)
    page = id_page(
        ledger_ids(user, filters), _ledger_rows, PAGE_SIZE,
        page=request.GET.get("page"), after=request.GET.get("after"), before=request.GET.get("before"),
    )
    today = timezone.localdate()
    soon = deadlines.due_soon_limit(today)
    for case in page:
        case.deadline_badge = deadlines.badge(case, today, soon)
    workday, workday_openable = None, False
    if filters.workday_id is not None:
        # The day is named when the user may open it or reads cases of it; linked only in the first case.
        workday = WorkDay.objects.select_related("host_unit").filter(pk=filters.workday_id).first()
        workday_openable = can_view_workday(user, workday)
        if not workday_openable and not len(page):
            workday = None  # a day the user neither opens nor reads a case of stays unnamed
    query = request.GET.copy()
    for key in ("page", "after", "before"):
        query.pop(key, None)
    return render(
        request,
        "cases/case_list.html",
        {
            "inbox": list(unsigned_assignments(user)[:INBOX_SIZE]),
            "page": page,
            "form": form,
            "filters": filters,
            "workday": workday,
            "workday_openable": workday_openable,
            "tabs": _tabs(request, user),
            "query": query.urlencode(),
        },
    )
