"""Shared fixtures: the reference data and the five named users every access test uses."""

from __future__ import annotations

import pytest
from django.conf import settings

from accounts.models import Role, User
from accounts.services import user_create
from units.models import DistrictLeader, Unit
from units.services import load_reference

PASSWORD = "test-pass-2026"


@pytest.fixture
def reference(db):
    load_reference(settings.REFERENCE_DATA_FILE)


def _make_user(username: str, unit_name: str, role: str) -> User:
    from django.db import transaction

    with transaction.atomic():
        return user_create(username=username, unit_name=unit_name, role=role, password=PASSWORD)


@pytest.fixture
def supervisor(reference) -> User:
    """Joint-office supervisor (区信访联席办)."""
    return _make_user("supervisor", "区信访工作联席会议办公室", Role.SUPERVISOR)


@pytest.fixture
def town_clerk(reference) -> User:
    """Clerk of 巴川街道."""
    return _make_user("town_clerk", "巴川街道", Role.CLERK)


@pytest.fixture
def other_town_clerk(reference) -> User:
    """Clerk of 土桥镇, who must never see 巴川街道's data."""
    return _make_user("other_town_clerk", "土桥镇", Role.CLERK)


@pytest.fixture
def dept_clerk(reference) -> User:
    """Clerk of 区住房城乡建委 (a key department)."""
    return _make_user("dept_clerk", "区住房城乡建委", Role.CLERK)


@pytest.fixture
def district_leader(reference) -> User:
    """A district leader who liaises with 巴川街道 and oversees 区住房城乡建委."""
    leader = DistrictLeader.objects.create(name="王建国", title="副区长")
    leader.liaison_units.set([Unit.objects.get(name="巴川街道")])
    leader.oversight_units.set([Unit.objects.get(name="区住房城乡建委")])
    user = _make_user("district_leader", "铜梁区", Role.DISTRICT_LEADER)
    user.district_leader = leader
    user.save(update_fields=["district_leader"])
    return user


@pytest.fixture
def unit(reference):
    """Look up a unit by name: unit("巴川街道")."""
    return lambda name: Unit.objects.get(name=name)


# --- Browser tests: Playwright drives Debian's chromium; a browser is never downloaded. ---------------

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    import os

    if not os.path.exists(CHROMIUM):
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"CI=true but {CHROMIUM} is missing: install Debian's chromium package.")
        pytest.skip(f"browser tests skipped: {CHROMIUM} not found (apt-get install chromium fonts-noto-cjk)")
    # Playwright's sync API runs an event loop in this thread; Django's ORM calls from fixtures are fine.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_FLAGS, "headless": True}


@pytest.fixture
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "zh-CN", "extra_http_headers": {"Accept-Language": "zh-CN,zh;q=0.9"}}


def login_in_browser(page, live_server, username: str) -> None:
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(f"{live_server.url}/")
