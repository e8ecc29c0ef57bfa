from django.utils.translation import gettext_lazy as _

ACTIONS = {
    "attached": _("File attached"),
    "attachment_added": _("File attached"),
    "attachment_voided": _("Attachment voided"),
}
