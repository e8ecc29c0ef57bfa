"""The attachment pages: the upload and the void posted from a Work Day's or a case's page, and the
download link. Same access helpers, services and file response as the API."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from attachments import selectors, services, targets
from attachments.forms import UploadForm, VoidForm
from attachments.inputs import AttachIn
from attachments.models import Attachment, Target
from attachments.responses import file_response
from lifecycle import TransitionError
from lifecycle.forms import apply_service_errors
from lifecycle.inputs import parse


def page_of(obj) -> str:
    """The page that shows a target's files."""
    kind = targets.kind_of(obj)
    if kind == Target.WORKDAY:
        return reverse("workdays:detail", args=[obj.pk]) + "#attachments"
    case_id = obj.pk if kind == Target.CASE else obj.case_id
    return reverse("cases:detail", args=[case_id]) + "#attachments"


def _target_fields(post) -> dict:
    """The target from the page's form: hidden fields, or one choice "kind:id" when the page offers
    several (a case, its replies, its 督办)."""
    if post.get("target_ref"):
        target, _sep, target_id = post["target_ref"].partition(":")
        return {"target": target, "target_id": target_id}
    return {"target": post.get("target", ""), "target_id": post.get("target_id", "")}


@login_required
@require_POST
def upload(request: HttpRequest) -> HttpResponse:
    """Attach a file; bad input shows the upload form again with the message on the field."""
    form = UploadForm(request.POST, request.FILES)
    obj, status = None, 400
    try:
        data = parse(AttachIn, _target_fields(request.POST))
        obj = targets.access_target(request.user, data.target, data.target_id)
        attachment = services.attachment_add(actor=request.user, target=obj, file=request.FILES.get("file"))
    except ValidationError as exc:
        apply_service_errors(form, exc)
    except TransitionError as exc:
        form.add_error(None, exc.message)
        status = 409
    else:
        messages.success(request, _("Attached: %(name)s") % {"name": attachment.name})
        return redirect(page_of(obj))
    context = {"form": form, "target": obj, "back": page_of(obj) if obj is not None else None}
    return render(request, "attachments/upload.html", context, status=status)


@login_required
@require_GET
def download(request: HttpRequest, attachment_id: int) -> HttpResponse:
    attachment = selectors.access_attachment_by_id(request.user, attachment_id)
    if not selectors.may_download(request.user, attachment):
        context = {"attachment": attachment, "back": page_of(attachment.target_object)}
        return render(request, "attachments/voided.html", context, status=410)
    return file_response(attachment)


@login_required
@require_POST
def void(request: HttpRequest, attachment_id: int) -> HttpResponse:
    attachment: Attachment = selectors.access_attachment_by_id(request.user, attachment_id)
    form, status = VoidForm(request.POST), 400
    try:
        services.attachment_void(attachment=attachment, actor=request.user, reason=request.POST.get("reason", ""))
    except ValidationError as exc:
        apply_service_errors(form, exc)
    except TransitionError as exc:
        form.add_error(None, exc.message)
        status = 409
    else:
        messages.success(request, _("The attachment was voided."))
        return redirect(page_of(attachment.target_object))
    context = {"form": form, "attachment": attachment, "back": page_of(attachment.target_object)}
    return render(request, "attachments/void.html", context, status=status)
