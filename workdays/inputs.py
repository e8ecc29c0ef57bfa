"""One input per Work Day write: the API takes it as its body, the day's pages parse their forms
into it, and the service in workdays/services.py receives its fields. Inputs parse (types,
lengths); the rules are the service's."""

from __future__ import annotations

import datetime

from django.utils.translation import gettext as _
from ninja import Schema

from lifecycle.inputs import resolve, resolve_many
from units.models import DistrictLeader, Unit, UnitKind
from xinfang.api_types import Amount, ClockTime, Id, Text


class StepIn(Schema):
    def arguments(self) -> dict:
        """The service's keyword arguments, ids turned into objects (400 per unknown id)."""
        return self.dict()


class PlanIn(StepIn):
    host_unit_id: Id | None = None
    date: datetime.date
    start_time: ClockTime
    end_time: ClockTime
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
    contact_person: Text[50] = ""
    contact_phone: Text[30] = ""

    def arguments(self) -> dict:
        return {
            **_plan_objects(self, set(type(self).model_fields)),
            "host_unit": resolve(Unit, self.host_unit_id, "host_unit_id", _("Unknown unit: %(ids)s")),
        }


ID_FIELDS = {
    "invited_leader_ids": "invited_leaders",
    "liaison_department_ids": "liaison_departments",
    "leading_district_leader_id": "leading_district_leader",
}


def _plan_objects(data: Schema, names: set[str]) -> dict:
    """The plan fields among `names` as the service takes them, ids turned into objects."""
    unknown_leader = _("Unknown district leader: %(ids)s")
    found = {
        "invited_leader_ids": lambda: resolve_many(DistrictLeader, data.invited_leader_ids, "invited_leader_ids", unknown_leader),
        "liaison_department_ids": lambda: resolve_many(
            Unit.objects.filter(kind=UnitKind.DEPARTMENT), data.liaison_department_ids, "liaison_department_ids",
            _("Unknown department: %(ids)s"),
        ),
        "leading_district_leader_id": lambda: resolve(
            DistrictLeader, data.leading_district_leader_id, "leading_district_leader_id", unknown_leader
        ),
    }
    arguments = {}
    for name in names - {"host_unit_id", "version"}:
        arguments[ID_FIELDS.get(name, name)] = found[name]() if name in found else getattr(data, name)
    return arguments


class EditIn(StepIn):
    """A change of the plan (PATCH): `version` is the one the editor read; the fields given replace
    the plan's, the others stay. The host unit does not change."""

    version: int
    date: datetime.date | None = None
    start_time: ClockTime | None = None
    end_time: ClockTime | None = None
    place: Text[200] | None = None
    extension_sites: list[Text[200]] | None = None
    leader: Text[100] | None = None
    agenda: str | None = None
    procedure: str | None = None
    participants: list[Text[200]] | None = None
    invited_leader_ids: list[Id] | None = None
    liaison_department_ids: list[Id] | None = None
    leading_district_leader_id: Id | None = None
    activity_forms: list[str] | None = None
    visit_targets: list[str] | None = None
    research_topics: list[str] | None = None
    relief_areas: list[str] | None = None
    contact_person: Text[50] | None = None
    contact_phone: Text[30] | None = None

    def arguments(self) -> dict:
        given = {name for name in self.model_fields_set if getattr(self, name) is not None or name == "leading_district_leader_id"}
        # A field sent as null keeps its value; the leading district leader is removed with null.
        return {"version": self.version, **_plan_objects(self, given)}


class PostponeIn(StepIn):
    new_date: datetime.date
    reason: str = ""


class CancelIn(StepIn):
    reason: str = ""


class InformIn(StepIn):
    note: str = ""


class InvitationIn(StepIn):
    """An invited district leader's answer; the leader is named by the URL."""

    answer: Text[20] = ""


class ScreeningIn(StepIn):
    description: str = ""
    outcome: Text[20] = ""
    opinion: str = ""


class ScreeningUpdateIn(StepIn):
    """A screening item's progress: its outcome now, and the opinion given."""

    outcome: Text[20] = ""
    opinion: Text[5000] = ""


class VisitIn(StepIn):
    """走访: the visit form (an entry of the activity-form list, e.g. 分片走访), the household or target,
    who went, the date, what was found and what was done."""

    subject: Text[100] = ""
    target: Text[200] = ""
    people: Text[200] = ""
    done_on: datetime.date | None = None
    found: Text[5000] = ""
    done: Text[5000] = ""


class ResearchIn(StepIn):
    """调查研究: the topic (research-topic list), where or with whom, who, the date, the findings
    (`found`) and the suggestions or measures (`done`)."""

    subject: Text[100] = ""
    target: Text[200] = ""
    people: Text[200] = ""
    done_on: datetime.date | None = None
    found: Text[5000] = ""
    done: Text[5000] = ""


class ReliefIn(StepIn):
    """帮扶救助: the area (relief-area list), who was helped, who helped, the date, the situation found,
    the action taken and the follow-up date."""

    subject: Text[100] = ""
    target: Text[200] = ""
    people: Text[200] = ""
    done_on: datetime.date | None = None
    found: Text[5000] = ""
    done: Text[5000] = ""
    follow_up_on: datetime.date | None = None


class ReliefOutcomeIn(StepIn):
    outcome: Text[5000] = ""


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


class AnalysisIn(StepIn):
    """分析研判: the unit's judgement and proposed measures (both optional, either may be cleared)."""

    judgement: str = ""
    measures: str = ""


class ArchiveIn(StepIn):
    """Required when cases of the day are still open (the service says which)."""

    reason: str = ""


class VoidIn(StepIn):
    reason: str = ""


NO_INPUT = StepIn
