"""A user's own notifications: nobody reads another user's (another's id is a 404)."""

from __future__ import annotations

from django.http import Http404

from notifications.models import Notification


def notifications_for(user, *, unread: bool = False):
    qs = Notification.objects.filter(recipient=user)
    return qs.filter(read_at__isnull=True) if unread else qs


def unread_count(user) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def access_notification_by_id(user, notification_id: int) -> Notification:
    try:
        return notifications_for(user).get(pk=notification_id)
    except (Notification.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
