"""Who must act next after a handling step, told in the step's transaction (notifications.services).
cases/handling.py calls one of these at the end of each step that hands the case to someone."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from accounts.models import Role
from cases.models import Approval, ApprovalStatus, Case, Handling, Revisit
from notifications import texts
from notifications.models import Kind
from notifications.services import UNIT_ROLES, district_text, joint_office_units, notify


def _url(case: Case) -> str:
    return reverse("cases:detail", args=[case.pk])


def _values(case: Case, **extra) -> dict:
    return {"number": case.pk, "category": case.category.name, **extra}


def assignment_delivered(case: Case, actor) -> None:
    """The lead unit and each assisting unit (their clerks and leaders)."""
    due = case.due_date.isoformat() if case.due_date else "—"
    notify(
        units=[case.lead_unit], roles=UNIT_ROLES, kind=Kind.ASSIGNED, url=_url(case), exclude=actor,
        text=district_text(texts.ASSIGNED, **_values(case, due=due)),
    )
    assisting = list(case.assisting_units.all())
    if assisting:
        notify(
            units=assisting, roles=UNIT_ROLES, kind=Kind.ASSIGNED, url=_url(case), exclude=actor,
            text=district_text(texts.ASSISTING, **_values(case, due=due)),
        )


def rehandling_ordered(case: Case, reason: str, actor) -> None:
    """The lead unit handles the case again, on a new clock."""
    notify(
        units=[case.lead_unit], roles=UNIT_ROLES, kind=Kind.REHANDLE, url=_url(case), exclude=actor,
        text=district_text(texts.REHANDLE, **_values(case, due=case.due_date.isoformat(), reason=reason[:60])),
    )


def case_returned(case: Case, actor) -> None:
    """The joint office, which assigns it again."""
    notify(
        units=joint_office_units(), roles=[Role.SUPERVISOR], kind=Kind.RETURNED, url=_url(case), exclude=actor,
        text=district_text(texts.RETURNED, **_values(case, unit=actor.unit.name if actor.unit else "")),
    )


def case_replied(case: Case, actor) -> None:
    """The joint office (it rates, revisits and closes); for a referred case also the registering
    unit, which owes the citizen feedback, unless it led the case itself."""
    text = district_text(texts.REPLIED, **_values(case, unit=case.lead_unit.name if case.lead_unit else case.host_unit.name))
    notify(units=joint_office_units(), roles=[Role.SUPERVISOR], kind=Kind.REPLIED, text=text, url=_url(case), exclude=actor)
    if case.handling == Handling.ASSIGNED and case.lead_unit_id != case.host_unit_id:
        notify(units=[case.host_unit], roles=UNIT_ROLES, kind=Kind.REPLIED, text=text, url=_url(case), exclude=actor)


def revisit_recorded(case: Case, revisit: Revisit, actor) -> None:
    """A failed revisit (not reached, not satisfied, or contradicting the reply) goes to the joint office."""
    if not revisit.reached:
        message = texts.REVISIT_NOT_REACHED
    elif revisit.confirms_reply is False:
        message = texts.REVISIT_CONTRADICTS
    elif revisit.satisfied is False:
        message = texts.REVISIT_UNSATISFIED
    else:
        return
    notify(
        units=joint_office_units(), roles=[Role.SUPERVISOR], kind=Kind.REVISIT_FAILED, url=_url(case), exclude=actor,
        text=district_text(message, **_values(case)),
    )


def _approval_values(approval: Approval) -> dict:
    """In the district's language, like the text they fill."""
    with translation.override(settings.LANGUAGE_CODE):
        return {"kind": str(approval.get_kind_display()), "subject": _approval_subject(approval)}


def _approval_subject(approval: Approval) -> str:
    if approval.case_id:
        subject = _("case #%(number)s (%(category)s)") % _values(approval.case)
    else:
        subject = _("the Work Day of %(unit)s on %(date)s") % {
            "unit": approval.workday.host_unit.name, "date": approval.workday.date.isoformat(),
        }
    return subject


def _approval_url(approval: Approval) -> str:
    if approval.case_id:
        return _url(approval.case)
    return reverse("workdays:detail", args=[approval.workday_id])


def signoff_requested(approval: Approval, actor) -> None:
    """The unit leaders of the drafting unit: a draft waits for their sign-off."""
    notify(
        units=[approval.unit], roles=[Role.UNIT_LEADER], kind=Kind.SIGNOFF_REQUESTED, url=_approval_url(approval),
        exclude=actor, text=district_text(texts.SIGNOFF_REQUESTED, **_approval_values(approval)),
    )


def signoff_decided(approval: Approval, actor) -> None:
    """The drafting unit (its clerks and leaders): the draft went out, or came back with a reason."""
    if approval.status == ApprovalStatus.APPROVED:
        text = district_text(texts.SIGNOFF_APPROVED, **_approval_values(approval))
    else:
        text = district_text(texts.SIGNOFF_SENT_BACK, **_approval_values(approval), reason=approval.reason[:60])
    notify(
        units=[approval.unit], roles=UNIT_ROLES, kind=Kind.SIGNOFF_DECIDED, url=_approval_url(approval),
        exclude=actor, text=text,
    )
