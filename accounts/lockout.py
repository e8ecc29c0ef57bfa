"""django-axes' answer to a locked-out login: the Chinese page for people, JSON for the API."""

from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _


def lockout_response(request, *args, **kwargs):
    if request.path.startswith("/api/"):
        return JsonResponse(
            {"detail": _("Too many failed login attempts. This account is locked for 30 minutes.")}, status=429
        )
    return render(request, "registration/locked_out.html", status=429)
