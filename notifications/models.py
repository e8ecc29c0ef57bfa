"""通知 — what a user is told when an event asks them to act, and its deliveries on outbound channels."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    ASSIGNED = "assigned", _("New assignment")
    RETURNED = "returned", _("Case returned")
    REPLIED = "replied", _("Case replied")
    REVISIT_FAILED = "revisit_failed", _("Revisit failed")
    BULLETIN = "bulletin", _("Bulletin issued")
    REHANDLE = "rehandle", _("Re-handling ordered")
    ORDER_ISSUED = "order_issued", _("Supervision order issued")
    ORDER_ANSWERED = "order_answered", _("Supervision order answered")
    SIGNOFF_REQUESTED = "signoff_requested", _("Awaiting your sign-off")
    SIGNOFF_DECIDED = "signoff_decided", _("Sign-off decided")


class Notification(models.Model):
    """One message to one user, written in the transaction of the event that causes it."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recipient"), on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    text = models.CharField(_("text"), max_length=300)
    url = models.CharField(_("link"), max_length=200)
    created_at = models.DateTimeField(_("created at"))
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["recipient", "read_at"])]

    def __str__(self) -> str:
        return self.text


class Delivery(models.Model):
    """A notification's delivery on one outbound channel (SMS, e-mail, ...). Failures are retried by
    `manage.py send_notifications`; a delivery is never deleted."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    notification = models.ForeignKey(
        Notification, verbose_name=_("notification"), on_delete=models.CASCADE, related_name="deliveries"
    )
    channel = models.CharField(_("channel"), max_length=200)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    next_attempt_at = models.DateTimeField(_("next attempt at"))
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        indexes = [models.Index(fields=["status", "next_attempt_at"])]

    def __str__(self) -> str:
        return f"{self.channel} #{self.notification_id} {self.status}"
