"""Human labels for history actions. Each app registers its own action names here (in its
AppConfig.ready), so the timeline reads "签收" rather than "receive"."""

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
}


def register_fields(labels: dict[str, str]) -> None:
    FIELD_LABELS.update(labels)


def field_label(name: str) -> str:
    return str(FIELD_LABELS.get(name, name))
