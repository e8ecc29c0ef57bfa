"""The server is killed (SIGKILL) in the middle of a burst of registrations: every registration the
client saw acknowledged (201/200) is stored, exactly once, after the restart; sending every form again
with its client_ref (docs/api.md, idempotency) creates nothing for the acknowledged ones and at most
one registration for the others. A real server process (runserver) on the suite's database."""

from __future__ import annotations

import json
import os
import queue
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from accounts.models import ApiToken
from cases.models import Case
from intake.models import Registration
from units.models import Category, Unit

pytestmark = pytest.mark.django_db(transaction=True)

FORMS = 40
KILL_AFTER_ACKS = 10
SENDERS = 4


def database_url() -> str:
    """The test database itself, for the server process."""
    ours = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{ours['NAME']}"
    auth = ours["USER"] + (f":{ours['PASSWORD']}" if ours["PASSWORD"] else "")
    return f"postgres://{auth}@{ours['HOST'] or '127.0.0.1'}:{ours['PORT'] or 5432}/{ours['NAME']}"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, log: Path):
        self.port = free_port()
        self.log = open(log, "ab")
        env = {**os.environ, "DEBUG": "1", "DATABASE_URL": database_url()}
        self.process = subprocess.Popen(
            [sys.executable, "manage.py", "runserver", "--noreload", "--skip-checks", f"127.0.0.1:{self.port}"],
            cwd=settings.BASE_DIR, env=env, stdout=self.log, stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 40
        while time.monotonic() < deadline:
            assert self.process.poll() is None, f"the server stopped: see {log}"
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{self.port}/api/v1/openapi.json", timeout=2)
                return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(0.2)
        self.kill()
        pytest.fail(f"the server did not answer within 40 s: see {log}")

    def kill(self) -> None:
        if self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)
        self.log.close()


def register(port: int, token: str, day_id: int, body: dict) -> tuple[int, dict]:
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/api/v1/workdays/{day_id}/registrations",
        data=json.dumps(body).encode(), method="POST",
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
    )
    try:
        with urllib.request.urlopen(request, timeout=20) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, {"body": error.read().decode(errors="replace")}


def test_acknowledged_registrations_survive_a_sigkill_exactly_once(workday_factory, town_clerk, tmp_path):
    day = workday_factory(held=True, host_unit=town_clerk.unit, actor=town_clerk)
    token = ApiToken.issue(town_clerk, name="crash test")
    category, territory = Category.objects.get(name="欠薪讨薪"), Unit.objects.get(name="巴川街道")
    forms = {
        str(uuid.uuid4()): {
            "petitioners": [{"name": f"群众{i:03d}", "phone": f"138{i:08d}"}],
            "kind": "request", "category_id": category.pk, "territory_unit_id": territory.pk,
            "content": f"第{i}件：工资拖欠未付", "disposition": "refer", "channel": "区人力社保局",
        }
        for i in range(FORMS)
    }
    for ref, body in forms.items():
        body["client_ref"] = ref

    server = Server(tmp_path / "server.log")
    todo: queue.Queue[str] = queue.Queue()
    for ref in forms:
        todo.put(ref)
    sent: set[str] = set()
    acked: dict[str, int] = {}
    unexpected: list[tuple[str, int, dict]] = []
    lock = threading.Lock()
    enough = threading.Event()

    def sender() -> None:
        while not todo.empty():
            try:
                ref = todo.get_nowait()
            except queue.Empty:
                return
            with lock:
                sent.add(ref)
            try:
                status, answer = register(server.port, token, day.pk, forms[ref])
            except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
                continue  # the server died with this request: not acknowledged
            with lock:
                if status in (200, 201):
                    acked[ref] = answer["id"]
                    if len(acked) >= KILL_AFTER_ACKS:
                        enough.set()
                else:
                    unexpected.append((ref, status, answer))

    threads = [threading.Thread(target=sender) for _ in range(SENDERS)]
    for t in threads:
        t.start()
    assert enough.wait(timeout=60), "the server acknowledged too few registrations"
    server.kill()
    for t in threads:
        t.join(timeout=30)

    assert unexpected == []
    assert KILL_AFTER_ACKS <= len(acked) < FORMS, "the kill did not come in the middle of the burst"
    assert set(acked) <= sent

    # After the crash, before any retry: each acknowledged registration is stored once, as answered.
    for ref, registration_id in acked.items():
        assert list(Registration.objects.filter(client_ref=ref).values_list("pk", flat=True)) == [registration_id]
    for ref in sent - set(acked):
        assert Registration.objects.filter(client_ref=ref).count() <= 1

    server = Server(tmp_path / "server.log")
    try:
        for ref in sorted(sent):
            status, answer = register(server.port, token, day.pk, forms[ref])
            if ref in acked:
                assert (status, answer["id"]) == (200, acked[ref]), "a retry of an acknowledged form must answer it"
            else:
                assert status in (200, 201), answer
    finally:
        server.kill()

    for ref in sent:
        assert Registration.objects.filter(client_ref=ref).count() == 1
    assert Registration.objects.filter(workday=day).count() == len(sent)
    assert Case.objects.filter(registration__workday=day).count() == len(sent)
