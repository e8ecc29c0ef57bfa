"""The password rule that needs the database: none of a user's last few passwords again."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.hashers import check_password
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext


class PasswordHistoryValidator:
    """Refuses the current password and the ones before it, up to settings.PASSWORD_HISTORY_COUNT
    in all. Django calls password_changed() whenever a user is saved with a new password, so every
    way of setting one (admin, `create_user`, the password change page) keeps the history."""

    def _count(self) -> int:
        return settings.PASSWORD_HISTORY_COUNT

    def validate(self, password, user=None):
        if user is None or user.pk is None:
            return
        from accounts.models import PasswordHistory

        hashes = list(PasswordHistory.objects.filter(user=user).values_list("password_hash", flat=True)[: self._count()])
        if user.password and user.password not in hashes:
            hashes.append(user.password)
        if any(check_password(password, encoded) for encoded in hashes):
            raise ValidationError(
                ngettext(
                    "This password was used recently. Choose one different from your last password.",
                    "This password was used recently. Choose one different from your last %(count)d passwords.",
                    self._count(),
                )
                % {"count": self._count()},
                code="password_reused",
            )

    def password_changed(self, password, user=None):
        if user is None or user.pk is None or not user.password:
            return
        from accounts.models import PasswordHistory

        PasswordHistory.objects.create(user=user, password_hash=user.password)
        keep = PasswordHistory.objects.filter(user=user).values_list("pk", flat=True)[: self._count()]
        PasswordHistory.objects.filter(user=user).exclude(pk__in=list(keep)).delete()

    def get_help_text(self):
        return _("Your password cannot be one of your last %(count)d passwords.") % {"count": self._count()}
