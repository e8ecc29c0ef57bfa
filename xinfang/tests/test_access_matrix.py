"""The access matrix (issue 14): every page and API route × every role × an object of the user's own
unit, of an assisting unit and of an unrelated unit, with the answer access_table.py expects.

The routes come from the URL resolver (pages) and the API's OpenAPI schema (operations); a route with
no entry in the table fails `test_every_route_has_an_entry`, naming it. Each role's GETs run in one
test that reports every mismatch at once. Writes: as each role without business at the unrelated
unit, every write route aimed at the unrelated unit's object answers as the table says (404, or 403
where the role is refused before the object is read) and changes no row of any table."""

from __future__ import annotations

import json
import re

import pytest
from django.apps import apps
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from xinfang.tests import access_table
from xinfang.tests.access_world import MARKS, RELATIONS, ROLES, UNRELATED, build

pytestmark = pytest.mark.django_db

MISSING_ID = 987654321  # an id no object has: the kinds of object the world does not build


# --- The routes --------------------------------------------------------------------------------------


def _walk(patterns, prefix="", namespace=""):
    for p in patterns:
        if isinstance(p, URLResolver):
            ns = f"{namespace}{p.namespace}:" if p.namespace else namespace
            yield from _walk(p.url_patterns, prefix + str(p.pattern), ns)
        elif isinstance(p, URLPattern):
            yield prefix + str(p.pattern), f"{namespace}{p.name}"


def page_routes() -> dict[str, str]:
    """Route name → path pattern of every page: every URL but the API's operations (which
    `api_operations` lists) and Django's admin (which guards its own views)."""
    operations = {PARAM.sub(r"{\1\2}", "/" + path) for path, _n in _walk(get_resolver().url_patterns)} & {
        op.split(" ", 1)[1] for op in api_operations()
    }
    return {
        name: path
        for path, name in _walk(get_resolver().url_patterns)
        if not path.startswith("admin/") and PARAM.sub(r"{\1\2}", "/" + path) not in operations
    }


def api_operations() -> list[str]:
    """"METHOD /api/v1/path/{param}" of every operation of the API's schema."""
    from xinfang.api import api

    schema = api.get_openapi_schema()
    return sorted(
        f"{method.upper()} {path}"
        for path, methods in schema["paths"].items()
        for method in methods
        if method in ("get", "post", "put", "patch", "delete")
    )


PARAM = re.compile(r"<(?:\w+:)?(\w+)>|\{(\w+)\}")


def concrete(path: str, ids: dict, query: str = "") -> str:
    """The path with its parameters filled from `ids` (an id kind → id map); kinds the world does not
    build get an id no object has."""
    def fill(match):
        name = match.group(1) or match.group(2)
        if name == "kind":
            return "visit"
        return str(ids.get(name, MISSING_ID))

    path = PARAM.sub(fill, path)
    path = path if path.startswith("/") else "/" + path
    return f"{path}?{query.format(**ids)}" if query else path


# --- The world, once per module ------------------------------------------------------------------------


class _FixedClock:
    def __init__(self):
        self.moment = None

    def set(self, value):
        self.moment = value

    def now(self):
        return self.moment


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    from django.conf import settings
    from django.utils import timezone

    from xinfang.tests.access_world import MOMENT, PLANNED_ON

    clock = _FixedClock()
    clock.set(PLANNED_ON)
    patch = pytest.MonkeyPatch()
    patch.setattr(timezone, "now", clock.now)
    patch.setattr(settings, "PASSWORD_HASHERS", ["django.contrib.auth.hashers.MD5PasswordHasher"])
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            made = build(clock)
            clock.set(MOMENT)
            yield made
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
            patch.undo()


def _client(world, role: str) -> Client:
    client = Client()
    user = world["users"][role]
    if user is not None:
        client.force_login(user)
    return client


def _answer(response) -> str:
    """What a response means: its status, and for a redirect whether it goes to the login page."""
    if response.status_code == 302 and response["Location"].startswith("/accounts/login/"):
        return "login"
    return str(response.status_code)


# --- The tests --------------------------------------------------------------------------------------


def test_every_route_has_an_entry():
    missing = [f"page {name} ({path})" for name, path in page_routes().items() if name not in access_table.PAGES]
    missing += [f"API {op}" for op in api_operations() if op not in access_table.API]
    assert missing == [], "routes without an entry in xinfang/tests/access_table.py:\n" + "\n".join(missing)
    stale = [name for name in access_table.PAGES if name not in page_routes()]
    stale += [op for op in access_table.API if op not in api_operations()]
    assert stale == [], f"entries for routes that no longer exist: {stale}"


