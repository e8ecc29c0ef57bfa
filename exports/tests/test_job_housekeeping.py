"""Background jobs survive a killed worker and old files are pruned: `manage.py requeue_stale_jobs`
queues again what a dead worker left running, and the real worker then finishes it;
`manage.py prune_exports --days N` deletes old files and the job says its file has expired."""

import datetime
import io
import os

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from cases.models import CaseStatus
from exports.models import ExportJob
from exports.tests.office import body, workbook
from exports.tests.test_jobs import get_job, run_worker_once

pytestmark = pytest.mark.django_db(transaction=True)  # the worker commits, as in production

LONG_AGO = datetime.timedelta(hours=2)


@pytest.fixture
def export_root(settings, tmp_path):
    settings.EXPORT_SYNC_LIMIT = 1
    settings.EXPORT_ROOT = tmp_path / "exports"
    settings.EXPORT_STALE_MINUTES = 15
    return settings.EXPORT_ROOT


@pytest.fixture
def job_id(client, supervisor, case_factory, export_root):
    case_factory(CaseStatus.ASSIGNED), case_factory(CaseStatus.ANSWERED)
    client.force_login(supervisor)
    started = client.get("/api/v1/cases/export.xlsx", HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert started.status_code == 202
    return started.json()["job_id"]


def kill_worker_in_the_middle(job_id: int, *, since: datetime.timedelta = LONG_AGO) -> None:
    """What a worker killed while writing leaves behind: its task result RUNNING, the job running at
    40 %, and no progress since `since` ago."""
    then = timezone.now() - since
    result = DBTaskResult.objects.get(task_path="exports.jobs.run_export")
    result.claim("killed-worker")
    DBTaskResult.objects.filter(pk=result.pk).update(started_at=then)
    ExportJob.objects.filter(pk=job_id).update(status=ExportJob.Status.RUNNING, progress=40, progressed_at=then)


def requeue(**options) -> str:
    out = io.StringIO()
    call_command("requeue_stale_jobs", stdout=out, **options)
    return out.getvalue()


def test_a_job_left_running_by_a_killed_worker_is_queued_again_and_finishes(client, supervisor, job_id):
    kill_worker_in_the_middle(job_id)
    run_worker_once()  # a new worker finds nothing to do: the dead one's job looks taken
    assert get_job(client, supervisor, job_id).json()["status"] == "running"

    assert requeue() == f"1 export job(s) queued again: {job_id}.\n"
    got = get_job(client, supervisor, job_id).json()
    assert got["status"] == "queued" and got["progress"] == 0 and got["download_url"] is None
    assert DBTaskResult.objects.get(task_path="exports.jobs.run_export").status == "READY"

    run_worker_once()

    got = get_job(client, supervisor, job_id).json()
    assert got == {"id": job_id, "status": "done", "progress": 100, "download_url": f"/api/v1/jobs/{job_id}/file", "expired": False}
    sheet = workbook(body(client.get(got["download_url"]))).worksheets[0]
    assert sheet["A2"].value == "编号" and sheet.max_row == 4  # title, header, the two cases
    assert DBTaskResult.objects.get(task_path="exports.jobs.run_export").status == "SUCCESSFUL"


def test_a_job_still_making_progress_is_left_alone(client, supervisor, job_id):
    kill_worker_in_the_middle(job_id, since=datetime.timedelta(minutes=3))
    assert requeue() == "0 export job(s) queued again.\n"
    assert requeue(minutes=2) == f"1 export job(s) queued again: {job_id}.\n"  # the limit is configurable


def test_a_running_job_whose_task_record_was_pruned_gets_a_new_task(client, supervisor, job_id):
    kill_worker_in_the_middle(job_id)
    DBTaskResult.objects.all().delete()  # e.g. prune_db_task_results
    assert requeue() == f"1 export job(s) queued again: {job_id}.\n"
    assert DBTaskResult.objects.get(task_path="exports.jobs.run_export").status == "READY"
    run_worker_once()
    assert get_job(client, supervisor, job_id).json()["status"] == "done"


def test_a_negative_limit_is_refused():
    with pytest.raises(CommandError, match="0 or more"):
        requeue(minutes=-1)
    with pytest.raises(CommandError, match="0 or more"):
        call_command("prune_exports", days=-1)


def test_old_files_are_pruned_and_the_job_says_it_expired(client, supervisor, job_id, export_root):
    run_worker_once()
    job = ExportJob.objects.get(pk=job_id)
    path = export_root / job.file_path
    assert path.is_file()
    stray = export_root / "ledger-999-left-by-a-failed-job.xlsx"
    stray.write_bytes(b"partial")
    old = (timezone.now() - datetime.timedelta(days=8)).timestamp()
    os.utime(stray, (old, old))

    out = io.StringIO()
    call_command("prune_exports", stdout=out)  # default: 7 days; the job finished just now
    assert out.getvalue() == "1 file(s) deleted, 0 job(s) marked expired.\n" and path.is_file() and not stray.exists()

    ExportJob.objects.filter(pk=job_id).update(finished_at=timezone.now() - datetime.timedelta(days=3))
    call_command("prune_exports", days=7, stdout=io.StringIO())
    assert path.is_file()
    out = io.StringIO()
    call_command("prune_exports", days=2, stdout=out)
    assert out.getvalue() == "1 file(s) deleted, 1 job(s) marked expired.\n"
    assert not path.exists()

    got = get_job(client, supervisor, job_id).json()
    assert got == {"id": job_id, "status": "done", "progress": 100, "download_url": None, "expired": True}
    assert client.get(f"/api/v1/jobs/{job_id}/file").status_code == 404
    page = client.get(f"/exports/jobs/{job_id}/", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert "文件已过期" in page and 'data-testid="job-download"' not in page
