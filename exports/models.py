"""A file made in the background (docs/api.md "Exports"): who asked for it, what was asked, how far
the worker got and where the file is. The job waits in the database (django-tasks' database
backend), so a restart of the app loses nothing; a job left running by a killed worker is queued
again (`manage.py requeue_stale_jobs`), and old files are deleted (`manage.py prune_exports`), the job
then marked expired."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class ExportJob(models.Model):
    class Kind(models.TextChoices):
        LEDGER = "ledger", _("Case ledger")

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", pgettext_lazy("job", "Failed")

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    params = models.JSONField(_("parameters"), default=dict)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(_("progress (percent)"), default=0)
    total = models.PositiveIntegerField(_("rows"), default=0)
    file_path = models.CharField(_("file"), max_length=300, blank=True)  # relative to settings.EXPORT_ROOT
    error = models.TextField(_("error"), blank=True)
    created_at = models.DateTimeField(pgettext_lazy("job", "created at"))
    # When the worker last showed it was alive on this job (started it, or wrote another chunk): a job
    # running with no progress for EXPORT_STALE_MINUTES was left by a killed worker (jobs.requeue_stale_jobs).
    progressed_at = models.DateTimeField(_("last progress at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    # When `manage.py prune_exports` deleted the file of this done job (the job stays, its file is gone).
    expired_at = models.DateTimeField(_("file expired at"), null=True, blank=True)

    class Meta:
        verbose_name = _("export job")
        verbose_name_plural = _("export jobs")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} #{self.pk}"
