"""The handling of a case after it is registered (R7–R10): assign, receive, return, assisting
opinions, feedback, reply, rating, revisit, close, void.

Each service locks the case, asks its transition table (cases/transitions.py) whether the actor may
take the step now, checks the case's `version` as the caller last saw it (two clerks editing one case
never overwrite each other), validates its input, then writes the change and the history entry the
table names in one transaction, and increments `version`.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cases import approvals, deadlines, notices
from cases.inputs import VersionIn
from cases.models import (
    RECEIVE_WORKDAYS,
    REPLY_WORKDAYS,
    Approval,
    ApprovalKind,
    Assignment,
    AssistOpinion,
    Case,
    CaseStatus,
    CitizenFeedback,
    Handling,
    Reply,
    Revisit,
)
from cases.selectors import same_person_cases
from cases.transitions import TABLE
from history.services import diff, record, snapshot
from lifecycle import StaleVersion, Transition
from units.models import Unit, UnitKind
from workcal.calendar import add_workdays

ASSIGNABLE_KINDS = (UnitKind.TOWN, UnitKind.STREET, UnitKind.DEPARTMENT)


def _begin(case: Case, actor, version: int | None, name: str) -> tuple[Case, Transition]:
    """Lock the case, then ask its transition table: 403 for a user the step is not for, 409 for a
    stale version or a status or guard that refuses it."""
    # of=("self",): PostgreSQL cannot lock the nullable side of the outer join to lead_unit.
    fresh = Case.objects.select_for_update(of=("self",)).select_related("workday", "host_unit", "lead_unit", "category").get(pk=case.pk)
    if not TABLE[name].who(actor, fresh):
        raise PermissionDenied
    if version is None:
        raise ValidationError({"version": [_("The case version is required.")]})
    if fresh.version != version:
        raise StaleVersion(
            _("This case was changed by someone else in the meantime (version %(theirs)s, yours %(yours)s). Reload it and try again.")
            % {"theirs": fresh.version, "yours": version}
        )
    return fresh, TABLE.check(fresh, actor, name)


def _save(case: Case, before: dict, actor, transition: Transition, note: str = "", extra: dict | None = None) -> Case:
    if transition.target is not None:
        case.status = transition.target
    case.version += 1
    case.save()
    # The status a merge kept shows in the status change itself.
    changes = {k: v for k, v in diff(before, snapshot(case)).items() if k not in ("version", "status_before_merge")}
    changes.update(extra or {})
    record(instance=case, actor=actor, action=transition.action, changes=changes, note=note)
    return case


def _require_text(field: str, value: str, message: str) -> str:
    value = (value or "").strip()
    if not value:
        raise ValidationError({field: [message]})
    return value


def perform(case: Case, actor, name: str, data: VersionIn):
    """Run the handling step `name` with its parsed input: what the page and the API both call."""
    return SERVICES[name](case=case, actor=actor, **data.arguments())


def routing_proposal(case: Case) -> tuple[Unit | None, list[Unit]]:
    """R7 属事为主、属地为辅: the category's responsible department leads, the territory assists."""
    lead = case.category.responsible_department()
    assisting = [case.territory] if case.territory and case.territory != lead else []
    if lead is None and case.territory is not None:
        lead, assisting = case.territory, []
    return lead, assisting


@transaction.atomic
def case_assign(
    *, case: Case, actor, version: int, lead_unit: Unit | None, assisting_units: Iterable[Unit] = (), instructions: str = ""
) -> Case:
    """交办: the joint office hands the case to a lead unit; the clock starts now (at delivery)."""
    case, step = _begin(case, actor, version, "assign")
    assisting = list(assisting_units)
    errors: dict[str, list[str]] = {}
    if lead_unit is None:
        errors["lead_unit_id"] = [_("Choose the lead unit.")]
    elif lead_unit.kind not in ASSIGNABLE_KINDS:
        errors["lead_unit_id"] = [_("A case is assigned to a town, a street or a department.")]
    if len({u.pk for u in assisting}) != len(assisting):
        errors["assisting_unit_ids"] = [_("A unit is listed twice among the assisting units.")]
    elif lead_unit is not None and any(u.pk == lead_unit.pk for u in assisting):
        errors["assisting_unit_ids"] = [_("The lead unit cannot also assist.")]
    elif any(u.kind not in ASSIGNABLE_KINDS for u in assisting):
        errors["assisting_unit_ids"] = [_("Assisting units are towns, streets or departments.")]
    if errors:
        raise ValidationError(errors)
    before = snapshot(case)
    now = timezone.now()
    due = add_workdays(timezone.localdate(now), REPLY_WORKDAYS)
    assignment = Assignment.objects.create(
        case=case, lead_unit=lead_unit, delivered_at=now, delivered_by=actor, due_date=due.date,
        instructions=(instructions or "").strip(),
    )
    assignment.assisting_units.set(assisting)
    case.lead_unit = lead_unit
    case.assisting_units.set(assisting)
    case.clock_start = timezone.localdate(now)
    case.due_date, case.due_provisional = due.date, due.provisional
    notices.assignment_delivered(case, actor)
    extra = {"assisting_units": [None, [u.name for u in assisting]]}
    return _save(case, before, actor, step, note=assignment.instructions, extra=extra)


