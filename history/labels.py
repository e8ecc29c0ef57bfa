"""Human labels for history actions. Each app registers its own action names here (in its
AppConfig.ready), so the timeline reads "签收" rather than "receive"."""

import datetime

from django.utils.translation import gettext_lazy as _

ACTION_LABELS: dict[str, str] = {
    "created": _("Created"),
    "updated": _("Updated"),
    "voided": _("Voided"),
    "issued": _("Issued"),
    "pii_viewed": _("Personal data viewed"),
}


def register(labels: dict[str, str]) -> None:
    ACTION_LABELS.update(labels)


def action_label(action: str) -> str:
    return ACTION_LABELS.get(action, action)


# Keys that history events record beside model fields (many-to-many sets, derived facts).
FIELD_LABELS: dict[str, str] = {
    "assisting_units": _("Assisting units"),
    "invited_leaders": _("Invited district leaders"),
    "liaison_departments": _("Liaison departments"),
    "liaison_units": _("Liaison units"),
    "oversight_units": _("Overseen units"),
    "screening_items": _("Screening item"),
    "sign_ins": _("Sign-in"),
    "registrations": _("Registration"),
    "received_late": _("Signed for late"),
    "assist_opinion": _("Assisting opinion"),
    "acceptable": _("Quality acceptable"),
    "revisit": _("Revisit"),
    "reached": _("Citizen reached"),
    "satisfied": _("Satisfied"),
    "confirms_reply": _("Confirms the reported reply"),
    "report_forwarded_at": _("Forwarded to the complaint centre at"),
    "signoff": _("Sign-off"),
    # Fields named without a verbose name of their own.
    "workday": _("Work Day"),
    "registration": _("Registration"),
    "registered_by": _("Registered by"),
    "withdrawn_by": _("Withdrawn by"),
    "issued_by": _("Issued by"),
    "status_before_merge": _("Status before merge"),
    "note": _("Note"),
}

# What some services write as an event's note to say where a change came from.
NOTE_LABELS: dict[str, str] = {
    "admin": _("Changed in the administration"),
    "load_reference": _("Loaded from the reference file"),
    "chinesecalendar": _("Seeded from the chinesecalendar package"),
    "demo data": _("Demo data"),
}

# The values recorded for a date of the working-day calendar (see `field_label` for the key).
DATE_VALUE_LABELS: dict[str, str] = {}


def register_fields(labels: dict[str, str]) -> None:
    FIELD_LABELS.update(labels)


def register_date_values(labels: dict[str, str]) -> None:
    DATE_VALUE_LABELS.update(labels)


def _date_key(name: str) -> tuple[str, str] | None:
    """A key naming a calendar date ("2026-10-08", "2026-10-08 note"): (date, what of it)."""
    day, _sep, rest = name.partition(" ")
    try:
        datetime.date.fromisoformat(day)
    except ValueError:
        return None
    return day, rest


def field_label(name: str) -> str:
    if name in FIELD_LABELS:
        return str(FIELD_LABELS[name])
    dated = _date_key(name)
    if dated is not None:
        day, rest = dated
        return f"{day} {field_label(rest)}" if rest else day
    return name


def value_label(name: str, value) -> str | None:
    """The label of a value recorded under a key that is not a model field, if it has one."""
    dated = _date_key(name)
    if dated is not None and not dated[1] and isinstance(value, str) and value in DATE_VALUE_LABELS:
        return str(DATE_VALUE_LABELS[value])
    return None


def note_label(note: str) -> str:
    return str(NOTE_LABELS.get(note, note))
