"""附件 — a file kept with a Work Day, a case, a reply or a 督办: photos of the day, scans of paper
forms and signed documents, rectification documents, the written feedback to the complaint centre.
Never deleted: a mistaken file is voided with a reason (docs/adr/0012)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Target(models.TextChoices):
    """What an attachment belongs to; the API's `target` takes these values."""

    WORKDAY = "workday", _("Masses Work Day")
    CASE = "case", _("case")
    REPLY = "reply", _("reply")
    SUPERVISION_ORDER = "supervision_order", _("supervision order")


TARGET_FIELDS = {Target.WORKDAY: "workday", Target.CASE: "case", Target.REPLY: "reply", Target.SUPERVISION_ORDER: "order"}


class Attachment(models.Model):
    # Exactly one of the four targets is set (the check constraint below); real foreign keys keep a
    # target from being deleted under its files and let a page fetch a target's files in one query.
    target = models.CharField(_("attached to"), max_length=20, choices=Target.choices)
    workday = models.ForeignKey(
        "workdays.WorkDay", verbose_name=_("Masses Work Day"), null=True, blank=True, on_delete=models.PROTECT, related_name="attachments"
    )
    case = models.ForeignKey("cases.Case", verbose_name=_("case"), null=True, blank=True, on_delete=models.PROTECT, related_name="attachments")
    reply = models.ForeignKey("cases.Reply", verbose_name=_("reply"), null=True, blank=True, on_delete=models.PROTECT, related_name="attachments")
    order = models.ForeignKey(
        "supervision.SupervisionOrder", verbose_name=_("supervision order"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="attachments",
    )
    name = models.CharField(_("file name"), max_length=200)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    content_type = models.CharField(_("file type"), max_length=100)
    # The name in the "attachments" storage: made by the system, never from the uploaded file's name.
    path = models.CharField(_("stored as"), max_length=255, unique=True)
    # The uploader's unit when the file was attached: its clerks may void the file.
    unit = models.ForeignKey("units.Unit", verbose_name=_("unit"), null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(_("attached at"))
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("attached by"), on_delete=models.PROTECT, related_name="+")
    voided_at = models.DateTimeField(_("voided at"), null=True, blank=True)
    voided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("voided by"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    void_reason = models.TextField(_("reason for voiding"), blank=True)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["uploaded_at", "id"]
        constraints = [
            models.CheckConstraint(
                name="attachment_one_target",
                condition=(
                    Q(target="workday", workday__isnull=False, case__isnull=True, reply__isnull=True, order__isnull=True)
                    | Q(target="case", workday__isnull=True, case__isnull=False, reply__isnull=True, order__isnull=True)
                    | Q(target="reply", workday__isnull=True, case__isnull=True, reply__isnull=False, order__isnull=True)
                    | Q(target="supervision_order", workday__isnull=True, case__isnull=True, reply__isnull=True, order__isnull=False)
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def target_object(self):
        return getattr(self, TARGET_FIELDS[Target(self.target)])

    @property
    def target_id(self) -> int:
        return getattr(self, TARGET_FIELDS[Target(self.target)] + "_id")

    @property
    def status(self) -> str:
        """For the transition table: an attachment is active until it is voided."""
        return "voided" if self.voided_at else "active"
