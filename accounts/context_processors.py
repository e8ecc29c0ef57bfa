"""The navigation bar, by role."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts.access import is_supervisor
from accounts.models import Role
from notifications.selectors import unread_count

# (label, url name, who sees it: "all", "supervisor" or "unit_leader")
NAVIGATION = [
    (_("Home"), "home", "all"),
    (_("Work Days"), "workdays:list", "all"),
    (_("Cases"), "cases:list", "all"),
    (_("Reminders"), "reminders:list", "all"),
    (_("Compliance"), "supervision:compliance", "all"),
    (_("Supervision"), "signals:table", "all"),
    (_("Supervision orders"), "supervision:orders", "all"),
    (_("Bulletins"), "bulletins:list", "all"),
    (_("Dashboard"), "dashboards:dashboard", "all"),
    (_("Periodic report"), "reports:periodic", "supervisor"),
    (_("Units"), "units:list", "all"),
    (_("Sign-off"), "approvals:list", "unit_leader"),
    (_("Notifications"), "notifications:list", "all"),
    (_("Working-day calendar"), "workcal:year", "supervisor"),
]


def navigation(request) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": []}
    items = []
    for label, name, audience in NAVIGATION:
        if audience == "supervisor" and not is_supervisor(user):
            continue
        if audience == "unit_leader" and user.role != Role.UNIT_LEADER:
            continue
        url = reverse(name)
        items.append({"label": label, "url": url, "active": request.path == url})
        if name == "notifications:list":
            items[-1]["count"] = unread_count(user)  # one indexed count, the only query here
    return {"nav_items": items}
