"""How the API answers what went wrong, in one place (docs/api.md "Errors"): bad input is 400
{"detail", "errors": {"field": ["message"]}}, never django-ninja's default 422; a refused transition
or a stale version is 409; a permission refusal 403; an object the user may not see 404."""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.exceptions import PermissionDenied, RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import DataError
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Field, NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError, ValidationError

from lifecycle import TransitionError
from lifecycle.inputs import message_for
from xinfang.api_types import ApiError, UnstorableInput

logger = logging.getLogger(__name__)

_handlers: list = []


def _handles(exc_class):
    def register(function):
        _handlers.append((exc_class, function))
        return function

    return register


def install(api: NinjaAPI) -> None:
    for exc_class, function in _handlers:
        api.add_exception_handler(exc_class, lambda request, exc, f=function: f(api, request, exc))


class Error(Schema):
    """Every error answer of the API (the handlers below write it)."""

    model_config = {"extra": "allow"}  # a 409 may carry more, e.g. the current version
    detail: str
    errors: dict[str, list[str]] | None = Field(None, description="field -> messages (400, 413)")


_ERROR_DESCRIPTIONS = {
    400: "The input is not valid (`errors` names the fields).",
    401: "No valid token or session.",
    403: "The user's role may not do this.",
    404: "Not found, or not visible to the user.",
    409: "The object's state does not allow this, or its version is stale.",
    413: "The request body is too large.",
}
_BODY_SOURCES = {"body", "form", "file"}


def error_codes(operation) -> list[int]:
    """The error statuses an operation may answer, from what it takes: any may refuse its input
    (400), lack a valid token (401), name something the user may not see (404) or may not do
    (403); a write may be refused by the object's state (409), a body may be too large (413)."""
    codes = [400, 401, 403, 404]  # 401 also for the token endpoint's wrong password
    if set(operation.methods) - {"GET"}:
        codes.append(409)
    if any(getattr(model, "__ninja_param_source__", None) in _BODY_SOURCES for model in operation.models):
        codes.append(413)
    return sorted(codes)


def error_answer(description: str) -> dict:
    """One more error answer an operation documents itself: `openapi_extra={"responses": {429: error_answer(...)}}`."""
    schema = Error.model_json_schema()
    schema.pop("title", None)
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def document(api: NinjaAPI) -> None:
    """Add the error answers to every operation's OpenAPI responses, once for the whole API; an
    answer the operation documents itself (its `response=` or `openapi_extra`) is kept."""
    for router in api._get_bound_routers():  # the mounted copies, with their auth; the schema reads these
        for path_view in router.path_operations.values():
            for operation in path_view.operations:
                extra = dict(operation.openapi_extra or {})
                responses = dict(extra.get("responses", {}))
                for code in error_codes(operation):
                    if code in operation.response_models or code in responses or str(code) in responses:
                        continue
                    responses[code] = error_answer(_ERROR_DESCRIPTIONS[code])
                extra["responses"] = responses
                operation.openapi_extra = extra


def _field_name(loc) -> str:
    parts = [str(p) for p in loc if p not in ("body", "query", "path", "payload", "form")]
    # Keep the innermost named field: ("payload", "petitioners", 0, "id_number") -> "petitioners.0.id_number"
    return ".".join(parts) or "__all__"


@_handles(ValidationError)
def on_validation_error(api, request, exc: ValidationError):
    errors: dict[str, list[str]] = {}
    for item in exc.errors:
        errors.setdefault(_field_name(item.get("loc", ())), []).append(message_for(item))
    return api.create_response(request, {"detail": _("The input is not valid."), "errors": errors}, status=400)


@_handles(DjangoValidationError)
def on_service_validation_error(api, request, exc: DjangoValidationError):
    """A service refused bad input: 400 with its field messages."""
    errors = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
    return api.create_response(request, {"detail": _("The input is not valid."), "errors": errors}, status=400)


@_handles(TransitionError)
def on_transition_error(api, request, exc: TransitionError):
    """The object's state does not allow this action (or its version is stale): 409."""
    return api.create_response(request, {"detail": exc.message, **exc.extra}, status=409)


@_handles(ApiError)
def on_api_error(api, request, exc: ApiError):
    body = {"detail": exc.detail}
    if exc.status == 400:
        body["errors"] = exc.errors
    return api.create_response(request, body, status=exc.status)


@_handles(Http404)
def on_not_found(api, request, exc):
    return api.create_response(request, {"detail": _("Not found.")}, status=404)


@_handles(PermissionDenied)
def on_forbidden(api, request, exc):
    return api.create_response(request, {"detail": _("You do not have permission to do this.")}, status=403)


@_handles(AuthenticationError)
def on_unauthenticated(api, request, exc):
    return api.create_response(request, {"detail": _("Authentication required.")}, status=401)


@_handles(UnstorableInput)
def on_unstorable_input(api, request, exc: UnstorableInput):
    """A text that cannot be stored (lifecycle/text.py), in the body or the query string."""
    return api.create_response(request, {"detail": _("The input is not valid."), "errors": exc.errors}, status=400)


@_handles(RequestDataTooBig)
def on_too_big(api, request, exc):
    """A body over DATA_UPLOAD_MAX_MEMORY_SIZE: 413, as JSON (the pages answer 400)."""
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE / 1024 / 1024
    message = _("The request is too large: at most %(limit).1f MB.") % {"limit": limit}
    return api.create_response(request, {"detail": message, "errors": {"__all__": [message]}}, status=413)


@_handles(HttpError)
def on_http_error(api, request, exc: HttpError):
    # django-ninja wraps what its body parser raised: the input gate's refusal, a body too large
    if isinstance(exc.__cause__, UnstorableInput):
        return on_unstorable_input(api, request, exc.__cause__)
    if isinstance(exc.__cause__, RequestDataTooBig):
        return on_too_big(api, request, exc.__cause__)
    if exc.status_code == 400:  # django-ninja could not parse the body
        message = _("The request body is not valid JSON.")
        return api.create_response(request, {"detail": message, "errors": {"__all__": [message]}}, status=400)
    return api.create_response(request, {"detail": str(exc)}, status=exc.status_code)


@_handles(OverflowError)
@_handles(DataError)
def on_out_of_range(api, request, exc):
    """A number or text too large for the database column: bad input, not a server error. The
    service's transaction has rolled back, so nothing changed."""
    message = _("A number or a text in the request is too large.")
    return api.create_response(request, {"detail": message, "errors": {"__all__": [message]}}, status=400)


@_handles(Exception)
def on_server_error(api, request, exc):
    """Anything else is a fault of ours: logged with its traceback, answered as JSON without it
    (with DEBUG on, Django's debug page shows it instead)."""
    if settings.DEBUG:
        raise exc
    logger.error("API error on %s %s", request.method, request.path, exc_info=exc)
    return api.create_response(request, {"detail": _("Internal server error.")}, status=500)
