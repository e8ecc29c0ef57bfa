"""What the citizen brings to a Work Day: the registration of one matter, its petitioners, and the
log of every full view of their personal data (R5, DESIGN §3 "Petitioner and person", §4).

The tables kept their workdays_ names when the models moved here (docs/adr/0009)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from intake.masking import mask_name
from units.models import Unit


class Petitioner(models.Model):
    """信访人 — recognised again by ID number when they return."""

    name = models.CharField(_("full name"), max_length=50)
    id_number = models.CharField(_("ID number"), max_length=18, blank=True, db_index=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    address = models.CharField(_("village / community"), max_length=200, blank=True)

    class Meta:
        db_table = "workdays_petitioner"
        verbose_name = _("petitioner")
        verbose_name_plural = _("petitioners")

    def __str__(self) -> str:
        return self.name

    @property
    def masked_name(self) -> str:
        """张** — for public pages."""
        return mask_name(self.name)


class Kind(models.TextChoices):
    REQUEST = "request", _("Request")
    OPINION = "opinion", _("Opinion")
    SUGGESTION = "suggestion", _("Suggestion")


class Disposition(models.TextChoices):
    ON_THE_SPOT = "on_the_spot", _("Answered on the spot")
    TIME_LIMIT = "time_limit", _("Committed time limit")
    REFER = "refer", _("Beyond authority: channel told, reported to the joint office")


GROUP_VISIT_SIZE = 5


class Registration(models.Model):
    """登记 — one citizen's matter as written in the statistics form (R5). Never changes after it is
    made; what handling may change (category, territory, responsible person) lives on the case."""

    workday = models.ForeignKey("workdays.WorkDay", on_delete=models.PROTECT, related_name="registrations")
    client_ref = models.UUIDField(_("client reference"), null=True, blank=True, unique=True)
    petitioners = models.ManyToManyField(Petitioner, verbose_name=_("petitioners"), related_name="registrations")
    people_count = models.PositiveIntegerField(_("number of people"), default=1)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    category = models.ForeignKey("units.Category", verbose_name=_("category"), on_delete=models.PROTECT)
    territory = models.ForeignKey(
        Unit, verbose_name=_("territory"), on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    content = models.TextField(_("content"))
    disposition = models.CharField(_("disposition"), max_length=20, choices=Disposition.choices)
    answer = models.TextField(_("answer given on the spot"), blank=True)
    channel = models.TextField(_("channel the citizen was told"), blank=True)
    promised_days = models.PositiveSmallIntegerField(_("promised resolution period (working days)"), null=True, blank=True)
    responsible_person = models.CharField(_("responsible person"), max_length=50)
    responsible_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("responsible user"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    registered_at = models.DateTimeField(_("registered at"))
    registered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    late_entry = models.BooleanField(_("entered after the day (paper form)"), default=False)

    class Meta:
        db_table = "workdays_registration"
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["registered_at", "id"]

    def __str__(self) -> str:
        return f"{self.workday} #{self.pk}"

    @property
    def is_group_visit(self) -> bool:
        return self.people_count >= GROUP_VISIT_SIZE


class PersonalDataView(models.Model):
    """A log line each time someone opens a citizen's full ID number or phone."""

    registration = models.ForeignKey(Registration, on_delete=models.PROTECT, related_name="+")
    viewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    viewed_at = models.DateTimeField()
    fields = models.CharField(max_length=100)

    class Meta:
        verbose_name = _("personal data view")
        verbose_name_plural = _("personal data views")

    def __str__(self) -> str:
        return f"{self.viewed_by} {self.viewed_at:%Y-%m-%d %H:%M}"
