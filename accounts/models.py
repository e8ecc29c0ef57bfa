"""Users: each belongs to one unit and has one role."""

from __future__ import annotations

import hashlib
import secrets

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    SUPERVISOR = "supervisor", _("Joint-office supervisor")
    CLERK = "clerk", _("Unit clerk")
    UNIT_LEADER = "unit_leader", _("Unit leader")
    DISTRICT_LEADER = "district_leader", _("District leader")
    ADMIN = "admin", _("System administrator")


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

    @property
    def display_name(self) -> str:
        return self.full_name or self.get_full_name() or self.username


class ApiToken(models.Model):
    """A bearer token for the JSON API. Only its SHA-256 is stored."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.user} {self.created_at:%Y-%m-%d}"

    @staticmethod
    def hash(raw: str) -> str:
        return hashlib.sha256(raw.encode()).hexdigest()

    @classmethod
    def issue(cls, user) -> str:
        raw = secrets.token_urlsafe(32)
        cls.objects.create(user=user, key_hash=cls.hash(raw))
        return raw
