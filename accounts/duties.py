"""Separation of duties (三员分立, 等保 level 3): the system administrator manages accounts and
reference data, the security administrator sets the policies (lockouts, API tokens), the auditor
reads the audit log; none of them reads case content or personal data, and no account holds two of
these duties (an account has one role). The Django superuser is for installation only
(docs/security.md).

The one rule: `refused(user, path)`, asked by DutiesMiddleware for every page and the API (session)
and by the API's token authentication."""

from __future__ import annotations

from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import JsonResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from accounts.models import Role

DUTY_ROLES = (Role.ADMIN, Role.SECURITY_ADMIN, Role.AUDITOR)

# Every account may sign in and out, change its password, manage its own tokens, switch language.
_COMMON = ("/accounts/", "/i18n/", "/static/", "/api/v1/auth/")

# The paths each duty opens, beside the common ones; everything else is refused.
ALLOWED_PATHS = {
    Role.ADMIN: ("/admin/", "/units/", "/calendar/"),
    Role.SECURITY_ADMIN: ("/admin/",),
    Role.AUDITOR: ("/audit/",),
}

# Where a duty's home page is.
LANDING = {Role.ADMIN: "/admin/", Role.SECURITY_ADMIN: "/admin/", Role.AUDITOR: "/audit/"}

# The Django admin models each duty manages (app_label, model or None for the whole app).
ADMIN_MODELS = {
    Role.ADMIN: [("accounts", "user"), ("units", None)],
    Role.SECURITY_ADMIN: [("accounts", "apitoken"), ("axes", None)],
    Role.AUDITOR: [],
}


def has_duty(user) -> bool:
    return getattr(user, "is_authenticated", False) and not user.is_superuser and user.role in DUTY_ROLES


def refused(user, path: str) -> bool:
    """Whether `user`'s duty keeps them out of `path`. The audit log is the auditor's alone."""
    if path.startswith("/audit/"):
        return not (getattr(user, "is_authenticated", False) and (user.role == Role.AUDITOR or user.is_superuser))
    if not has_duty(user):
        return False
    if path.startswith(_COMMON) or path == "/":
        return False
    return not path.startswith(ALLOWED_PATHS[user.role])


class DutiesMiddleware:
    """Refuses a duty role every page and API path its duty does not cover (403), before any view
    runs; the home page of a duty is its own page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            if request.path == "/" and has_duty(user):
                return redirect(LANDING[user.role])
            if refused(user, request.path):
                if request.path.startswith("/api/"):
                    return JsonResponse({"detail": _("Your role does not allow this.")}, status=403)
                raise PermissionDenied
        return self.get_response(request)


def grant_admin_permissions(user) -> None:
    """The Django admin's permissions of the user's duty (a duty is never a superuser)."""
    condition = Q(pk__in=[])
    for app_label, model in ADMIN_MODELS.get(user.role, []):
        part = Q(content_type__app_label=app_label)
        if model:
            part &= Q(content_type__model=model)
        condition |= part
    user.user_permissions.set(Permission.objects.filter(condition))
