"""Exports that run in the background: an `ExportJob` row for the user to follow and a django-tasks
task in the database queue for `manage.py db_worker` to run (docs/api.md "Exports").

The worker reads the cases again with the owner's access at the time it runs, writes the file under
settings.EXPORT_ROOT and records progress as it goes. Only the owner sees the job or its file
(`owned_job`: anyone else gets a 404).

Two housekeeping tasks, each a management command:
- `requeue_stale_jobs`: a worker killed in the middle of a job (a crash, a restart, kill -9) leaves
  the job `running` and its task result RUNNING forever. A job with no progress for
  settings.EXPORT_STALE_MINUTES is queued again and its task handed back to the workers, so it runs
  from the start and finishes. `make run` runs it before it starts the worker.
- `prune_exports`: the files of jobs finished more than N days ago are deleted; the job stays, `done`
  with `expired_at` set, and says so (`job_out`'s `expired`, the job page).
"""

from __future__ import annotations

import contextlib
import dataclasses
import logging
import secrets
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.http import Http404
from django.urls import reverse
from django.utils import timezone, translation
from django_tasks import task
from django_tasks_db.models import DBTaskResult

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
    if job.status != ExportJob.Status.DONE or not job.file_path or job.expired_at is not None:
        return None
    path = Path(settings.EXPORT_ROOT) / job.file_path
    return path if path.is_file() else None


def download_url(job: ExportJob) -> str | None:
    return reverse("api:job_file", args=[job.pk]) if file_of(job) is not None else None


def job_out(job: ExportJob) -> dict:
    """`expired`: the job is done but its file was deleted by `prune_exports` (download_url null)."""
    return {
        "id": job.pk, "status": job.status, "progress": job.progress, "download_url": download_url(job),
        "expired": job.expired_at is not None,
    }


@task()
def run_export(job_id: int) -> None:
    """The worker's side: write the ledger of the job's filters, recording progress."""
    # Claimed in one statement: of two workers given the same job (e.g. after a requeue), one runs it.
    claimed = ExportJob.objects.filter(pk=job_id, status=ExportJob.Status.QUEUED).update(
        status=ExportJob.Status.RUNNING, progress=0, progressed_at=timezone.now()
    )
    if not claimed:  # gone, or already run by another worker
        return
    job = ExportJob.objects.select_related("owner").get(pk=job_id)
    root = Path(settings.EXPORT_ROOT)
    name = f"ledger-{job.pk}-{secrets.token_hex(8)}.xlsx"
    try:
        root.mkdir(parents=True, exist_ok=True)
        with translation.override(job.params.get("language") or settings.LANGUAGE_CODE):
            cases = ledger_cases(job.owner, CaseFilters(**job.params["filters"]))
            total = cases.count()

            def progress(rows: int) -> None:
                percent = min(99, rows * 100 // total) if total else 99
                ExportJob.objects.filter(pk=job.pk).update(progress=percent, progressed_at=timezone.now())

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


# --- Housekeeping: jobs left running by a killed worker, old files ------------------------------------

RUN_EXPORT_PATH = "exports.jobs.run_export"


def stale_limit() -> timedelta:
    return timedelta(minutes=settings.EXPORT_STALE_MINUTES)


def _job_id_of(result: DBTaskResult) -> int | None:
    if result.task_path != RUN_EXPORT_PATH:
        return None
    args = (result.args_kwargs or {}).get("args") or [None]
    return args[0] if isinstance(args[0], int) else None


def requeue_stale_jobs(limit: timedelta | None = None) -> list[int]:
    """Queue again what a killed worker left running with no progress for `limit` (default
    EXPORT_STALE_MINUTES): its task result goes back to READY for the next worker (any task, not only
    exports) and its export job back to `queued`, progress 0; an export job still `running` without a
    task result to run it gets a new one. Returns the ids of the export jobs queued again."""
    limit = stale_limit() if limit is None else limit
    cutoff = timezone.now() - limit
    requeued: set[int] = set()
    with transaction.atomic():
        for result in DBTaskResult.objects.select_for_update(skip_locked=True).filter(status="RUNNING", started_at__lt=cutoff):
            job_id = _job_id_of(result)
            job = ExportJob.objects.filter(pk=job_id).first() if job_id is not None else None
            if job is not None and job.status == ExportJob.Status.RUNNING and job.progressed_at and job.progressed_at >= cutoff:
                continue  # started long ago but still writing: alive
            logger.warning("Task %s (%s) left running since %s: queued again", result.pk, result.task_path, result.started_at)
            result.status, result.started_at = "READY", None
            result.save(update_fields=["status", "started_at"])
            if job is not None and job.status in (ExportJob.Status.RUNNING, ExportJob.Status.QUEUED):
                ExportJob.objects.filter(pk=job.pk).update(status=ExportJob.Status.QUEUED, progress=0, progressed_at=None)
                requeued.add(job.pk)
        orphans = (
            ExportJob.objects.select_for_update(skip_locked=True)
            .filter(status=ExportJob.Status.RUNNING)
            .filter(Q(progressed_at__lt=cutoff) | Q(progressed_at__isnull=True, created_at__lt=cutoff))
            .exclude(pk__in=requeued)
        )
        waiting = {_job_id_of(r) for r in DBTaskResult.objects.filter(task_path=RUN_EXPORT_PATH, status="READY")}
        for job in orphans:
            ExportJob.objects.filter(pk=job.pk).update(status=ExportJob.Status.QUEUED, progress=0, progressed_at=None)
            if job.pk not in waiting:  # its task result is gone (pruned) or finished: a new one
                run_export.enqueue(job.pk)
            logger.warning("Export job %s left running with no progress since %s: queued again", job.pk, job.progressed_at)
            requeued.add(job.pk)
    return sorted(requeued)


def prune_exports(days: int) -> tuple[int, int]:
    """Delete the files of the jobs finished more than `days` days ago and mark those jobs expired
    (still `done`, no download); also delete files under EXPORT_ROOT that no job refers to (left by a
    failed or killed job) once they are that old. Returns (files deleted, jobs expired)."""
    now = timezone.now()
    cutoff = now - timedelta(days=days)
    root = Path(settings.EXPORT_ROOT)
    deleted = expired = 0
    old_jobs = ExportJob.objects.filter(status=ExportJob.Status.DONE, expired_at__isnull=True, finished_at__lt=cutoff)
    for job in old_jobs.only("id", "file_path"):
        if job.file_path:
            path = root / job.file_path
            if path.is_file():
                path.unlink()
                deleted += 1
        expired += ExportJob.objects.filter(pk=job.pk, expired_at__isnull=True).update(expired_at=now, file_path="")
    if root.is_dir():
        known = set(ExportJob.objects.exclude(file_path="").values_list("file_path", flat=True))
        for path in root.iterdir():
            if path.is_file() and path.name not in known and path.stat().st_mtime < cutoff.timestamp():
                with contextlib.suppress(OSError):
                    path.unlink()
                    deleted += 1
    return deleted, expired
