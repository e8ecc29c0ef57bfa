"""The input gate (lifecycle/text.py): every text of every write, through the API and through the
pages, is refused with a field error when it holds what cannot be stored (a lone surrogate, NUL,
another control character) or is longer than any field takes, and nothing changes."""

import importlib
import inspect
import json

import pytest
from django import forms
from django.apps import apps
from django.utils import translation

from lifecycle.forms import StorableTextMixin
from lifecycle.text import MAX_TEXT_LENGTH, storable, text_problem

pytestmark = pytest.mark.django_db

BAD = {
    "lone surrogate": "abc\ud800",
    "NUL": "a\x00b",
    "control character": "a\x07b",
    "too long": "字" * (MAX_TEXT_LENGTH + 1),
}
PROJECT_APPS = ("accounts", "attachments", "cases", "exports", "history", "intake", "notifications", "public",
                "supervision", "units", "workcal", "workdays", "demo", "lifecycle")


def _resolve(schema: dict, components: dict) -> dict:
    while "$ref" in schema:
        schema = components[schema["$ref"].rsplit("/", 1)[1]]
    for key in ("anyOf", "allOf", "oneOf"):
        if key in schema:  # Optional[X] is anyOf [X, null]: the non-null one
            options = [o for o in schema[key] if o.get("type") != "null"]
            if options:
                return _resolve(options[0], components)
    return schema


def _text_paths(schema: dict, components: dict, path: tuple = ()):
    """Every place a text goes in a body: ("petitioners", 0, "phone"), ("extension_sites", 0), ..."""
    schema = _resolve(schema, components)
    kind = schema.get("type")
    if kind == "string" and schema.get("format") not in ("binary",):
        yield path
    elif kind == "array":
        yield from _text_paths(schema.get("items", {}), components, (*path, 0))
    elif kind == "object" or "properties" in schema:
        for name, sub in schema.get("properties", {}).items():
            yield from _text_paths(sub, components, (*path, name))


def _body_with(path: tuple, value):
    if not path:
        return value
    head, rest = path[0], path[1:]
    return [_body_with(rest, value)] if isinstance(head, int) else {head: _body_with(rest, value)}


def _writes(spec: dict):
    """(method, url, content type, text path) for every text field of every write the API documents."""
    components = spec["components"]["schemas"]
    for url, item in spec["paths"].items():
        for method, operation in item.items():
            if method not in ("post", "put", "patch", "delete"):
                continue
            content = operation.get("requestBody", {}).get("content", {})
            for content_type, media in content.items():
                for path in _text_paths(media["schema"], components):
                    yield method, url.format_map(_Ids()), content_type, path


class _Ids(dict):
    def __missing__(self, key):
        return 1


def _database_rows() -> dict[str, int]:
    return {model._meta.label: model._default_manager.count() for model in apps.get_models()}


def _send(client, method, url, content_type, path, value):
    if content_type == "application/json":
        body = json.dumps(_body_with(path, value))
        return getattr(client, method)(url, body, content_type=content_type)
    # multipart: a form field by its name
    return client.post(url, {path[0]: value})


@pytest.mark.parametrize("kind", BAD)
def test_every_text_field_of_every_api_write_refuses_what_cannot_be_stored(client, supervisor, workday_factory, kind):
    client.force_login(supervisor)
    workday_factory()
    spec = client.get("/api/v1/openapi.json").json()
    writes = list(_writes(spec))
    fields = {(url, ".".join(map(str, path))) for _m, url, _c, path in writes}
    # the gate covers the texts the audit named, and the unauthenticated token request
    for expected in [("/api/v1/auth/token", "username"), ("/api/v1/workdays/1", "extension_sites.0"),
                     ("/api/v1/workdays/1/registrations", "petitioners.0.phone"), ("/api/v1/workdays", "participants.0")]:
        assert expected in fields
    assert len(writes) > 100
    before = _database_rows()
    wrong = []
    with translation.override("zh-hans"):
        for method, url, content_type, path in writes:
            if content_type != "application/json" and kind == "lone surrogate":
                continue  # a form's bytes are decoded as UTF-8 with replacement: no surrogate can arrive
            response = _send(client, method, url, content_type, path, BAD[kind])
            field = ".".join(map(str, path))
            errors = response.json().get("errors", {}) if response.headers["Content-Type"].startswith("application/json") else {}
            if response.status_code != 400 or field not in errors:
                wrong.append((method, url, field, response.status_code, errors))
    assert wrong == []
    assert _database_rows() == before


