"""Files for the units' staff (login required, through the access helpers): the public notice as
an official .docx."""

from __future__ import annotations

from urllib.parse import quote

from django.contrib.auth.decorators import login_required
from django.db.models import prefetch_related_objects
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_GET

from exports.docx import Body, Heading, official_notice
from public.notice import NOTICE_PREFETCH, long_date, notice_filename, notice_for
from workdays.selectors import access_workday_by_id

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@login_required
@require_GET
def notice_docx(request: HttpRequest, workday_id: int) -> HttpResponse:
    workday = access_workday_by_id(request.user, workday_id)
    prefetch_related_objects([workday], *NOTICE_PREFETCH)
    notice = notice_for(workday)
    blocks = [Body(notice.intro)]
    for section in notice.sections:
        blocks.append(Heading(section.heading))
        blocks.extend(Body(line) for line in section.lines)
    blocks.append(Body(notice.closing))
    for change in notice.changes:  # the change, postponement and cancellation notices, at the end
        blocks.append(Heading(f"{change.title}（{long_date(change.published_on)}）"))
        if change.reason:
            blocks.append(Body(_("Reason: %(reason)s") % {"reason": change.reason}))
        blocks.extend(Body(line) for line in change.lines)
    if notice.voided:
        mark = _("Voided")
    elif notice.cancelled:
        mark = pgettext("notice", "Cancelled")
    else:
        mark = "" if notice.published else _("Draft")
    content = official_notice(
        title=notice.title,
        blocks=blocks,
        signature=[notice.issuer, long_date(notice.issued_on)],
        draft_mark=mark,
        subject=_("Masses Work Day"),
    )
    response = HttpResponse(content, content_type=DOCX_TYPE)
    response["Content-Disposition"] = attachment(
        notice_filename(workday, "docx"), fallback=f"workday-notice-{workday.date:%Y-%m-%d}.docx"
    )
    return response


def attachment(filename: str, *, fallback: str) -> str:
    """An ASCII name for old clients and the real one in UTF-8 (RFC 5987/6266)."""
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename, safe='')}"
