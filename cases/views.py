"""The ledger pages (台账): the list with its filters and tabs, a case's page with the actions that
apply to the user, the logged view of personal data, and one POST view per handling action.

Every fetch goes through `visible_cases` / `access_case_by_id` (404 for a case the user may not see);
every change goes through cases/handling.py, which checks the guard and the case version. A page
shows an action only to whom it applies; the POST view refuses the others with 403 before reading
the form, and the service checks again.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from accounts.access import can_write_for_unit, is_supervisor, visible_units
from cases import deadlines, handling
from cases.forms import (
    AssignForm,
    AssistOpinionForm,
    CaseFilterForm,
    CloseForm,
    FeedbackForm,
    RateForm,
    ReceiveForm,
    ReplyForm,
    ReturnForm,
    RevisitForm,
    Scope,
    VersionForm,
    VoidForm,
    apply_service_errors,
    assignable_units,
)
from cases.models import Assignment, Case, CaseStatus, Handling
from cases.pii import masked_petitioners, may_view_personal_data, reveal_personal_data
from cases.selectors import CaseFilters, access_case_by_id, filter_cases, visible_cases
from history.selectors import timeline_for
from lifecycle import StaleVersion, TransitionError
from workdays.models import Petitioner
from workdays.selectors import visible_workdays

PAGE_SIZE = 50

# What one ledger row reads; nothing else is loaded, and no row runs a query of its own.
LIST_FIELDS = (
    "id", "status", "handling", "content", "due_date", "due_provisional", "replied_at", "return_count",
    "registration", "registration__id",
    "workday", "workday__date",
    "host_unit", "host_unit__name",
    "lead_unit", "lead_unit__name",
    "category", "category__name", "category__parent", "category__parent__name",
)


# --- Who the user is for this case -------------------------------------------------------------------


@dataclass(frozen=True)
class Roles:
    supervisor: bool = False  # the joint office
    lead: bool = False  # a clerk of the lead unit
    assisting: bool = False  # a clerk of an assisting unit
    host: bool = False  # a clerk of the unit whose Work Day registered the matter


def roles_for(user, case: Case, assisting_unit_ids: set[int]) -> Roles:
    unit = user.unit
    own_clerk = unit is not None and not is_supervisor(user) and can_write_for_unit(user, unit)
    return Roles(
        supervisor=is_supervisor(user),
        lead=own_clerk and unit.pk == case.lead_unit_id,
        assisting=own_clerk and unit.pk in assisting_unit_ids,
        host=own_clerk and unit.pk == case.host_unit_id,
    )


# --- The handling actions ----------------------------------------------------------------------------


@dataclass
class Facts:
    """What decides whether an action is offered, besides the user's role."""

    case: Case
    has_reply: bool
    current_assignment: Assignment | None


@dataclass(frozen=True)
class Action:
    name: str
    title: str
    button: str
    done: str
    form: type[VersionForm]
    allowed: Callable[[Roles], bool]
    offered: Callable[[Facts], bool]
    perform: Callable[[Case, object, forms.Form], object]
    form_kwargs: Callable[[Case], dict] = field(default=lambda case: {})
    danger: bool = False

    def make_form(self, case: Case, data=None, initial: dict | None = None) -> VersionForm:
        return self.form(
            data,
            initial={"version": case.version, **(initial or {})},
            auto_id=f"{self.name}_%s",
            **self.form_kwargs(case),
        )


def _assign(case, actor, form):
    return handling.case_assign(
        case=case, actor=actor, version=form.cleaned_data["version"],
        lead_unit=form.lead_unit(), assisting_units=form.assisting_units(),
    )


def _reply(case, actor, form):
    data = form.cleaned_data
    return handling.case_reply(
        case=case, actor=actor, version=data["version"], content=data["content"],
        concluded=data["concluded"], feedback_to_center=data.get("feedback_to_center", ""),
    )


def _revisit(case, actor, form):
    data = form.cleaned_data
    return handling.case_revisit(
        case=case, actor=actor, version=data["version"], reached=data["reached"],
        satisfied=data["satisfied"], confirms_reply=data["confirms_reply"], note=data["note"],
    )


