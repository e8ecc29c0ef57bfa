from django.utils.translation import gettext_lazy as _

ACTIONS = {
    "planned": _("Planned"),
    "leader_informed": _("Overseeing leader informed"),
    "screening_added": _("Screening item recorded"),
    "notice_published": _("Notice published"),
    "held": _("Day held"),
    "signed_in": _("Signed in"),
    "briefing_recorded": _("Briefing recorded"),
    "registered": _("Citizen registered"),
    "report_submitted": _("Report submitted to the intake"),
    "report_forwarded": _("Report forwarded to the complaint centre"),
    "results_published": _("Results published"),
    "archived": _("Archived"),
    "report_drafted": _("Report drafted, awaiting sign-off"),
    "results_drafted": _("Results publication drafted, awaiting sign-off"),
    "invitation_answered": _("Invited leader's answer recorded"),
}

FIELDS = {
    "invitation_answers": _("Invitation answer"),
}
