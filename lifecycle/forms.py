"""The base of every page form (the input gate), and putting a service's messages back on the page's form."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from lifecycle.text import text_problem

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


class StorableTextMixin:
    """The page's input gate: every text posted for one of the form's fields is checked by
    lifecycle.text before the form cleans it; one that cannot be stored is a field error and
    reaches neither the form's own checks nor a service. Every form of the project is built on it
    (xinfang/tests/test_input_gate.py checks that)."""

    def full_clean(self):
        refused = {}
        for name, field in self.fields.items():
            key = self.add_prefix(name)
            raw = field.widget.value_from_datadict(self.data, self.files, key) if self.is_bound else None
            for value in raw if isinstance(raw, (list, tuple)) else [raw]:
                if isinstance(value, str) and (message := text_problem(value)):
                    refused[name] = message
                    break
        if refused:
            data = self.data.copy()
            for name in refused:
                data.pop(self.add_prefix(name), None)
            self.data = data
        super().full_clean()
        for name, message in refused.items():
            getattr(self, "cleaned_data", {}).pop(name, None)
            self._errors[name] = self.error_class([message], renderer=self.renderer)


class Form(StorableTextMixin, forms.Form):
    """A page form behind the input gate."""
