"""The registration pages of a Work Day (R5): the phone form, the returning-petitioner lookup and one
registration's page. Split from views.py; same rules: the access helper first, services for writes."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from accounts.access import is_supervisor, require_supervisor
from cases.selectors import openable_case_ids, visible_cases
from intake import corrections
from intake import services as intake_services
from intake.forms import PetitionerCorrectionForm
from intake.inputs import CorrectionIn, RegistrationIn
from intake.models import GROUP_VISIT_SIZE, Registration
from intake.services import IDENTITY_MISMATCH
from intake.transitions import TABLE as registration_steps
from intake.validators import normalise_id_number, validate_id_number
from lifecycle import TransitionError
from lifecycle.forms import apply_service_errors
from lifecycle.inputs import parse
from units.models import UnitKind
from workdays.forms import PetitionerFormSet, RegistrationForm
from workdays.selectors import access_workday_by_id, visible_workdays
from workdays.sites import sites_of
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


def _pending_ref(request: HttpRequest, workday, renew: bool = False) -> uuid.UUID:
    """The `client_ref` of the form this clerk is filling in for this day: the same across Back and
    reload until a submission succeeds, so a resubmitted form returns the registration it made."""
    key = f"register-ref-{workday.pk}"
    if renew or key not in request.session:
        request.session[key] = str(uuid.uuid4())
    return uuid.UUID(request.session[key])


def _site_key(workday) -> str:
    """Where the session keeps the site this clerk last registered at for this day: a clerk at an
    extension site registers many citizens in a row."""
    return f"register-site-{workday.pk}"


@login_required
def register(request: HttpRequest, workday_id: int) -> HttpResponse:
    workday = writable_workday(request, workday_id)
    user = request.user
    duplicate_of, ask_identity = None, False
    if request.method == "POST":
        status = 400
        form = RegistrationForm(request.POST, sites=sites_of(workday))
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
                ask_identity = any(
                    e.code == IDENTITY_MISMATCH for errors in getattr(exc, "error_dict", {}).values() for e in errors
                )
                if "client_ref" in exc.message_dict:  # a form used twice: a new reference, what was typed kept
                    form.data = form.data.copy()
                    form.data["client_ref"] = str(_pending_ref(request, workday, renew=True))
            except TransitionError as exc:
                # A suspected duplicate, or the day does not take entries: what was typed stays. The
                # day's refusal is stated beside the button already; say it once.
                if exc.message != allowed_steps(workday, user)["register"].reason:
                    form.add_error(None, exc.message)
                duplicate_of = Registration.objects.filter(pk=exc.extra.get("duplicate_of")).first()
                status = 409
            else:
                _pending_ref(request, workday, renew=True)
                request.session[_site_key(workday)] = data.get("site", "")
                number = _entry_number(registration)
                if created:
                    messages.success(request, _("Registered entry no. %(n)s.") % {"n": number})
                else:
                    messages.info(
                        request, _("Entry no. %(n)s was already saved; nothing was registered twice.") % {"n": number}
                    )
                return redirect("workdays:register", workday.pk)
    else:
        status = 200
        sites = sites_of(workday)
        initial = {"responsible_person": user.display_name, "client_ref": _pending_ref(request, workday)}
        initial["site"] = request.session.get(_site_key(workday)) if request.session.get(_site_key(workday)) in sites else sites[0]
        if workday.host_unit.is_territory:
            initial["territory_unit_id"] = workday.host_unit_id
        form = RegistrationForm(initial=initial, sites=sites)
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
        status=status,
        context={
            "workday": workday,
            "form": form,
            "formset": formset,
            "phase": "before" if today < workday.date else ("on" if today == workday.date else "after"),
            "allowed": allowed_steps(workday, user)["register"],
            "count": Registration.counted.filter(workday=workday).count(),
            "ask_identity": ask_identity or form["identity_confirmed"].value(),
            "duplicate_of": duplicate_of,
            "duplicate_number": _entry_number(duplicate_of) if duplicate_of else None,
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


def _registration(request: HttpRequest, workday_id: int, registration_id: int) -> tuple:
    workday = access_workday_by_id(request.user, workday_id)
    try:
        registration = (
            workday.registrations.select_related("category", "territory", "case", "registered_by", "workday__host_unit")
            .prefetch_related("petitioners")
            .get(pk=registration_id)
        )
    except Registration.DoesNotExist:
        raise Http404 from None
    return workday, registration


def _render_registration(
    request, workday, registration, *, error: str = "", correction_form=None, status: int = 200
) -> HttpResponse:
    if correction_form is None and is_supervisor(request.user):
        correction_form = PetitionerCorrectionForm(petitioners=registration.petitioners.all(), auto_id="correct_%s")
    context = {
        "workday": workday,
        "registration": registration,
        "number": _entry_number(registration),
        "may_withdraw": bool(registration_steps.available(registration, request.user)),
        "withdraw_error": error,
        "correction_form": correction_form,
        "case_openable": bool(openable_case_ids(request.user, [case.pk] if (case := getattr(registration, "case", None)) else [])),
    }
    return render(request, "workdays/registration_detail.html", context, status=status)


@login_required
@require_GET
def registration_detail(request: HttpRequest, workday_id: int, registration_id: int) -> HttpResponse:
    return _render_registration(request, *_registration(request, workday_id, registration_id))


@login_required
@require_POST
def registration_withdraw(request: HttpRequest, workday_id: int, registration_id: int) -> HttpResponse:
    """撤回 from the entry's page: 403 or 409 with the reason when the table refuses it; an empty
    reason is shown beside the field."""
    workday, registration = _registration(request, workday_id, registration_id)
    try:
        intake_services.registration_withdraw(registration=registration, actor=request.user, reason=request.POST.get("reason", ""))
    except ValidationError as exc:
        return _render_registration(request, workday, registration, error=" ".join(exc.messages), status=400)
    except TransitionError as exc:
        return _render_registration(request, workday, registration, error=exc.message, status=409)
    messages.success(request, _("The entry was withdrawn and its case voided. No total counts it."))
    return redirect("workdays:registration_detail", workday.pk, registration.pk)


@login_required
@require_POST
def petitioner_correct(request: HttpRequest, workday_id: int, registration_id: int) -> HttpResponse:
    """更正 of a petitioner as given on this registration (joint office), with the reason."""
    require_supervisor(request.user)
    workday, registration = _registration(request, workday_id, registration_id)
    form = PetitionerCorrectionForm(request.POST, petitioners=registration.petitioners.all(), auto_id="correct_%s")
    if not form.is_valid():
        return _render_registration(request, workday, registration, correction_form=form, status=400)
    petitioner = registration.petitioners.get(pk=form.cleaned_data["petitioner"])
    data = {k: v for k, v in form.cleaned_data.items() if k != "petitioner"}
    try:
        corrections.petitioner_correct(petitioner=petitioner, actor=request.user, data=parse(CorrectionIn, data))
    except ValidationError as exc:
        apply_service_errors(form, exc)
        return _render_registration(request, workday, registration, correction_form=form, status=400)
    messages.success(request, _("Corrected. The earlier value stays in the history."))
    return redirect("workdays:registration_detail", workday.pk, registration.pk)
