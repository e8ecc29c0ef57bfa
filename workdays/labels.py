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
    "analysis_recorded": _("Analysis and judgement recorded"),
    "report_drafted": _("Report drafted, awaiting sign-off"),
    "results_drafted": _("Results publication drafted, awaiting sign-off"),
    "screening_updated": _("Screening item updated"),
    "activity_recorded": _("Visit, research or relief recorded"),
    "relief_followed_up": _("Relief follow-up recorded"),
    "plan_edited": _("Plan changed"),
    "postponed": _("Postponed"),
    "cancelled": _("Cancelled"),
    "invitation_answered": _("Invited leader's answer recorded"),
}

# Keys the day's history records beside its model fields.
FIELDS = {
    "screening_outcome": _("Screening outcome"),
    "screening_opinion": _("Screening opinion and explanation"),
    "activities": _("Visit, research or relief"),
    "relief_outcome": _("Outcome of the relief follow-up"),
    "invitation_answers": _("Invitation answer"),
}