@transaction.atomic
def case_receive(*, case: Case, actor, version: int, responsible_person: str = "") -> Case:
    """签收: the lead unit acknowledges the assignment. The deadline does not move."""
    case, step = _begin(case, actor, version, "receive")
    before = snapshot(case)
    assignment = case.current_assignment
    assignment.received_at, assignment.received_by = timezone.now(), actor
    assignment.save(update_fields=["received_at", "received_by"])
    case.responsible_person = (responsible_person or "").strip() or actor.display_name
    case.responsible_user = actor
    return _save(case, before, actor, step, extra={"received_late": [None, receive_is_late(assignment)]})


def receive_is_late(assignment: Assignment) -> bool:
    """Signing later than 1 working day after delivery is flagged (it does not move the deadline)."""
    limit = add_workdays(timezone.localdate(assignment.delivered_at), RECEIVE_WORKDAYS).date
    signed = timezone.localdate(assignment.received_at) if assignment.received_at else timezone.localdate()
    return signed > limit


@transaction.atomic
def case_return(*, case: Case, actor, version: int, reason: str) -> Case:
    """退回: the lead unit sends the case back to the joint office with a reason; it counts as a return."""
    case, step = _begin(case, actor, version, "return")
    reason = _require_text("reason", reason, _("Give the reason for returning the case."))
    before = snapshot(case)
    assignment = case.current_assignment
    now = timezone.now()
    assignment.returned_at, assignment.returned_by, assignment.return_reason = now, actor, reason
    assignment.overdue_when_returned = deadlines.is_late(now, assignment.due_date)
    assignment.save(update_fields=["returned_at", "returned_by", "return_reason", "overdue_when_returned"])
    case.lead_unit = None
    case.assisting_units.clear()
    case.clock_start = case.due_date = None
    case.due_provisional = False
    case.return_count += 1
    notices.case_returned(case, actor)
    return _save(case, before, actor, step, note=reason)


@transaction.atomic
def case_assist_opinion(*, case: Case, actor, version: int, content: str) -> AssistOpinion:
    """协办意见: an assisting unit records its opinion for the lead unit."""
    case, step = _begin(case, actor, version, "assist_opinion")
    content = _require_text("content", content, _("Write the assisting opinion."))
    unit = actor.unit
    opinion = AssistOpinion.objects.create(case=case, unit=unit, content=content, created_at=timezone.now(), created_by=actor)
    _save(case, snapshot(case), actor, step, extra={"assist_opinion": [None, f"{unit.name}：{content[:60]}"]})
    return opinion


@transaction.atomic
def case_feedback(*, case: Case, actor, version: int, content: str) -> CitizenFeedback:
    """The host unit's feedback to the citizen on a referred matter (R8)."""
    case, step = _begin(case, actor, version, "feedback")
    content = _require_text("content", content, _("Write the feedback given to the citizen."))
    before = snapshot(case)
    feedback = CitizenFeedback.objects.create(case=case, content=content, created_at=timezone.now(), created_by=actor)
    if case.feedback_at is None:
        case.feedback_at, case.feedback_provisional = feedback.created_at, False
    _save(case, before, actor, step, note=content[:200])
    return feedback


@transaction.atomic
def case_reply(
    *, case: Case, actor, version: int, content: str, concluded: bool | None, feedback_to_center: str = ""
) -> Reply | Approval:
    """答复: the lead unit (the host unit for self-handled cases) replies to the citizen. The on-time
    fact is frozen with the reply. Where the district asks for sign-off, the reply is a draft that
    waits for a unit leader (cases/signoff.py releases it); the deadline does not move meanwhile."""
    case, step = _begin(case, actor, version, "reply")
    draft = _reply_draft(case, content=content, concluded=concluded, feedback_to_center=feedback_to_center)
    if not approvals.signoff_required():
        return release_reply(case, actor, drafted_by=actor, **draft)
    before = snapshot(case)
    approval = approvals.request_signoff(
        kind=ApprovalKind.REPLY, unit=case.lead_unit or case.host_unit, actor=actor, draft=draft, case=case,
        return_status=case.status,
    )
    case.status = CaseStatus.AWAITING_SIGNOFF
    case.version += 1
    case.save()
    changes = {k: v for k, v in diff(before, snapshot(case)).items() if k != "version"}
    record(instance=case, actor=actor, action="reply_drafted", changes=changes, note=draft["content"][:200])
    return approval


