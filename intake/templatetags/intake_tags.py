"""Masks for templates; each calls intake.masking, the one mask per kind of data."""

from django import template

from intake import masking

register = template.Library()


@register.filter
def mask_id(value: str) -> str:
    return masking.mask_id_number(value)


@register.filter
def mask_phone(value: str) -> str:
    return masking.mask_phone(value)
