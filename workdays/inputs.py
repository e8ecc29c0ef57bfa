"""One input per Work Day write: the API takes it as its body, the day's pages parse their forms
into it, and the service in workdays/services.py receives its fields. Inputs parse (types,
lengths); the rules are the service's."""

from __future__ import annotations

import datetime

from django.utils.translation import gettext as _
from ninja import Schema

from lifecycle.inputs import resolve, resolve_many
from units.models import DistrictLeader, Unit, UnitKind
from xinfang.api_types import Amount, Id, Text


class StepIn(Schema):
    def arguments(self) -> dict:
        """The service's keyword arguments, ids turned into objects (400 per unknown id)."""
        return self.dict()


class PlanIn(StepIn):
    host_unit_id: Id | None = None
    date: datetime.date
    start_time: datetime.time
    end_time: datetime.time
    place: Text[200] = ""
    extension_sites: list[Text[200]] = []
    leader: Text[100] = ""
    agenda: str = ""
    procedure: str = ""
    participants: list[Text[200]] = []
    invited_leader_ids: list[Id] = []
    liaison_department_ids: list[Id] = []
    leading_district_leader_id: Id | None = None
    activity_forms: list[str] = []
    visit_targets: list[str] = []
    research_topics: list[str] = []
    relief_areas: list[str] = []

    def arguments(self) -> dict:
        unknown_leader = _("Unknown district leader: %(ids)s")
        fields = self.dict(exclude={"host_unit_id", "invited_leader_ids", "liaison_department_ids", "leading_district_leader_id"})
        return {
            **fields,
            "host_unit": resolve(Unit, self.host_unit_id, "host_unit_id", _("Unknown unit: %(ids)s")),
            "invited_leaders": resolve_many(DistrictLeader, self.invited_leader_ids, "invited_leader_ids", unknown_leader),
            "liaison_departments": resolve_many(
                Unit.objects.filter(kind=UnitKind.DEPARTMENT), self.liaison_department_ids, "liaison_department_ids",
                _("Unknown department: %(ids)s"),
            ),
            "leading_district_leader": resolve(
                DistrictLeader, self.leading_district_leader_id, "leading_district_leader_id", unknown_leader
            ),
        }


class InformIn(StepIn):
    note: str = ""


class InvitationIn(StepIn):
    """An invited district leader's answer; the leader is named by the URL."""

    answer: Text[20] = ""


class ScreeningIn(StepIn):
    description: str = ""
    outcome: Text[20] = ""
    opinion: str = ""


class SignInIn(StepIn):
    name: Text[50] = ""
    title: Text[100] = ""
    unit_name: Text[100] = ""


class BriefingIn(StepIn):
    briefing: str = ""
    materials_count: Amount = 0


class ReportIn(StepIn):
    summary: str = ""


class PublishItemIn(Schema):
    case_id: Id
    public_summary: Text[1000] = ""


class PublishIn(StepIn):
    """The public summaries (公示摘要) confirmed at publication; the service resolves the case ids among
    the day's cases (an unknown or foreign id is an error on `items`)."""

    items: list[PublishItemIn] = []


class VoidIn(StepIn):
    reason: str = ""


NO_INPUT = StepIn
