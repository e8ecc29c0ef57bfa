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
