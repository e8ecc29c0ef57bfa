"""Bearer tokens for the API (docs/api.md "Authentication"): issued by POST /auth/token, listed and
revoked by their owner; the token in use ends with DELETE /auth/token."""

from __future__ import annotations

import datetime

from django.contrib.auth import authenticate
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema
from ninja.security import HttpBearer

from accounts.duties import refused
from accounts.models import ApiToken
from audit.models import Action
from audit.services import log
from xinfang.api_errors import error_answer
from xinfang.api_types import ApiError

router = Router(tags=["auth"])

# last_used_at is rewritten at most this often, so a busy client does not write on every call.
LAST_USED_EVERY = datetime.timedelta(minutes=1)


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str):
        found = ApiToken.objects.select_related("user").filter(key_hash=ApiToken.hash(token)).first()
        if found is None:
            raise ApiError(401, _("The token is not valid."))
        if not found.is_live or not found.user.is_active:
            raise ApiError(401, _("The token has expired or was revoked. Request a new one."))
        now = timezone.now()
        if found.last_used_at is None or now - found.last_used_at >= LAST_USED_EVERY:
            ApiToken.objects.filter(pk=found.pk).update(last_used_at=now)
        if refused(found.user, request.path):
            raise ApiError(403, _("Your role does not allow this."))
        request.user = found.user
        request.api_token = found
        return found.user


class TokenIn(Schema):
    username: str
    password: str
    name: str = Field("", max_length=100, description="what the token is for, shown in the token list")


class TokenOut(Schema):
    token: str
    expires_at: datetime.datetime


class TokenInfoOut(Schema):
    id: int
    name: str
    created_at: datetime.datetime
    expires_at: datetime.datetime
    last_used_at: datetime.datetime | None
    current: bool = Field(description="the token of this request")


class TokenListOut(Schema):
    items: list[TokenInfoOut]
    total: int


@router.post(
    "/token",
    auth=None,
    response=TokenOut,
    tags=["auth"],
    openapi_extra={"responses": {429: error_answer("Too many failed logins: the account is locked for a while.")}},
)
def create_token(request, payload: TokenIn):
    """Exchange a username and password for a new bearer token, valid for API_TOKEN_SECONDS (8 hours
    by default). Every call issues another token; earlier ones keep working until they expire or
    are revoked. django-axes counts failures here too."""
    user = authenticate(request, username=payload.username, password=payload.password)
    if user is None or not user.is_active:
        raise ApiError(401, _("Wrong username or password."))
    raw = ApiToken.issue(user, name=payload.name)
    log(Action.TOKEN_ISSUED, request=request, actor=user, detail=payload.name)
    return {"token": raw, "expires_at": ApiToken.objects.get(key_hash=ApiToken.hash(raw)).expires_at}


@router.delete("/token", response={204: None}, tags=["auth"])
def revoke_current_token(request):
    """Revoke the token this request carries (the API's logout)."""
    token = getattr(request, "api_token", None)
    if token is None:
        raise ApiError(400, _("This request carries no token."))
    ApiToken.objects.filter(pk=token.pk).revoke(request=request)
    return 204, None


@router.get("/tokens", response=TokenListOut, tags=["auth"])
def list_tokens(request):
    """The signed-in user's live tokens (never the tokens themselves: only their hash is kept)."""
    current = getattr(request, "api_token", None)
    tokens = list(ApiToken.objects.filter(user=request.user).live())
    items = [
        {
            "id": t.pk,
            "name": t.name,
            "created_at": t.created_at,
            "expires_at": t.expires_at,
            "last_used_at": t.last_used_at,
            "current": current is not None and current.pk == t.pk,
        }
        for t in tokens
    ]
    return {"items": items, "total": len(items)}


@router.delete("/tokens/{token_id}", response={204: None}, tags=["auth"])
def revoke_token(request, token_id: int):
    """Revoke one of the user's own tokens; another user's token is 404."""
    token = get_object_or_404(ApiToken.objects.live(), pk=token_id, user=request.user)
    ApiToken.objects.filter(pk=token.pk).revoke(request=request)
    return 204, None
