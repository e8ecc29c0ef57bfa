"""The OpenAPI schema the app serves documents each write's own input: two inputs with one name
would make the schema describe one body for both."""

import typing

import pytest

from xinfang.api import api

pytestmark = pytest.mark.django_db


def _inputs():
    """(operation id, input class) for every route that takes a JSON body."""
    for _prefix, router in api._routers:
        for path_view in router.path_operations.values():
            for operation in path_view.operations:
                for model in operation.models:
                    if model.__ninja_param_source__ != "body":
                        continue
                    for field in model.model_fields.values():
                        for annotation in typing.get_args(field.annotation) or (field.annotation,):
                            if isinstance(annotation, type) and hasattr(annotation, "model_fields"):
                                yield operation.operation_id, annotation


def test_each_request_body_is_the_routes_own_input(client, supervisor):
    client.force_login(supervisor)
    components = client.get("/api/v1/openapi.json").json()["components"]["schemas"]
    inputs = list(_inputs())
    for operation_id, input_class in inputs:
        documented = components[input_class.__name__]["properties"]
        assert set(documented) == set(input_class.model_fields), f"{operation_id} documents another {input_class.__name__}"
    assert len(inputs) > 20


# Defects the fuzzing (test_api_fuzzing.py) found, each pinned here on the served schema.


def _served(client, user):
    client.force_login(user)
    return client.get("/api/v1/openapi.json").json()


def test_every_operation_documents_its_error_answers(client, supervisor):
    """Every 400/401/403/404 (and a write's 409, a body's 413) the handlers answer is in the
    schema, as the JSON error body: before, only the success answer was documented."""
    paths = _served(client, supervisor)["paths"]
    operations = [(method, path, op) for path, ops in paths.items() for method, op in ops.items()]
    for method, path, op in operations:
        expected = {"400", "401", "403", "404"} | ({"409"} if method != "get" else set())
        assert expected <= set(op["responses"]), f"{method} {path}: {sorted(op['responses'])}"
        error = op["responses"]["404"]["content"]["application/json"]["schema"]
        assert error["required"] == ["detail"]
    body_writes = [(m, p) for m, p, op in operations if "requestBody" in op]
    assert body_writes and all("413" in paths[p][m]["responses"] for m, p in body_writes)
    assert len(operations) > 90


def test_token_endpoint_documents_wrong_password_and_lockout(client, supervisor):
    responses = _served(client, supervisor)["paths"]["/api/v1/auth/token"]["post"]["responses"]
    assert {"401", "429"} <= set(responses)


@pytest.mark.parametrize(
    "path, media_type",
    [
        ("/api/v1/workdays/{workday_id}/notice.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        ("/api/v1/bulletins/{bulletin_id}.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        ("/api/v1/workdays/{workday_id}/statistics.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        ("/api/v1/reports/periodic.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        ("/api/v1/cases/export.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        ("/api/v1/jobs/{job_id}/file", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        ("/api/v1/workdays/{workday_id}/dossier.zip", "application/zip"),
        ("/api/v1/attachments/{attachment_id}", "application/pdf"),
    ],
)
def test_file_answers_are_documented_with_their_media_type(client, supervisor, path, media_type):
    """A file's 200 names its media type (before: a 200 with no content at all)."""
    ok = _served(client, supervisor)["paths"][path]["get"]["responses"]["200"]
    assert ok["content"][media_type]["schema"] == {"type": "string", "format": "binary"}


def test_periodic_report_json_is_documented(client, supervisor):
    ok = _served(client, supervisor)["paths"]["/api/v1/reports/periodic"]["get"]["responses"]["200"]
    assert {"period", "tables"} <= set(ok["content"]["application/json"]["schema"]["properties"])


def test_times_of_day_are_documented_as_sent(client, supervisor, workday_factory):
    """A Work Day's times go out as "09:00:00", without an offset: the schema said format "time",
    which in JSON Schema requires one, so every answer with a Work Day violated its schema."""
    import re

    workday = workday_factory()
    schema = _served(client, supervisor)["components"]["schemas"]["WorkDayOut"]["properties"]["start_time"]
    assert "format" not in schema
    sent = client.get(f"/api/v1/workdays/{workday.pk}").json()["start_time"]
    assert sent == "09:00:00" and re.fullmatch(schema["pattern"], sent)
