"""Users: each belongs to one unit and has one role."""

from __future__ import annotations

import datetime
import hashlib
import secrets

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    SUPERVISOR = "supervisor", _("Joint-office supervisor")
    CLERK = "clerk", _("Unit clerk")
    UNIT_LEADER = "unit_leader", _("Unit leader")
    DISTRICT_LEADER = "district_leader", _("District leader")
    ADMIN = "admin", _("System administrator")
    SECURITY_ADMIN = "security_admin", _("Security administrator")
    AUDITOR = "auditor", _("Auditor")


class User(AbstractUser):
    unit = models.ForeignKey(
        "units.Unit", verbose_name=_("unit"), null=True, blank=True, on_delete=models.PROTECT, related_name="users"
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.CLERK)
    # For role district_leader: which district leader this account is; their linked units are what they see.
    district_leader = models.OneToOneField(
        "units.DistrictLeader",
        verbose_name=_("district leader"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="user",
    )
    full_name = models.CharField(_("full name"), max_length=50, blank=True)

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.full_name or self.username

    def clean(self):
        super().clean()
        if self.is_superuser and self.role in (Role.ADMIN, Role.SECURITY_ADMIN, Role.AUDITOR):
            # 三员分立: a duty never holds every permission (the superuser is for installation only).
            raise ValidationError({"is_superuser": _("An administrator, security administrator or auditor cannot be a superuser.")})

    @property
    def display_name(self) -> str:
        return self.full_name or self.get_full_name() or self.username


class ApiTokenQuerySet(models.QuerySet):
    def live(self):
        """Tokens that still open the API: neither revoked nor expired."""
        return self.filter(revoked_at__isnull=True, expires_at__gt=timezone.now())

    def revoke(self, *, request=None, actor=None, reason: str = "") -> int:
        """End every live token of the set, each logged in the audit log; answers how many were ended."""
        from audit.models import Action
        from audit.services import log

        live = list(self.live().values_list("pk", "name"))
        if not live:
            return 0
        count = self.model.objects.filter(pk__in=[pk for pk, _name in live]).update(revoked_at=timezone.now())
        for pk, name in live:
            log(Action.TOKEN_REVOKED, request=request, actor=actor, object_type="accounts.apitoken", object_id=pk,
                detail=" ".join(filter(None, [reason, name])))
        return count


class ApiToken(models.Model):
    """A bearer token for the JSON API. Only its SHA-256 is stored; the token itself is shown once,
    when issued. It ends when it expires (settings.API_TOKEN_SECONDS after issue), when its owner or
    an administrator revokes it, and with every token of its user at logout, a password change or
    deactivation (accounts.signals)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("name"), max_length=100, blank=True)
    key_hash = models.CharField(_("hash"), max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires at"))
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.user} {self.name or timezone.localtime(self.created_at).strftime('%Y-%m-%d %H:%M')}"

    @property
    def is_live(self) -> bool:
        return self.revoked_at is None and self.expires_at > timezone.now()

    @staticmethod
    def hash(raw: str) -> str:
        return hashlib.sha256(raw.encode()).hexdigest()

    @classmethod
    def issue(cls, user, name: str = "") -> str:
        """A new token for the user; answers the token itself (only its hash is kept)."""
        raw = secrets.token_urlsafe(32)
        expires_at = timezone.now() + datetime.timedelta(seconds=settings.API_TOKEN_SECONDS)
        cls.objects.create(user=user, name=name, key_hash=cls.hash(raw), expires_at=expires_at)
        return raw


class PasswordHistory(models.Model):
    """The hashes of a user's latest passwords, so none of the last few is chosen again
    (accounts.validators.PasswordHistoryValidator keeps and reads them)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="password_history"
    )
    password_hash = models.CharField(max_length=128)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("previous password")
        verbose_name_plural = _("previous passwords")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.user} {timezone.localtime(self.created_at):%Y-%m-%d %H:%M}"
