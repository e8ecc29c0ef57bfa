"""The audit log (等保 level 3 "security audit"): every login and failed login, every full view of
personal data, every export and download, every token issued or revoked. Append-only: the model,
its queryset and (on PostgreSQL) a database trigger refuse to change or delete an entry. It holds
no credentials, and a person only masked, with a keyed hash to find their entries by exact value."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AppendOnlyError(Exception):
    pass


class Action(models.TextChoices):
    LOGIN = "login", _("Login")
    LOGIN_FAILED = "login_failed", _("Failed login")
    LOGOUT = "logout", _("Logout")
    PII_VIEWED = "pii_viewed", _("Full view of personal data")
    PII_SEARCHED = "pii_searched", _("Search by full ID number")
    EXPORT = "export", _("Export or download")
    TOKEN_ISSUED = "token_issued", _("API token issued")
    TOKEN_REVOKED = "token_revoked", _("API token revoked")


class AuditEntryQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError("audit entries are append-only")

    def delete(self):
        raise AppendOnlyError("audit entries are append-only")

    _raw_delete = delete


class AuditEntry(models.Model):
    at = models.DateTimeField(_("time"), db_index=True)
    # No database constraint and nothing done when the user goes: the entry never changes; the
    # username is kept beside it.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    username = models.CharField(_("username"), max_length=150, blank=True, db_index=True)
    action = models.CharField(_("action"), max_length=30, choices=Action.choices, db_index=True)
    object_type = models.CharField(_("object type"), max_length=100, blank=True, db_index=True)
    object_id = models.CharField(_("object id"), max_length=64, blank=True, db_index=True)
    # Whom the entry concerns, masked (张** 5002**********123X); `person_keys` holds a keyed hash of
    # each one's full ID number and name, so the auditor finds them by exact value.
    persons = models.CharField(_("persons concerned"), max_length=500, blank=True)
    person_keys = models.TextField(blank=True, editable=False)
    detail = models.CharField(_("detail"), max_length=300, blank=True)
    ip = models.GenericIPAddressField(_("address"), null=True, blank=True)

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.username} {self.get_action_display()}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AppendOnlyError("audit entries are append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("audit entries are append-only")
