"""Walk every URL pattern and check that each non-public one requires login."""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

pytestmark = pytest.mark.django_db

# Public on purpose: the login flow, language switch, token exchange, API schema and docs,
# and the citizen-facing pages (published notices and results).
PUBLIC = [
    r"^accounts/login/$",
    r"^i18n/setlang/$",
    r"^api/v1/$",  # ninja's bare root: answers 404, serves nothing
    r"^api/v1/auth/token$",
    r"^api/v1/openapi\.json$",
    r"^api/v1/docs",
    r"^public/",
    r"^static/",
]


def _walk(patterns, prefix=""):
    for p in patterns:
        if isinstance(p, URLResolver):
            yield from _walk(p.url_patterns, prefix + str(p.pattern))
        elif isinstance(p, URLPattern):
            yield prefix + str(p.pattern)


def _concrete(route: str) -> str:
    route = route.lstrip("^").rstrip("$")
    route = re.sub(r"<int:\w+>", "1", route)
    route = re.sub(r"<(?:str|slug|path):\w+>|<\w+>", "x", route)
    route = re.sub(r"\(\?P<\w+>[^)]*\)", "1", route)
    return "/" + route.replace("\\", "")


def all_routes():
    return sorted(set(_walk(get_resolver().url_patterns)))


def test_every_route_is_known():
    routes = all_routes()
    assert any(r.startswith("api/v1/") for r in routes)
    assert "" in routes  # the home page


# Django's admin guards its own views (this project adds no admin URLs): testing them tests Django.
@pytest.mark.parametrize("route", [r for r in all_routes() if not r.startswith("admin/")])
def test_it_requires_login(client, route):
    if any(re.search(p, route) for p in PUBLIC):
        return
    url = _concrete(route)
    if route.startswith("api/"):
        statuses = {
            client.get(url).status_code,
            client.post(url, {}, content_type="application/json").status_code,
            client.delete(url).status_code,
        }
        assert statuses <= {401, 405}, (url, statuses)
        assert 401 in statuses, url
        return
    for method in (client.get, client.post):
        response = method(url)
        assert response.status_code in (302, 405), (url, response.status_code)
        if response.status_code == 302:
            assert response["Location"].startswith("/accounts/login/"), url
