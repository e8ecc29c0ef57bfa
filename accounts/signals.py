"""A user's API tokens end with their logout, a new password or the account's deactivation; a
login starts the session's idle time (accounts.middleware.IdleTimeoutMiddleware)."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out
from django.db.models.signals import pre_save
from django.dispatch import receiver
from django.utils import timezone

from accounts.middleware import LAST_SEEN_KEY
from accounts.models import ApiToken


@receiver(user_logged_in)
def stamp_the_login(sender, request, user, **kwargs):
    """Logging in is activity: the idle time counts from here."""
    if request is not None and hasattr(request, "session"):
        request.session[LAST_SEEN_KEY] = timezone.now().timestamp()


@receiver(user_logged_out)
def end_tokens_at_logout(sender, request, user, **kwargs):
    if user is not None:
        ApiToken.objects.filter(user=user).revoke(request=request, actor=user, reason="logout")


@receiver(pre_save, sender=get_user_model())
def end_tokens_on_new_password_or_deactivation(sender, instance, raw=False, update_fields=None, **kwargs):
    if raw or instance.pk is None:
        return
    if update_fields is not None and not {"password", "is_active"} & set(update_fields):
        return  # e.g. the login's last_login
    before = sender.objects.filter(pk=instance.pk).values("password", "is_active").first()
    if before is None:
        return
    if before["password"] != instance.password:
        ApiToken.objects.filter(user=instance).revoke(reason="password changed")
    elif before["is_active"] and not instance.is_active:
        ApiToken.objects.filter(user=instance).revoke(reason="deactivated")
