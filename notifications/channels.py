"""Outbound channels. A channel is a class with `send(notification) -> None` that raises when the
message did not go out; `settings.NOTIFICATION_CHANNELS` lists the dotted paths of the ones in use
(empty by default: notifications stay inside the system). A district plugs in its SMS gateway by
writing such a class and adding its path (README, "Notifications")."""

from __future__ import annotations

import json
import logging
from pathlib import Path

from django.conf import settings
from django.core.mail import send_mail
from django.utils import timezone

logger = logging.getLogger("notifications")


class ConsoleChannel:
    """Writes one line per notification to the `notifications` logger (the console in development)."""

    def send(self, notification) -> None:
        logger.info("notification to %s: %s %s", notification.recipient.username, notification.text, notification.url)


class FileChannel:
    """Appends one JSON line per notification to `settings.NOTIFICATION_FILE` (var/notifications.jsonl)."""

    def send(self, notification) -> None:
        path = Path(getattr(settings, "NOTIFICATION_FILE", settings.BASE_DIR / "var" / "notifications.jsonl"))
        line = {
            "id": notification.pk,
            "at": timezone.localtime(notification.created_at).isoformat(),
            "to": notification.recipient.username,
            "kind": notification.kind,
            "text": notification.text,
            "url": notification.url,
        }
        with path.open("a", encoding="utf-8") as f:
            f.write(json.dumps(line, ensure_ascii=False) + "\n")


class EmailChannel:
    """Django's e-mail backend (EMAIL_* settings), to the recipient's address; users without one are skipped."""

    def send(self, notification) -> None:
        address = notification.recipient.email
        if not address:
            return
        send_mail(
            subject=notification.get_kind_display(),
            message=f"{notification.text}\n{notification.url}",
            from_email=None,
            recipient_list=[address],
        )
