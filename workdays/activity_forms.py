"""The forms of the day's section "what was done" (R13: visits, research, relief and its follow-up)
and of a screening item's progress, and what that section shows. Field names are the inputs'
(workdays/inputs.py); every rule is the service's (workdays/activities.py, workdays/services.py)."""

from __future__ import annotations

from django import forms
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lifecycle.forms import Form
from units.models import ListItem
from workcal import periods
from workdays.activities import SUBJECT_LISTS, allowed_dates
from workdays.inputs import ReliefIn, ResearchIn, VisitIn
from workdays.models import Activity, ScreeningItem, WorkDay

TEXTAREA = {"rows": 2}


def _date_field(label) -> forms.DateField:
    return forms.DateField(label=label, required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))


class ActivityForm(Form):
    """The fields every record has; the subject is a select of its reference list."""

    kind: str = ""
    subject = forms.CharField(required=False, widget=forms.Select)
    target = forms.CharField(max_length=200, required=False)
    people = forms.CharField(max_length=200, required=False)
    done_on = _date_field(_("Date"))
    found = forms.CharField(required=False, max_length=5000, widget=forms.Textarea(attrs=TEXTAREA))
    done = forms.CharField(required=False, max_length=5000, widget=forms.Textarea(attrs=TEXTAREA))
    labels: dict = {}

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("prefix", self.kind)
        super().__init__(*args, **kwargs)
        names = ListItem.objects.filter(kind=SUBJECT_LISTS[self.kind]).values_list("name", flat=True)
        self.fields["subject"].widget.choices = [("", "—")] + [(name, name) for name in names]
        for name, label in self.labels.items():
            self.fields[name].label = label


class VisitForm(ActivityForm):
    kind = Activity.Kind.VISIT
    input = VisitIn
    labels = {
        "subject": _("Visit form"),
        "target": _("Household or target visited"),
        "people": _("Who went"),
        "found": _("What was found"),
        "done": _("What was done"),
    }


class ResearchForm(ActivityForm):
    kind = Activity.Kind.RESEARCH
    input = ResearchIn
    labels = {
        "subject": _("Research topic"),
        "target": _("Place or body studied"),
        "people": _("Who took part"),
        "found": _("Findings"),
        "done": _("Suggestions and measures"),
    }


class ReliefForm(ActivityForm):
    kind = Activity.Kind.RELIEF
    input = ReliefIn
    labels = {
        "subject": _("Relief area"),
        "target": _("Who was helped"),
        "people": _("Who helped"),
        "found": _("Difficulty found"),
        "done": _("Action taken"),
    }
    follow_up_on = forms.DateField(
        label=_("Follow-up date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Required: the day the family or person is checked on again; the outcome is recorded then."),
    )


ACTIVITY_FORMS = {form.kind: form for form in (VisitForm, ResearchForm, ReliefForm)}


class ReliefOutcomeForm(Form):
    outcome = forms.CharField(
        label=_("Outcome of the follow-up"), required=False, max_length=5000, widget=forms.Textarea(attrs=TEXTAREA)
    )


class ScreeningUpdateForm(Form):
    outcome = forms.CharField(label=_("Outcome"), required=False, widget=forms.Select(choices=ScreeningItem.Outcome.choices))
    opinion = forms.CharField(
        label=_("Opinion and prepared explanation"), required=False, max_length=5000, widget=forms.Textarea(attrs=TEXTAREA)
    )


def screening_update_form(item: ScreeningItem, forms_given: dict) -> ScreeningUpdateForm:
    return forms_given.get(f"screening_{item.pk}") or ScreeningUpdateForm(
        prefix=f"screening-{item.pk}", initial={"outcome": item.outcome, "opinion": item.opinion}
    )


def activities_context(workday: WorkDay, forms_given: dict) -> dict:
    """The section "what was done" of the day's page: the records by kind, a form per kind (dates
    limited to the day's period), and a follow-up form beside each relief action."""
    period, start, end = allowed_dates(workday)
    today = timezone.localdate()
    records = list(workday.activities.all())
    groups = []
    for kind, form_class in ACTIVITY_FORMS.items():
        form = forms_given.get(f"activity_{kind}") or form_class()
        form.fields["done_on"].widget.attrs.update({"min": start.isoformat(), "max": end.isoformat()})
        rows = [
            {
                "record": r,
                "follow_up_due": kind == Activity.Kind.RELIEF and not r.outcome and r.follow_up_on <= today,
                "outcome_form": forms_given.get(f"relief_{r.pk}")
                or ReliefOutcomeForm(prefix=f"relief-{r.pk}", initial={"outcome": r.outcome}),
            }
            for r in records
            if r.kind == kind
        ]
        groups.append(
            {
                "kind": kind,
                "label": Activity.Kind(kind).label,
                "rows": rows,
                "form": form,
                "url": reverse("workdays:activity_add", args=[workday.pk, kind]),
            }
        )
    return {"activity_groups": groups, "activity_period": periods.label(period), "activity_dates": (start, end)}
