"""GET /api/v1/notifications, POST /notifications/{id}/read, POST /notifications/read-all."""

import pytest

from notifications.models import Notification

pytestmark = pytest.mark.django_db


def test_it_lists_own_notifications(client, tell, town_clerk, other_town_clerk):
    (note,) = tell(url="/cases/3/")
    tell("土桥镇")
    client.force_login(town_clerk)
    body = client.get("/api/v1/notifications").json()
    assert body["total"] == 1
    item = body["items"][0]
    assert set(item) == {"id", "at", "kind", "text", "url", "read"}
    assert item["id"] == note.pk and item["url"] == "/cases/3/" and item["read"] is False and item["kind"] == "assigned"
    assert item["at"].endswith("+08:00")


def test_unread_true_leaves_out_read_ones(client, tell, town_clerk):
    first, = tell()
    tell()
    client.force_login(town_clerk)
    assert client.post(f"/api/v1/notifications/{first.pk}/read").json()["read"] is True
    assert client.get("/api/v1/notifications?unread=true").json()["total"] == 1
    assert client.get("/api/v1/notifications").json()["total"] == 2


def test_read_all(client, tell, town_clerk, other_town_clerk):
    tell()
    tell()
    tell("土桥镇")
    client.force_login(town_clerk)
    assert client.post("/api/v1/notifications/read-all").json() == {"marked": 2}
    assert client.get("/api/v1/notifications?unread=true").json()["total"] == 0
    assert Notification.objects.filter(recipient=other_town_clerk, read_at__isnull=True).count() == 1


def test_another_users_notification_is_404(client, tell, town_clerk, other_town_clerk):
    (note,) = tell("土桥镇")
    client.force_login(town_clerk)
    response = client.post(f"/api/v1/notifications/{note.pk}/read")
    assert response.status_code == 404 and "detail" in response.json()
    note.refresh_from_db()
    assert note.read_at is None


def test_a_bad_page_size_is_400(client, town_clerk):
    client.force_login(town_clerk)
    assert client.get("/api/v1/notifications?page_size=500").status_code == 400


def test_it_needs_login(client):
    assert client.get("/api/v1/notifications").status_code == 401
