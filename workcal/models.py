"""The working-day calendar as stored: the dates that differ from the weekday rule, and per year
whether the State Council's notice for it is confirmed.

The weekday rule: Monday to Friday are working days, Saturday and Sunday are not. A row in
`CalendarDay` is a weekday off (a holiday, 放假) or a weekend day at work (a make-up working day,
调休上班). Only `workcal.services` writes these tables; every write also renews `CalendarVersion`
so that every process notices the change (see `workcal.calendar`).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class YearStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("Confirmed")
    PROVISIONAL = "provisional", _("Provisional")


class Source(models.TextChoices):
    PACKAGE = "package", _("chinesecalendar package")
    NOTICE = "notice", _("State Council notice")
    MANUAL = "manual", _("Edited by the joint office")
    ESTIMATE = "estimate", _("Estimated from the statutory holidays")


class CalendarYear(models.Model):
    """One calendar year whose days are stored in `CalendarDay`.

    A year without a row is not stored: it is estimated from the statutory holidays (provisional).
    A stored year is provisional until the joint office confirms it (importing the notice confirms
    it); years seeded from the chinesecalendar package count as confirmed.
    """

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    status = models.CharField(_("status"), max_length=12, choices=YearStatus.choices, default=YearStatus.PROVISIONAL)
    source = models.CharField(_("source"), max_length=10, choices=Source.choices)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("confirmed by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("calendar year")
        verbose_name_plural = _("calendar years")
        ordering = ["year"]

    def __str__(self) -> str:
        return f"{self.year} ({self.get_status_display()})"

    @property
    def is_confirmed(self) -> bool:
        return self.status == YearStatus.CONFIRMED


class CalendarDay(models.Model):
    """A date that differs from the weekday rule: a weekday off (放假) or a weekend day at work
    (调休上班)."""

    date = models.DateField(_("date"), unique=True)
    is_workday = models.BooleanField(_("working day"))
    note = models.CharField(_("note"), max_length=100, blank=True)
    source = models.CharField(_("source"), max_length=10, choices=Source.choices)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("calendar day")
        verbose_name_plural = _("calendar days")
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {'work' if self.is_workday else 'off'}"


class CalendarVersion(models.Model):
    """A single row whose token is renewed in the same transaction as every calendar change.

    Each process keeps its calendar index in memory and compares this token with the one its index
    was built from; a different token means another process changed the calendar. A random token
    rather than a counter: a change rolled back after a process has seen it can never be confused
    with a later, committed one.
    """

    token = models.CharField(max_length=32)
    changed_at = models.DateTimeField()

    class Meta:
        verbose_name = _("calendar version")
        verbose_name_plural = _("calendar versions")

    def __str__(self) -> str:
        return self.token
