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
from ninja import NinjaAPI
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