def _not_voided(facts: Facts) -> bool:
    return facts.case.status != CaseStatus.VOIDED


ACTIONS: dict[str, Action] = {
    a.name: a
    for a in (
        Action(
            "assign", gettext_lazy("Assign"), gettext_lazy("Assign"), gettext_lazy("Assigned."), AssignForm,
            allowed=lambda r: r.supervisor,
            offered=lambda f: f.case.status == CaseStatus.AWAITING_ASSIGNMENT,
            perform=_assign,
        ),
        Action(
            "receive", gettext_lazy("Sign for the assignment"), gettext_lazy("Sign for it"), gettext_lazy("Signed for."),
            ReceiveForm,
            allowed=lambda r: r.lead,
            offered=lambda f: f.case.status == CaseStatus.ASSIGNED
            and f.current_assignment is not None
            and f.current_assignment.received_at is None,
            perform=lambda case, actor, form: handling.case_receive(
                case=case, actor=actor, version=form.cleaned_data["version"],
                responsible_person=form.cleaned_data["responsible_person"],
            ),
        ),
        Action(
            "reply", gettext_lazy("Reply"), gettext_lazy("Submit the reply"), gettext_lazy("Replied."), ReplyForm,
            allowed=lambda r: r.lead,
            offered=lambda f: f.case.status in (CaseStatus.HANDLING, CaseStatus.ASSIGNED),
            perform=_reply,
            form_kwargs=lambda case: {"assigned": case.handling == Handling.ASSIGNED},
        ),
        Action(
            "return", gettext_lazy("Return to the joint office"), gettext_lazy("Return the case"),
            gettext_lazy("Returned to the joint office."), ReturnForm,
            allowed=lambda r: r.lead,
            offered=lambda f: f.case.status == CaseStatus.ASSIGNED,
            perform=lambda case, actor, form: handling.case_return(
                case=case, actor=actor, version=form.cleaned_data["version"], reason=form.cleaned_data["reason"]
            ),
            danger=True,
        ),
        Action(
            "assist_opinion", gettext_lazy("Assisting opinion"), gettext_lazy("Record the opinion"),
            gettext_lazy("Assisting opinion recorded."), AssistOpinionForm,
            allowed=lambda r: r.assisting,
            offered=lambda f: f.case.status == CaseStatus.ASSIGNED,
            perform=lambda case, actor, form: handling.case_assist_opinion(
                case=case, actor=actor, version=form.cleaned_data["version"], content=form.cleaned_data["content"]
            ),
        ),
        Action(
            "feedback", gettext_lazy("Feedback to the citizen"), gettext_lazy("Record the feedback"),
            gettext_lazy("Feedback to the citizen recorded."), FeedbackForm,
            allowed=lambda r: r.host,
            offered=lambda f: f.case.handling == Handling.ASSIGNED
            and f.case.status not in (CaseStatus.CLOSED, CaseStatus.VOIDED),
            perform=lambda case, actor, form: handling.case_feedback(
                case=case, actor=actor, version=form.cleaned_data["version"], content=form.cleaned_data["content"]
            ),
        ),
        Action(
            "rate", gettext_lazy("Rate the reply"), gettext_lazy("Save the rating"), gettext_lazy("Reply rated."), RateForm,
            allowed=lambda r: r.supervisor,
            offered=lambda f: f.has_reply and _not_voided(f),
            perform=lambda case, actor, form: handling.case_rate(
                case=case, actor=actor, version=form.cleaned_data["version"],
                acceptable=form.cleaned_data["acceptable"], reason=form.cleaned_data["reason"],
            ),
        ),
        Action(
            "revisit", gettext_lazy("Revisit"), gettext_lazy("Record the revisit"), gettext_lazy("Revisit recorded."),
            RevisitForm,
            allowed=lambda r: r.supervisor,
            offered=_not_voided,
            perform=_revisit,
        ),
        Action(
            "close", pgettext_lazy("case action", "Close"), gettext_lazy("Close the case"), gettext_lazy("Closed."), CloseForm,
            allowed=lambda r: r.supervisor,
            offered=lambda f: f.case.status in (CaseStatus.REPLIED, CaseStatus.ANSWERED),
            perform=lambda case, actor, form: handling.case_close(case=case, actor=actor, version=form.cleaned_data["version"]),
        ),
        Action(
            "void", gettext_lazy("Void"), gettext_lazy("Void this entry"), gettext_lazy("Voided."), VoidForm,
            allowed=lambda r: r.supervisor,
            offered=lambda f: f.case.status not in (CaseStatus.VOIDED, CaseStatus.CLOSED),
            perform=lambda case, actor, form: handling.case_void(
                case=case, actor=actor, version=form.cleaned_data["version"], reason=form.cleaned_data["reason"]
            ),
            danger=True,
        ),
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
    roles = roles_for(user, case, {u.pk for u in assisting})
    facts = Facts(case=case, has_reply=bool(replies), current_assignment=current)

    panels = []
    routing_note = ""
    for action in ACTIONS.values():
        if failed and failed[0] == action.name:
            form = failed[1]
        elif action.allowed(roles) and action.offered(facts):
            initial = {}
            if action.name == "assign":
                initial, routing_note = _routing_note(case)
            form = action.make_form(case, initial=initial)
        else:
            continue
        panels.append({"action": action, "form": form, "url": reverse(f"cases:{action.name}", args=[case.pk])})

    revealed = petitioners is not None
    return render(
        request,
        "cases/case_detail.html",
        {
            "case": case,
            "registration": case.registration,
            "deadline_badge": deadlines.badge(case, today),
            "assisting_units": assisting,
            "petitioners": petitioners if revealed else masked_petitioners(case),
            "revealed": revealed,
            "may_reveal": not revealed and may_view_personal_data(user, case),
            "assignments": assignments,
            "replies": replies,
            "opinions": case.assist_opinions.select_related("unit", "created_by"),
            "feedbacks": case.feedbacks.select_related("created_by"),
            "feedback_overdue": deadlines.is_feedback_overdue(case, today),
            "revisits": case.revisits.select_related("created_by"),
            "panels": panels,
            "routing_note": routing_note,
            "timeline": timeline_for(case),
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
    return _render_detail(request, case, petitioners=reveal_personal_data(case=case, actor=request.user))


def _act(request: HttpRequest, case_id: int, name: str) -> HttpResponse:
    """Run one handling action: field errors re-render the page (400); a refused transition or a
    stale version is a message on the case's page; nothing is changed in either case."""
    action = ACTIONS[name]
    case = access_case_by_id(request.user, case_id)
    if not action.allowed(roles_for(request.user, case, set(case.assisting_units.values_list("id", flat=True)))):
        raise PermissionDenied
    form = action.make_form(case, request.POST)
    if form.is_valid():
        try:
            action.perform(case, request.user, form)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        except StaleVersion as exc:
            # Someone changed the case meanwhile. Show it as it is now, with what this user typed
            # kept in the form (now carrying the current version) so nothing typed is lost.
            messages.error(request, exc.message)
            current = access_case_by_id(request.user, case_id)
            data = request.POST.copy()
            data["version"] = str(current.version)
            return _render_detail(request, current, failed=(name, action.make_form(current, data)), status=409)
        except TransitionError as exc:
            messages.error(request, exc.message)
            return redirect("cases:detail", case.pk)
        else:
            messages.success(request, action.done)
            # A unit that returned a case may no longer see it.
            if visible_cases(request.user).filter(pk=case.pk).exists():
                return redirect("cases:detail", case.pk)
            return redirect("cases:list")
    return _render_detail(request, case, failed=(name, form), status=400)


@require_POST
@login_required
def assign(request: HttpRequest, case_id: int) -> HttpResponse:
    return _act(request, case_id, "assign")


@require_POST
@login_required
def receive(request: HttpRequest, case_id: int) -> HttpResponse:
    return _act(request, case_id, "receive")


@require_POST
@login_required
def return_case(request: HttpRequest, case_id: int) -> HttpResponse:
    return _act(request, case_id, "return")


@require_POST
@login_required
def assist_opinion(request: HttpRequest, case_id: int) -> HttpResponse:
    return _act(request, case_id, "assist_opinion")


@require_POST
@login_required
def feedback(request: HttpRequest, case_id: int) -> HttpResponse:
    return _act(request, case_id, "feedback")


@require_POST
@login_required
def reply(request: HttpRequest, case_id: int) -> HttpResponse:
    return _act(request, case_id, "reply")


@require_POST
@login_required
def rate(request: HttpRequest, case_id: int) -> HttpResponse:
    return _act(request, case_id, "rate")


@require_POST
@login_required
def revisit(request: HttpRequest, case_id: int) -> HttpResponse:
    return _act(request, case_id, "revisit")


@require_POST
@login_required
def close(request: HttpRequest, case_id: int) -> HttpResponse:
    return _act(request, case_id, "close")


@require_POST
@login_required
def void(request: HttpRequest, case_id: int) -> HttpResponse:
    return _act(request, case_id, "void")


# --- The ledger --------------------------------------------------------------------------------------


def _scoped(cases: QuerySet[Case], scope: str, unit_id: int) -> QuerySet[Case]:
    """我单位主办 / 我单位协办: a narrowing of what the user already sees, not an access rule."""
    if scope == Scope.LEAD:
        return cases.filter(lead_unit_id=unit_id)
    assisted = Case.assisting_units.through.objects.filter(unit_id=unit_id).values("case_id")
    return cases.filter(pk__in=assisted)


def _tabs(request: HttpRequest, user) -> list[dict]:
    tabs = [(gettext_lazy("All"), {})]
    if is_supervisor(user):
        tabs.append((gettext_lazy("Awaiting assignment"), {"status": CaseStatus.AWAITING_ASSIGNMENT.value}))
    elif user.unit_id is not None:
        tabs.append((gettext_lazy("Led by my unit"), {"scope": Scope.LEAD}))
        tabs.append((gettext_lazy("Assisted by my unit"), {"scope": Scope.ASSIST}))
    tabs.append((gettext_lazy("Due soon"), {"due_soon": "1"}))
    tabs.append((gettext_lazy("Overdue"), {"overdue": "1"}))
    current = {k: v for k, v in request.GET.items() if k != "page" and v}
    return [
        {"label": label, "query": "&".join(f"{k}={v}" for k, v in params.items()), "active": current == params}
        for label, params in tabs
    ]


@login_required
def case_list(request: HttpRequest) -> HttpResponse:
    user = request.user
    units = assignable_units() if is_supervisor(user) else visible_units(user).filter(kind__in=handling.ASSIGNABLE_KINDS)
    form = CaseFilterForm(request.GET, units=list(units))
    form.is_valid()  # a value that does not fit is ignored, the rest still filters
    data = form.cleaned_data
    filters = CaseFilters(
        unit_id=data.get("unit"),
        status=data.get("status") or None,
        overdue=bool(data.get("overdue")),
        due_soon=bool(data.get("due_soon")),
        category_id=data.get("category"),
        territory_unit_id=data.get("territory"),
        workday_id=data.get("workday"),
    )
    cases = filter_cases(visible_cases(user), filters)
    scope = data.get("scope")
    if scope and user.unit_id is not None:
        cases = _scoped(cases, scope, user.unit_id)
    cases = (
        cases.select_related("registration", "workday", "host_unit", "lead_unit", "category__parent")
        .only(*LIST_FIELDS)
        .prefetch_related(Prefetch("registration__petitioners", queryset=Petitioner.objects.only("id", "name")))
        .order_by("-id")
    )
    page = Paginator(cases, PAGE_SIZE).get_page(request.GET.get("page"))
    today = timezone.localdate()
    soon = deadlines.due_soon_limit(today)
    for case in page:
        case.deadline_badge = deadlines.badge(case, today, soon)
    workday = None
    if filters.workday_id is not None:
        workday = visible_workdays(user).filter(pk=filters.workday_id).first()
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "cases/case_list.html",
        {
            "page": page,
            "form": form,
            "filters": filters,
            "workday": workday,
            "tabs": _tabs(request, user),
            "query": query.urlencode(),
        },
    )
