"""Field checks for citizens' data: the GB 11643 ID number and Chinese phone numbers."""

from __future__ import annotations

import datetime
import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK = "10X98765432"


def id_number_check_digit(first17: str) -> str:
    return _CHECK[sum(int(c) * w for c, w in zip(first17, _WEIGHTS, strict=True)) % 11]


def normalise_id_number(value: str) -> str:
    return (value or "").strip().upper()


def validate_id_number(value: str) -> None:
    """A resident ID number (GB 11643-1999): 17 digits, a valid birth date, the check digit."""
    value = normalise_id_number(value)
    if not re.fullmatch(r"\d{17}[\dX]", value):
        raise ValidationError(_("An ID number has 18 characters: 17 digits and a digit or X."), code="id_format")
    try:
        birth = datetime.date(int(value[6:10]), int(value[10:12]), int(value[12:14]))
    except ValueError:
        raise ValidationError(_("The birth date in this ID number does not exist."), code="id_birth") from None
    if birth.year < 1900 or birth > datetime.date(2100, 1, 1):
        raise ValidationError(_("The birth date in this ID number does not exist."), code="id_birth")
    if id_number_check_digit(value[:17]) != value[17]:
        raise ValidationError(_("The check digit of this ID number is wrong; please check each digit."), code="id_check")


def validate_phone(value: str) -> None:
    """A mobile number (11 digits starting 1[3-9]) or a landline (7–8 digits, optional area code),
    in ASCII digits only: a full-width or another script's digit (１, ١) is refused, not stored as
    a number nobody can dial or find."""
    value = (value or "").strip().replace(" ", "")
    if not value.isascii():
        raise ValidationError(
            _("Write the phone number with the digits 0–9 only (not full-width or other digits)."), code="phone_digits"
        )
    if re.fullmatch(r"1[3-9][0-9]{9}", value) or re.fullmatch(r"(0[0-9]{2,3}-?)?[2-8][0-9]{6,7}", value):
        return
    raise ValidationError(_("Enter an 11-digit mobile number or a landline number such as 023-45642812."), code="phone")
