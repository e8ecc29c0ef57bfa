"""The JSON API at /api/v1/: one NinjaAPI, each app mounts its router here.

Auth is the browser session or a bearer token; errors follow ../shared/API.md: bad input is 400
{"detail", "errors": {"field": ["message"]}}, never ninja's default 422.
"""

from __future__ import annotations

import datetime
from typing import Annotated

from django.contrib.auth import authenticate
from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import DataError
from django.http import Http404, HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.renderers import JSONRenderer
from ninja.responses import NinjaJSONEncoder
from ninja.security import HttpBearer, django_auth

from accounts.models import ApiToken
from workdays.errors import TransitionError

# Bounds for numbers that arrive from outside, so a huge value is a 400 naming the field, not a
# database error. Ids fit a 64-bit key; pages and counts have sane ceilings.
Id = Annotated[int, Field(ge=1, le=2**63 - 1)]
Page = Annotated[int, Field(ge=1, le=100_000)]
Amount = Annotated[int, Field(ge=0, le=1_000_000)]


class _TextOfLength:
    """`Text[50]`: a string of at most 50 characters (the database column's length)."""

    def __getitem__(self, length: int):
        return Annotated[str, Field(max_length=length)]


Text = _TextOfLength()


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str):
        found = ApiToken.objects.select_related("user").filter(key_hash=ApiToken.hash(token)).first()
        if found is None or not found.user.is_active:
            return None
        request.user = found.user
        return found.user


class LocalTimeEncoder(NinjaJSONEncoder):
    """Datetimes in Beijing time with their offset (2026-11-23T09:30:00+08:00), as API.md fixes."""

    def default(self, o):
        if isinstance(o, datetime.datetime) and timezone.is_aware(o):
            return timezone.localtime(o).isoformat()
        return super().default(o)


class LocalTimeRenderer(JSONRenderer):
    encoder_class = LocalTimeEncoder


api = NinjaAPI(
    title="群众工作日 API",
    version="1",
    urls_namespace="api",
    renderer=LocalTimeRenderer(),
    auth=[TokenAuth(), django_auth],
    docs_url="/docs",
    openapi_url="/openapi.json",
)


class ApiError(Exception):
    """Raised by API handlers for a clean error response: 400 with field errors, 404, 409."""

    def __init__(self, status: int, detail: str, errors: dict[str, list[str]] | None = None):
        super().__init__(detail)
        self.status, self.detail, self.errors = status, detail, errors or {}


def _field_name(loc) -> str:
    parts = [str(p) for p in loc if p not in ("body", "query", "path", "payload", "form")]
    # Keep the innermost named field: ("payload", "petitioners", 0, "id_number") -> "petitioners.0.id_number"
    return ".".join(parts) or "__all__"


def _message_for(item: dict) -> str:
    """A message in the request's language for one pydantic error."""
    kind = item.get("type", "")
    if kind == "missing":
        return _("This field is required.")
    if kind == "value_error":
        return str(item.get("msg", "")).removeprefix("Value error, ")
    if kind.startswith("date"):
        return _("Enter a valid date as YYYY-MM-DD.")
    if kind.startswith("time"):
        return _("Enter a valid time as HH:MM.")
    if kind.startswith("datetime"):
        return _("Enter a valid date and time.")
    if kind.startswith("int") or kind.startswith("float"):
        return _("Enter a whole number.")
    if kind.startswith("bool"):
        return _("Enter true or false.")
    if kind.startswith("uuid"):
        return _("Enter a valid UUID.")
    if kind in ("string_type", "list_type", "dict_type", "model_type", "model_attributes_type"):
        return _("This value has the wrong type.")
    if kind.startswith("string_too"):
        return _("This text is too long.")
    if kind == "json_invalid":
        return _("The request body is not valid JSON.")
    return _("Invalid value.")


@api.exception_handler(ValidationError)
def on_validation_error(request, exc: ValidationError):
    errors: dict[str, list[str]] = {}
    for item in exc.errors:
        errors.setdefault(_field_name(item.get("loc", ())), []).append(_message_for(item))
    return api.create_response(request, {"detail": _("The input is not valid."), "errors": errors}, status=400)


@api.exception_handler(DjangoValidationError)
def on_service_validation_error(request, exc: DjangoValidationError):
    """A service refused bad input: 400 with its field messages."""
    errors = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
    return api.create_response(request, {"detail": _("The input is not valid."), "errors": errors}, status=400)


@api.exception_handler(TransitionError)
def on_transition_error(request, exc: TransitionError):
    """The object's state does not allow this action (or its version is stale): 409."""
    return api.create_response(request, {"detail": exc.message}, status=409)


@api.exception_handler(ApiError)
def on_api_error(request, exc: ApiError):
    body = {"detail": exc.detail}
    if exc.status == 400:
        body["errors"] = exc.errors
    return api.create_response(request, body, status=exc.status)


@api.exception_handler(Http404)
def on_not_found(request, exc):
    return api.create_response(request, {"detail": _("Not found.")}, status=404)


@api.exception_handler(PermissionDenied)
def on_forbidden(request, exc):
    return api.create_response(request, {"detail": _("You do not have permission to do this.")}, status=403)


@api.exception_handler(AuthenticationError)
def on_unauthenticated(request, exc):
    return api.create_response(request, {"detail": _("Authentication required.")}, status=401)


@api.exception_handler(HttpError)
def on_http_error(request, exc: HttpError):
    if exc.status_code == 400:  # django-ninja could not parse the body
        message = _("The request body is not valid JSON.")
        return api.create_response(request, {"detail": message, "errors": {"__all__": [message]}}, status=400)
    return api.create_response(request, {"detail": str(exc)}, status=exc.status_code)


@api.exception_handler(OverflowError)
@api.exception_handler(DataError)
def on_out_of_range(request, exc):
    """A number or text too large for the database column: bad input, not a server error. The
    service's transaction has rolled back, so nothing changed."""
    message = _("A number or a text in the request is too large.")
    return api.create_response(request, {"detail": message, "errors": {"__all__": [message]}}, status=400)


class TokenIn(Schema):
    username: str
    password: str


class TokenOut(Schema):
    token: str


@api.post("/auth/token", auth=None, response={200: TokenOut}, tags=["auth"])
def create_token(request, payload: TokenIn):
    """Exchange a username and password for a bearer token (django-axes counts failures here too)."""
    user = authenticate(request, username=payload.username, password=payload.password)
    if user is None or not user.is_active:
        raise ApiError(401, _("Wrong username or password."))
    return {"token": ApiToken.issue(user)}


def _mount_routers() -> None:
    from cases.api import router as cases_router
    from supervision.api import router as supervision_router
    from supervision.api_signals import router as signals_router
    from units.api import router as units_router
    from workcal.api import router as calendar_router
    from workdays.api import router as workdays_router

    api.add_router("/", units_router)
    api.add_router("/calendar", calendar_router)
    api.add_router("/workdays", workdays_router)
    api.add_router("/cases", cases_router)
    api.add_router("/", supervision_router)
    api.add_router("/", signals_router)


_mount_routers()
