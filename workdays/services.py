"""Every change to a Work Day and what it owns. Each service locks the day, asks its transition table
(workdays/transitions.py), writes the change and the history entry the table names in one transaction.
Views and the API call these; nothing else writes.

Statuses: planned → notice_published → held → reported → results_published → archived; a day planned
in error is voided before it is held; a day that will not take place is cancelled before it is held.
Before the day the plan is edited (naming the version it started from) or postponed.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.http import Http404
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.access import can_write_for_unit
from cases.approvals import request_signoff, signoff_required
from cases.models import Approval, ApprovalKind
from cases.publication import default_summary, published_cases
from history.services import record, snapshot
from intake.privacy import check_public_text, petitioners_before, petitioners_of_workday, require_public_texts
from intake.validators import validate_phone
from lifecycle import StaleVersion, Transition, TransitionError
from lifecycle.inputs import resolve_many
from units.models import DistrictLeader, ListItem, ListKind, Unit, UnitKind
from workdays.analysis import open_cases, report_figures
from workdays.attendance import official_entry
from workdays.models import Invitation, NoticeChange, Report, ScreeningItem, SignIn, Status, WorkDay
from workdays.transitions import TABLE

PLANNING_HORIZON_DAYS = 731


def _require_writer(actor, workday_or_unit) -> None:
    unit = workday_or_unit.host_unit if isinstance(workday_or_unit, WorkDay) else workday_or_unit
    if not can_write_for_unit(actor, unit):
        raise PermissionDenied


def _locked(workday: WorkDay) -> WorkDay:
    """Re-read the Work Day with a row lock, so concurrent clerks serialise on its status."""
    return WorkDay.objects.select_for_update().select_related("host_unit").get(pk=workday.pk)


def bump_version(workday: WorkDay) -> None:
    """Every change to a day counts up its version (an edit of the plan names the version it started
    from). Called inside the change's transaction, so a refused change leaves it as it was."""
    WorkDay.objects.filter(pk=workday.pk).update(version=F("version") + 1)
    workday.version += 1


def begin_step(workday: WorkDay, actor, name: str) -> tuple[WorkDay, Transition]:
    """Lock the day, then ask its transition table: 403 for a user the step is not for, 409 when
    the day's status or the step's guard refuses it. The day's version counts the change."""
    workday = _locked(workday)
    step = TABLE.check(workday, actor, name)
    bump_version(workday)
    return workday, step


def _clean_list(values: Iterable[str] | None) -> list[str]:
    return [v.strip() for v in (values or []) if v and v.strip()]


def _check_reference_list(field: str, kind: str, values: list[str]) -> None:
    known = set(ListItem.objects.filter(kind=kind).values_list("name", flat=True))
    unknown = [v for v in values if v not in known]
    if unknown:
        raise ValidationError({field: [_("Not in the reference list: %(items)s") % {"items": "、".join(unknown)}]})


# --- Plan (R1–R3, R13) --------------------------------------------------------------------------

LIST_KINDS = {
    "activity_forms": ListKind.ACTIVITY_FORM,
    "visit_targets": ListKind.VISIT_TARGET,
    "research_topics": ListKind.RESEARCH_TOPIC,
    "relief_areas": ListKind.RELIEF_AREA,
}
# The plan's own fields (beside the host unit and the invited leaders and departments).
PLAN_FIELDS = (
    "date", "start_time", "end_time", "place", "extension_sites", "leader", "leading_district_leader",
    "participants", "agenda", "procedure", "contact_person", "contact_phone", *LIST_KINDS,
)
# What the public notice announces: a change of these after publication is a change notice (变更公告).
NOTICE_FACTS = ("date", "start_time", "end_time", "place", "extension_sites")


