"""Every login, logout and failed login goes to the audit log (the page and the API token exchange
both authenticate through django.contrib.auth, so both send these signals)."""

from __future__ import annotations

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from audit.models import Action
from audit.services import log


@receiver(user_logged_in)
def log_login(sender, request, user, **kwargs):
    log(Action.LOGIN, request=request, actor=user)


@receiver(user_logged_out)
def log_logout(sender, request, user, **kwargs):
    if user is not None:
        log(Action.LOGOUT, request=request, actor=user)


@receiver(user_login_failed)
def log_failed_login(sender, credentials, request=None, **kwargs):
    # Only the username that was tried: the credentials' password is never kept.
    username = str((credentials or {}).get("username", ""))[:150]
    log(Action.LOGIN_FAILED, request=request, username=username)
