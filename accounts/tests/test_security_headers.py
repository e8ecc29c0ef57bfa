"""Headers of every answer: a Content-Security-Policy without inline scripts (and no inline script in
any template), `Cache-Control: no-store` behind login; and a production configuration that
`check --deploy` passes."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from conftest import PASSWORD

pytestmark = pytest.mark.django_db

ROOT = Path(settings.BASE_DIR)


def directives(response) -> dict[str, str]:
    policy = response["Content-Security-Policy"]
    return {part.split()[0]: part.strip() for part in policy.split(";") if part.strip()}


@pytest.mark.parametrize("path", ["/accounts/login/", "/", "/api/v1/units", "/api/v1/docs"])
def test_every_answer_has_a_policy_without_inline_scripts(client, town_clerk, path):
    client.force_login(town_clerk)
    policy = directives(client.get(path))
    assert policy["script-src"] == "script-src 'self'"
    assert "'unsafe-inline'" not in policy["script-src"] and "'unsafe-eval'" not in policy["script-src"]
    assert policy["object-src"] == "object-src 'none'"
    assert policy["frame-ancestors"] == "frame-ancestors 'none'"
    assert policy["base-uri"] == "base-uri 'self'" and policy["form-action"] == "form-action 'self'"


def templates():
    for path in sorted(ROOT.rglob("*.html")):
        parts = path.relative_to(ROOT).parts
        if parts[0] in {".venv", "var", "node_modules"} or "templates" not in parts:
            continue
        yield path


INLINE_SCRIPT = re.compile(r"<script\b(?![^>]*\bsrc=)(?![^>]*type=\"application/(?:ld\+)?json\")[^>]*>", re.I)
EVENT_HANDLER = re.compile(r"<[^>]*\son[a-z]+\s*=", re.I)
JS_URL = re.compile(r"""(?:href|src|action)\s*=\s*["']?\s*javascript:""", re.I)


def test_no_template_has_an_inline_script_or_event_handler():
    found = list(templates())
    assert len(found) > 50  # the scan sees the project's templates
    offenders = []
    for path in found:
        text = path.read_text(encoding="utf-8")
        for pattern in (INLINE_SCRIPT, EVENT_HANDLER, JS_URL):
            offenders += [f"{path.relative_to(ROOT)}: {m.group(0)[:60]}" for m in pattern.finditer(text)]
    assert offenders == []


def test_the_scan_would_catch_an_inline_script():
    assert INLINE_SCRIPT.search("<script>alert(1)</script>")
    assert not INLINE_SCRIPT.search('<script src="/static/js/app.js" defer></script>')
    assert EVENT_HANDLER.search('<button type="button" onclick="window.print()">')
    assert not EVENT_HANDLER.search('<button type="button" data-print>')


def test_signed_in_pages_and_the_api_are_not_stored(client, town_clerk):
    client.force_login(town_clerk)
    for path in ["/", reverse("cases:list"), reverse("account"), "/api/v1/units", "/api/v1/cases"]:
        response = client.get(path)
        assert response.status_code == 200, path
        assert "no-store" in response["Cache-Control"], path


def test_answers_to_a_bearer_token_are_not_stored(client, town_clerk):
    token = client.post(
        "/api/v1/auth/token", {"username": "town_clerk", "password": PASSWORD}, content_type="application/json"
    ).json()["token"]
    response = client.get("/api/v1/cases", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]


def test_the_production_settings_pass_check_deploy():
    env = {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": "k7#production-like-secret-" + "x9Qz!" * 10,
        "ALLOWED_HOSTS": "xinfang.example.gov.cn",
    }
    env.pop("SECURE_SSL_REDIRECT", None)
    env.pop("SECURE_HSTS_SECONDS", None)
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