def _validated_plan(
    *,
    host_unit: Unit,
    date: datetime.date,
    start_time: datetime.time,
    end_time: datetime.time,
    place: str,
    leader: str,
    agenda: str,
    procedure: str = "",
    extension_sites: list[str] | None = None,
    participants: list[str] | None = None,
    invited_leaders: Iterable[DistrictLeader] = (),
    liaison_departments: Iterable[Unit] = (),
    leading_district_leader: DistrictLeader | None = None,
    contact_person: str = "",
    contact_phone: str = "",
    activity_forms: list[str] | None = None,
    visit_targets: list[str] | None = None,
    research_topics: list[str] | None = None,
    relief_areas: list[str] | None = None,
) -> tuple[dict, list[DistrictLeader], list[Unit]]:
    """The rules of a plan, for planning it and for every later edit: its fields cleaned (by model
    field name), the invited leaders and the liaison departments; else one ValidationError naming
    each field."""
    errors: dict[str, list[str]] = {}
    if host_unit.kind in (UnitKind.DISTRICT, UnitKind.VILLAGE, UnitKind.COMMUNITY):
        errors["host_unit_id"] = [_("Work Days are held by the joint office, towns, streets and departments.")]
    if date < timezone.localdate():
        errors["date"] = [_("The date is in the past. Plan a day from today on.")]
    elif date > timezone.localdate() + datetime.timedelta(days=PLANNING_HORIZON_DAYS):
        errors["date"] = [_("Plan at most two years ahead.")]
    if end_time <= start_time:
        errors["end_time"] = [_("The end time must be after the start time.")]
    for field, value in (("place", place), ("leader", leader), ("agenda", agenda)):
        if not (value or "").strip():
            errors[field] = [_("This field is required.")]
    if host_unit.kind == UnitKind.JOINT_OFFICE and leading_district_leader is None:
        errors["leading_district_leader_id"] = [_("A joint-office Work Day is led by a district leader.")]
    contact_phone = (contact_phone or "").strip()
    if contact_phone:
        try:
            validate_phone(contact_phone)
        except ValidationError as exc:
            errors["contact_phone"] = exc.messages
    invited_leaders, liaison_departments = list(invited_leaders), list(liaison_departments)
    twice = sorted({leader.name for leader in invited_leaders if invited_leaders.count(leader) > 1})
    if twice:
        errors["invited_leader_ids"] = [_("Each leader is invited once; listed twice: %(names)s") % {"names": "、".join(twice)}]
    if errors:
        raise ValidationError(errors)
    lists = {
        "activity_forms": _clean_list(activity_forms),
        "visit_targets": _clean_list(visit_targets),
        "research_topics": _clean_list(research_topics),
        "relief_areas": _clean_list(relief_areas),
    }
    for field, kind in LIST_KINDS.items():
        _check_reference_list(field, kind, lists[field])
    fields = {
        "date": date,
        "start_time": start_time,
        "end_time": end_time,
        "place": place.strip(),
        "extension_sites": _clean_list(extension_sites),
        "leader": leader.strip(),
        "leading_district_leader": leading_district_leader,
        "participants": _clean_list(participants),
        "agenda": agenda.strip(),
        "procedure": (procedure or "").strip(),
        "contact_person": (contact_person or "").strip(),
        "contact_phone": contact_phone,
        **lists,
    }
    return fields, list(dict.fromkeys(invited_leaders)), list(dict.fromkeys(liaison_departments))


@transaction.atomic
def workday_plan(*, actor, host_unit: Unit | None, **plan) -> WorkDay:
    """A new Work Day of `host_unit`; `plan` as `_validated_plan` takes it."""
    if host_unit is None:
        raise ValidationError({"host_unit_id": [_("This field is required.")]})
    _require_writer(actor, host_unit)
    fields, invited_leaders, liaison_departments = _validated_plan(host_unit=host_unit, **plan)
    workday = WorkDay.objects.create(host_unit=host_unit, created_by=actor, **fields)
    Invitation.objects.bulk_create(Invitation(workday=workday, leader=leader) for leader in invited_leaders)
    workday.liaison_departments.set(liaison_departments)
    changes = {k: [None, v] for k, v in snapshot(workday).items() if v not in (None, "", [])}
    changes["invited_leaders"] = [None, [leader.name for leader in invited_leaders]]
    changes["liaison_departments"] = [None, [u.name for u in liaison_departments]]
    record(instance=workday, actor=actor, action="planned", changes=changes)
    return workday


