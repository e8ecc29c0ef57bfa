"""The registration pages of a Work Day (R5): the phone form, the returning-petitioner lookup and one
registration's page. Split from views.py; same rules: the access helper first, services for writes."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from cases.selectors import visible_cases
from intake import services as intake_services
from intake.inputs import RegistrationIn
from intake.models import GROUP_VISIT_SIZE, Registration
from intake.validators import normalise_id_number, validate_id_number
from lifecycle import TransitionError
from lifecycle.forms import apply_service_errors
from lifecycle.inputs import parse
from units.models import UnitKind
from workdays.forms import PetitionerFormSet, RegistrationForm
from workdays.selectors import access_workday_by_id, visible_workdays
from workdays.views import allowed_steps, writable_workday

# --- Registration (R5) ---------------------------------------------------------------------------


def _entry_number(registration: Registration) -> int:
    return Registration.objects.filter(workday_id=registration.workday_id, pk__lte=registration.pk).count()


def _apply_registration_errors(form, formset, rows: list[tuple[int, dict]], exc: ValidationError) -> None:
    """`petitioners.<k>.<field>` refers to the k-th filled row; everything else to the main form."""
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc.messages)
        return
    rest: dict[str, list[str]] = {}
    for key, errors in exc.message_dict.items():
        parts = key.split(".")
        if len(parts) == 3 and parts[0] == "petitioners" and parts[1].isdigit() and int(parts[1]) < len(rows):
            row = formset.forms[rows[int(parts[1])][0]]
            row.add_error(parts[2] if parts[2] in row.fields else None, errors)
        else:
            rest[key] = errors
    if rest:
        apply_service_errors(form, ValidationError(rest))


@login_required
def register(request: HttpRequest, workday_id: int) -> HttpResponse:
    workday = writable_workday(request, workday_id)
    user = request.user
    if request.method == "POST":
        form = RegistrationForm(request.POST)
        formset = PetitionerFormSet(request.POST, prefix="p")
        valid = form.is_valid()
        valid = formset.is_valid() and valid
        if valid:
            data = dict(form.cleaned_data)
            rows = formset.petitioners()
            try:
                registration, created = intake_services.registration_create(
                    workday=workday,
                    actor=user,
                    data=parse(RegistrationIn, {**data, "petitioners": [row for _i, row in rows]}),
                )
            except ValidationError as exc:
                _apply_registration_errors(form, formset, rows, exc)
            except TransitionError as exc:
                messages.error(request, exc.message)
                return redirect("workdays:register", workday.pk)
            else:
                number = _entry_number(registration)
                if created:
                    messages.success(request, _("Registered entry no. %(n)s.") % {"n": number})
                else:
                    messages.info(
                        request, _("Entry no. %(n)s was already saved; nothing was registered twice.") % {"n": number}
                    )
                return redirect("workdays:register", workday.pk)
    else:
        initial = {"responsible_person": user.display_name}
        if workday.host_unit.is_territory:
            initial["territory_unit_id"] = workday.host_unit_id
        form = RegistrationForm(initial=initial)
        formset = PetitionerFormSet(prefix="p")
    today = timezone.localdate()
    try:
        people = int(form["people_count"].value() or 0)
    except (TypeError, ValueError):
        people = 0
    mine = (
        workday.registrations.filter(registered_by=user)
        .select_related("category")
        .prefetch_related("petitioners")
        .order_by("-registered_at", "-id")[:3]
    )
    return render(
        request,
        "workdays/register.html",
        {
            "workday": workday,
            "form": form,
            "formset": formset,
            "phase": "before" if today < workday.date else ("on" if today == workday.date else "after"),
            "allowed": allowed_steps(workday, user)["register"],
            "count": workday.registrations.count(),
            "group_size": GROUP_VISIT_SIZE,
            "is_group": people >= GROUP_VISIT_SIZE,
            "mine": mine,
            "villages": workday.host_unit.children.filter(kind__in=(UnitKind.VILLAGE, UnitKind.COMMUNITY)),
        },
    )


@login_required
@require_GET
def petitioner_lookup(request: HttpRequest) -> HttpResponse:
    """A fragment for the registration form: the earlier matters of the person with this ID number
    that the user may see. Matters at other units are not even counted: typing an ID number must not
    tell a clerk whether someone petitioned elsewhere."""
    id_number = normalise_id_number(request.GET.get("id_number", ""))
    try:
        validate_id_number(id_number)
    except ValidationError:
        return render(request, "workdays/_petitioner_lookup.html", {"checked": False})
    user = request.user
    matching = Registration.objects.filter(petitioners__id_number=id_number)
    visible = matching.filter(Q(workday__in=visible_workdays(user)) | Q(case__in=visible_cases(user)))
    visible_ids = set(visible.values_list("pk", flat=True))
    earlier = (
        Registration.objects.filter(pk__in=visible_ids)
        .select_related("workday__host_unit", "case")
        .order_by("-registered_at", "-id")
    )
    return render(
        request,
        "workdays/_petitioner_lookup.html",
        {"checked": True, "earlier": earlier[:20], "visible_count": len(visible_ids)},
    )


@login_required
@require_GET
def registration_detail(request: HttpRequest, workday_id: int, registration_id: int) -> HttpResponse:
    workday = access_workday_by_id(request.user, workday_id)
    try:
        registration = (
            workday.registrations.select_related("category", "territory", "case", "registered_by")
            .prefetch_related("petitioners")
            .get(pk=registration_id)
        )
    except Registration.DoesNotExist:
        raise Http404 from None
    return render(
        request,
        "workdays/registration_detail.html",
        {"workday": workday, "registration": registration, "number": _entry_number(registration)},
    )
