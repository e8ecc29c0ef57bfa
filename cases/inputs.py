"""One input per handling action (R7–R10): the API takes it as its body, the case page's form is
parsed into it, and the service in cases/handling.py receives its fields. Inputs only parse; the
rules (which text is needed when, which unit may lead) are the service's to decide."""

from __future__ import annotations

from typing import Annotated

from django.utils.translation import gettext as _
from ninja import Field, Schema

from cases.models import Case
from lifecycle.inputs import resolve, resolve_many
from units.models import Unit
from xinfang.api_types import Id, Text

Version = Annotated[int, Field(ge=1, le=2**31 - 1)]


class VersionIn(Schema):
    """Every write carries the case's version as the caller saw it; a stale one is a 409."""

    version: Version

    def arguments(self) -> dict:
        """The service's keyword arguments, with ids turned into objects (400 per unknown id)."""
        return self.dict()


class AssignIn(VersionIn):
    lead_unit_id: Id | None = None
    assisting_unit_ids: list[Id] = []
    instructions: str = ""  # 交办意见

    def arguments(self) -> dict:
        unknown = _("Unknown unit: %(ids)s")
        return {
            "version": self.version,
            "lead_unit": resolve(Unit, self.lead_unit_id, "lead_unit_id", unknown),
            "assisting_units": resolve_many(Unit, self.assisting_unit_ids, "assisting_unit_ids", unknown),
            "instructions": self.instructions,
        }


class ReceiveIn(VersionIn):
    responsible_person: Text[50] = ""


class ReasonIn(VersionIn):
    reason: str = ""


class ContentIn(VersionIn):
    content: str = ""


class ReplyIn(VersionIn):
    content: str = ""
    concluded: bool | None = None
    feedback_to_center: str = ""


class RateIn(VersionIn):
    acceptable: bool | None = None
    reason: str = ""


class RevisitIn(VersionIn):
    reached: bool | None = None
    satisfied: bool | None = None
    confirms_reply: bool | None = None
    note: str = ""


class LinkIn(VersionIn):
    """重复访 / 并案: the earlier case of the same person; `merge` closes this one into it."""

    repeat_of: Id | None = None
    merge: bool | None = None
    reason: str = ""

    def arguments(self) -> dict:
        return {
            "version": self.version,
            "repeat_of": resolve(Case, self.repeat_of, "repeat_of", _("Unknown case: %(ids)s")),
            "merge": bool(self.merge),
            "reason": self.reason,
        }
