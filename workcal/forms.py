"""Forms of the calendar pages: they only validate."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from lifecycle.forms import Form
from workcal.calendar import FIRST_DAY, FIRST_YEAR, LAST_DAY, LAST_YEAR

MAX_NOTICE_BYTES = 200_000


class DayForm(Form):
    date = forms.DateField(label=_("Date"), input_formats=["%Y-%m-%d"], widget=forms.DateInput(attrs={"type": "date"}))
    is_workday = forms.TypedChoiceField(
        label=_("This day is"),
        choices=[("off", _("a day off")), ("work", _("a working day"))],
        coerce=lambda value: value == "work",
        widget=forms.RadioSelect,
    )
    note = forms.CharField(label=_("Note (e.g. the festival)"), max_length=100, required=False)

    def clean_date(self):
        day = self.cleaned_data["date"]
        if not FIRST_DAY <= day <= LAST_DAY:
            raise forms.ValidationError(
                _("The date must lie between %(first)s and %(last)s."), params={"first": FIRST_DAY, "last": LAST_DAY}
            )
        return day


class YearForm(Form):
    year = forms.IntegerField(min_value=FIRST_YEAR, max_value=LAST_YEAR)


class NoticeForm(Form):
    text = forms.CharField(
        label=_("Text of the notice"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 14, "placeholder": "国务院办公厅关于2027年部分节假日安排的通知……"}),
    )
    file = forms.FileField(label=_("or a text file (.txt, UTF-8 or GBK)"), required=False)

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("file")
        if upload is not None:
            if upload.size > MAX_NOTICE_BYTES:
                raise forms.ValidationError(_("The file is too large for a notice."))
            raw = upload.read()
            for encoding in ("utf-8-sig", "gb18030"):
                try:
                    cleaned["text"] = raw.decode(encoding)
                    break
                except UnicodeDecodeError:
                    continue
            else:
                raise forms.ValidationError(_("The file is not readable text (UTF-8 or GBK)."))
        if not (cleaned.get("text") or "").strip():
            raise forms.ValidationError(_("Paste the text of the notice or choose a file."))
        return cleaned
