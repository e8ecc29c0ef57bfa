"""Every export and download is logged in one place: any answer that is a file to save
(`Content-Disposition: attachment`) to a signed-in user, whether a page or the API sent it."""

from __future__ import annotations

import re

from audit.models import Action
from audit.services import log

_FILENAME = re.compile(r"filename\*=UTF-8''([^;]+)|filename=\"([^\"]*)\"", re.IGNORECASE)


def _filename(disposition: str) -> str:
    from urllib.parse import unquote

    match = _FILENAME.search(disposition)
    if not match:
        return ""
    return unquote(match.group(1)) if match.group(1) else match.group(2)


def _object_of(request) -> tuple[str, str]:
    """The object the file is of, from the route's last `<name>_id` argument (attachment_id,
    workday_id, case_id, job_id, ...)."""
    match = getattr(request, "resolver_match", None)
    kwargs = dict(match.kwargs) if match is not None else {}
    for name, value in reversed(list(kwargs.items())):
        if name.endswith("_id") or name == "pk":
            return (name[:-3] if name.endswith("_id") else "object"), str(value)
    return "", ""


class AuditDownloadsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        disposition = response.headers.get("Content-Disposition", "")
        user = getattr(request, "user", None)
        if response.status_code == 200 and disposition.startswith("attachment") and getattr(user, "is_authenticated", False):
            object_type, object_id = _object_of(request)
            log(Action.EXPORT, request=request, object_type=object_type, object_id=object_id,
                detail=f"{_filename(disposition)} {request.path}"[:300])
        return response
