"""The production stack: gunicorn with two workers, DEBUG off, against a database prepared the way
docs/deploy.md installs one (migrate, load_reference, create_user). Two joint-office supervisors assign
the same case at the same moment with the version they both read: one succeeds, the other gets 409 and
the case holds the winner's assignment. Runs on PostgreSQL (a scratch database deploy_test_<pid>) when
DATABASE_URL points there, else on a SQLite file."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
SUPERVISOR_PASSWORD = "Deploy-test-9f3Kq!"
SECRET = "deploy-test-" + "k7#Qz!x9" * 8
ROUNDS = 3  # cases raced for; every round must give exactly one winner


# Run in the prepared database: a clerk of 巴川街道 plans and holds today's Work Day and registers
# ROUNDS matters referred to the joint office; prints the cases' ids and versions.
MAKE_CASES = """
import json
from django.db import transaction
from django.utils import timezone
from accounts.models import Role
from accounts.services import user_create
from intake.tests.factories import register_matter
from units.models import Category, Unit
from workdays.services import sign_in_add, workday_plan
import datetime as dt

with transaction.atomic():
    clerk = user_create(username="deploy_clerk", unit_name="巴川街道", role=Role.CLERK, password="Clerk-pass-7Hq2!")
    town = Unit.objects.get(name="巴川街道")
    day = workday_plan(
        actor=clerk, host_unit=town, date=timezone.localdate(), start_time=dt.time(9, 0), end_time=dt.time(12, 0),
        place="巴川广场", extension_sites=[], leader="张伟", participants=["党工委书记"],
        agenda="接待群众来访", procedure="登记、分流、答复",
    )
    sign_in_add(workday=day, actor=clerk, name="张伟", title="党工委书记")
    day.refresh_from_db()
    cases = []
    for n in range(%(rounds)d):
        registration, _ = register_matter(
            workday=day, actor=clerk, petitioners=[{"name": f"王{n}", "phone": "13800138000"}], kind="request",
            category=Category.objects.get(name="欠薪讨薪"), territory=town, content="工地拖欠工资",
            disposition="refer", channel="区人力社保局",
        )
        cases.append({"id": registration.case.pk, "version": registration.case.version})
print("CASES=" + json.dumps(cases))
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _manage(env: dict, *args: str) -> str:
    result = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, f"manage.py {args[0]} failed:\n{result.stdout}\n{result.stderr}"
    return result.stdout