def _plain(value):
    """A plan value as the history and the change notices store it: dates as YYYY-MM-DD, times as HH:MM."""
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, datetime.time):
        return value.strftime("%H:%M")
    return value


def _plan_record(workday: WorkDay) -> dict:
    """The plan as the history and the change notices record it (JSON values; people by name)."""
    values = {f: _plain(getattr(workday, f)) for f in PLAN_FIELDS if f != "leading_district_leader"}
    lead = workday.leading_district_leader
    values["leading_district_leader"] = str(lead) if lead else None
    values["invited_leaders"] = [i.leader.name for i in workday.invitations.select_related("leader")]
    values["liaison_departments"] = [u.name for u in workday.liaison_departments.order_by("order", "id")]
    return values


def _plan_arguments(workday: WorkDay) -> dict:
    """The plan as it stands, as `_validated_plan` takes it."""
    return {
        **{f: getattr(workday, f) for f in PLAN_FIELDS},
        "invited_leaders": [i.leader for i in workday.invitations.select_related("leader")],
        "liaison_departments": list(workday.liaison_departments.all()),
    }


def _require_version(workday: WorkDay, version: int) -> None:
    if version != workday.version:
        raise StaleVersion(
            _("The plan was changed by someone else meanwhile (version %(now)s, you edited %(yours)s); reload it and make your changes again.")
            % {"now": workday.version, "yours": version}
        )


@transaction.atomic
def workday_edit(*, workday: WorkDay, actor, version: int, **changes) -> WorkDay:
    """The host unit changes its plan before the day (any field of the plan but the host unit).
    `version` is the one the editor started from: a stale one is refused (409) and changes nothing.
    Every changed field goes into one history entry. After the notice was published, a new date,
    time or place publishes a change notice (变更公告) beside the notice; the notice for a new date
    counts as published at the change, so the notice window is checked again for it (see
    `rules.notice_on_time_for`)."""
    workday = _locked(workday)
    step = TABLE.check(workday, actor, "edit")
    _require_version(workday, version)
    unknown = set(changes) - {*PLAN_FIELDS, "invited_leaders", "liaison_departments"}
    if unknown:
        raise TypeError(f"not a plan field: {sorted(unknown)}")
    fields, invited_leaders, liaison_departments = _validated_plan(
        host_unit=workday.host_unit, **(_plan_arguments(workday) | changes)
    )
    before = _plan_record(workday)
    published = workday.notice_published_at is not None
    texts_before = notice_texts(workday)
    for field, value in fields.items():
        setattr(workday, field, value)
    if published:
        texts = notice_texts(workday)
        require_public_texts({k: v for k, v in texts.items() if v != texts_before[k]}, petitioners_before(workday))
    _set_invitations(workday, invited_leaders)
    workday.liaison_departments.set(liaison_departments)
    after = _plan_record(workday)
    changed = {k: [before[k], after[k]] for k in after if before[k] != after[k]}
    if not changed:
        return workday
    bump_version(workday)
    facts = {k: v for k, v in changed.items() if k in NOTICE_FACTS}
    if published and facts:
        _publish_change(workday, actor, NoticeChange.Kind.CHANGED, facts, changed)
    workday.save()
    record(instance=workday, actor=actor, action=step.action, changes=changed)
    return workday


def _publish_change(workday: WorkDay, actor, kind: str, facts: dict, changed: dict, reason: str = "") -> NoticeChange:
    """A change notice beside the published notice. A new date is announced by it: the notice for
    that date counts as published now (`changed` records it for the history)."""
    now = timezone.now()
    if "date" in facts and workday.notice_published_at is not None:
        changed["notice_published_at"] = [_plain(workday.notice_published_at), _plain(now)]
        workday.notice_published_at = now
    return NoticeChange.objects.create(
        workday=workday, kind=kind, reason=reason, changes=facts, published_at=now, published_by=actor
    )