def test_the_unauthenticated_token_request_is_a_field_error_in_chinese(client):
    response = client.post("/api/v1/auth/token", '{"username": "\\ud800", "password": "x"}',
                           content_type="application/json", HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert response.status_code == 400
    assert "含有无法保存的字符" in response.json()["errors"]["username"][0]


@pytest.mark.parametrize(
    "body",
    ['{"\\ud800": 1}', '{"version": "\\ud800"}', '{"version": 1, "petitioners": [{"\\u0000": "x"}]}', '["\\ud800"]'],
)
def test_a_lone_surrogate_in_a_key_or_a_field_of_another_type_is_a_400(client, supervisor, workday_factory, body):
    client.force_login(supervisor)
    day = workday_factory()
    response = client.patch(f"/api/v1/workdays/{day.pk}", body, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["errors"]


def test_a_control_character_in_a_query_is_a_400(client, supervisor):
    client.force_login(supervisor)
    response = client.get("/api/v1/cases", {"q": "a\x00b"})
    assert response.status_code == 400
    assert "q" in response.json()["errors"]


# --- The pages: every form is built on the gate. --------------------------------------------------


def _project_forms():
    for app in PROJECT_APPS:
        for module_name in ("forms", "activity_forms", "views", "order_views", "admin"):
            try:
                module = importlib.import_module(f"{app}.{module_name}")
            except ModuleNotFoundError:
                continue
            for _name, cls in inspect.getmembers(module, inspect.isclass):
                if issubclass(cls, forms.BaseForm) and cls.__module__.split(".")[0] in PROJECT_APPS:
                    yield cls


# Forms that store nothing: the login form only looks a user up (another helper owns it).
NOT_GATED = {"accounts.forms.LoginForm"}


def test_every_page_form_is_behind_the_input_gate():
    found = {f"{cls.__module__}.{cls.__qualname__}": cls for cls in _project_forms()}
    assert len(found) > 30
    ungated = sorted(name for name, cls in found.items() if not issubclass(cls, StorableTextMixin) and name not in NOT_GATED)
    assert ungated == []


@pytest.mark.parametrize("cls", list(_project_forms()), ids=lambda c: c.__qualname__)
def test_every_text_field_of_every_page_form_refuses_what_cannot_be_stored(cls):
    """Each form, built as its page builds it where it needs no arguments, gives each of its text
    fields' bad values a field error."""
    if not issubclass(cls, StorableTextMixin):
        pytest.skip("not a writing form")
    try:
        form = cls(data={})
    except (TypeError, KeyError):
        pytest.skip("built by its page with arguments (or a base class): covered by the page tests")
    names = [n for n, f in form.fields.items() if isinstance(f, forms.CharField)]
    with translation.override("zh-hans"):
        for name in names:
            for value in BAD.values():
                form = cls(data={form.add_prefix(name): value})
                assert not form.is_valid()
                assert form.errors[name] == [text_problem(value)], (cls, name)


def test_a_form_with_a_bad_text_keeps_its_other_errors_and_values():
    class Sample(StorableTextMixin, forms.Form):
        title = forms.CharField()
        note = forms.CharField(required=False)

    with translation.override("zh-hans"):
        form = Sample(data={"title": "a\x01", "note": "好"})
        assert not form.is_valid()
        assert "含有无法保存的字符" in form.errors["title"][0]
        assert form.cleaned_data == {"note": "好"}
        assert Sample(data={"title": "第一行\r\n第二行\t制表"}).is_valid()  # line breaks and tabs are text


def test_the_docx_writer_drops_what_a_file_cannot_hold():
    assert storable("a\x00b\ud800c\x0bd\ne\tf") == "abcd\ne\tf"