@pytest.fixture
def database_url(tmp_path):
    """A scratch database for the server: on the PostgreSQL server of DATABASE_URL, or a SQLite file."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        yield f"sqlite:///{tmp_path / 'deploy.sqlite3'}"
        return
    import psycopg

    name = f"deploy_test_{os.getpid()}"
    parts = urlsplit(url)
    admin_url = urlunsplit(parts._replace(scheme="postgresql"))
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield urlunsplit(parts._replace(path=f"/{name}"))
    finally:
        with psycopg.connect(admin_url, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


class Server:
    def __init__(self, base: str):
        self.base = base

    def call(self, method: str, path: str, body: dict | None = None, token: str = "") -> tuple[int, dict]:
        # nginx (deploy/nginx.conf) terminates TLS and says so in X-Forwarded-Proto.
        headers = {"Content-Type": "application/json", "X-Forwarded-Proto": "https", "Host": "127.0.0.1"}
        if token:
            headers["Authorization"] = f"Bearer {token}"
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(self.base + path, data=data, method=method, headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return response.status, json.loads(response.read() or b"{}")
        except urllib.error.HTTPError as error:
            return error.code, json.loads(error.read() or b"{}")


@pytest.fixture
def server(tmp_path, database_url):
    """gunicorn -w 2 with the production settings over a database installed as docs/deploy.md says."""
    env = {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": SECRET,
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": database_url,
        "SECURE_PROXY_SSL_HEADER": "1",
        "ATTACHMENTS_DIR": str(tmp_path / "attachments"),
        "EXPORT_ROOT": str(tmp_path / "exports"),
        "STATIC_ROOT": str(tmp_path / "static"),
        "PYTHONUNBUFFERED": "1",
    }
    _manage(env, "migrate", "--noinput")
    _manage(env, "load_reference")
    _manage(
        env, "create_user", "deploy_supervisor", "--unit", "区信访工作联席会议办公室", "--role", "supervisor",
        "--password", SUPERVISOR_PASSWORD,
    )
    out = _manage(env, "shell", "-c", MAKE_CASES % {"rounds": ROUNDS})
    cases = json.loads(next(line for line in out.splitlines() if line.startswith("CASES="))[len("CASES="):])

    port = _free_port()
    log = (tmp_path / "gunicorn.log").open("w")
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "-w", "2", "-b", f"127.0.0.1:{port}", "xinfang.wsgi"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
    )
    live = Server(f"http://127.0.0.1:{port}")
    try:
        deadline = time.monotonic() + 40
        while True:
            assert process.poll() is None, (tmp_path / "gunicorn.log").read_text()
            try:
                if live.call("GET", "/api/v1/openapi.json")[0] == 200:
                    break
            except OSError:
                pass
            assert time.monotonic() < deadline, "gunicorn did not answer:\n" + (tmp_path / "gunicorn.log").read_text()
            time.sleep(0.3)
        live.cases = cases
        live.log = tmp_path / "gunicorn.log"
        yield live
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


def _race(server: Server, token: str, case: dict, lead_units: list[int]) -> list[tuple[int, dict, int]]:
    """Both supervisors send their assignment at the same moment with the version they read."""
    barrier = threading.Barrier(len(lead_units))
    answers: list[tuple[int, dict, int]] = []

    def assign(unit_id: int) -> None:
        body = {"version": case["version"], "lead_unit_id": unit_id, "assisting_unit_ids": [], "instructions": "请依法处理"}
        barrier.wait()
        status, payload = server.call("POST", f"/api/v1/cases/{case['id']}/assign", body, token)
        answers.append((status, payload, unit_id))

    threads = [threading.Thread(target=assign, args=(unit_id,)) for unit_id in lead_units]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return answers


def test_two_gunicorn_workers_writing_one_case_give_one_success_and_one_conflict(server):
    status, answer = server.call(
        "POST", "/api/v1/auth/token", {"username": "deploy_supervisor", "password": SUPERVISOR_PASSWORD}
    )
    assert status == 200, answer
    token = answer["token"]
    status, units = server.call("GET", "/api/v1/units", token=token)
    assert status == 200, units
    by_name = {unit["name"]: unit["id"] for unit in units}
    rivals = [by_name["区人力社保局"], by_name["区住房城乡建委"]]

    for case in server.cases:
        answers = _race(server, token, case, rivals)
        assert sorted(status for status, _, _ in answers) == [200, 409], answers
        (winner,) = [unit_id for status, _, unit_id in answers if status == 200]
        (conflict,) = [payload for status, payload, _ in answers if status == 409]
        assert conflict["detail"]  # "changed by someone else in the meantime"

        status, stored = server.call("GET", f"/api/v1/cases/{case['id']}", token=token)
        assert status == 200
        assert stored["status"] == "assigned"
        assert stored["version"] == case["version"] + 1  # written once, not twice
        assert stored["lead_unit_id"] == winner

    # Both workers were up and served (their pids in the access log); which one took which request is
    # the operating system's choice.
    served = {line.rsplit("pid=", 1)[1].strip() for line in server.log.read_text().splitlines() if "pid=" in line}
    assert served


def _settings_process(env_changes: dict, code: str) -> subprocess.CompletedProcess:
    """Load the app as gunicorn does (xinfang.wsgi) in a fresh process, then run `code`."""
    env = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "DEBUG")}
    env.update(env_changes)
    return subprocess.run(
        [sys.executable, "-c", "import xinfang.wsgi\n" + code], cwd=ROOT, env=env, capture_output=True, text=True,
        timeout=120,
    )


@pytest.mark.parametrize("secret", [None, "dev-only-insecure-key-do-not-use-in-production"])
def test_production_refuses_to_start_without_its_own_secret_key(secret):
    result = _settings_process({"DEBUG": "0"} | ({"SECRET_KEY": secret} if secret else {}), "print('started')")
    assert result.returncode != 0
    assert "started" not in result.stdout
    assert "SECRET_KEY is not set" in result.stderr and "docs/deploy.md" in result.stderr


def test_production_serves_compressed_hashed_static_files_and_development_needs_no_collectstatic():
    code = "from django.conf import settings; print(settings.STORAGES['staticfiles']['BACKEND']); print(settings.MIDDLEWARE[2])"
    production = _settings_process({"DEBUG": "0", "SECRET_KEY": SECRET}, code)
    assert production.returncode == 0, production.stderr
    assert production.stdout.split() == [
        "whitenoise.storage.CompressedManifestStaticFilesStorage", "whitenoise.middleware.WhiteNoiseMiddleware",
    ]
    development = _settings_process({"DEBUG": "1"}, code)
    assert development.stdout.split()[0] == "django.contrib.staticfiles.storage.StaticFilesStorage"
    # and this test process (DEBUG on, under pytest) finds static files where they lie
    assert settings.STORAGES["staticfiles"]["BACKEND"] == "django.contrib.staticfiles.storage.StaticFilesStorage"