def _set_invitations(workday: WorkDay, leaders: list[DistrictLeader]) -> None:
    """The invited leaders become `leaders`: a leader still invited keeps their invitation and its
    answer, a new one starts with no answer, one no longer invited loses theirs."""
    wanted = {leader.pk for leader in leaders}
    workday.invitations.exclude(leader_id__in=wanted).delete()
    kept = set(workday.invitations.values_list("leader_id", flat=True))
    Invitation.objects.bulk_create(Invitation(workday=workday, leader=leader) for leader in leaders if leader.pk not in kept)
@transaction.atomic
def invitation_answer(*, workday: WorkDay, actor, leader_id: int, answer: str) -> Invitation:
    """Record or change an invited district leader's answer (accepted, declined, no answer yet). A
    leader who is not invited to the day is not found (404)."""
    workday, step = begin_step(workday, actor, "invitation")
    invitation = Invitation.objects.select_related("leader").filter(workday=workday, leader_id=leader_id).first()
    if invitation is None:
        raise Http404
    if answer not in Invitation.Answer.values:
        raise ValidationError({"answer": [_("Choose accepted, declined or no answer yet.")]})
    if invitation.answer == answer:
        return invitation
    name, before = invitation.leader.name, Invitation.Answer(invitation.answer).label
    invitation.answer = answer
    invitation.answered_at = None if answer == Invitation.Answer.NO_ANSWER else timezone.now()
    invitation.save(update_fields=["answer", "answered_at"])
    # The history keeps the labels in the district's language, whatever the clerk's page is in.
    with translation.override(settings.LANGUAGE_CODE):
        change = [f"{name}：{before}", f"{name}：{Invitation.Answer(answer).label}"]
    record(instance=workday, actor=actor, action=step.action, changes={"invitation_answers": change})
    return invitation


def proposed_participants(host_unit: Unit) -> list[str]:
    """R3: who takes part (a starting point the clerk edits): the host unit's leadership entered in the
    admin, principal leader first, written 姓名（职务）; without any, the role words of its kind."""
    officials = list(host_unit.officials.all())  # ordered: principal first
    if officials:
        return [official_entry(o) for o in officials]
    if host_unit.kind == UnitKind.JOINT_OFFICE:
        return [_("District petition office"), _("Heads of the key petition departments")]
    return [_("Principal leader"), _("Leadership team"), _("Heads of the second-level bodies")]


def proposed_invitees(host_unit: Unit) -> list[DistrictLeader]:
    """R3: the district leaders who liaise with the town or oversee the department."""
    return list(
        DistrictLeader.objects.filter(pk__in=host_unit.liaison_leaders.values("pk"))
        | DistrictLeader.objects.filter(pk__in=host_unit.oversight_leaders.values("pk"))
    )


# --- Before the day (R4) --------------------------------------------------------------------------


@transaction.atomic
def workday_inform_leader(*, workday: WorkDay, actor, note: str = "") -> WorkDay:
    """R4b: the overseeing district leader was informed and the leaders and departments invited."""
    workday, step = begin_step(workday, actor, "inform")
    before = snapshot(workday)
    workday.leader_informed_at = timezone.now()
    workday.leader_informed_note = (note or "").strip()
    workday.save(update_fields=["leader_informed_at", "leader_informed_note"])
    record(instance=workday, actor=actor, action=step.action, before=before)
    return workday


@transaction.atomic
def screening_add(*, workday: WorkDay, actor, description: str, outcome: str, opinion: str = "") -> ScreeningItem:
    """R4a: one screened dispute or hidden risk. Late screening is allowed and flagged."""
    workday, step = begin_step(workday, actor, "screening")
    errors = _screening_errors(outcome, opinion)
    if not (description or "").strip():
        errors["description"] = [_("This field is required.")]
    if errors:
        raise ValidationError(errors)
    item = ScreeningItem.objects.create(
        workday=workday,
        description=description.strip(),
        outcome=outcome,
        opinion=(opinion or "").strip(),
        recorded_at=timezone.now(),
        recorded_by=actor,
    )
    record(
        instance=workday,
        actor=actor,
        action=step.action,
        changes={"screening_items": [None, f"{item.get_outcome_display()}：{item.description[:50]}"]},
    )
    return item


