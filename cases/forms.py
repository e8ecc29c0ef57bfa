"""Forms of the ledger pages. They render the handling steps and parse what was posted into the
step's input (cases/inputs.py): numbers, known choices, yes/no. Every rule (which text is needed,
the lead cannot also assist, ...) is cases/handling.py's; `lifecycle.forms.apply_service_errors` puts its
field messages back on these forms."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from accounts.access import is_supervisor, visible_units
from cases.handling import ASSIGNABLE_KINDS
from cases.models import CaseStatus
from cases.selectors import CaseFilters
from lifecycle.forms import Form
from units.models import Category, Unit, UnitKind

YES, NO = "yes", "no"
MAX_INT = 2**63 - 1  # the database's largest integer: a bigger number is bad input, not a crash


def _yes_no(label, *, yes=None, no=None) -> forms.TypedChoiceField:
    """A yes/no radio pair cleaned to True/False, None when left open (the service says if needed)."""
    choices = [(YES, yes or _("Yes")), (NO, no or _("No"))]
    return forms.TypedChoiceField(
        label=label, choices=choices, coerce=lambda value: value == YES, empty_value=None, required=False,
        widget=forms.RadioSelect,
    )


def _text(label, *, rows: int = 3, help_text="") -> forms.CharField:
    """A text area; whether it may be empty is the service's to judge."""
    return forms.CharField(label=label, required=False, widget=forms.Textarea(attrs={"rows": rows}), help_text=help_text)


def grouped_units(units) -> list[tuple[str, list[tuple[int, str]]]]:
    """Units as select groups: streets, towns, departments."""
    groups: dict[str, list[tuple[int, str]]] = {}
    for unit in units:
        groups.setdefault(unit.kind, []).append((unit.pk, unit.name))
    labels = dict(UnitKind.choices)
    return [(labels[kind], groups[kind]) for kind in ASSIGNABLE_KINDS if kind in groups]


def assignable_units():
    return Unit.objects.filter(kind__in=ASSIGNABLE_KINDS).order_by("order", "id")


# --- The action forms: each carries the case version the user saw -----------------------------------


class VersionForm(Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=MAX_INT)


