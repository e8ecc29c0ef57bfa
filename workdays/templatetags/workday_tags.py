"""Filters for the Work Day pages: status badges. Masks are in intake_tags."""

from django import template

register = template.Library()

STATUS_BADGE = {
    "planned": "",
    "notice_published": "warn",
    "held": "warn",
    "reported": "ok",
    "results_published": "ok",
    "archived": "",
    "voided": "bad",
    "cancelled": "bad",
}


@register.filter
def status_badge(status: str) -> str:
    """The badge class of a Work Day status."""
    return STATUS_BADGE.get(status, "")
