"""Telling users: `notify()` writes one notification per recipient inside the caller's transaction,
so the event and its notifications commit or fail together; outbound deliveries are queued in the
same transaction and attempted after the commit, never inside it (a slow or failing gateway never
blocks or undoes the event)."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone, translation
from django.utils.module_loading import import_string

from accounts.models import Role, User
from notifications.models import Delivery, Kind, Notification
from units.models import Unit, UnitKind

# Who acts for a unit on a case: its clerks and its leader.
UNIT_ROLES = (Role.CLERK, Role.UNIT_LEADER)
# Retries wait 1, 2, 4 ... minutes, never more than this.
MAX_RETRY_WAIT = datetime.timedelta(hours=6)
# A claimed delivery is not taken by another runner for this long (send_due).
CLAIM_LEASE = datetime.timedelta(minutes=10)


def joint_office_units():
    return Unit.objects.filter(kind=UnitKind.JOINT_OFFICE)


def recipients(*, units: Iterable[Unit], roles: Iterable[str], exclude=None):
    unit_ids = {u.pk for u in units}
    users = User.objects.filter(unit_id__in=unit_ids, role__in=list(roles), is_active=True)
    if exclude is not None and getattr(exclude, "pk", None):
        users = users.exclude(pk=exclude.pk)
    return users.order_by("pk")


def notify(*, units: Iterable[Unit], roles: Iterable[str], kind: Kind, text: str, url: str, exclude=None) -> list[Notification]:
    """Tell every active user of `units` in `roles` (but `exclude`, usually the actor, who knows)."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("notify() must run inside the transaction of the event")
    now = timezone.now()
    made = Notification.objects.bulk_create(
        [
            Notification(recipient=user, kind=kind, text=text[:300], url=url, created_at=now)
            for user in recipients(units=units, roles=roles, exclude=exclude)
        ]
    )
    channels = list(getattr(settings, "NOTIFICATION_CHANNELS", []))
    if made and channels:
        deliveries = Delivery.objects.bulk_create(
            [Delivery(notification=n, channel=c, next_attempt_at=now) for n in made for c in channels]
        )
        ids = [d.pk for d in deliveries]
        # After the commit, a first attempt; robust: a failure there is logged, and the response stands.
        transaction.on_commit(lambda: send_due(ids=ids), robust=True)
    return made


def district_text(message: str, **params) -> str:
    """The stored text, in the district's language (it goes to people other than the actor, and out
    by SMS), whatever language the actor's page is in."""
    with translation.override(settings.LANGUAGE_CODE):
        return str(message) % params


def _wait(attempts: int) -> datetime.timedelta:
    return min(datetime.timedelta(minutes=2 ** min(attempts - 1, 20)), MAX_RETRY_WAIT)


def attempt(delivery: Delivery) -> bool:
    """Send one delivery and record the outcome; never raises for the channel's failure."""
    now = timezone.now()
    delivery.attempts += 1
    try:
        import_string(delivery.channel)().send(delivery.notification)
    except Exception as error:  # noqa: BLE001 - any failure of a channel is recorded, then retried
        delivery.status = Delivery.Status.FAILED
        delivery.last_error = f"{type(error).__name__}: {error}"[:2000]
        delivery.next_attempt_at = now + _wait(delivery.attempts)
    else:
        delivery.status, delivery.sent_at = Delivery.Status.SENT, now
    delivery.save(update_fields=["status", "attempts", "last_error", "next_attempt_at", "sent_at"])
    return delivery.status == Delivery.Status.SENT


def _claim(ids: list[int] | None, batch: int) -> list[int]:
    """Take up to `batch` due deliveries: pending ones and failed ones whose retry is due. A claim
    moves the row's next attempt a lease ahead and commits at once, so the sending happens outside
    any transaction (a slow gateway holds no lock) and a second runner never sends the same row; if
    this process dies while sending, the row is due again when the lease ends, never lost."""
    now = timezone.now()
    with transaction.atomic():
        due = Delivery.objects.filter(
            status__in=[Delivery.Status.PENDING, Delivery.Status.FAILED], next_attempt_at__lte=now
        )
        if ids is not None:
            due = due.filter(pk__in=ids)
        if connection.features.has_select_for_update_skip_locked:
            due = due.select_for_update(skip_locked=True)
        rows = list(due.order_by("next_attempt_at", "pk").values_list("pk", "next_attempt_at")[:batch])
        # The condition on next_attempt_at makes the claim safe where rows cannot be locked (SQLite).
        return [
            pk for pk, at in rows
            if Delivery.objects.filter(pk=pk, next_attempt_at=at).update(next_attempt_at=now + CLAIM_LEASE)
        ]


def send_due(*, ids: list[int] | None = None, batch: int = 100) -> tuple[int, int]:
    """Attempt every due delivery (or only `ids`); safe to run in several processes at once.
    Returns (sent, failed)."""
    sent = failed = 0
    while claimed := _claim(ids, batch):
        for delivery in Delivery.objects.filter(pk__in=claimed).select_related("notification__recipient"):
            if attempt(delivery):
                sent += 1
            else:
                failed += 1
    return sent, failed


def mark_read(notification: Notification) -> Notification:
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return notification


def mark_all_read(user) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).update(read_at=timezone.now())
