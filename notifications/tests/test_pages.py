"""The list, opening one (marks it read, then its object's page), mark all read, the unread count
in the navigation. A user sees only their own notifications."""

import pytest

from notifications.models import Notification

pytestmark = pytest.mark.django_db


def test_the_navigation_shows_the_unread_count(client, tell, town_clerk):
    tell()
    tell()
    client.force_login(town_clerk)
    page = client.get("/").content.decode()
    assert 'href="/notifications/"' in page and "通知" in page
    assert 'data-testid="unread-count"' in page and '>2</span>' in page


def test_the_navigation_shows_no_count_when_all_is_read(client, tell, town_clerk):
    tell()
    Notification.objects.update(read_at="2026-12-01T10:00:00+08:00")
    client.force_login(town_clerk)
    assert 'data-testid="unread-count"' not in client.get("/").content.decode()


def test_the_list_shows_own_notifications_newest_first_unread_bold(client, tell, town_clerk, other_town_clerk):
    tell(text="第一条")
    tell(text="第二条")
    tell("土桥镇", text="别人的")
    client.force_login(town_clerk)
    page = client.get("/notifications/").content.decode()
    assert page.index("第二条") < page.index("第一条")
    assert "<strong>第二条</strong>" in page and "别人的" not in page


def test_the_list_is_paginated_by_50(client, tell, town_clerk):
    for i in range(51):
        tell(text=f"第{i}条")
    client.force_login(town_clerk)
    assert client.get("/notifications/").content.decode().count("/open/") == 50
    assert client.get("/notifications/?page=2").content.decode().count("/open/") == 1


def test_opening_marks_read_and_goes_to_the_object(client, tell, town_clerk):
    (note,) = tell(url="/cases/7/")
    client.force_login(town_clerk)
    response = client.get(f"/notifications/{note.pk}/open/")
    assert response.status_code == 302 and response["Location"] == "/cases/7/"
    note.refresh_from_db()
    assert note.read_at is not None


@pytest.mark.parametrize("url", ["https://evil.example/", "//evil.example/x", "javascript:alert(1)"])
def test_opening_goes_only_to_a_local_url(client, tell, town_clerk, url):
    (note,) = tell(url=url)
    client.force_login(town_clerk)
    assert client.get(f"/notifications/{note.pk}/open/")["Location"] == "/notifications/"


def test_another_users_notification_is_not_found(client, tell, town_clerk, other_town_clerk):
    (note,) = tell("土桥镇")
    client.force_login(town_clerk)
    assert client.get(f"/notifications/{note.pk}/open/").status_code == 404
    note.refresh_from_db()
    assert note.read_at is None


def test_mark_all_read_marks_only_ones_own(client, tell, town_clerk, other_town_clerk):
    tell()
    tell("土桥镇")
    client.force_login(town_clerk)
    assert client.post("/notifications/read-all/").status_code == 302
    assert not Notification.objects.filter(recipient=town_clerk, read_at__isnull=True).exists()
    assert Notification.objects.filter(recipient=other_town_clerk, read_at__isnull=True).exists()


def test_mark_all_read_needs_post(client, town_clerk):
    client.force_login(town_clerk)
    assert client.get("/notifications/read-all/").status_code == 405