def _screening_errors(outcome: str, opinion: str) -> dict[str, list[str]]:
    """The rule of a screening item's outcome, when it is recorded and each time it is updated."""
    if outcome not in ScreeningItem.Outcome.values:
        return {"outcome": [_("Choose resolved, in mediation or unresolved.")]}
    if outcome == ScreeningItem.Outcome.UNRESOLVED and not (opinion or "").strip():
        return {"opinion": [_("An unresolved item needs a clear opinion and the prepared policy explanation.")]}
    return {}


@transaction.atomic
def screening_update(*, item: ScreeningItem, actor, outcome: str, opinion: str = "") -> ScreeningItem:
    """R4a follow-up: a screened item's outcome as it progresses (mediation concluded, opinion given).
    The day's history shows the outcome and opinion before and after."""
    workday, step = begin_step(item.workday, actor, "screening_update")
    item = ScreeningItem.objects.select_for_update().get(pk=item.pk, workday=workday)
    errors = _screening_errors(outcome, opinion)
    if errors:
        raise ValidationError(errors)
    opinion = (opinion or "").strip()
    before_label, before_opinion = str(item.get_outcome_display()), item.opinion
    if (outcome, opinion) == (item.outcome, item.opinion):
        return item  # a second submit of the same update changes nothing
    item.outcome, item.opinion, item.updated_at = outcome, opinion, timezone.now()
    item.save(update_fields=["outcome", "opinion", "updated_at"])
    changes = {}
    if str(item.get_outcome_display()) != before_label:
        changes["screening_outcome"] = [before_label, str(item.get_outcome_display())]
    if opinion != before_opinion:
        changes["screening_opinion"] = [before_opinion or None, opinion or None]
    record(instance=workday, actor=actor, action=step.action, changes=changes, note=item.description[:50])
    return item


def notice_texts(workday: WorkDay) -> dict[str, str]:
    """The notice's free texts, by the plan's field names (a list's items kept apart)."""
    return {
        "place": workday.place,
        "extension_sites": "；".join(workday.extension_sites or []),
        "leader": workday.leader,
        "agenda": workday.agenda,
        "procedure": workday.procedure,
        "participants": "；".join(workday.participants or []),
    }


@transaction.atomic
def notice_publish(*, workday: WorkDay, actor) -> WorkDay:
    """R4c: publish the public notice. Outside day−7..day−5 it is still published, and flagged.

    Its public texts are checked against the petitioners of the host unit's earlier Work Days: this
    day has none yet, and those are the people a notice is most likely to name."""
    workday, step = begin_step(workday, actor, "notice")
    require_public_texts(notice_texts(workday), petitioners_before(workday))
    before = snapshot(workday)
    workday.notice_published_at = timezone.now()
    workday.status = step.target
    workday.save(update_fields=["notice_published_at", "status"])
    record(instance=workday, actor=actor, action=step.action, before=before)
    return workday


# --- During the day (R5) --------------------------------------------------------------------------


def enter_held(workday: WorkDay, actor) -> None:
    """`held` is entered by the first sign-in or registration on or after the date."""
    if workday.status in (Status.PLANNED, Status.NOTICE_PUBLISHED):
        before = snapshot(workday)
        workday.status = Status.HELD
        workday.held_at = timezone.now()
        workday.save(update_fields=["status", "held_at"])
        record(instance=workday, actor=actor, action="held", before=before)


@transaction.atomic
def sign_in_add(*, workday: WorkDay, actor, name: str, title: str = "", unit_name: str = "") -> SignIn:
    workday, step = begin_step(workday, actor, "sign_in")
    if not (name or "").strip():
        raise ValidationError({"name": [_("This field is required.")]})
    entry = SignIn.objects.create(
        workday=workday,
        name=name.strip(),
        title=(title or "").strip(),
        unit_name=(unit_name or "").strip() or workday.host_unit.name,
        signed_at=timezone.now(),
        recorded_by=actor,
    )
    enter_held(workday, actor)
    record(instance=workday, actor=actor, action=step.action, changes={"sign_ins": [None, entry.name]})
    return entry


