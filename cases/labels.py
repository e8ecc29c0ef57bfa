from django.utils.translation import gettext_lazy as _

ACTIONS = {
    "case_created": _("Case created"),
    "deadline_moved": _("Deadline moved by a calendar change"),
}
