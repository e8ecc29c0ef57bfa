"""Bulletins (通报): issued per period by the joint office, circulated to all units inside the
system, never public."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Bulletin(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        ISSUED = "issued", _("Issued")

    period = models.CharField(_("period"), max_length=10)
    title = models.CharField(pgettext_lazy("document", "title"), max_length=200)
    text = models.TextField(_("text"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    units = models.ManyToManyField("units.Unit", verbose_name=_("units named"), blank=True, related_name="bulletins")
    # The signals the draft was generated from: {"late": {unit_id: [case ids]}, ...}
    findings = models.JSONField(_("findings"), default=dict, blank=True)
    created_at = models.DateTimeField(_("created at"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("drafted by"), on_delete=models.PROTECT, related_name="+")
    issued_at = models.DateTimeField(_("issued at"), null=True, blank=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # 发文字号, given at the issue: 铜信联办〔2026〕12号 is the 12th bulletin issued in 2026. A draft has none.
    number_year = models.PositiveSmallIntegerField(_("year of the document number"), null=True, blank=True)
    number_seq = models.PositiveIntegerField(_("sequence of the document number"), null=True, blank=True)
    document_number = models.CharField(_("document number"), max_length=40, blank=True)

    class Meta:
        verbose_name = _("bulletin")
        verbose_name_plural = _("bulletins")
        ordering = ["-created_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["number_year", "number_seq"], name="one_bulletin_per_document_number")]

    def __str__(self) -> str:
        return self.title


class DocumentCounter(models.Model):
    """The last document number given in a series and year. Its row is locked while a number is
    given, so two bulletins issued at the same moment wait for each other and never share one."""

    series = models.CharField(max_length=20)
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("document number counter")
        verbose_name_plural = _("document number counters")
        constraints = [models.UniqueConstraint(fields=["series", "year"], name="one_counter_per_series_and_year")]

    def __str__(self) -> str:
        return f"{self.series} {self.year}: {self.last}"


class SupervisionOrder(models.Model):
    """督办 — the joint office presses the lead unit of an open case, in writing, with a date by which
    the unit must answer in writing. Unanswered past `respond_by`, the order is itself overdue."""

    class Status(models.TextChoices):
        ISSUED = "issued", _("Awaiting response")
        RESPONDED = "responded", _("Responded")

    case = models.ForeignKey("cases.Case", verbose_name=_("case"), on_delete=models.PROTECT, related_name="+")
    # The lead unit when the order was issued: a later reassignment does not move the order.
    unit = models.ForeignKey("units.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("text"))
    issued_at = models.DateTimeField(_("issued at"))
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("issued by"), on_delete=models.PROTECT, related_name="+")
    respond_by = models.DateField(_("respond by"), db_index=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.ISSUED)
    response = models.TextField(_("response"), blank=True)
    responded_at = models.DateTimeField(_("responded at"), null=True, blank=True)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("responded by"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("supervision order")
        verbose_name_plural = _("supervision orders")
        ordering = ["-issued_at", "-id"]
        indexes = [models.Index(fields=["unit", "status"]), models.Index(fields=["status", "respond_by"])]

    def __str__(self) -> str:
        return f"#{self.case_id} → {self.unit_id}"


class OrderProposal(models.Model):
    """A 督办 the daily scan suggests to the joint office. One per (case, trigger, stage): the stage is
    the assignment the trigger fired for (or the self-handling start), so a repeated scan never
    duplicates it and a new assignment can trigger again."""

    class Trigger(models.TextChoices):
        UNSIGNED = "unsigned", _("Not signed for after 1 working day")
        HALF_TIME = "half_time", _("Half the reply time passed without progress")
        DUE_TOMORROW = "due_tomorrow", _("1 working day before the deadline without a reply")
        OVERDUE = "overdue", _("Overdue")
        NOT_REASSIGNED = "not_reassigned", _("Returned and not reassigned within 2 working days")
        NOT_REHANDLED = "not_rehandled", _("Failed revisit not handled again within 2 working days")

    case = models.ForeignKey("cases.Case", verbose_name=_("case"), on_delete=models.PROTECT, related_name="+")
    trigger = models.CharField(_("trigger"), max_length=20, choices=Trigger.choices)
    stage = models.CharField(_("stage"), max_length=40)
    proposed_for = models.DateField(_("proposed on"))
    created_at = models.DateTimeField(_("created at"))
    dismissed = models.BooleanField(_("dismissed"), default=False)
    # Set when the joint office issues an order on the case: the proposal is used.
    order = models.ForeignKey(
        SupervisionOrder, verbose_name=_("supervision order"), null=True, blank=True, on_delete=models.PROTECT, related_name="proposals"
    )

    class Meta:
        verbose_name = _("supervision order proposal")
        verbose_name_plural = _("supervision order proposals")
        ordering = ["proposed_for", "id"]
        constraints = [models.UniqueConstraint(fields=["case", "trigger", "stage"], name="one_proposal_per_trigger_and_stage")]

    def __str__(self) -> str:
        return f"#{self.case_id} {self.trigger} {self.stage}"
