"""The transition table of a case (R7–R10): who may take each step, from which statuses, under which
guard, to which status, and what the history records. cases/handling.py checks it before every
change; the case page offers exactly `TABLE.available(case, user)`; the API routes and the page's
action URLs are generated from it (docs/adr/0008)."""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accounts.access import can_write_for_unit, is_supervisor
from cases import inputs
from cases.models import Case, CaseStatus, Handling
from cases.selectors import earlier_cases_of_person
from lifecycle import Table, Transition, states

S = CaseStatus
NOT_VOIDED = states(*(s for s in S if s != S.VOIDED))


def _acts_for(user, unit_id: int | None) -> bool:
    """The user works in that unit and may write for it."""
    return unit_id is not None and user.unit_id == unit_id and can_write_for_unit(user, user.unit)


def supervisor(user, case: Case) -> bool:
    return is_supervisor(user)


def lead(user, case: Case) -> bool:
    """The lead unit's own staff (the joint office assigns; it handles only what it leads itself)."""
    return _acts_for(user, case.lead_unit_id)


def host(user, case: Case) -> bool:
    """The unit whose Work Day registered the matter: it owes the citizen feedback (R8)."""
    return _acts_for(user, case.host_unit_id)


def assisting(user, case: Case) -> bool:
    return user.unit_id is not None and _acts_for(user, user.unit_id) and any(
        u.pk == user.unit_id for u in case.assisting_units.all()
    )


def _refusal(message):
    """The message for a status the step does not start from; a voided case says so."""
    return lambda case: _("This case was voided.") if case.status == S.VOIDED else message


def _unsigned(case: Case) -> str | None:
    assignment = case.current_assignment
    if assignment is not None and assignment.received_at is not None:
        return _("This assignment was already signed for.")
    return None


def _referred(case: Case) -> str | None:
    if case.handling != Handling.ASSIGNED:
        return _("Feedback is recorded for matters referred to the joint office; reply to self-handled cases instead.")
    return None


def _linkable(case: Case) -> str | None:
    if case.merged_into_id:
        return _("This case is merged into case no. %(n)s; unmerge it first.") % {"n": case.merged_into_id}
    if not earlier_cases_of_person(case).exists():
        return _("This person has no earlier case to link to.")
    return None


def _reply_draft_waits(case: Case) -> str | None:
    """With sign-off (docs/adr/0011), the unit leader decides a drafted reply before the case is voided
    or merged: the draft never outlives its case's status."""
    if case.status == S.AWAITING_SIGNOFF:
        return _("A drafted reply awaits the unit leader's sign-off; it is approved or sent back first.")
    return None


def _linkable_now(case: Case) -> str | None:
    return _reply_draft_waits(case) or _linkable(case)


def _merged(case: Case) -> str | None:
    return None if case.merged_into_id else _("Only a merged case can be unmerged.")


def _has_reply(case: Case) -> str | None:
    return None if case.replies.exists() else _("There is no reply to rate yet.")


def _found_wanting(case: Case) -> str | None:
    """Re-handling follows a revisit that found the citizen unsatisfied or contradicting the latest
    reply, or a rating of that reply as not acceptable."""
    reply = case.replies.filter(superseded_at__isnull=True).order_by("-replied_at", "-id").first()
    if reply is not None and (
        reply.acceptable is False
        or case.revisits.filter(created_at__gte=reply.replied_at).filter(Q(satisfied=False) | Q(confirms_reply=False)).exists()
    ):
        return None
    return _("Re-handling is ordered after a revisit finds the citizen unsatisfied or contradicting the reply, "
             "or after the reply is rated not acceptable.")


TABLE = Table(
    [
        Transition(
            "assign", states(S.AWAITING_ASSIGNMENT), S.ASSIGNED, supervisor, "assigned",
            _refusal(_("Only a case awaiting assignment can be assigned.")), input=inputs.AssignIn,
        ),
        Transition(
            "receive", states(S.ASSIGNED), None, lead, "received",
            _refusal(_("Only an assigned case can be signed for.")), guard=_unsigned, input=inputs.ReceiveIn,
        ),
        Transition(
            "reply", states(S.HANDLING, S.ASSIGNED), S.REPLIED, lead, "replied",
            _refusal(_("Only a case being handled can be replied to.")), input=inputs.ReplyIn,
        ),
        Transition(
            "return", states(S.ASSIGNED), S.AWAITING_ASSIGNMENT, lead, "returned",
            _refusal(_("Only an assigned case can be returned.")), input=inputs.ReasonIn,
        ),
        Transition(
            "assist_opinion", states(S.ASSIGNED), None, assisting, "assist_opinion",
            _refusal(_("Assisting opinions are recorded while the case is being handled.")), input=inputs.ContentIn,
        ),
        Transition(
            "feedback", NOT_VOIDED - {S.CLOSED}, None, host, "feedback_given",
            _refusal(_("The case is closed.")), guard=_referred, input=inputs.ContentIn,
        ),
        Transition(
            "rate", states(S.REPLIED, S.CLOSED), None, supervisor, "rated",
            _refusal(_("There is no reply to rate yet.")), guard=_has_reply, input=inputs.RateIn,
        ),
        Transition(
            "revisit", NOT_VOIDED, None, supervisor, "revisited", _refusal(""), input=inputs.RevisitIn,
        ),
        Transition(
            "rehandle", states(S.REPLIED, S.CLOSED), None, supervisor, "rehandled",
            _refusal(_("Only a replied or closed case can be handled again.")), guard=_found_wanting,
            input=inputs.ReasonIn,
        ),
        Transition(
            "close", states(S.REPLIED, S.ANSWERED), S.CLOSED, supervisor, "closed",
            _refusal(_("Only a replied case can be closed.")), input=inputs.VersionIn,
        ),
        Transition(
            "link", NOT_VOIDED, None, supervisor, "linked", _refusal(""), guard=_linkable_now, input=inputs.LinkIn,
        ),
        Transition(
            "unmerge", states(S.CLOSED), None, supervisor, "unmerged",
            _refusal(_("Only a merged case can be unmerged.")), guard=_merged, input=inputs.ReasonIn,
        ),
        Transition(
            "void", NOT_VOIDED - {S.CLOSED}, S.VOIDED, supervisor, "voided",
            lambda case: _("A closed or voided case cannot be voided."), guard=_reply_draft_waits, input=inputs.ReasonIn,
        ),
    ]
)
