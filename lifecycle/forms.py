"""Putting a service's messages back on the page's form."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

# Django's own formset messages speak of "forms" and "ManagementForm data"; a clerk sees these instead
# (a formset class sets them as its `default_error_messages`).
FORMSET_ERROR_MESSAGES = {
    "missing_management_form": _(
        "The page was incomplete when it was sent (it may be out of date). Reload the page and enter it again."
    ),
    "too_many_forms": ngettext_lazy(
        "At most %(num)d row can be filled in.", "At most %(num)d rows can be filled in.", "num"
    ),
    "too_few_forms": ngettext_lazy(
        "Fill in at least %(num)d row.", "Fill in at least %(num)d rows.", "num"
    ),
}


def apply_service_errors(form: forms.BaseForm, exc: ValidationError) -> None:
    """Each message beside the field of the same name (forms are named like the write's input); what
    matches no field goes on top of the form."""
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc.messages)
        return
    for key, errors in exc.message_dict.items():
        form.add_error(key if key in form.fields else None, errors)