def _reply_draft(case: Case, *, content: str, concluded: bool | None, feedback_to_center: str) -> dict:
    """The reply's input, checked and trimmed: what is released at once or stored as the draft."""
    errors: dict[str, list[str]] = {}
    if not (content or "").strip():
        errors["content"] = [_("Write the reply given to the citizen.")]
    if concluded is None:
        errors["concluded"] = [_("State whether the matter is resolved.")]
    elif case.handling == Handling.ASSIGNED and not concluded and not (feedback_to_center or "").strip():
        errors["feedback_to_center"] = [
            _("A case that cannot be concluded needs written feedback to the complaint centre.")
        ]
    if errors:
        raise ValidationError(errors)
    return {
        "content": content.strip(),
        "concluded": concluded,
        # The written feedback to the complaint centre is for assigned cases (R9).
        "feedback_to_center": (feedback_to_center or "").strip() if case.handling == Handling.ASSIGNED else "",
    }


def release_reply(case: Case, actor, *, drafted_by, content: str, concluded: bool, feedback_to_center: str, note: str = "") -> Reply:
    """The reply goes out now (at once, or at the leader's approval): its time is now, and whether it
    met the deadline is frozen with it. `case` is locked by the caller."""
    before = snapshot(case)
    now = timezone.now()
    reply = Reply.objects.create(
        case=case,
        unit=case.lead_unit,
        content=content,
        concluded=concluded,
        feedback_to_center=feedback_to_center,
        replied_at=now,
        replied_by=drafted_by,
        due_date=case.due_date,
        on_time=not deadlines.is_late(now, case.due_date),
    )
    case.replied_at = now
    # A met deadline is a fact: it no longer waits on the calendar of its year.
    case.due_provisional = False
    if case.feedback_at is None and case.feedback_due and case.lead_unit_id == case.host_unit_id:
        # The host unit leads its own referred matter: its reply to the citizen is the feedback (R8).
        case.feedback_at, case.feedback_provisional = now, False
    _save(case, before, actor, TABLE["reply"], note=note or reply.content[:200])
    notices.case_replied(case, actor)
    return reply


@transaction.atomic
def case_rate(*, case: Case, actor, version: int, acceptable: bool | None, reason: str = "") -> Reply:
    """The joint office rates the quality of the latest reply; "not acceptable" needs a reason."""
    case, step = _begin(case, actor, version, "rate")
    if acceptable is None:
        raise ValidationError({"acceptable": [_("Choose acceptable or not acceptable.")]})
    if not acceptable:
        reason = _require_text("reason", reason, _("Give the reason why the reply is not acceptable."))
    reply = case.replies.order_by("-replied_at", "-id").first()
    reply.acceptable, reply.rating_reason, reply.rated_at, reply.rated_by = acceptable, (reason or "").strip(), timezone.now(), actor
    reply.save(update_fields=["acceptable", "rating_reason", "rated_at", "rated_by"])
    _save(case, snapshot(case), actor, step, note=reply.rating_reason, extra={"acceptable": [None, reply.acceptable]})
    return reply


@transaction.atomic
def case_revisit(
    *, case: Case, actor, version: int, reached: bool | None, satisfied: bool | None = None,
    confirms_reply: bool | None = None, note: str = "",
) -> Revisit:
    """回访: the joint office calls the citizen back, on any case."""
    case, step = _begin(case, actor, version, "revisit")
    if reached is None:
        raise ValidationError({"reached": [_("State whether the citizen was reached.")]})
    if reached and (satisfied is None or confirms_reply is None):
        raise ValidationError(
            {"satisfied" if satisfied is None else "confirms_reply": [_("Record what the citizen said when reached.")]}
        )
    if not reached:
        satisfied = confirms_reply = None
    revisit = Revisit.objects.create(
        case=case, reached=reached, satisfied=satisfied, confirms_reply=confirms_reply, note=(note or "").strip(),
        created_at=timezone.now(), created_by=actor,
    )
    _save(
        case, snapshot(case), actor, step, note=revisit.note,
        extra={"revisit": [None, {"reached": reached, "satisfied": satisfied, "confirms_reply": confirms_reply}]},
    )
    notices.revisit_recorded(case, revisit, actor)
    return revisit


@transaction.atomic
def case_close(*, case: Case, actor, version: int) -> Case:
    """The joint office closes a replied (or answered-on-the-spot) case."""
    case, step = _begin(case, actor, version, "close")
    before = snapshot(case)
    case.closed_at = timezone.now()
    return _save(case, before, actor, step)


