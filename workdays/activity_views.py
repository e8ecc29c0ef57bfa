"""The day's page posts of what was done (R13) and of a screening item's progress. Like every step of
the page (workdays/views.py `step`): the access helper first (404), the transition table before the
form is read (403, 409 with the day's page and the reason), bad input shows the page again with the
message beside the field (400), success goes back to the section."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lifecycle import TransitionError
from lifecycle.forms import apply_service_errors
from lifecycle.inputs import parse
from workdays import activities, services
from workdays.activity_forms import ACTIVITY_FORMS, ReliefOutcomeForm, ScreeningUpdateForm
from workdays.inputs import ReliefOutcomeIn, ScreeningUpdateIn
from workdays.models import Activity, WorkDay
from workdays.selectors import access_workday_by_id, activity_of_workday
from workdays.transitions import TABLE
from workdays.views import _detail_url, _render_detail


def _post(request: HttpRequest, workday: WorkDay, step: str, form: Form, form_key: str, save: Callable, success: str, anchor: str) -> HttpResponse:
    try:
        TABLE.check(workday, request.user, step)
        if form.is_valid():
            save(form.cleaned_data)
            messages.success(request, success)
            return redirect(_detail_url(workday, anchor))
    except ValidationError as exc:
        apply_service_errors(form, exc)
    except TransitionError as exc:
        messages.error(request, exc.message)
        return _render_detail(request, workday, status=409)
    return _render_detail(request, workday, {form_key: form}, status=400)


@login_required
@require_POST
def activity_add(request: HttpRequest, workday_id: int, kind: str) -> HttpResponse:
    """A visit, research finding or relief action, from its form in the section "what was done"."""
    workday = access_workday_by_id(request.user, workday_id)
    form_class = ACTIVITY_FORMS.get(kind)
    if form_class is None:
        raise Http404
    form = form_class(request.POST)

    def save(data: dict) -> None:
        given = parse(form_class.input, data).arguments()
        activities.activity_add(workday=workday, actor=request.user, kind=kind, **given)

    return _post(request, workday, "activity", form, f"activity_{kind}", save, _("The record is saved."), "activities")


@login_required
@require_POST
def relief_follow_up(request: HttpRequest, workday_id: int, activity_id: int) -> HttpResponse:
    """The outcome of a relief action's follow-up."""
    workday = access_workday_by_id(request.user, workday_id)
    activity = activity_of_workday(workday, activity_id, Activity.Kind.RELIEF)
    form = ReliefOutcomeForm(request.POST, prefix=f"relief-{activity.pk}")

    def save(data: dict) -> None:
        given = parse(ReliefOutcomeIn, data).arguments()
        activities.activity_update_outcome(activity=activity, actor=request.user, **given)

    return _post(
        request, workday, "relief_follow_up", form, f"relief_{activity.pk}", save,
        _("The outcome of the follow-up is saved."), "activities",
    )


@login_required
@require_POST
def screening_update(request: HttpRequest, workday_id: int, item_id: int) -> HttpResponse:
    """A screening item's progress: its outcome now and the opinion given."""
    workday = access_workday_by_id(request.user, workday_id)
    item = workday.screening_items.filter(pk=item_id).first()
    if item is None:
        raise Http404
    form = ScreeningUpdateForm(request.POST, prefix=f"screening-{item.pk}")

    def save(data: dict) -> None:
        services.screening_update(item=item, actor=request.user, **parse(ScreeningUpdateIn, data).arguments())

    return _post(
        request, workday, "screening_update", form, f"screening_{item.pk}", save,
        _("The screening item is updated."), "screening",
    )
