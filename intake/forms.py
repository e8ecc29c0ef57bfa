"""The correction form (更正) of the person page and the registration page: it renders the fields
of `CorrectionIn` and parses nothing else; intake.corrections judges them."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from lifecycle.forms import Form


class CorrectionForm(Form):
    field = forms.ChoiceField(
        label=_("Field"),
        choices=[("name", _("Name")), ("id_number", _("ID number")), ("phone", _("Phone")), ("address", _("Village / community"))],
    )
    value = forms.CharField(label=_("Corrected value"), max_length=200, required=False)
    reason = forms.CharField(label=_("Reason for the correction"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class PetitionerCorrectionForm(CorrectionForm):
    """The same correction of one petitioner of a registration, as given that day."""

    petitioner = forms.TypedChoiceField(label=_("Petitioner"), coerce=int)

    field_order = ["petitioner", "field", "value", "reason"]

    def __init__(self, *args, petitioners=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["petitioner"].choices = [(p.pk, p.name) for p in petitioners]
