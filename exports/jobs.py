"""Exports that run in the background: an `ExportJob` row for the user to follow and a django-tasks
task in the database queue for `manage.py db_worker` to run (docs/api.md "Exports").

The worker reads the cases again with the owner's access at the time it runs, writes the file under
settings.EXPORT_ROOT and records progress as it goes. Only the owner sees the job or its file
(`owned_job`: anyone else gets a 404).
"""

from __future__ import annotations

import contextlib
import dataclasses
import logging
import secrets
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.http import Http404
from django.urls import reverse
from django.utils import timezone, translation
from django_tasks import task

from cases import selectors
from cases.selectors import CaseFilters
from exports import ledger
from exports.models import ExportJob

logger = logging.getLogger(__name__)


def sync_limit() -> int:
    """The largest ledger answered at once; a larger one becomes a job."""
    return settings.EXPORT_SYNC_LIMIT


def ledger_cases(user, filters: CaseFilters):
    return selectors.ledger_cases(user, filters).order_by("-id")


def start_ledger_export(user, filters: CaseFilters, total: int) -> ExportJob:
    """Record the job and put it in the queue (both in one transaction: the worker never sees a task
    without its job)."""
    with transaction.atomic():
        job = ExportJob.objects.create(
            owner=user,
            kind=ExportJob.Kind.LEDGER,
            params={"filters": dataclasses.asdict(filters), "language": translation.get_language() or settings.LANGUAGE_CODE},
            total=total,
            created_at=timezone.now(),
        )
        run_export.enqueue(job.pk)
    return job


def owned_job(user, job_id) -> ExportJob:
    """The job, if `user` asked for it; 404 for anyone else (never reveal another user's job)."""
    try:
        return ExportJob.objects.get(pk=job_id, owner=user)
    except (ExportJob.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def file_of(job: ExportJob) -> Path | None:
    if job.status != ExportJob.Status.DONE or not job.file_path:
        return None
    path = Path(settings.EXPORT_ROOT) / job.file_path
    return path if path.is_file() else None


def download_url(job: ExportJob) -> str | None:
    return reverse("api:job_file", args=[job.pk]) if file_of(job) is not None else None


def job_out(job: ExportJob) -> dict:
    return {"id": job.pk, "status": job.status, "progress": job.progress, "download_url": download_url(job)}


@task()
def run_export(job_id: int) -> None:
    """The worker's side: write the ledger of the job's filters, recording progress."""
    job = ExportJob.objects.select_related("owner").filter(pk=job_id, status=ExportJob.Status.QUEUED).first()
    if job is None:  # gone, or already run by another worker
        return
    ExportJob.objects.filter(pk=job.pk).update(status=ExportJob.Status.RUNNING)
    root = Path(settings.EXPORT_ROOT)
    name = f"ledger-{job.pk}-{secrets.token_hex(8)}.xlsx"
    try:
        root.mkdir(parents=True, exist_ok=True)
        with translation.override(job.params.get("language") or settings.LANGUAGE_CODE):
            cases = ledger_cases(job.owner, CaseFilters(**job.params["filters"]))
            total = cases.count()

            def progress(rows: int) -> None:
                percent = min(99, rows * 100 // total) if total else 99
                ExportJob.objects.filter(pk=job.pk).update(progress=percent)

            ledger.write_ledger(cases, str(root / name), title=ledger.ledger_title(total), total=total, progress=progress)
    except Exception as error:
        logger.exception("Export job %s failed", job.pk)
        with contextlib.suppress(OSError):
            (root / name).unlink(missing_ok=True)
        ExportJob.objects.filter(pk=job.pk).update(
            status=ExportJob.Status.FAILED, error=str(error)[:1000], finished_at=timezone.now()
        )
        return
    ExportJob.objects.filter(pk=job.pk).update(
        status=ExportJob.Status.DONE, progress=100, total=total, file_path=name, finished_at=timezone.now()
    )
