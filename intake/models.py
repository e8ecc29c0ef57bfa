"""What the citizen brings to a Work Day: the registration of one matter, its petitioners, and the
log of every full view of their personal data (R5, DESIGN §3 "Petitioner and person", §4).

The tables kept their workdays_ names when the models moved here (docs/adr/0009)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from intake.masking import mask_name
from units.models import Unit


class Person(models.Model):
    """人员 — one citizen, recognised across registrations by the normalised ID number. Their details
    change only by a correction with a reason (intake.services.person_correct), never because a
    later registration said something else."""

    id_number = models.CharField(_("ID number"), max_length=18, unique=True)
    name = models.CharField(_("full name"), max_length=50)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    address = models.CharField(_("village / community"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("first registered at"))

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("persons")
        ordering = ["id"]

    def __str__(self) -> str:
        return mask_name(self.name)


class Petitioner(models.Model):
    """信访人 — one petitioner of one registration, exactly as given that day. A later registration
    never changes it; the joint office corrects it with a reason."""

    registration = models.ForeignKey("Registration", on_delete=models.PROTECT, related_name="petitioners")
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    person = models.ForeignKey(
        Person, verbose_name=_("person"), null=True, blank=True, on_delete=models.PROTECT, related_name="petitioners"
    )
    name = models.CharField(_("full name"), max_length=50)
    id_number = models.CharField(_("ID number"), max_length=18, blank=True, db_index=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    address = models.CharField(_("village / community"), max_length=200, blank=True)
    # The clerk confirmed that this is the person on file although the name given differs: stored
    # as given and listed for the joint office to review.
    identity_mismatch = models.BooleanField(_("name differs from the person on file"), default=False)

    class Meta:
        db_table = "workdays_petitioner"
        verbose_name = _("petitioner")
        verbose_name_plural = _("petitioners")
        ordering = ["registration_id", "position", "id"]

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
# At most this many petitioners are named on one registration (a group names its representatives);
# `people_count` gives the group's size.
MAX_PETITIONERS = 5


class CountedRegistrations(models.Manager):
    def get_queryset(self):
        return super().get_queryset().exclude(status=RegistrationStatus.WITHDRAWN)


class RegistrationStatus(models.TextChoices):
    REGISTERED = "registered", _("Registered")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Registration(models.Model):
    """登记 — one citizen's matter as written in the statistics form (R5). Never changes after it is
    made, but for its withdrawal (撤回) on the day; what handling may change (category, territory,
    responsible person) lives on the case."""

    workday = models.ForeignKey("workdays.WorkDay", on_delete=models.PROTECT, related_name="registrations")
    client_ref = models.UUIDField(_("client reference"), null=True, blank=True, unique=True)
    status = models.CharField(
        _("status"), max_length=20, choices=RegistrationStatus.choices, default=RegistrationStatus.REGISTERED
    )
    people_count = models.PositiveIntegerField(_("number of people"), default=1)
    # Which site received it (R2): empty for the day's main place, else one of its extension sites.
    site = models.CharField(_("site"), max_length=200, blank=True)
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
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    withdraw_reason = models.TextField(_("reason for withdrawing"), blank=True)

    objects = models.Manager()
    counted = CountedRegistrations()  # what every total counts: a withdrawn registration is not counted
    name_relations = ("workday__host_unit",)  # what __str__ reads besides the row

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
    """A log line each time someone opens a citizen's full ID number or phone, or searches a person by
    ID number: who, when, which registration or person."""

    registration = models.ForeignKey(Registration, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(Person, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    viewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    viewed_at = models.DateTimeField()
    fields = models.CharField(max_length=100)

    class Meta:
        verbose_name = _("personal data view")
        verbose_name_plural = _("personal data views")

    def __str__(self) -> str:
        return f"{self.viewed_by} {self.viewed_at:%Y-%m-%d %H:%M}"
