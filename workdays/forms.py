"""The forms of the Work Day pages. They render the fields and parse what was posted into the
write's input (workdays/inputs.py, intake/inputs.py): field names are the input's, so a service's
message, keyed by the input's field name, lands beside its field (`lifecycle.forms.apply_service_errors`).
Whether a text may be empty, and every other rule, is the service's to decide.
"""

from __future__ import annotations

import uuid

from django import forms
from django.forms import formset_factory
from django.utils.functional import lazy
from django.utils.translation import gettext, ngettext_lazy, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from intake.models import GROUP_VISIT_SIZE, MAX_PETITIONERS, Disposition, Kind
from lifecycle.forms import FORMSET_ERROR_MESSAGES, Form
from units.models import TERRITORY_KINDS, Category, DistrictLeader, ListItem, ListKind, Unit, UnitKind
from workdays.models import Invitation, ScreeningItem

HOST_KINDS = (UnitKind.JOINT_OFFICE, UnitKind.TOWN, UnitKind.STREET, UnitKind.DEPARTMENT)


def lines(value: str) -> list[str]:
    """One entry per line; blank lines dropped."""
    return [line.strip() for line in (value or "").splitlines() if line.strip()]


class LinesField(forms.CharField):
    """A textarea of one entry per line, cleaned to a list."""

    widget = forms.Textarea(attrs={"rows": 3})

    def to_python(self, value):
        return lines(super().to_python(value))


def _list_choices(kind: str) -> list[tuple[str, str]]:
    return [(name, name) for name in ListItem.objects.filter(kind=kind).values_list("name", flat=True)]


