"""Shared fixtures: the reference data and the five named users every access test uses."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from django.conf import settings

from accounts.models import Role, User
from accounts.services import user_create
from units.models import DistrictLeader, Unit
from units.services import load_reference

PASSWORD = "test-pass-2026"


@pytest.fixture(autouse=True)
def fresh_calendar_index():
    """Each test's database is rolled back; no calendar index may outlive the test that built it."""
    from workcal import calendar

    calendar.reset()
    yield
    calendar.reset()


@pytest.fixture
def steady_calendar(monkeypatch):
    """The working-day calendar read once and not looked at again during the test: it checks the
    database at most once a second, which would add a query to whichever page came then. For the
    tests that count queries (writers in this process still invalidate it)."""
    from workcal import calendar

    monkeypatch.setattr(calendar, "CHECK_INTERVAL", 3600.0)
    calendar.invalidate()


@pytest.fixture(autouse=True)
def quick_passwords(settings):
    """Test users' passwords need no strength; proper hashing would take most of each test."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def _ensure_reference() -> None:
    """Load the reference data and seed the calendar unless the database already has them."""
    from workcal.services import seed_from_package

    if not Unit.objects.exists():
        load_reference(settings.REFERENCE_DATA_FILE)
        seed_from_package()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Load the reference data once into the test database; each test rolls back on top of it.
    (Transactional tests empty the tables; `reference` loads them again when needed.)"""
    with django_db_blocker.unblock():
        _ensure_reference()


@pytest.fixture
def reference(db):
    _ensure_reference()


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


# --- The clock and Work Day helpers ------------------------------------------------------------------


class Clock:
    """Moves `django.utils.timezone.now()` (and so `localdate()`) for business code and auto_now."""

    def __init__(self, real_now):
        self._real_now = real_now
        self.moment = None

    def set(self, value) -> None:
        import datetime as dt
        import zoneinfo

        if isinstance(value, str):
            value = dt.datetime.fromisoformat(value if " " in value or "T" in value else value + " 09:00")
        elif isinstance(value, dt.date) and not isinstance(value, dt.datetime):
            value = dt.datetime.combine(value, dt.time(9, 0))
        if value.tzinfo is None:
            value = value.replace(tzinfo=zoneinfo.ZoneInfo("Asia/Shanghai"))
        self.moment = value

    def now(self):
        return self.moment or self._real_now()


@pytest.fixture
def clock(monkeypatch, settings):
    from django.utils import timezone

    # Sessions (and API tokens) would expire when a test moves the clock weeks ahead; a test of
    # their expiry sets the setting again after asking for the clock.
    settings.SESSION_COOKIE_AGE = 10 * 365 * 24 * 3600
    settings.SESSION_IDLE_SECONDS = 10 * 365 * 24 * 3600
    settings.API_TOKEN_SECONDS = 10 * 365 * 24 * 3600
    c = Clock(timezone.now)
    monkeypatch.setattr(timezone, "now", c.now)
    return c


@pytest.fixture
def make_user(reference):
    """make_user("clerk", unit="土桥镇") — a user of a role in a unit (default 巴川街道), through the
    service; `username` defaults to a fresh one."""
    made = []

    def make(role: str, unit: str = "巴川街道", *, username: str = "") -> User:
        made.append(role)
        return _make_user(username or f"{role}_{len(made)}", unit, role)

    return make


@pytest.fixture
def workday_factory(reference, make_user):
    """workday_factory(**overrides) — a Work Day planned through the service: by default for 巴川街道
    by a clerk of the host unit, two weeks from today. `held=True`: a day planned for today and held
    (one sign-in). Any workday_plan argument may be overridden, `actor` included."""
    import datetime as dt

    from django.utils import timezone

    from workdays.services import sign_in_add, workday_plan

    def make(*, held: bool = False, **overrides):
        host_unit = overrides.pop("host_unit", None) or Unit.objects.get(name="巴川街道")
        actor = overrides.pop("actor", None) or make_user(Role.CLERK, host_unit.name)
        date = overrides.pop("date", None) or timezone.localdate() + dt.timedelta(days=0 if held else 14)
        fields = {
            "host_unit": host_unit,
            "date": dt.date.fromisoformat(date) if isinstance(date, str) else date,
            "start_time": dt.time(9, 0),
            "end_time": dt.time(12, 0),
            "place": "巴川广场",
            "extension_sites": ["玉皇村"],
            "leader": "张伟",
            "participants": ["党工委书记", "办事处主任"],
            "agenda": "接待群众来访，现场答复诉求",
            "procedure": "登记、分流、答复",
        }
        fields.update(overrides)
        workday = workday_plan(actor=actor, **fields)
        if held:
            sign_in_add(workday=workday, actor=actor, name="张伟", title="党工委书记")
            workday.refresh_from_db()
        return workday

    return make


@pytest.fixture
def plan_workday(workday_factory):
    """plan_workday(actor, "2026-12-10", **overrides) — a planned Work Day of the actor's unit,
    planned through the service (the clock must be on or before the date)."""
    return lambda actor, date, **overrides: workday_factory(
        actor=actor, host_unit=overrides.pop("host_unit", actor.unit), date=date, **overrides
    )


@pytest.fixture(autouse=True)
def no_external_requests(request):
    """The district intranet has no internet: a browser test fails if a page asks for anything the
    app does not serve itself."""
    if "page" not in request.fixturenames:
        yield
        return
    page = request.getfixturevalue("page")
    external: list[str] = []
    local = ("http://localhost", "http://127.0.0.1", "data:", "blob:", "about:")
    page.context.on("request", lambda r: None if r.url.startswith(local) else external.append(r.url))
    yield
    assert external == [], f"pages loaded resources from outside the app: {external}"


# --- Parity of the two doors: the transition-table tests send one input to a page and to the API. ----

VERDICTS = {200: "done", 201: "done", 302: "done", 400: "bad input", 403: "forbidden", 404: "not found", 409: "refused"}


def door_verdict(send) -> str:
    """Send one request and undo whatever it changed (so every pair starts from the same object);
    what the response means to a user."""
    from django.db import transaction

    with transaction.atomic():
        response = send()
        transaction.set_rollback(True)
    return VERDICTS.get(response.status_code, str(response.status_code))


def table_verdict(transition, user, obj, *, visible: bool) -> str:
    """What the transition table says a door must answer."""
    if not visible:
        return "not found"
    if not transition.who(user, obj):
        return "forbidden"
    return "refused" if transition.refused_by_state(obj) else "done"


class _VisibleText(HTMLParser):
    def __init__(self):
        super().__init__()
        self.parts, self._skip = [], 0

    def handle_starttag(self, tag, attrs):
        self._skip += tag in ("script", "style")

    def handle_endtag(self, tag):
        self._skip -= tag in ("script", "style")

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


def visible_text(page) -> str:
    """What a user reads of a page (its HTML, or a response): the text without tags, scripts and
    styles, whitespace collapsed."""
    html = page if isinstance(page, str) else page.content.decode()
    parser = _VisibleText()
    parser.feed(html)
    return " ".join(" ".join(parser.parts).split())
