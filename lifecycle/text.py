"""What a text may hold to be stored, decided once for every door (pages, the API, imports): no
control characters other than tab and line breaks, no lone surrogates (half of a broken character,
e.g. JSON "\\ud800"), no non-characters, and not longer than a field ever needs. The databases,
the .docx files (XML 1.0) and the pages can hold whatever passes.

`text_problem(value)` is the rule; the API's body parser (xinfang/api_types.py) and the page forms
(`lifecycle.forms.Form`) ask it for every text that arrives and answer a field error.
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

# The longest text any field takes (a petition's content, an agenda, a reply): 20,000 characters.
MAX_TEXT_LENGTH = 20_000

# C0 controls except tab, line feed and carriage return (browsers send line breaks as CR LF), DEL
# and the C1 controls, surrogates, and the two non-characters XML refuses.
_UNSTORABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def text_problem(value: str, max_length: int = MAX_TEXT_LENGTH) -> str | None:
    """Why `value` cannot be stored, in the active language; None when it can."""
    if _UNSTORABLE.search(value):
        return _(
            "This text contains characters that cannot be saved (control characters or broken characters). "
            "Delete them and enter the text again."
        )
    if len(value) > max_length:
        return _("This text is too long: at most %(max)d characters.") % {"max": max_length}
    return None


def validate_storable_text(value) -> None:
    """The rule as a Django validator (for a field's `validators`)."""
    if isinstance(value, str) and (message := text_problem(value)):
        raise ValidationError(message, code="unstorable_text")


def storable(value: str) -> str:
    """`value` with what cannot be stored removed: for writing out texts stored before the rule
    (the .docx files must open even then)."""
    return _UNSTORABLE.sub("", value)


def problems_in(data, path: tuple = ()) -> dict[tuple, str]:
    """Every text in a parsed JSON value (keys included) that cannot be stored: {path: message}.
    A bad key is reported at the path of the object that holds it."""
    found: dict[tuple, str] = {}
    if isinstance(data, str):
        if message := text_problem(data):
            found[path] = message
    elif isinstance(data, dict):
        for key, value in data.items():
            if isinstance(key, str) and (message := text_problem(key, 200)):
                found.setdefault(path, message)
            else:
                found.update(problems_in(value, (*path, key)))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            found.update(problems_in(value, (*path, i)))
    return found
