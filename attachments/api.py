"""The attachments API (docs/api.md "Attachments"): the same access helpers, services and file
response as the pages."""

from __future__ import annotations

import datetime

from django.utils.translation import gettext as _
from ninja import File, Form, Router, Schema
from ninja.files import UploadedFile

from attachments import content, selectors, services, targets
from attachments.inputs import AttachIn, VoidIn
from attachments.models import Attachment
from attachments.responses import file_response
from lifecycle.inputs import parse
from xinfang.api_errors import error_answer
from xinfang.api_types import ApiError, Id, file_answer

router = Router(tags=["attachments"])

# The stored file in its own type (one of the allowed kinds); a voided file is gone (410).
_DOWNLOAD = file_answer(*dict.fromkeys(k.content_type for k in content.KINDS))
_DOWNLOAD["responses"][410] = error_answer("The attachment was voided.")


class AttachmentCreated(Schema):
    id: int
    sha256: str
    size: int
    name: str


class AttachmentOut(AttachmentCreated):
    content_type: str
    target: str
    target_id: int
    uploaded_at: datetime.datetime
    uploaded_by: str
    unit_name: str | None
    voided_at: datetime.datetime | None
    voided_by: str | None
    void_reason: str
    download_url: str | None


def _out(attachment: Attachment, user) -> dict:
    return {
        "id": attachment.pk, "sha256": attachment.sha256, "size": attachment.size, "name": attachment.name,
        "content_type": attachment.content_type, "target": attachment.target, "target_id": attachment.target_id,
        "uploaded_at": attachment.uploaded_at, "uploaded_by": attachment.uploaded_by.display_name,
        "unit_name": attachment.unit.name if attachment.unit else None,
        "voided_at": attachment.voided_at, "voided_by": attachment.voided_by.display_name if attachment.voided_by else None,
        "void_reason": attachment.void_reason,
        "download_url": f"/api/v1/attachments/{attachment.pk}" if selectors.may_download(user, attachment) else None,
    }


@router.post("/attachments", response={201: AttachmentCreated})
def upload(request, target: Form[str] = "", target_id: Form[str] = "", file: File[UploadedFile] = None):
    """Attach a file (multipart: `file`, `target`, `target_id`)."""
    data = parse(AttachIn, {"target": target, "target_id": target_id})
    obj = targets.access_target(request.user, data.target, data.target_id)
    attachment = services.attachment_add(actor=request.user, target=obj, file=file)
    return 201, attachment


class AttachmentList(Schema):
    items: list[AttachmentOut]
    total: int


@router.get("/attachments", response=AttachmentList)
def list_attachments(request, target: str = "", target_id: str = ""):
    """The files of one target; for a case also those of its replies and of the 督办 on it."""
    data = parse(AttachIn, {"target": target, "target_id": target_id})
    obj = targets.access_target(request.user, data.target, data.target_id)
    items = [_out(a, request.user) for a in selectors.attachments_of(request.user, obj)]
    return {"items": items, "total": len(items)}


@router.get("/attachments/{attachment_id}", openapi_extra=_DOWNLOAD)
def download(request, attachment_id: Id):
    """The file, for whoever may see its target; a voided file for the joint office only (410)."""
    attachment = selectors.access_attachment_by_id(request.user, attachment_id)
    if not selectors.may_download(request.user, attachment):
        raise ApiError(410, _("This attachment was voided: %(reason)s") % {"reason": attachment.void_reason})
    return file_response(attachment)


@router.post("/attachments/{attachment_id}/void", response=AttachmentOut)
def void(request, attachment_id: Id, payload: VoidIn):
    attachment = selectors.access_attachment_by_id(request.user, attachment_id)
    attachment = services.attachment_void(attachment=attachment, actor=request.user, reason=payload.reason)
    return _out(selectors.access_attachment_by_id(request.user, attachment.pk), request.user)