def test_every_role_has_a_line():
    from accounts.models import Role

    covered = {spec[0] for spec in ROLES.values() if spec is not None}
    assert [r for r in Role.values if r not in covered] == [], "a role without a user in access_world.ROLES"
    lines = {**access_table.REACH, **access_table.DUTIES}
    assert [r for r in ROLES if r not in lines] == [], "a role without a line in access_table.REACH or DUTIES"
    kinds = {e for e in [*access_table.PAGES.values(), *access_table.API.values()] if isinstance(e, str)} - {access_table.WRITE}
    assert kinds <= set(access_table.Reach.__dataclass_fields__), kinds


def expected(entry, role: str, api: bool, route: str = "") -> tuple[str, str, str]:
    """The answers the table expects of `role` for the objects (own, assist, unrelated)."""
    if role in access_table.DUTIES and route not in access_table.COMMON:
        answer = access_table.DUTIES[role].get(route, "403")
        return (answer,) * 3
    if role in access_table.DUTIES and access_table.COMMON[route] is not None:
        return (access_table.COMMON[route],) * 3
    if isinstance(entry, access_table.Fixed):
        answer = entry.answer if ROLES[role] is not None else (entry.anonymous or ("401" if api else "login"))
    elif ROLES[role] is None:
        answer = "401" if api else "login"
    else:
        answer = getattr(access_table.REACH[role], entry)
    answers = answer.split()
    return tuple(answers * 3 if len(answers) == 1 else answers)


def _gets(world, role: str):
    """(what, expected, got) for every GET of the table as `role`."""
    client = _client(world, role)
    for name, path in sorted(page_routes().items()):
        for relation, want in zip(RELATIONS, expected(access_table.PAGES[name], role, api=False, route=name), strict=True):
            url = concrete(path, world[relation], access_table.QUERIES.get(name, ""))
            yield f"GET {url} ({name}, {relation})", want, _answer(client.get(url))
    for op in api_operations():
        method, path = op.split(" ", 1)
        if method != "GET":
            continue
        for relation, want in zip(RELATIONS, expected(access_table.API[op], role, api=True, route=op), strict=True):
            url = concrete(path, world[relation], access_table.QUERIES.get(op, ""))
            yield f"{op} → {url} ({relation})", want, _answer(client.get(url))


@pytest.mark.parametrize("role", list(ROLES))
def test_every_get_answers_as_the_table_says(world, role):
    mismatches = [f"{what}: expected {want}, got {got}" for what, want, got in _gets(world, role) if str(want) != got]
    assert mismatches == [], f"{role}: {len(mismatches)} mismatches:\n" + "\n".join(mismatches)


# The duties open no list at all: test_every_get_answers_as_the_table_says expects 403 on each.
@pytest.mark.parametrize("role", [r for r in ROLES if ROLES[r] is not None and r not in access_table.DUTIES])
def test_no_list_shows_a_stranger_the_unrelated_units_entry(world, role):
    """The routes every signed-in user opens (ANY) answer 200 with what the user may see: a stranger
    to the unrelated unit finds nothing of its entry there, with the unrelated unit's ids in the query."""
    client = _client(world, role)
    routes = [(n, p) for n, p in page_routes().items() if access_table.PAGES[n] == access_table.ANY]
    routes += [(op, op.split(" ", 1)[1]) for op in api_operations() if op.startswith("GET ") and access_table.API[op] == access_table.ANY]
    shown = []
    for route, path in routes:
        url = concrete(path, world[UNRELATED], access_table.QUERIES.get(route, ""))
        response = client.get(url)
        if response.get("Content-Type", "").startswith(("text/", "application/json")):
            if MARKS[UNRELATED] in response.content.decode():
                shown.append(url)
    if role in _strangers():
        assert shown == []
    else:  # the check sees the entry where it is to be seen
        assert shown


# --- Writes aimed at the unrelated unit ---------------------------------------------------------------

OBJECT_KINDS = ("workday_id", "case_id", "registration_id", "person_id", "petitioner_id", "item_id", "unit_id")


def _schema():
    from xinfang.api import api

    return api.get_openapi_schema()