@transaction.atomic
def briefing_record(*, workday: WorkDay, actor, briefing: str, materials_count: int) -> WorkDay:
    workday, step = begin_step(workday, actor, "briefing")
    if materials_count is None or materials_count < 0:
        raise ValidationError({"materials_count": [_("Enter a number of 0 or more.")]})
    before = snapshot(workday)
    workday.briefing = (briefing or "").strip()
    workday.materials_count = materials_count
    workday.save(update_fields=["briefing", "materials_count"])
    record(instance=workday, actor=actor, action=step.action, before=before)
    return workday


# --- What a registration (intake.services) needs of its Work Day ----------------------------------


# --- After the day (R6) ---------------------------------------------------------------------------


@transaction.atomic
def report_submit(*, workday: WorkDay, actor, summary: str = "") -> Report | Approval:
    """R6b: the report goes with one action into the petition office's intake (收发员). Where the
    district asks for sign-off it is a draft until a unit leader approves (cases/signoff.py)."""
    workday, step = begin_step(workday, actor, "report")
    draft = {"summary": (summary or "").strip()}
    if signoff_required():
        return _draft(workday, actor, ApprovalKind.REPORT, draft, "report_drafted")
    return release_report(workday, actor, drafted_by=actor, **draft)


def release_report(workday: WorkDay, actor, *, drafted_by, summary: str, note: str = "") -> Report:
    """The report goes out now, at once or at the leader's approval (`workday` locked by the caller)."""
    step = _still_allowed(workday, "report")
    bump_version(workday)
    before = snapshot(workday)
    now = timezone.now()
    # The figures are computed from the registrations as they are now, never typed; the unit's summary
    # is an addition. A joint-office day's report is received by the joint office itself at once.
    own = workday.host_unit.kind == UnitKind.JOINT_OFFICE
    report = Report.objects.create(
        workday=workday, summary=summary, figures=report_figures(workday), submitted_at=now, submitted_by=drafted_by,
        forwarded_at=now if own else None, forwarded_by=drafted_by if own else None,
    )
    workday.status = step.target
    workday.save(update_fields=["status"])
    record(instance=workday, actor=actor, action=step.action, before=before, note=note)
    if own:
        record(
            instance=workday, actor=actor, action=TABLE["forward"].action,
            changes={"report_forwarded_at": [None, now.isoformat()]},
            note=_("A joint-office day's report is received by the joint office itself."),
        )
    return report


def _draft(workday: WorkDay, actor, kind: str, draft: dict, action: str) -> Approval:
    approval = request_signoff(kind=kind, unit=workday.host_unit, actor=actor, draft=draft, workday=workday)
    record(instance=workday, actor=actor, action=action, changes={"signoff": [None, str(approval.get_status_display())]})
    return approval


def _still_allowed(workday: WorkDay, name: str) -> Transition:
    """A drafted step is released only while the day's status still allows it."""
    step = TABLE[name]
    if workday.status not in step.sources:
        raise TransitionError(str(step.refusal(workday)))
    return step


@transaction.atomic
def report_forward(*, workday: WorkDay, actor) -> Report:
    """The intake (收发员, joint-office staff) forwards the report to the complaint centre."""
    workday, step = begin_step(workday, actor, "forward")
    report = Report.objects.select_for_update().get(workday=workday)
    report.forwarded_at, report.forwarded_by = timezone.now(), actor
    report.save(update_fields=["forwarded_at", "forwarded_by"])
    record(instance=workday, actor=actor, action=step.action, changes={"report_forwarded_at": [None, report.forwarded_at.isoformat()]})
    return report


