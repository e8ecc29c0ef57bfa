"""Outbound channels: off by default; when configured, a delivery per notification and channel is
queued in the event's transaction, attempted after the commit, and a failure is recorded and retried
by `send_notifications`, never undoing or blocking the event."""

import datetime as dt
import json

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from notifications.models import Delivery, Notification

pytestmark = pytest.mark.django_db

FAILING = "notifications.tests.test_outbound.FailingChannel"
FILE = "notifications.channels.FileChannel"


class FailingChannel:
    """A gateway that is down until `up` is set."""

    up = False

    def send(self, notification) -> None:
        if not FailingChannel.up:
            raise ConnectionError("SMS gateway unreachable")


@pytest.fixture(autouse=True)
def gateway_down():
    FailingChannel.up = False
    yield
    FailingChannel.up = False


def test_no_channel_no_delivery(tell, town_clerk, settings):
    settings.NOTIFICATION_CHANNELS = []
    tell()
    assert Notification.objects.count() == 1 and not Delivery.objects.exists()


def test_a_failing_channel_never_blocks_the_event_and_is_retried(
    tell, town_clerk, settings, django_capture_on_commit_callbacks, clock
):
    settings.NOTIFICATION_CHANNELS = [FAILING]
    clock.set("2026-12-10 10:00")
    with django_capture_on_commit_callbacks(execute=True):
        (note,) = tell()
    assert Notification.objects.filter(pk=note.pk).exists()
    delivery = Delivery.objects.get()
    assert delivery.channel == FAILING and delivery.status == Delivery.Status.FAILED and delivery.attempts == 1
    assert "SMS gateway unreachable" in delivery.last_error
    assert delivery.next_attempt_at > timezone.now()

    call_command("send_notifications")  # not yet due: nothing is attempted
    delivery.refresh_from_db()
    assert delivery.attempts == 1

    clock.set("2026-12-10 10:05")
    call_command("send_notifications")  # due, still down
    delivery.refresh_from_db()
    assert delivery.status == Delivery.Status.FAILED and delivery.attempts == 2
    assert delivery.next_attempt_at - timezone.now() == dt.timedelta(minutes=2)

    FailingChannel.up = True
    clock.set("2026-12-10 11:00")
    call_command("send_notifications")
    delivery.refresh_from_db()
    assert delivery.status == Delivery.Status.SENT and delivery.attempts == 3 and delivery.sent_at is not None

    call_command("send_notifications")  # safe to run again: a sent delivery is never sent twice
    delivery.refresh_from_db()
    assert delivery.attempts == 3


def test_the_delivery_is_queued_in_the_events_transaction(tell, town_clerk, settings):
    """Without a commit (the test's transaction stays open) nothing is attempted, but the row exists."""
    settings.NOTIFICATION_CHANNELS = [FAILING]
    tell()
    delivery = Delivery.objects.get()
    assert delivery.status == Delivery.Status.PENDING and delivery.attempts == 0


def test_one_failure_does_not_stop_the_others(tell, town_clerk, make_user, settings, tmp_path):
    make_user("clerk", "巴川街道")
    settings.NOTIFICATION_CHANNELS = [FAILING, FILE]
    settings.NOTIFICATION_FILE = tmp_path / "out.jsonl"
    tell()
    call_command("send_notifications")
    statuses = sorted(Delivery.objects.values_list("channel", "status"))
    assert statuses == [(FILE, "sent"), (FILE, "sent"), (FAILING, "failed"), (FAILING, "failed")]


def test_the_file_channel_writes_a_json_line(tell, town_clerk, settings, tmp_path, django_capture_on_commit_callbacks):
    settings.NOTIFICATION_CHANNELS = [FILE]
    settings.NOTIFICATION_FILE = tmp_path / "out.jsonl"
    with django_capture_on_commit_callbacks(execute=True):
        (note,) = tell(text="您单位有新的交办事项 #5：欠薪讨薪", url="/cases/5/")
    (line,) = (tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()
    assert json.loads(line) | {"at": None} == {
        "id": note.pk, "at": None, "to": "town_clerk", "kind": "assigned", "text": "您单位有新的交办事项 #5：欠薪讨薪", "url": "/cases/5/",
    }
    assert Delivery.objects.get().status == Delivery.Status.SENT


def test_the_console_channel_logs_a_line(tell, town_clerk, settings, caplog):
    settings.NOTIFICATION_CHANNELS = ["notifications.channels.ConsoleChannel"]
    tell(text="控制台")
    with caplog.at_level("INFO", logger="notifications"):
        call_command("send_notifications")
    assert "控制台" in caplog.text and "town_clerk" in caplog.text


def test_the_email_channel_mails_users_with_an_address(tell, town_clerk, make_user, settings):
    settings.NOTIFICATION_CHANNELS = ["notifications.channels.EmailChannel"]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    town_clerk.email = "clerk@bachuan.example"
    town_clerk.save(update_fields=["email"])
    make_user("unit_leader", "巴川街道")  # no address: skipped, counted as sent
    tell(text="邮件")
    call_command("send_notifications")
    assert [m.to for m in mail.outbox] == [["clerk@bachuan.example"]] and "邮件" in mail.outbox[0].body
    assert set(Delivery.objects.values_list("status", flat=True)) == {"sent"}


def test_a_claimed_delivery_is_not_taken_twice_and_is_due_again_after_the_lease(tell, town_clerk, settings, clock):
    from notifications.services import _claim

    settings.NOTIFICATION_CHANNELS = [FILE]
    clock.set("2026-12-10 10:00")
    tell()
    first = _claim(None, 10)
    assert len(first) == 1
    assert _claim(None, 10) == []  # another runner finds nothing
    clock.set("2026-12-10 10:11")  # the first runner died while sending: the row comes back
    assert _claim(None, 10) == first
