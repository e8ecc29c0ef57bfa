"""A large ledger export runs in the background: 202 {job_id}, the job queued in the database
(django-tasks' database backend), run by the real worker command (`db_worker --batch`), then done with
a download link. Only its owner sees the job or the file; the page follows it with htmx."""

import signal

import pytest
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from accounts.models import Role
from cases.models import CaseStatus
from exports.models import ExportJob
from exports.tests.office import body, workbook

pytestmark = pytest.mark.django_db(transaction=True)  # the worker commits, as in production


@pytest.fixture
def small_limit(settings, tmp_path):
    settings.EXPORT_SYNC_LIMIT = 1
    settings.EXPORT_ROOT = tmp_path / "exports"


def run_worker_once():
    """The worker command as `make run` starts it, in batch mode: run what is queued, then stop."""
    handlers = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM)}
    try:
        call_command("db_worker", batch=True, reload=False, startup_delay=False, interval=0)
    finally:
        for s, handler in handlers.items():
            signal.signal(s, handler)


def get_job(client, user, job_id):
    client.force_login(user)
    return client.get(f"/api/v1/jobs/{job_id}")


def test_a_large_export_is_a_job_the_worker_runs(client, supervisor, case_factory, small_limit, make_user):
    first, second = case_factory(CaseStatus.ASSIGNED), case_factory(CaseStatus.ANSWERED)
    client.force_login(supervisor)
    started = client.get("/api/v1/cases/export.xlsx", HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert started.status_code == 202
    job_id = started.json()["job_id"]
    # queued in the database: a restart of the app loses nothing
    assert DBTaskResult.objects.filter(status="READY", task_path="exports.jobs.run_export").count() == 1
    assert get_job(client, supervisor, job_id).json() == {"id": job_id, "status": "queued", "progress": 0, "download_url": None, "expired": False}

    stranger = make_user(Role.CLERK, "南城街道")
    assert get_job(client, stranger, job_id).status_code == 404
    assert get_job(client, stranger, job_id + 1000).status_code == 404

    run_worker_once()

    got = get_job(client, supervisor, job_id).json()
    assert got["status"] == "done" and got["progress"] == 100
    assert got["download_url"] == f"/api/v1/jobs/{job_id}/file"
    assert DBTaskResult.objects.get(task_path="exports.jobs.run_export").status == "SUCCESSFUL"
    file = client.get(got["download_url"])
    assert file.status_code == 200
    sheet = workbook(body(file)).worksheets[0]
    assert sheet["A2"].value == "编号"  # the requester's language, kept for the worker
    assert [sheet.cell(row=r, column=1).value for r in (3, 4)] == [second.pk, first.pk]
    assert sheet.cell(row=3, column=9).value == "工地拖欠工资"

    client.force_login(stranger)
    assert client.get(got["download_url"]).status_code == 404
    assert get_job(client, stranger, job_id).status_code == 404


def test_the_page_follows_the_job_and_offers_the_file(client, town_clerk, case_factory, small_limit, make_user):
    case_factory(CaseStatus.ASSIGNED), case_factory(CaseStatus.ASSIGNED)
    client.force_login(town_clerk)
    answer = client.get("/exports/ledger.xlsx?status=assigned", HTTP_ACCEPT_LANGUAGE="zh-hans")
    job = ExportJob.objects.get()
    assert answer.status_code == 302 and answer["Location"] == f"/exports/jobs/{job.pk}/"
    assert job.owner == town_clerk and job.params["filters"]["status"] == "assigned"
    page = client.get(answer["Location"], HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert "排队中" in page and 'hx-trigger="every 2s"' in page and "下载文件" not in page

    run_worker_once()

    fragment = client.get(answer["Location"], HTTP_HX_REQUEST="true", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert "<html" not in fragment and "已完成" in fragment and "hx-trigger" not in fragment
    assert f'href="/api/v1/jobs/{job.pk}/file"' in fragment and "下载文件" in fragment

    stranger = make_user(Role.CLERK, "南城街道")
    client.force_login(stranger)
    assert client.get(answer["Location"]).status_code == 404


def test_a_job_that_fails_says_so(client, supervisor, case_factory, small_limit, settings, tmp_path):
    case_factory(CaseStatus.ASSIGNED), case_factory(CaseStatus.ASSIGNED)
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("x")
    settings.EXPORT_ROOT = blocker  # the worker cannot write there
    client.force_login(supervisor)
    job_id = client.get("/api/v1/cases/export.xlsx").json()["job_id"]
    run_worker_once()
    assert get_job(client, supervisor, job_id).json() == {"id": job_id, "status": "failed", "progress": 0, "download_url": None, "expired": False}
    assert ExportJob.objects.get(pk=job_id).error