class WorkDayPlanForm(Form):
    host_unit_id = forms.TypedChoiceField(label=_("Host unit"), coerce=int, empty_value=None, required=False)
    date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    start_time = forms.TimeField(label=_("Start time"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"))
    end_time = forms.TimeField(label=_("End time"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"))
    place = forms.CharField(
        label=_("Main place"), max_length=200, required=False, help_text=_("A main street or square with high foot traffic.")
    )
    extension_sites = LinesField(
        label=_("Extension sites"),
        required=False,
        help_text=_("Villages and communities with many disputes, one per line."),
    )
    leader = forms.CharField(label=_("Leader in charge"), max_length=100, required=False)
    participants = LinesField(
        label=_("Participants"),
        required=False,
        help_text=_(
            "One per line, a person written name（post）, e.g. 李明（党工委书记）: the unit's leadership entered by "
            "the administrator is proposed. The sign-in book is compared with this list by name."
        ),
    )
    invited_leader_ids = forms.TypedMultipleChoiceField(
        label=_("Invited district leaders"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The leaders who liaise with or oversee the host unit are proposed."),
    )
    liaison_department_ids = forms.TypedMultipleChoiceField(
        label=_("Invited liaison departments"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    leading_district_leader_id = forms.TypedChoiceField(
        label=_("Leading district leader"),
        coerce=int,
        empty_value=None,
        required=False,
        help_text=_("Required for the joint office's own Work Days."),
    )
    contact_person = forms.CharField(
        label=_("Contact person"), max_length=50, required=False, help_text=_("Printed on the public notice when given.")
    )
    contact_phone = forms.CharField(
        label=_("Contact phone"),
        max_length=30,
        required=False,
        widget=forms.TextInput(attrs={"type": "tel", "inputmode": "tel"}),
        help_text=_("A landline such as 023-45642812, or a mobile number."),
    )
    agenda = forms.CharField(label=_("Agenda"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    procedure = forms.CharField(label=_("Procedure"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    activity_forms = forms.MultipleChoiceField(
        label=_("Activity forms"), required=False, widget=forms.CheckboxSelectMultiple
    )
    visit_targets = forms.MultipleChoiceField(
        label=_("Visit targets"), required=False, widget=forms.CheckboxSelectMultiple
    )
    research_topics = forms.MultipleChoiceField(
        label=_("Research topics"), required=False, widget=forms.CheckboxSelectMultiple
    )
    relief_areas = forms.MultipleChoiceField(
        label=_("Relief areas"), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, choose_host: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if choose_host:
            self.fields["host_unit_id"].choices = [("", "—")] + [
                (u.pk, u.name) for u in Unit.objects.filter(kind__in=HOST_KINDS).order_by("order", "id")
            ]
        else:
            del self.fields["host_unit_id"]
        leaders = [(leader.pk, str(leader)) for leader in DistrictLeader.objects.all()]
        self.fields["invited_leader_ids"].choices = leaders
        self.fields["leading_district_leader_id"].choices = [("", "—")] + leaders
        self.fields["liaison_department_ids"].choices = [
            (u.pk, u.name) for u in Unit.objects.filter(kind=UnitKind.DEPARTMENT).order_by("order", "id")
        ]
        for field, kind in (
            ("activity_forms", ListKind.ACTIVITY_FORM),
            ("visit_targets", ListKind.VISIT_TARGET),
            ("research_topics", ListKind.RESEARCH_TOPIC),
            ("relief_areas", ListKind.RELIEF_AREA),
        ):
            self.fields[field].choices = _list_choices(kind)


class InvitationForm(Form):
    # A text: which answers exist is the service's rule (its message shows on the field).
    answer = forms.CharField(label=_("Answer"), required=False, widget=forms.Select(choices=Invitation.Answer.choices))

    def __init__(self, *args, leader_id: int, **kwargs):
        # One form per invited leader on the day's page: their ids kept apart.
        super().__init__(*args, auto_id=f"id_leader{leader_id}_%s", **kwargs)
        self.leader_id = leader_id


class ScreeningForm(Form):
    description = forms.CharField(label=_("Dispute or hidden risk"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    outcome = forms.ChoiceField(
        label=_("Outcome"), choices=ScreeningItem.Outcome.choices, required=False, widget=forms.RadioSelect
    )
    opinion = forms.CharField(
        label=_("Opinion and prepared explanation"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required when the item is unresolved: a clear opinion and the prepared policy explanation."),
    )


class InformLeaderForm(Form):
    note = forms.CharField(
        label=_("How the leader was informed"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("For example: reported to the liaison district leader by phone; invitations sent."),
    )


class SignInForm(Form):
    name = forms.CharField(label=_("Name"), max_length=50, required=False)
    title = forms.CharField(label=pgettext_lazy("post", "Title"), max_length=100, required=False)
    unit_name = forms.CharField(
        label=_("Unit"), max_length=100, required=False, help_text=_("Leave empty for the host unit.")
    )


class BriefingForm(Form):
    briefing = forms.CharField(
        label=_("Host head's briefing"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Goals, approach, measures and results, in short."),
    )
    materials_count = forms.IntegerField(label=_("Publicity materials handed out"), required=False, initial=0)


class EditPlanForm(WorkDayPlanForm):
    """The plan form of an existing day, with the version it was read at (the host unit is fixed)."""

    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, choose_host=False, **kwargs)

    @classmethod
    def initial_for(cls, workday) -> dict:
        return {
            "version": workday.version,
            "date": workday.date,
            "start_time": workday.start_time,
            "end_time": workday.end_time,
            "place": workday.place,
            "extension_sites": "\n".join(workday.extension_sites),
            "leader": workday.leader,
            "participants": "\n".join(workday.participants),
            "invited_leader_ids": [i.leader_id for i in workday.invitations.all()],
            "liaison_department_ids": [u.pk for u in workday.liaison_departments.all()],
            "leading_district_leader_id": workday.leading_district_leader_id,
            "contact_person": workday.contact_person,
            "contact_phone": workday.contact_phone,
            "agenda": workday.agenda,
            "procedure": workday.procedure,
            "activity_forms": workday.activity_forms,
            "visit_targets": workday.visit_targets,
            "research_topics": workday.research_topics,
            "relief_areas": workday.relief_areas,
        }


class PostponeForm(Form):
    new_date = forms.DateField(label=_("New date"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    reason = forms.CharField(
        label=_("Reason for postponing"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Published with the postponement notice: no names, phone or ID numbers of citizens."),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("new_date") is None and "new_date" not in self.errors:
            cleaned.pop("new_date", None)  # the input says it is required
        return cleaned


class CancelForm(Form):
    reason = forms.CharField(
        label=_("Reason for cancelling"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Published with the cancellation notice: no names, phone or ID numbers of citizens."),
    )


class VoidForm(Form):
    reason = forms.CharField(label=_("Reason for voiding"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class AnalysisForm(Form):
    judgement = forms.CharField(
        label=_("Judgement"), required=False, widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What the figures show: the main problems, their causes and the risks."),
    )
    measures = forms.CharField(
        label=_("Proposed measures"), required=False, widget=forms.Textarea(attrs={"rows": 4}),
    )


class ArchiveForm(Form):
    reason = forms.CharField(
        label=_("Reason for archiving with open cases"), required=False, widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("The open cases stay open in the ledger and are handled to the end."),
    )


class ReportForm(Form):
    summary = forms.CharField(label=_("Report summary"), required=False, widget=forms.Textarea(attrs={"rows": 3}))


class PublishForm(Form):
    """The preview's public summaries, one pair of fields per row, named like the input's list
    (`items.0.case_id`, `items.0.public_summary`) so the service's message lands beside its row."""

    MAX_ITEMS = 500

    def __init__(self, data=None, *, rows=(), **kwargs):
        super().__init__(data, **kwargs)
        if data is not None:
            count = 0
            while count < self.MAX_ITEMS and f"items.{count}.case_id" in data:
                count += 1
            indices = range(count)
        else:
            indices = range(len(rows))
            self.initial = {
                **{f"items.{n}.case_id": row.case_id for n, row in enumerate(rows)},
                **{f"items.{n}.public_summary": row.public_summary for n, row in enumerate(rows)},
            }
        for n in indices:
            self.fields[f"items.{n}.case_id"] = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
            self.fields[f"items.{n}.public_summary"] = forms.CharField(
                label=_("Public summary"), required=False, max_length=1000, widget=forms.Textarea(attrs={"rows": 2})
            )
        self.count = len(indices)

    def clean(self):
        cleaned = super().clean()
        cleaned["items"] = [
            {"case_id": cleaned.get(f"items.{n}.case_id"), "public_summary": cleaned.get(f"items.{n}.public_summary", "")}
            for n in range(self.count)
        ]
        return {"items": cleaned["items"]}

    def rows(self, rows) -> list[tuple]:
        """Each public row with its summary field (bound by the case id posted for it, if any)."""
        index = {}
        for n in range(self.count):
            value = self[f"items.{n}.case_id"].value()
            index[str(value)] = n
        paired = []
        for row in rows:
            n = index.get(str(row.case_id))
            paired.append((row, self[f"items.{n}.case_id"] if n is not None else None, self[f"items.{n}.public_summary"] if n is not None else None))
        return paired


# --- Registration (R5) ---------------------------------------------------------------------------


class PetitionerForm(Form):
    name = forms.CharField(label=_("Petitioner's name"), max_length=50, required=False)
    id_number = forms.CharField(
        label=_("ID number"),
        max_length=18,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "text", "class": "id-number"}),
    )
    phone = forms.CharField(
        label=_("Phone"),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"type": "tel", "inputmode": "tel"}),
    )
    address = forms.CharField(label=_("Village / community"), max_length=200, required=False)


class BasePetitionerFormSet(forms.BaseFormSet):
    default_error_messages = {
        **FORMSET_ERROR_MESSAGES,
        "too_many_forms": ngettext_lazy(
            "At most %(num)d petitioner can be entered on one registration.",
            "At most %(num)d petitioners can be entered on one registration.",
            "num",
        ),
    }

    def petitioners(self) -> list[tuple[int, dict]]:
        """(row index, data) of the first row and every other filled row, in order."""
        return [(i, f.cleaned_data) for i, f in enumerate(self.forms) if i == 0 or f.has_changed()]


PetitionerFormSet = formset_factory(
    PetitionerForm,
    formset=BasePetitionerFormSet,
    extra=MAX_PETITIONERS - 1,
    min_num=1,
    max_num=MAX_PETITIONERS,
    validate_max=True,
)


class CategoryChoiceField(forms.TypedChoiceField):
    """The category tree as option groups: each first-level category with the nodes below it."""

    def __init__(self, **kwargs):
        super().__init__(coerce=int, **kwargs)

    def load(self) -> None:
        nodes = list(Category.objects.order_by("order", "id"))
        children: dict[int | None, list[Category]] = {}
        for node in nodes:
            children.setdefault(node.parent_id, []).append(node)

        def walk(node: Category, depth: int) -> list[tuple[int, str]]:
            options = [(node.pk, "\u3000" * depth + node.name)]
            for child in children.get(node.pk, []):
                options += walk(child, depth + 1)
            return options

        self.choices = [("", "——")] + [(root.name, walk(root, 0)) for root in children.get(None, [])]


class RegistrationForm(Form):
    client_ref = forms.UUIDField(widget=forms.HiddenInput)
    # Shown when the day has extension sites (R2); the service judges the name posted.
    site = forms.CharField(
        label=_("Site"), required=False, widget=forms.Select,
        help_text=_("The site where you receive the citizen; kept for your next entries."),
    )
    people_count = forms.IntegerField(
        label=_("Number of people"),
        required=False,
        initial=1,
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "min": 1}),
        help_text=lazy(lambda: gettext("%(n)s or more people is a group visit.") % {"n": GROUP_VISIT_SIZE}, str)(),
    )
    kind = forms.ChoiceField(
        label=_("Kind"), choices=Kind.choices, initial=Kind.REQUEST, required=False, widget=forms.RadioSelect
    )
    category_id = CategoryChoiceField(label=_("Category"), empty_value=None, required=False)
    territory_unit_id = forms.TypedChoiceField(
        label=_("Territory (town or street)"), coerce=int, empty_value=None, required=False
    )
    content = forms.CharField(label=_("Content"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    disposition = forms.ChoiceField(
        label=_("Disposition"), choices=Disposition.choices, required=False, widget=forms.RadioSelect
    )
    answer = forms.CharField(
        label=_("Answer given on the spot"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    channel = forms.CharField(
        label=_("Channel the citizen was told"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    promised_days = forms.IntegerField(
        label=_("Promised resolution period (working days)"),
        required=False,
        help_text=_(
            "Counted in working days from today. A promise beyond 7 working days is allowed, but the citizen "
            "still gets a reply within 7 working days."
        ),
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "min": 1, "max": 365}),
    )
    responsible_person = forms.CharField(label=_("Responsible person"), max_length=50, required=False)
    identity_confirmed = forms.BooleanField(
        label=_("I checked the ID card: it is the same person, the name on file differs."), required=False
    )
    duplicate_confirmed = forms.BooleanField(
        label=_("This is another matter of the same person, not the same entry twice."), required=False
    )

    def __init__(self, *args, sites: list[str] = (), **kwargs):
        super().__init__(*args, **kwargs)
        if len(sites) > 1:
            self.fields["site"].widget.choices = [(name, name) for name in sites]
        else:
            del self.fields["site"]
        self.fields["category_id"].load()
        self.fields["territory_unit_id"].choices = [("", "——")] + [
            (u.pk, u.name) for u in Unit.objects.filter(kind__in=TERRITORY_KINDS).order_by("order", "id")
        ]
        self.fields["disposition"].choices = [
            (Disposition.ON_THE_SPOT, _("Answered on the spot")),
            (Disposition.TIME_LIMIT, _("Committed time limit")),
            (Disposition.REFER, _("Beyond authority: channel told")),
        ]
        if not self.is_bound and "client_ref" not in self.initial:
            self.initial["client_ref"] = uuid.uuid4()
