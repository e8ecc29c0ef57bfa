"""Bearer tokens for the API (docs/api.md "Authentication")."""

from __future__ import annotations

from django.contrib.auth import authenticate
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Schema
from ninja.security import HttpBearer

from accounts.models import ApiToken
from xinfang.api_types import ApiError

router = Router(tags=["auth"])


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str):
        found = ApiToken.objects.select_related("user").filter(key_hash=ApiToken.hash(token)).first()
        if found is None or not found.user.is_active:
            return None
        request.user = found.user
        return found.user


class TokenIn(Schema):
    username: str
    password: str


class TokenOut(Schema):
    token: str


@router.post("/token", auth=None, response={200: TokenOut}, tags=["auth"])
def create_token(request, payload: TokenIn):
    """Exchange a username and password for a bearer token (django-axes counts failures here too)."""
    user = authenticate(request, username=payload.username, password=payload.password)
    if user is None or not user.is_active:
        raise ApiError(401, _("Wrong username or password."))
    return {"token": ApiToken.issue(user)}