class AssignForm(VersionForm):
    """交办. Ids stay a list in the order sent, duplicates included, so the service can refuse a unit
    listed twice."""

    lead_unit_id = forms.TypedChoiceField(label=_("Lead unit"), coerce=int, empty_value=None, required=False)
    assisting_unit_ids = forms.TypedMultipleChoiceField(
        label=_("Assisting units"), coerce=int, required=False, widget=forms.CheckboxSelectMultiple
    )
    instructions = _text(_("Assignment instructions"), rows=3, help_text=_("What the joint office asks of the lead unit."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        groups = grouped_units(assignable_units())
        self.fields["lead_unit_id"].choices = [("", "—")] + groups
        self.fields["assisting_unit_ids"].choices = groups


class ReceiveForm(VersionForm):
    responsible_person = forms.CharField(
        label=_("Responsible person"),
        max_length=50,
        required=False,
        help_text=_("Leave empty to name yourself."),
    )


class ReturnForm(VersionForm):
    reason = _text(
        _("Reason for returning"),
        help_text=_("Why this case is not for your unit; the joint office re-assigns it."),
    )


class AssistOpinionForm(VersionForm):
    content = _text(
        _("Opinion"),
        rows=4,
        help_text=_("What your unit found or proposes, for the lead unit."),
    )


class FeedbackForm(VersionForm):
    content = _text(
        _("What the citizen was told"),
        rows=4,
        help_text=_("What the citizen was told about the referral, with explanation."),
    )


class ReplyForm(VersionForm):
    content = _text(_("Reply to the citizen"), rows=5)
    concluded = _yes_no(_("Is the matter resolved?"), yes=pgettext_lazy("reply", "Resolved"), no=_("Cannot be resolved for now"))
    feedback_to_center = _text(
        _("Written feedback to the complaint centre"),
        help_text=_("Required for an assigned case that cannot be resolved: how it was handled and explained to the citizen."),
    )

    def __init__(self, *args, assigned: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if not assigned:  # the written feedback to the complaint centre is for assigned cases (R9)
            del self.fields["feedback_to_center"]


class RateForm(VersionForm):
    acceptable = _yes_no(_("Quality of the reply"), yes=_("Acceptable"), no=_("Not acceptable"))
    reason = _text(_("Reason"), rows=2, help_text=_("Required when the reply is not acceptable."))


class RevisitForm(VersionForm):
    reached = _yes_no(_("Citizen reached"), yes=_("Reached"), no=_("Not reached"))
    satisfied = _yes_no(_("Is the citizen satisfied?"), yes=_("Satisfied"), no=_("Not satisfied"))
    confirms_reply = _yes_no(_("Does the citizen confirm what the unit reported?"), yes=_("Confirms"), no=_("Contradicts"))
    note = _text(_("Note"), rows=2)


class LinkForm(VersionForm):
    """重复访 / 并案: `repeat_of` offers the person's other cases (the joint office sees them all)."""

    repeat_of = forms.TypedChoiceField(label=_("Earlier case of the same person"), coerce=int, empty_value=None, required=False)
    merge = _yes_no(_("Merge into it?"), yes=_("Merge: close this case into the earlier one"), no=_("Only mark as a repeat visit"))
    reason = _text(_("Reason"), rows=2)

    def __init__(self, *args, cases=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["repeat_of"].choices = [("", "—")] + [
            (c.pk, f"#{c.pk} {c.workday.date:%Y-%m-%d} {c.category.name} · {c.get_status_display()}") for c in cases
        ]


class UnmergeForm(VersionForm):
    reason = _text(_("Reason for unmerging"), rows=2)


class RehandleForm(VersionForm):
    reason = _text(
        _("What must be done again"),
        rows=2,
        help_text=_("The lead unit handles the case again and replies within 7 working days from now."),
    )


class CloseForm(VersionForm):
    pass


class VoidForm(VersionForm):
    reason = _text(_("Reason for voiding"), rows=2)
    confirm = forms.BooleanField(
        label=_("This entry was made in error; void it. It stays visible to the joint office."),
        error_messages={"required": _("Tick the box to confirm voiding.")},
    )


# --- The ledger filters ------------------------------------------------------------------------------


class Scope:
    LEAD = "lead"
    ASSIST = "assist"


class CaseFilterForm(Form):
    """The ledger's GET filters. Choices depend on the user: the joint office filters by any unit,
    others by the units they may see."""

    scope = forms.ChoiceField(required=False, choices=[("", ""), (Scope.LEAD, Scope.LEAD), (Scope.ASSIST, Scope.ASSIST)])
    unit = forms.TypedChoiceField(label=_("Unit"), coerce=int, empty_value=None, required=False)
    status = forms.ChoiceField(label=_("Status"), required=False)
    category = forms.TypedChoiceField(label=_("Category"), coerce=int, empty_value=None, required=False)
    territory = forms.TypedChoiceField(label=_("Territory"), coerce=int, empty_value=None, required=False)
    workday = forms.IntegerField(required=False, min_value=1, max_value=MAX_INT, widget=forms.HiddenInput)
    due_soon = forms.BooleanField(label=_("Due within 2 working days"), required=False)
    overdue = forms.BooleanField(label=_("Overdue"), required=False)

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        everything = [("", _("All"))]
        self.fields["unit"].choices = everything + grouped_units(units)
        self.fields["status"].choices = everything + list(CaseStatus.choices)
        self.fields["territory"].choices = everything + [
            (u.pk, u.name) for u in Unit.objects.filter(kind__in=(UnitKind.STREET, UnitKind.TOWN)).order_by("order", "id")
        ]
        self.fields["category"].choices = everything + _category_choices()


def ledger_filters(params, user) -> tuple[CaseFilterForm, CaseFilters]:
    """The ledger page's filters from its query string (the page and its Excel export): a value that
    does not fit is ignored, the rest still filters."""
    units = assignable_units() if is_supervisor(user) else visible_units(user).filter(kind__in=ASSIGNABLE_KINDS)
    form = CaseFilterForm(params, units=list(units))
    form.is_valid()
    data = form.cleaned_data
    scope = data.get("scope") if user.unit_id is not None else None
    filters = CaseFilters(
        unit_id=data.get("unit"),
        status=data.get("status") or None,
        overdue=bool(data.get("overdue")),
        due_soon=bool(data.get("due_soon")),
        category_id=data.get("category"),
        territory_unit_id=data.get("territory"),
        workday_id=data.get("workday"),
        lead_unit_id=user.unit_id if scope == Scope.LEAD else None,
        assisting_unit_id=user.unit_id if scope == Scope.ASSIST else None,
    )
    return form, filters


def _category_choices() -> list[tuple[int, str]]:
    """Top-level categories (which include their children when filtered) with their children indented."""
    children: dict[int, list[Category]] = {}
    tops = []
    for category in Category.objects.order_by("order", "id"):
        if category.parent_id is None:
            tops.append(category)
        else:
            children.setdefault(category.parent_id, []).append(category)
    choices = []
    for top in tops:
        choices.append((top.pk, top.name))
        choices += [(child.pk, f"\u3000{child.name}") for child in children.get(top.pk, [])]
    return choices