def _sample(schema: dict, spec: dict, depth: int = 0):
    """A value that the schema `spec` accepts, as plain as can be: what a request needs to get past
    the API's validation to its access check."""
    if "$ref" in spec:
        name = spec["$ref"].rsplit("/", 1)[-1]
        return _sample(schema, schema["components"]["schemas"][name], depth)
    for key in ("anyOf", "oneOf", "allOf"):
        if key in spec:
            options = [o for o in spec[key] if o.get("type") != "null"] or spec[key]
            return _sample(schema, options[0], depth)
    if "enum" in spec:
        return spec["enum"][0]
    if "default" in spec:
        return spec["default"]
    kind = spec.get("type")
    if kind == "object" or "properties" in spec:
        if depth > 3:
            return {}
        required = spec.get("required", [])
        return {k: _sample(schema, v, depth + 1) for k, v in spec.get("properties", {}).items() if k in required}
    if kind == "array":
        return []
    if kind == "integer":
        return 1
    if kind == "number":
        return 1
    if kind == "boolean":
        return False
    fmt = spec.get("format")
    if fmt == "date":
        return "2026-12-10"
    if fmt == "time":
        return "09:00"
    if fmt == "date-time":
        return "2026-12-10T09:00:00+08:00"
    return "事项"


def api_body(op: str):
    method, path = op.split(" ", 1)
    schema = _schema()
    body = schema["paths"][path][method.lower()].get("requestBody")
    if not body:
        return None
    content = body.get("content", {})
    if "application/json" in content:
        return _sample(schema, content["application/json"]["schema"])
    return None


def _fingerprint(world) -> dict:
    """The row count of every table of the project, and the unrelated unit's objects as stored."""
    from django.forms.models import model_to_dict

    from cases.models import Case
    from intake.models import Person, Petitioner, Registration
    from workdays.models import ScreeningItem, WorkDay

    counts = {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if model._meta.app_label not in ("sessions", "admin", "contenttypes")
    }
    ids = world[UNRELATED]
    rows = {
        "workday": model_to_dict(WorkDay.objects.get(pk=ids["workday_id"])),
        "case": model_to_dict(Case.objects.get(pk=ids["case_id"])),
        "registration": model_to_dict(Registration.objects.get(pk=ids["registration_id"])),
        "petitioner": model_to_dict(Petitioner.objects.get(pk=ids["petitioner_id"])),
        "person": model_to_dict(Person.objects.get(pk=ids["person_id"])),
        "item": model_to_dict(ScreeningItem.objects.get(pk=ids["item_id"])),
    }
    return {"counts": counts, "rows": rows}


def _writes():
    """(what, method, path kind, route) for every write aimed at an object."""
    for name, path in sorted(page_routes().items()):
        if any(f"<int:{kind}>" in path for kind in OBJECT_KINDS):
            yield f"POST {name}", "POST", path, name
    for op in api_operations():
        method, path = op.split(" ", 1)
        if method != "GET" and any(f"{{{kind}}}" in path for kind in OBJECT_KINDS):
            yield op, method, path, op


def _strangers():
    """The roles the table gives nothing of the unrelated unit (404 for its case and its day)."""
    return [
        role for role, reach in access_table.REACH.items()
        if reach is None or (reach.case.split()[-1] == "404" and reach.host.split()[-1] == "404")
    ] + [role for role in access_table.DUTIES if role in ROLES]


@pytest.mark.parametrize("role", _strangers())
def test_no_write_reaches_an_unrelated_units_object(world, role):
    client = _client(world, role)
    before = _fingerprint(world)
    mismatches = []
    for what, method, path, route in _writes():
        url = concrete(path, world[UNRELATED])
        api = url.startswith("/api/")
        if api:
            body = api_body(route)
            response = getattr(client, method.lower())(
                url, data=json.dumps(body) if body is not None else None, content_type="application/json"
            )
        else:
            response = client.post(url, {})
        got = _answer(response)
        if ROLES[role] is None:
            want = {"401", "405"} if api else {"login", "405"}
        elif role in access_table.DUTIES and route not in access_table.COMMON:
            want = {access_table.DUTIES[role].get(route, "403")}
        else:
            want = {access_table.WRITES_REFUSED_BY_ROLE.get(route, {}).get(role, "404")}
            if not api and access_table.PAGES[route] not in (access_table.POST_ONLY, access_table.POST_ONLY_ANY):
                want.add("405")  # a page that only shows: it refuses the method before anything
        if got not in want:
            mismatches.append(f"{what} {url}: expected {' or '.join(sorted(want))}, got {got}")
        after = _fingerprint(world)
        if after != before:
            mismatches.append(f"{what} {url} CHANGED the data: {_diff(before, after)}")
            before = after
    assert mismatches == [], f"{role}: {len(mismatches)} mismatches:\n" + "\n".join(mismatches)


def _diff(before: dict, after: dict) -> str:
    changed = [k for k in before["counts"] if before["counts"][k] != after["counts"].get(k)]
    changed += [k for k in before["rows"] if before["rows"][k] != after["rows"][k]]
    return ", ".join(changed)
