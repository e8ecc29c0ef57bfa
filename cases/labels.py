from django.utils.translation import gettext_lazy as _

ACTIONS = {
    "case_created": _("Case created"),
    "deadline_moved": _("Deadline moved by a calendar change"),
    "assigned": _("Assigned"),
    "received": _("Signed for"),
    "returned": _("Returned to the joint office"),
    "assist_opinion": _("Assisting opinion"),
    "feedback_given": _("Feedback given to the citizen"),
    "replied": _("Replied"),
    "rated": _("Reply rated"),
    "revisited": _("Revisited"),
    "closed": _("Closed"),
    "voided": _("Voided"),
    "public_summary_set": _("Public summary set"),
    "linked": _("Linked to an earlier case of the same person"),
    "rehandled": _("Handling ordered again"),
    "unmerged": _("Unmerged"),
    "reply_drafted": _("Reply drafted, awaiting sign-off"),
    "signoff_approved": _("Signed off"),
    "signoff_sent_back": _("Sent back by the unit leader"),
}