@transaction.atomic
def case_void(*, case: Case, actor, version: int, reason: str) -> Case:
    """Voiding is only for an entry made in error; the case stays visible to the joint office."""
    case, step = _begin(case, actor, version, "void")
    reason = _require_text("reason", reason, _("Give the reason for voiding this entry."))
    before = snapshot(case)
    case.voided_at, case.void_reason = timezone.now(), reason
    return _save(case, before, actor, step, note=reason)


@transaction.atomic
def case_link(*, case: Case, actor, version: int, repeat_of: Case | None, merge: bool, reason: str) -> Case:
    """重复访: the joint office links a case to an earlier one of the same person; 并案 (`merge`)
    also closes it into that one, keeping the status it had for an unmerge."""
    case, step = _begin(case, actor, version, "link")
    reason = _require_text("reason", reason, _("Give the reason for linking the cases."))
    message = None
    if repeat_of is None:
        message = _("Choose the earlier case of the same person.")
    elif repeat_of.pk == case.pk:
        message = _("A case cannot be linked or merged with itself.")
    elif repeat_of.status == CaseStatus.VOIDED:
        message = _("Case no. %(n)s was voided; choose another.") % {"n": repeat_of.pk}
    elif not same_person_cases(case).filter(pk=repeat_of.pk).exists():
        message = _("Case no. %(n)s is not of the same person.") % {"n": repeat_of.pk}
    elif (repeat_of.registration.registered_at, repeat_of.registration_id) >= (case.registration.registered_at, case.registration_id):
        message = _("Case no. %(n)s was registered after this one; link the later case to the earlier.") % {"n": repeat_of.pk}
    if message:
        raise ValidationError({"repeat_of": [message]})
    before = snapshot(case)
    case.repeat_of = repeat_of
    if merge:
        case.merged_into, case.status_before_merge = repeat_of, case.status
        case.status, case.closed_at = CaseStatus.CLOSED, timezone.now()
    return _save(case, before, actor, step, note=reason)


@transaction.atomic
def case_unmerge(*, case: Case, actor, version: int, reason: str) -> Case:
    """Undo a merge: the case gets back the status it had; it stays a repeat visit of the other."""
    case, step = _begin(case, actor, version, "unmerge")
    reason = _require_text("reason", reason, _("Give the reason for unmerging the case."))
    before = snapshot(case)
    case.status, case.merged_into, case.status_before_merge = case.status_before_merge or CaseStatus.CLOSED, None, ""
    if case.status != CaseStatus.CLOSED:
        case.closed_at = None
    return _save(case, before, actor, step, note=reason)


def case_void_withdrawn(*, case: Case, actor, reason: str) -> Case:
    """The case of a registration its unit withdrew on the day (intake's transition table allowed
    it): voided, and visible to the joint office only, like every voided case."""
    case = Case.objects.select_for_update(of=("self",)).get(pk=case.pk)
    before = snapshot(case)
    case.status, case.voided_at, case.void_reason = CaseStatus.VOIDED, timezone.now(), reason
    case.version += 1
    case.save(update_fields=["status", "voided_at", "void_reason", "version"])
    record(instance=case, actor=actor, action="withdrawn", changes=diff(before, snapshot(case)), note=reason)
    return case


@transaction.atomic
def case_rehandle(*, case: Case, actor, version: int, reason: str) -> Case:
    """重新办理: after a failed revisit or a poor rating the joint office sends the case back to its
    lead unit on a new 7-working-day clock from now; the earlier reply stays, marked superseded."""
    case, step = _begin(case, actor, version, "rehandle")
    reason = _require_text("reason", reason, _("Give the reason for handling the case again."))
    before = snapshot(case)
    now = timezone.now()
    case.replies.filter(superseded_at__isnull=True).update(superseded_at=now)
    due = add_workdays(timezone.localdate(now), REPLY_WORKDAYS)
    case.clock_start, case.due_date, case.due_provisional = timezone.localdate(now), due.date, due.provisional
    case.replied_at = case.closed_at = None
    if case.handling == Handling.ASSIGNED:
        assignment = Assignment.objects.create(
            case=case, lead_unit=case.lead_unit, delivered_at=now, delivered_by=actor, due_date=due.date,
            instructions=reason,
        )
        assignment.assisting_units.set(case.assisting_units.all())
        case.status = CaseStatus.ASSIGNED
    else:
        case.status = CaseStatus.HANDLING
    notices.rehandling_ordered(case, reason, actor)
    return _save(case, before, actor, step, note=reason)


SERVICES = {
    "assign": case_assign,
    "receive": case_receive,
    "reply": case_reply,
    "return": case_return,
    "assist_opinion": case_assist_opinion,
    "feedback": case_feedback,
    "rate": case_rate,
    "revisit": case_revisit,
    "rehandle": case_rehandle,
    "close": case_close,
    "link": case_link,
    "unmerge": case_unmerge,
    "void": case_void,
}
