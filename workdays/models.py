"""The Masses Work Day (群众工作日) and everything a day owns: screening, sign-in book, report and
results publication (R1–R6, R12, R13). Its registrations live in intake."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from units.models import Unit


class Status(models.TextChoices):
    PLANNED = "planned", _("Planned")
    NOTICE_PUBLISHED = "notice_published", _("Notice published")
    HELD = "held", _("Held")
    REPORTED = "reported", _("Reported")
    RESULTS_PUBLISHED = "results_published", _("Results published")
    ARCHIVED = "archived", _("Archived")
    VOIDED = "voided", pgettext_lazy("workday", "Voided")
    CANCELLED = "cancelled", pgettext_lazy("workday", "Cancelled")


HELD_OR_LATER = (Status.HELD, Status.REPORTED, Status.RESULTS_PUBLISHED, Status.ARCHIVED)
# A day that will not take place: it owes no report and no publication.
CALLED_OFF = (Status.VOIDED, Status.CANCELLED)


class WorkDay(models.Model):
    """群众工作日 — one day a unit goes out to receive citizens."""

    host_unit = models.ForeignKey(Unit, verbose_name=_("host unit"), on_delete=models.PROTECT, related_name="workdays")
    date = models.DateField(_("date"), db_index=True)
    start_time = models.TimeField(_("start time"))
    end_time = models.TimeField(_("end time"))
    place = models.CharField(_("main place"), max_length=200, help_text=_("A busy street or square."))
    extension_sites = models.JSONField(_("extension sites"), default=list, blank=True)
    leader = models.CharField(_("leader in charge"), max_length=100)
    contact_person = models.CharField(_("contact person"), max_length=50, blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=30, blank=True)
    leading_district_leader = models.ForeignKey(
        "units.DistrictLeader",
        verbose_name=_("leading district leader"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="led_workdays",
    )
    participants = models.JSONField(_("participants"), default=list, blank=True)
    invited_leaders = models.ManyToManyField(
        "units.DistrictLeader",
        verbose_name=_("invited district leaders"),
        blank=True,
        related_name="invited_workdays",
        through="Invitation",
    )
    liaison_departments = models.ManyToManyField(
        Unit, verbose_name=_("invited liaison departments"), blank=True, related_name="liaison_workdays"
    )
    agenda = models.TextField(_("agenda"))
    procedure = models.TextField(_("procedure"), blank=True)
    activity_forms = models.JSONField(_("activity forms"), default=list, blank=True)
    visit_targets = models.JSONField(_("visit targets"), default=list, blank=True)
    research_topics = models.JSONField(_("research topics"), default=list, blank=True)
    relief_areas = models.JSONField(_("relief areas"), default=list, blank=True)

    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PLANNED, db_index=True)
    leader_informed_at = models.DateTimeField(_("overseeing leader informed at"), null=True, blank=True)
    leader_informed_note = models.TextField(_("how the leader was informed"), blank=True)
    notice_published_at = models.DateTimeField(_("notice published at"), null=True, blank=True)
    held_at = models.DateTimeField(_("held at"), null=True, blank=True)
    briefing = models.TextField(_("host head's briefing"), blank=True)
    materials_count = models.PositiveIntegerField(_("publicity materials handed out"), default=0)
    results_published_at = models.DateTimeField(_("results published at"), null=True, blank=True)
    archived_at = models.DateTimeField(_("archived at"), null=True, blank=True)
    voided_at = models.DateTimeField(_("voided at"), null=True, blank=True)
    void_reason = models.TextField(_("reason for voiding"), blank=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    archive_reason = models.TextField(_("reason for archiving with open cases"), blank=True)
    # 分析研判: the unit's written judgement and proposed measures; the figures come from the data.
    judgement = models.TextField(_("analysis and judgement"), blank=True)
    measures = models.TextField(_("proposed measures"), blank=True)
    # Incremented by every change to the day: an edit of the plan names the version it started from.
    version = models.PositiveIntegerField(_("version"), default=1)

    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("planned by"), on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    name_relations = ("host_unit",)  # what __str__ reads besides the row

    class Meta:
        verbose_name = _("Masses Work Day")
        verbose_name_plural = _("Masses Work Days")
        ordering = ["-date", "-id"]
        indexes = [models.Index(fields=["host_unit", "date"])]

    def __str__(self) -> str:
        return f"{self.host_unit.name} {self.date:%Y-%m-%d}"


class Invitation(models.Model):
    """A district leader invited to a Work Day (R3, R4b), and their answer. The public notice lists
    only the leaders who accepted as attending."""

    class Answer(models.TextChoices):
        NO_ANSWER = "no_answer", _("No answer yet")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")

    workday = models.ForeignKey(WorkDay, on_delete=models.CASCADE, related_name="invitations")
    leader = models.ForeignKey("units.DistrictLeader", on_delete=models.PROTECT, related_name="invitations")
    answer = models.CharField(_("answer"), max_length=20, choices=Answer.choices, default=Answer.NO_ANSWER)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["leader__order", "leader_id"]
        constraints = [models.UniqueConstraint(fields=["workday", "leader"], name="one_invitation_per_leader")]

    def __str__(self) -> str:
        return f"{self.workday} {self.leader}"


class NoticeChange(models.Model):
    """变更公告 / 延期公告 / 取消公告 — published beside the original notice when a day's date, time or
    place changes after its notice was published, or when the day is postponed or cancelled. Its
    reason is a public text."""

    class Kind(models.TextChoices):
        CHANGED = "changed", _("Change notice")
        POSTPONED = "postponed", _("Postponement notice")
        CANCELLED = "cancelled", _("Cancellation notice")

    workday = models.ForeignKey(WorkDay, on_delete=models.PROTECT, related_name="notice_changes")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    reason = models.TextField(_("reason"), blank=True)
    # {field: [before, after]} of the public fields that changed (date, start_time, end_time, place...)
    changes = models.JSONField(_("changes"), default=dict, blank=True)
    published_at = models.DateTimeField(_("published at"))
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("notice change")
        verbose_name_plural = _("notice changes")
        ordering = ["published_at", "id"]

    def __str__(self) -> str:
        return f"{self.workday} {self.get_kind_display()}"


class ScreeningItem(models.Model):
    """矛盾隐患排查 — a dispute or hidden risk screened before the day (R4a)."""

    class Outcome(models.TextChoices):
        RESOLVED = "resolved", _("Resolved")
        MEDIATION = "mediation", _("In mediation")
        UNRESOLVED = "unresolved", _("Unresolved, with opinion and explanation prepared")

    workday = models.ForeignKey(WorkDay, on_delete=models.PROTECT, related_name="screening_items")
    description = models.TextField(_("dispute or hidden risk"))
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices)
    opinion = models.TextField(_("opinion and prepared explanation"), blank=True)
    recorded_at = models.DateTimeField(_("recorded at"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField(_("last updated at"), null=True, blank=True)

    class Meta:
        verbose_name = _("screening item")
        verbose_name_plural = _("screening items")
        ordering = ["recorded_at", "id"]

    def __str__(self) -> str:
        return self.description[:30]


class SignIn(models.Model):
    """签到 — one line of the sign-in book of participating staff (R5, R12)."""

    workday = models.ForeignKey(WorkDay, on_delete=models.PROTECT, related_name="sign_ins")
    name = models.CharField(_("full name"), max_length=50)
    title = models.CharField(pgettext_lazy("post", "title"), max_length=100, blank=True)
    unit_name = models.CharField(_("unit"), max_length=100, blank=True)
    signed_at = models.DateTimeField(_("signed at"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("sign-in")
        verbose_name_plural = _("sign-in book")
        ordering = ["signed_at", "id"]

    def __str__(self) -> str:
        return self.name


class Activity(models.Model):
    """What the day's unit did beyond the reception (R13), recorded with the day: a visit (分片走访,
    重点下访, 主动约访), a research finding (调查研究) or a relief action (帮扶救助) with its follow-up."""

    class Kind(models.TextChoices):
        VISIT = "visit", _("Visit")
        RESEARCH = "research", _("Research finding")
        RELIEF = "relief", _("Relief action")

    workday = models.ForeignKey(WorkDay, on_delete=models.PROTECT, related_name="activities")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    # Visit: the activity form; research: the topic; relief: the relief area (the R13 lists).
    subject = models.CharField(_("form, topic or area"), max_length=100)
    # Visit: the household or target visited; relief: who was helped; research: the place or body.
    target = models.CharField(_("household or target"), max_length=200, blank=True)
    people = models.CharField(_("who took part"), max_length=200, blank=True)
    done_on = models.DateField(_("date"))
    found = models.TextField(_("what was found"), blank=True)
    done = models.TextField(_("what was done"), blank=True)
    follow_up_on = models.DateField(_("follow-up date"), null=True, blank=True)
    outcome = models.TextField(_("outcome"), blank=True)
    recorded_at = models.DateTimeField(_("recorded at"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["done_on", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.subject}"


class Report(models.Model):
    """The report to the joint office after the day (R6b), and its route through the petition
    office's intake (收发员) to the complaint centre — replacing the intranet transmission."""

    workday = models.OneToOneField(WorkDay, on_delete=models.PROTECT, related_name="report")
    summary = models.TextField(_("summary"), blank=True)
    # The day's figures and analysis as computed from the data when the report was submitted.
    figures = models.JSONField(_("figures"), default=dict, blank=True)
    submitted_at = models.DateTimeField(_("submitted to the intake at"))
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    forwarded_at = models.DateTimeField(_("forwarded to the complaint centre at"), null=True, blank=True)
    forwarded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")

    def __str__(self) -> str:
        return str(self.workday)