@transaction.atomic
def results_publish(*, workday: WorkDay, actor, items: list[dict] | None = None) -> WorkDay | Approval:
    """R6c: publish the results to the public (open cases with their current status).

    `items` are the public summaries (公示摘要) the unit wrote, `{case_id, public_summary}`, for cases of
    this day; a case left out, or given an empty summary or the default text, shows the default
    summary, which follows its status. Every summary, given or default, passes the personal-data
    check against everyone registered that day; one failure refuses the whole publication. Where the
    district asks for sign-off the checked items are a draft until a unit leader approves."""
    workday, step = begin_step(workday, actor, "results")
    items = [{"case_id": i["case_id"], "public_summary": i.get("public_summary") or ""} for i in items or []]
    summaries = _public_summaries(workday, items)
    if signoff_required():
        return _draft(workday, actor, ApprovalKind.RESULTS, {"items": items}, "results_drafted")
    return _publish(workday, actor, step, summaries)


def release_results(workday: WorkDay, actor, *, drafted_by, items: list[dict], note: str = "") -> WorkDay:
    """The drafted publication goes out at the leader's approval, checked again against the day as it is."""
    step = _still_allowed(workday, "results")
    return _publish(workday, actor, step, _public_summaries(workday, items), note=note)


def _public_summaries(workday: WorkDay, items: list[dict]) -> list[tuple[object, str]]:
    cases = resolve_many(
        published_cases(workday), [item["case_id"] for item in items], "items",
        _("Not a case published with this Work Day: %(ids)s"),
    )
    given: dict[int, tuple[int, str]] = {}
    for n, (item, case) in enumerate(zip(items, cases, strict=True)):
        if case.pk in given:
            raise ValidationError({"items": [_("Case %(id)s is listed twice.") % {"id": case.pk}]})
        given[case.pk] = (n, (item.get("public_summary") or "").strip())
    petitioners = petitioners_of_workday(workday)
    errors: dict[str, list[str]] = {}
    summaries: list[tuple[object, str]] = []
    for number, case in enumerate(published_cases(workday), start=1):
        default = default_summary(case)
        n, text = given.get(case.pk, (None, ""))
        text = text or default
        problems = check_public_text(text, petitioners)
        if problems:
            if n is None:
                problems = [_("No. %(number)s: %(message)s") % {"number": number, "message": m} for m in problems]
            errors.setdefault("items" if n is None else f"items.{n}.public_summary", []).extend(problems)
        summaries.append((case, "" if text == default else text))
    if errors:
        raise ValidationError(errors)
    return summaries


def _publish(workday: WorkDay, actor, step: Transition, summaries: list[tuple[object, str]], note: str = "") -> WorkDay:
    bump_version(workday)
    for case, summary in summaries:
        if case.public_summary != summary:
            before = snapshot(case)
            case.public_summary = summary
            case.save(update_fields=["public_summary"])
            record(instance=case, actor=actor, action="public_summary_set", before=before)
    before = snapshot(workday)
    workday.results_published_at = timezone.now()
    workday.status = step.target
    workday.save(update_fields=["results_published_at", "status"])
    record(instance=workday, actor=actor, action=step.action, before=before, note=note)
    return workday


@transaction.atomic
def analysis_record(*, workday: WorkDay, actor, judgement: str = "", measures: str = "") -> WorkDay:
    """分析研判: the unit's written judgement and proposed measures beside the figures computed from
    the data. Both may be empty (the report may be submitted before they are written)."""
    workday, step = begin_step(workday, actor, "analysis")
    before = snapshot(workday)
    workday.judgement, workday.measures = (judgement or "").strip(), (measures or "").strip()
    workday.save(update_fields=["judgement", "measures"])
    record(instance=workday, actor=actor, action=step.action, before=before)
    return workday


