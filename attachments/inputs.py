"""The inputs of the attachment writes, for the API and the pages alike (the file itself arrives
beside them, as a multipart part)."""

from __future__ import annotations

from django.utils.translation import gettext as _
from ninja import Schema
from pydantic import field_validator

from attachments.models import Target
from xinfang.api_types import Id


class AttachIn(Schema):
    target: str
    target_id: Id

    @field_validator("target")
    @classmethod
    def known_target(cls, value: str) -> str:
        if value not in Target.values:
            raise ValueError(_("Choose what to attach the file to: a Work Day, a case, a reply or a supervision order."))
        return value


class VoidIn(Schema):
    reason: str = ""
