"""The JSON API at /api/v1/: one NinjaAPI, each app mounts its router here.

Auth is the browser session or a bearer token; errors follow ../shared/API.md: bad input is 400
{"detail", "errors": {"field": ["message"]}}, never ninja's default 422.
"""

from __future__ import annotations

from django.contrib.auth import authenticate
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.security import HttpBearer, django_auth

from accounts.models import ApiToken


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str):
        found = ApiToken.objects.select_related("user").filter(key_hash=ApiToken.hash(token)).first()
        if found is None or not found.user.is_active:
            return None
        request.user = found.user
        return found.user


api = NinjaAPI(
    title="群众工作日 API",
    version="1",
    urls_namespace="api",
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


@api.exception_handler(ValidationError)
def on_validation_error(request, exc: ValidationError):
    errors: dict[str, list[str]] = {}
    for item in exc.errors:
        field = _field_name(item.get("loc", ()))
        message = item.get("msg", "")
        if item.get("type") == "missing":
            message = _("This field is required.")
        elif message.startswith("Value error, "):
            message = message.removeprefix("Value error, ")
        else:
            message = _("Invalid value.") if not message else _("Invalid value: %(reason)s") % {"reason": message}
        errors.setdefault(field, []).append(message)
    return api.create_response(request, {"detail": _("The input is not valid."), "errors": errors}, status=400)


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
    return api.create_response(request, {"detail": str(exc)}, status=exc.status_code)


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
    from units.api import router as units_router
    from workcal.api import router as calendar_router

    api.add_router("/", units_router)
    api.add_router("/calendar", calendar_router)


_mount_routers()
