"""Filters for the Work Day pages: masked personal data and status badges."""

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
}


@register.filter
def mask_id(value: str) -> str:
    """5001**********1234: the first four and the last four characters of an ID number."""
    value = value or ""
    if len(value) <= 8:
        return "*" * len(value)
    return value[:4] + "*" * (len(value) - 8) + value[-4:]


@register.filter
def mask_phone(value: str) -> str:
    """138****5678: the first three and the last four digits."""
    value = value or ""
    if len(value) <= 7:
        return value[:1] + "*" * max(len(value) - 1, 0)
    return value[:3] + "*" * (len(value) - 7) + value[-4:]


@register.filter
def status_badge(status: str) -> str:
    """The badge class of a Work Day status."""
    return STATUS_BADGE.get(status, "")
