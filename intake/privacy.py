"""The one check every public text passes before it goes out (DESIGN §4): it must not name a
petitioner, nor carry a run of their phone or ID number. The messages say what kind was found and
show it masked, never the value itself."""

from __future__ import annotations

import re
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from intake.masking import mask_id_number, mask_name, mask_phone
from intake.models import Petitioner

# Seven digits in a row identify a phone or an ID number; six (a date, an amount, a house number)
# do not.
DIGIT_RUN = 7
# Separators a writer puts inside a number: 138 0013-8000 is 13800138000.
SEPARATORS = re.compile(r"[\s\-－—–‐]+")


def _windows(digits: str) -> set[str]:
    return {digits[i : i + DIGIT_RUN] for i in range(len(digits) - DIGIT_RUN + 1)}


def _digit_windows(value: str) -> set[str]:
    """Every run of DIGIT_RUN consecutive digits of a value (an ID number's final X is no digit)."""
    windows: set[str] = set()
    for run in re.findall(r"\d+", SEPARATORS.sub("", value or "")):
        windows |= _windows(run)
    return windows


def check_public_text(text: str, petitioners: Iterable[Petitioner]) -> list[str]:
    """What in `text` points at one of `petitioners`: a full name (two characters or more), or
    seven consecutive digits of a phone or an ID number, after spaces and hyphens are taken out of
    the text. An empty list: the text may be published."""
    text = text or ""
    if not text.strip():
        return []
    text_windows = _digit_windows(text)
    problems: list[str] = []
    for petitioner in petitioners:
        name = (petitioner.name or "").strip()
        if len(name) >= 2 and name in text:
            problems.append(
                _("The public text contains a petitioner's name (%(name)s); remove it before publishing.")
                % {"name": mask_name(name)}
            )
        if text_windows & _digit_windows(petitioner.phone):
            problems.append(
                _("The public text contains a petitioner's phone number (%(phone)s); remove it before publishing.")
                % {"phone": mask_phone(petitioner.phone)}
            )
        if text_windows & _digit_windows(petitioner.id_number):
            problems.append(
                _("The public text contains a petitioner's ID number (%(id_number)s); remove it before publishing.")
                % {"id_number": mask_id_number(petitioner.id_number)}
            )
    return list(dict.fromkeys(problems))


def require_public_texts(texts: dict[str, str], petitioners: Iterable[Petitioner]) -> None:
    """Raise one ValidationError keyed by field for every text that fails the check."""
    petitioners = list(petitioners)
    errors = {field: found for field, text in texts.items() if (found := check_public_text(text, petitioners))}
    if errors:
        raise ValidationError(errors)


def petitioners_of_workday(workday) -> list[Petitioner]:
    """Everyone registered at the day, withdrawn registrations included."""
    return list(Petitioner.objects.filter(registration__workday=workday).only("name", "phone", "id_number"))


def petitioners_before(workday) -> list[Petitioner]:
    """The petitioners of the host unit's earlier Work Days: before the day nobody has registered
    yet, and these are the people a notice is most likely to name."""
    return list(
        Petitioner.objects.filter(
            registration__workday__host_unit_id=workday.host_unit_id, registration__workday__date__lt=workday.date
        ).only("name", "phone", "id_number")
    )
