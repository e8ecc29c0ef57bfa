"""The page forms only carry the inputs and their messages back; the service decides."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from attachments.models import Target
from lifecycle.forms import Form


class UploadForm(Form):
    target = forms.ChoiceField(choices=Target.choices, required=False, widget=forms.HiddenInput)
    target_id = forms.CharField(required=False, widget=forms.HiddenInput)
    file = forms.FileField(label=_("File"), required=False)


class VoidForm(Form):
    reason = forms.CharField(label=_("Reason for voiding"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
