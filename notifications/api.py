"""GET /notifications, POST /notifications/{id}/read, POST /notifications/read-all (docs/api.md)."""

from __future__ import annotations

import datetime
from typing import Annotated

from ninja import Field, Query, Router, Schema

from notifications import services
from notifications.models import Notification
from notifications.selectors import access_notification_by_id, notifications_for
from xinfang.api_types import Id, Page

router = Router(tags=["notifications"])


class NotificationOut(Schema):
    id: int
    at: datetime.datetime
    kind: str
    text: str
    url: str
    read: bool


class NotificationList(Schema):
    items: list[NotificationOut]
    total: int


class NotificationQuery(Schema):
    unread: bool = False
    page: Page = 1
    page_size: Annotated[int, Field(ge=1, le=200)] = 50


class ReadAllOut(Schema):
    marked: int


def _out(n: Notification) -> dict:
    return {"id": n.pk, "at": n.created_at, "kind": n.kind, "text": n.text, "url": n.url, "read": n.read_at is not None}


@router.get("", response=NotificationList)
def list_notifications(request, query: Query[NotificationQuery]):
    items = notifications_for(request.user, unread=query.unread)
    start = (query.page - 1) * query.page_size
    return {"items": [_out(n) for n in items[start : start + query.page_size]], "total": items.count()}


@router.post("/read-all", response=ReadAllOut)
def read_all(request):
    return {"marked": services.mark_all_read(request.user)}


@router.post("/{notification_id}/read", response=NotificationOut)
def read_one(request, notification_id: Id):
    return _out(services.mark_read(access_notification_by_id(request.user, notification_id)))


