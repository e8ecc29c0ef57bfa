"""What a Work Day's unit did beyond the reception (R13): visits (分片走访, 重点下访, 主动约访 and the
other activity forms of the reference list), research findings (调查研究) and relief actions (帮扶救助)
with their follow-up. Each record goes through the day's transition table ("activity",
"relief_follow_up") like every other change of the day.

A record is dated within the day's period: the R1 frequency period of the host unit (a quarter or a
half-year, units.FrequencyRule; the calendar quarter where no rule applies) that contains the day,
and never after today. Visits made before the day count for it, as long as they fall in its period.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from history.services import record
from units.models import FrequencyRule, ListItem, ListKind
from workcal import periods
from workcal.periods import Period
from workdays.models import Activity, WorkDay
from workdays.services import begin_step

# The reference list each kind's subject comes from.
SUBJECT_LISTS = {
    Activity.Kind.VISIT: ListKind.ACTIVITY_FORM,
    Activity.Kind.RESEARCH: ListKind.RESEARCH_TOPIC,
    Activity.Kind.RELIEF: ListKind.RELIEF_AREA,
}
# A follow-up further away than this is a typo more often than a plan.
FOLLOW_UP_HORIZON_DAYS = 366


def day_period(workday: WorkDay) -> Period:
    """The R1 period of the host unit that contains the day (a rule for key departments only wins
    over the general one for a key department); the calendar quarter where no rule applies."""
    unit = workday.host_unit
    rules = sorted(FrequencyRule.objects.filter(unit_kind=unit.kind), key=lambda r: not r.key_departments_only)
    rule = next((r for r in rules if r.applies_to(unit)), None)
    return periods.of_date(workday.date, rule.period if rule else periods.QUARTER)


def allowed_dates(workday: WorkDay) -> tuple[Period, datetime.date, datetime.date]:
    """The day's period and the dates a record may carry: from its start to its end or today,
    whichever comes first (the range is empty while the period has not begun)."""
    period = day_period(workday)
    return period, period.start, min(period.end, timezone.localdate())


def _date_error(workday: WorkDay, done_on: datetime.date | None) -> str | None:
    if done_on is None:
        return _("This field is required.")
    period, start, end = allowed_dates(workday)
    if start <= done_on <= end:
        return None
    if end < start:
        return _("This Work Day's period (%(period)s) begins on %(start)s: records can be dated from then on.") % {
            "period": periods.label(period), "start": start,
        }
    return _("Enter a date in this Work Day's period (%(period)s), from %(start)s to %(end)s, not after today.") % {
        "period": periods.label(period), "start": start, "end": end,
    }


def _subject_error(kind: str, subject: str) -> str | None:
    names = list(ListItem.objects.filter(kind=SUBJECT_LISTS[kind]).values_list("name", flat=True))
    if not subject:
        return _("Choose one from the list.")
    if subject not in names:
        return _("“%(value)s” is not in the list. Choose one of: %(items)s.") % {"value": subject[:100], "items": "、".join(names)}
    return None


def _required(errors: dict, **fields: str) -> None:
    for field, value in fields.items():
        if not value:
            errors[field] = [_("This field is required.")]


@transaction.atomic
def activity_add(
    *,
    workday: WorkDay,
    actor,
    kind: str,
    subject: str,
    done_on: datetime.date | None,
    target: str = "",
    people: str = "",
    found: str = "",
    done: str = "",
    follow_up_on: datetime.date | None = None,
) -> Activity:
    """Record a visit, a research finding or a relief action of the day (R13).

    A visit names its form, the household or target and who went, and what was found or done; a
    research finding names its topic and the findings (`found`), with suggestions in `done`; a
    relief action names its area, who was helped, what was done and when it is followed up."""
    workday, step = begin_step(workday, actor, "activity")
    if kind not in SUBJECT_LISTS:
        raise ValidationError({"kind": [_("Unknown kind of record.")]})
    subject, target, people = (subject or "").strip(), (target or "").strip(), (people or "").strip()
    found, done = (found or "").strip(), (done or "").strip()
    errors: dict[str, list[str]] = {}
    for field, message in (("subject", _subject_error(kind, subject)), ("done_on", _date_error(workday, done_on))):
        if message:
            errors[field] = [message]
    if kind == Activity.Kind.VISIT:
        _required(errors, target=target, people=people)
        if not (found or done):
            errors["found"] = [_("Write what was found or what was done.")]
    elif kind == Activity.Kind.RESEARCH:
        _required(errors, found=found)
    else:
        _required(errors, target=target, done=done)
        if follow_up_on is None:
            errors["follow_up_on"] = [_("A relief action needs a follow-up date.")]
        elif done_on is not None and follow_up_on < done_on:
            errors["follow_up_on"] = [_("The follow-up date cannot be before the date of the action.")]
        elif done_on is not None and follow_up_on > done_on + datetime.timedelta(days=FOLLOW_UP_HORIZON_DAYS):
            errors["follow_up_on"] = [_("Set the follow-up within a year of the action.")]
    if errors:
        raise ValidationError(errors)
    fields = {"kind": kind, "subject": subject, "target": target, "people": people, "done_on": done_on, "found": found, "done": done}
    same = workday.activities.filter(**fields).first()
    if same is not None:
        return same  # a double submit (the day is locked, so the second one finds the first)
    activity = Activity.objects.create(
        workday=workday,
        **fields,
        follow_up_on=follow_up_on if kind == Activity.Kind.RELIEF else None,
        recorded_at=timezone.now(),
        recorded_by=actor,
    )
    record(instance=workday, actor=actor, action=step.action, changes={"activities": [None, describe(activity)]})
    return activity


def describe(activity: Activity) -> str:
    """One line for the history: 走访：分片走访 玉皇村3组 (2026-12-01)."""
    what = " ".join(part for part in (activity.subject, activity.target[:50]) if part)
    return f"{activity.get_kind_display()}：{what}（{activity.done_on:%Y-%m-%d}）"


@transaction.atomic
def activity_update_outcome(*, activity: Activity, actor, outcome: str) -> Activity:
    """The follow-up of a relief action: its outcome, written (and rewritten) as it becomes known."""
    workday, step = begin_step(activity.workday, actor, "relief_follow_up")
    activity = Activity.objects.select_for_update().get(pk=activity.pk, workday=workday)
    if activity.kind != Activity.Kind.RELIEF:
        raise ValidationError({"outcome": [_("Only a relief action has a follow-up outcome.")]})
    outcome = (outcome or "").strip()
    if not outcome:
        raise ValidationError({"outcome": [_("Write the outcome of the follow-up.")]})
    if outcome != activity.outcome:
        before = activity.outcome or None
        activity.outcome = outcome
        activity.save(update_fields=["outcome"])
        record(
            instance=workday, actor=actor, action=step.action,
            changes={"relief_outcome": [before, outcome]}, note=describe(activity),
        )
    return activity
