"""The file itself, as both doors send it: always a download (never shown inline, so a file cannot
run as a page of this site), with its stored type and nothing for the browser to guess."""

from __future__ import annotations

from django.http import FileResponse, Http404

from attachments.models import Attachment
from attachments.services import storage


def file_response(attachment: Attachment) -> FileResponse:
    try:
        handle = storage().open(attachment.path, "rb")
    except (FileNotFoundError, OSError):
        raise Http404 from None
    response = FileResponse(handle, as_attachment=True, filename=attachment.name, content_type=attachment.content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response
