"""One mask per kind of personal data, used by every page, the API and the exports (DESIGN §4).
A full value is shown only through the logged view in intake/personal_data.py."""

from __future__ import annotations

import re


def mask_phone(value: str) -> str:
    """The last four digits stay: a mobile number keeps its first three too (138****0031), a
    landline keeps nothing else (****2812, area code included)."""
    digits = re.sub(r"\D", "", value or "")
    if not digits:
        return ""
    if len(digits) <= 4:
        return "*" * len(digits)
    if re.fullmatch(r"1[3-9]\d{9}", digits):
        return f"{digits[:3]}****{digits[-4:]}"
    return f"****{digits[-4:]}"


def mask_id_number(value: str) -> str:
    """The first four and the last four characters of an ID number: 5002**********123X."""
    value = value or ""
    if len(value) <= 8:
        return "*" * len(value)
    return value[:4] + "*" * (len(value) - 8) + value[-4:]


def mask_name(value: str) -> str:
    """张** — the surname stays, for public pages."""
    return (value[:1] + "*" * max(len(value) - 1, 1)) if value else ""


def masked_petitioner(petitioner) -> dict:
    return {
        "name": petitioner.name,
        "id_number": mask_id_number(petitioner.id_number),
        "phone": mask_phone(petitioner.phone),
        "address": petitioner.address,
    }