@transaction.atomic
def workday_archive(*, workday: WorkDay, actor, reason: str = "") -> WorkDay:
    """R12: the day is archived after its results are published. While cases of its registrations
    are still open (not closed, not voided) it is archived only with a reason; without one the refusal
    lists them (409 `open_cases`). Those cases stay open in the ledger."""
    workday, step = begin_step(workday, actor, "archive")
    reason = (reason or "").strip()
    still_open = list(open_cases(workday).values_list("pk", flat=True))
    if still_open and not reason:
        raise TransitionError(
            _("Cases of this day are still open (%(ids)s). Give the reason for archiving it now.")
            % {"ids": "、".join(f"#{pk}" for pk in still_open)},
            open_cases=still_open,
        )
    before = snapshot(workday)
    workday.status = step.target
    workday.archived_at = timezone.now()
    workday.archive_reason = reason if still_open else ""
    workday.save(update_fields=["status", "archived_at", "archive_reason"])
    record(instance=workday, actor=actor, action=step.action, before=before, note=workday.archive_reason)
    return workday


@transaction.atomic
def workday_void(*, workday: WorkDay, actor, reason: str) -> WorkDay:
    """A day planned in error is voided with a reason, never deleted; it stays in the list marked
    voided. A day that has been held has registrations and cases: it cannot be voided."""
    workday, step = begin_step(workday, actor, "void")
    if not (reason or "").strip():
        raise ValidationError({"reason": [_("Give the reason for voiding this Work Day.")]})
    before = snapshot(workday)
    workday.status, workday.voided_at, workday.void_reason = step.target, timezone.now(), reason.strip()
    workday.save(update_fields=["status", "voided_at", "void_reason"])
    record(instance=workday, actor=actor, action=step.action, before=before, note=workday.void_reason)
    return workday


def _public_reason(workday: WorkDay, reason: str, missing: str) -> str:
    """The reason of a postponement or cancellation is published: required, and checked like the
    notice's texts."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": [missing]})
    require_public_texts({"reason": reason}, petitioners_before(workday))
    return reason


@transaction.atomic
def workday_postpone(*, workday: WorkDay, actor, new_date: datetime.date, reason: str) -> WorkDay:
    """延期: the day keeps its identity and moves to a later date, before it is held. Once its
    notice was published, a postponement notice (延期公告) with the reason and the new date is
    published beside it, and the notice for the new date counts as published now (the notice
    window is checked again for the new date)."""
    workday, step = begin_step(workday, actor, "postpone")
    today = timezone.localdate()
    if new_date <= today:
        raise ValidationError({"new_date": [_("The new date must be after today.")]})
    if new_date <= workday.date:
        raise ValidationError({"new_date": [_("The new date must be after the planned date %(date)s.") % {"date": workday.date}]})
    if new_date > today + datetime.timedelta(days=PLANNING_HORIZON_DAYS):
        raise ValidationError({"new_date": [_("Plan at most two years ahead.")]})
    reason = _public_reason(workday, reason, _("Give the reason for postponing this Work Day; it is published."))
    changed = {"date": [_plain(workday.date), _plain(new_date)]}
    if workday.notice_published_at is not None:
        _publish_change(workday, actor, NoticeChange.Kind.POSTPONED, dict(changed), changed, reason)
    workday.date = new_date
    workday.save(update_fields=["date", "notice_published_at"])
    record(instance=workday, actor=actor, action=step.action, changes=changed, note=reason)
    return workday


@transaction.atomic
def workday_cancel(*, workday: WorkDay, actor, reason: str) -> WorkDay:
    """取消: the day will not take place. It owes no report and no publication; its cancellation
    notice (取消公告) carries the reason, and a published notice stays reachable, marked cancelled.
    (A day planned in error is voided instead.)"""
    workday, step = begin_step(workday, actor, "cancel")
    reason = _public_reason(workday, reason, _("Give the reason for cancelling this Work Day; it is published."))
    before = snapshot(workday)
    workday.status, workday.cancelled_at = step.target, timezone.now()
    workday.save(update_fields=["status", "cancelled_at"])
    NoticeChange.objects.create(
        workday=workday, kind=NoticeChange.Kind.CANCELLED, reason=reason, published_at=workday.cancelled_at, published_by=actor
    )
    record(instance=workday, actor=actor, action=step.action, before=before, note=reason)
    return workday
