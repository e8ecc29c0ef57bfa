"""The person page (/persons/<id>/): a person's matters as the user may see them, marked (repeat
visits, group visits, identity mismatches), the logged full view of their ID number and phone, and
for the joint office the corrections and the list of logged full views."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from accounts.access import require_supervisor, sees_everything
from intake import corrections
from intake.forms import CorrectionForm
from intake.inputs import CorrectionIn
from intake.masking import mask_id_number, mask_phone
from intake.models import Person
from intake.personal_data import reveal_person_data
from intake.persons import (
    access_person_by_id,
    may_view_person_data,
    person_registrations,
    person_views,
    repeat_registration_ids,
)
from lifecycle.forms import apply_service_errors
from lifecycle.inputs import parse


def _render(request: HttpRequest, person: Person, *, revealed: bool = False, form=None, status: int = 200) -> HttpResponse:
    user = request.user
    registrations = list(person_registrations(user, person).prefetch_related("petitioners"))
    repeats = repeat_registration_ids(registrations)
    for r in registrations:
        r.repeat = r.pk in repeats
        r.mismatch = any(p.identity_mismatch and p.person_id == person.pk for p in r.petitioners.all())
    supervisor = sees_everything(user)
    return render(
        request,
        "intake/person_detail.html",
        {
            "person": person,
            "id_number": person.id_number if revealed else mask_id_number(person.id_number),
            "phone": person.phone if revealed else mask_phone(person.phone),
            "revealed": revealed,
            "may_reveal": not revealed and may_view_person_data(user, registrations),
            "registrations": registrations,
            "correction_form": (form or CorrectionForm(auto_id="correct_%s")) if supervisor else None,
            "views": list(person_views(person)) if supervisor else None,
        },
        status=status,
    )


@login_required
def person_detail(request: HttpRequest, person_id: int) -> HttpResponse:
    return _render(request, access_person_by_id(request.user, person_id))


@require_POST
@login_required
@never_cache
def person_personal_data(request: HttpRequest, person_id: int) -> HttpResponse:
    """The full ID number and phone on file, shown once on this response and logged."""
    person = access_person_by_id(request.user, person_id)
    if not may_view_person_data(request.user, list(person_registrations(request.user, person))):
        raise PermissionDenied
    reveal_person_data(person=person, actor=request.user)
    return _render(request, person, revealed=True)


@require_POST
@login_required
def person_correct(request: HttpRequest, person_id: int) -> HttpResponse:
    require_supervisor(request.user)
    person = access_person_by_id(request.user, person_id)
    form = CorrectionForm(request.POST, auto_id="correct_%s")
    if not form.is_valid():
        return _render(request, person, form=form, status=400)
    try:
        corrections.person_correct(person=person, actor=request.user, data=parse(CorrectionIn, form.cleaned_data))
    except ValidationError as exc:
        apply_service_errors(form, exc)
        return _render(request, person, form=form, status=400)
    messages.success(request, _("Corrected. The earlier value stays in the history."))
    return redirect("persons:detail", person.pk)
