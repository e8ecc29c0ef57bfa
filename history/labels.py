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
