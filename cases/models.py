"""The ledger (工作台账): one case per registered matter, with its handling."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from units.models import Unit


class CaseStatus(models.TextChoices):
    ANSWERED = "answered", _("Answered on the spot")
    HANDLING = "handling", _("Being handled")
    AWAITING_ASSIGNMENT = "awaiting_assignment", _("Awaiting assignment by the joint office")
    ASSIGNED = "assigned", _("Assigned")
    REPLIED = "replied", _("Replied")
    CLOSED = "closed", _("Closed")
    VOIDED = "voided", _("Voided")


OPEN_STATUSES = (CaseStatus.HANDLING, CaseStatus.AWAITING_ASSIGNMENT, CaseStatus.ASSIGNED)


class Handling(models.TextChoices):
    SELF = "self", _("Self-handled")
    ASSIGNED = "assigned", _("Assigned by the joint office")


REPLY_WORKDAYS = 7


class Case(models.Model):
    """信访事项 — a ledger entry. Its status moves only through the services in cases/services.py."""

    registration = models.OneToOneField("workdays.Registration", on_delete=models.PROTECT, related_name="case")
    workday = models.ForeignKey("workdays.WorkDay", on_delete=models.PROTECT, related_name="cases")
    host_unit = models.ForeignKey(Unit, verbose_name=_("host unit"), on_delete=models.PROTECT, related_name="hosted_cases")
    kind = models.CharField(_("kind"), max_length=20)
    category = models.ForeignKey("units.Category", verbose_name=_("category"), on_delete=models.PROTECT, related_name="+")
    territory = models.ForeignKey(Unit, verbose_name=_("territory"), null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    content = models.TextField(_("content"))
    disposition = models.CharField(_("disposition"), max_length=20)
    handling = models.CharField(_("handling"), max_length=20, choices=Handling.choices)
    status = models.CharField(_("status"), max_length=30, choices=CaseStatus.choices, db_index=True)
    lead_unit = models.ForeignKey(
        Unit, verbose_name=_("lead unit"), null=True, blank=True, on_delete=models.PROTECT, related_name="led_cases"
    )
    assisting_units = models.ManyToManyField(Unit, verbose_name=_("assisting units"), blank=True, related_name="assisted_cases")
    responsible_person = models.CharField(_("responsible person"), max_length=50)
    responsible_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("responsible user"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # The reply deadline: REPLY_WORKDAYS working days after clock_start (the reception day for
    # self-handled cases, the delivery of the assignment for assigned ones).
    clock_start = models.DateField(_("clock start"), null=True, blank=True)
    due_date = models.DateField(_("reply due"), null=True, blank=True, db_index=True)
    due_provisional = models.BooleanField(_("due date provisional"), default=False)
    # A referred matter still owes the citizen feedback from the host unit within 7 working days (R8).
    feedback_due = models.DateField(_("feedback due"), null=True, blank=True)
    feedback_provisional = models.BooleanField(_("feedback due provisional"), default=False)
    feedback_at = models.DateTimeField(_("feedback given at"), null=True, blank=True)
    replied_at = models.DateTimeField(_("replied at"), null=True, blank=True)
    return_count = models.PositiveSmallIntegerField(_("times returned"), default=0)
    version = models.PositiveIntegerField(_("version"), default=1)
    created_at = models.DateTimeField(_("created at"))

    class Meta:
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        ordering = ["-id"]
        indexes = [
            models.Index(fields=["lead_unit", "status"]),
            models.Index(fields=["host_unit", "status"]),
            models.Index(fields=["status", "due_date"]),
        ]

    def __str__(self) -> str:
        return f"#{self.pk} {self.content[:20]}"
