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

    class Meta:
        verbose_name = _("bulletin")
        verbose_name_plural = _("bulletins")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.title
