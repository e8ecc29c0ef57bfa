"""The transition table of a Work Day (R4–R6, R12): who may take each step, from which statuses,
under which guard, to which status, and what the history records. workdays/services.py checks it
before every change; the day's page shows each step enabled or with the table's reason; the API
answers with the same refusals (docs/adr/0008)."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.access import can_write_for_unit, is_supervisor
from lifecycle import Table, Transition, states
from units.models import UnitKind
from workdays.models import CALLED_OFF, Status, WorkDay

S = Status
OPEN = states(*(s for s in S if s not in (S.ARCHIVED, *CALLED_OFF)))
BEFORE_HELD = states(S.PLANNED, S.NOTICE_PUBLISHED)
# What is kept beside the day (R13 records, the screening's progress) is written, before and after
# the day, until it is archived; a day that will not take place takes no more records.
RECORDING = OPEN


def host_writer(user, workday: WorkDay) -> bool:
    """The host unit's clerks, and the joint office for any unit."""
    return can_write_for_unit(user, workday.host_unit)


def supervisor(user, workday: WorkDay) -> bool:
    return is_supervisor(user)


def _refusal(message):
    """The message for a status the step does not start from; voided, cancelled and archived days say so."""

    def refusal(workday: WorkDay):
        if workday.status == S.VOIDED:
            return _("This Work Day was voided.")
        if workday.status == S.CANCELLED:
            return _("This Work Day was cancelled.")
        if workday.status == S.ARCHIVED:
            return _("This Work Day is archived.")
        return message(workday) if callable(message) else message

    return refusal


def _cancelled(workday: WorkDay) -> str:
    return _("This Work Day was cancelled.") if workday.status == S.CANCELLED else ""


def _until(statuses, early_message, late_message):
    """One message while the day is in `statuses` (the step comes later), another once it is past."""
    return lambda workday: early_message if workday.status in statuses else late_message


def _day_started(workday: WorkDay) -> str | None:
    if timezone.localdate() < workday.date:
        return _("The Work Day is on %(date)s; entries are accepted from that day on.") % {"date": workday.date}
    return None


def _before_the_day(workday: WorkDay) -> str | None:
    """The plan is edited before the day; on the day or after it, the day is postponed or cancelled."""
    if timezone.localdate() >= workday.date:
        return _(
            "The Work Day was on %(date)s: its plan can no longer be changed. Postpone or cancel it instead."
        ) % {"date": workday.date}
    return None


def _report_unforwarded(workday: WorkDay) -> str | None:
    if workday.host_unit.kind == UnitKind.JOINT_OFFICE:
        return _("A joint-office day's report is received by the joint office itself when it is submitted.")
    report = getattr(workday, "report", None)
    if report is None:
        return _("No report has been submitted for this day.")
    return _("The report was already forwarded.") if report.forwarded_at else None


def _no_draft_waiting(kind: str):
    """With sign-off (docs/adr/0011), a step whose draft waits for the unit leader is not drafted again."""

    def guard(workday: WorkDay) -> str | None:
        if workday.pk and workday.approvals.filter(kind=kind, status="pending").exists():
            return _("A draft of this step is awaiting sign-off.")
        return None

    return guard


def _answers_closed(workday: WorkDay) -> str:
    if workday.status == S.CANCELLED:
        return _("This Work Day was cancelled.")
    return _("Answers to invitations are recorded before the day is held.")


# `held` is entered by the first sign-in or registration on or after the date: those steps keep
# the status when the day is already held, so their target is set by the service.
TABLE = Table(
    [
        Transition(
            "edit", BEFORE_HELD, None, host_writer, "plan_edited",
            _refusal(_("The plan can only be changed before the day is held.")), guard=_before_the_day,
        ),
        Transition("inform", OPEN, None, host_writer, "leader_informed", _refusal("")),
        # An invited leader's answer is recorded before the day and may be corrected until it is held.
        Transition(
            "invitation", states(S.PLANNED, S.NOTICE_PUBLISHED), None, host_writer, "invitation_answered",
            _refusal(_answers_closed),
        ),
        Transition("screening", OPEN, None, host_writer, "screening_added", _refusal("")),
        Transition("screening_update", RECORDING, None, host_writer, "screening_updated", _refusal(_cancelled)),
        Transition("activity", RECORDING, None, host_writer, "activity_recorded", _refusal(_cancelled)),
        Transition("relief_follow_up", RECORDING, None, host_writer, "relief_followed_up", _refusal(_cancelled)),
        Transition(
            "notice", states(S.PLANNED), S.NOTICE_PUBLISHED, host_writer, "notice_published",
            _refusal(_("The notice can only be published while the day is planned.")),
        ),
        Transition("sign_in", OPEN, None, host_writer, "signed_in", _refusal(""), guard=_day_started),
        Transition("briefing", OPEN, None, host_writer, "briefing_recorded", _refusal(""), guard=_day_started),
        Transition("register", OPEN, None, host_writer, "registered", _refusal(""), guard=_day_started),
        Transition(
            "report", states(S.HELD), S.REPORTED, host_writer, "report_submitted",
            _refusal(
                _until(
                    (S.PLANNED, S.NOTICE_PUBLISHED),
                    _("The day has not been held yet: there is nothing to report."),
                    _("The report was already submitted."),
                )
            ),
            guard=_no_draft_waiting("report"),
        ),
        # 分析研判: written once the day is held, until it is archived; the report may go before it.
        Transition(
            "analysis", states(S.HELD, S.REPORTED, S.RESULTS_PUBLISHED), None, host_writer, "analysis_recorded",
            _refusal(_("The day has not been held yet: there is nothing to analyse.")),
        ),
        Transition(
            "forward", states(S.REPORTED, S.RESULTS_PUBLISHED, S.ARCHIVED), None, supervisor, "report_forwarded",
            lambda workday: _("No report has been submitted for this day."), guard=_report_unforwarded,
        ),
        Transition(
            "results", states(S.REPORTED), S.RESULTS_PUBLISHED, host_writer, "results_published",
            _refusal(
                _until(
                    (S.PLANNED, S.NOTICE_PUBLISHED, S.HELD),
                    _("Submit the report to the joint office before publishing the results."),
                    _("The results were already published."),
                )
            ),
            guard=_no_draft_waiting("results"),
        ),
        Transition(
            "archive", states(S.RESULTS_PUBLISHED), S.ARCHIVED, host_writer, "archived",
            _refusal(_("A day is archived after its results are published.")),
        ),
        Transition(
            "postpone", BEFORE_HELD, None, host_writer, "postponed",
            _refusal(_("A day that has been held cannot be postponed.")),
        ),
        Transition(
            "cancel", BEFORE_HELD, S.CANCELLED, host_writer, "cancelled",
            _refusal(_("A day that has been held cannot be cancelled: its registrations and cases stand.")),
        ),
        Transition(
            "void", BEFORE_HELD, S.VOIDED, host_writer, "voided",
            _refusal(_("A day that has been held cannot be voided: its registrations and cases stand.")),
        ),
    ]
)
