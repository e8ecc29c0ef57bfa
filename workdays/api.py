"""The Work Day API (docs/api.md "Work Days"). Same access helpers and services as the pages."""

from __future__ import annotations

import datetime
from typing import Annotated

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema

from cases.publication import public_rows
from intake import services as intake_services
from intake.api import RegistrationOut, registration_out
from intake.inputs import RegistrationIn
from intake.models import Registration, RegistrationStatus
from workdays import services
from workdays.analysis import analysis_for, report_figures
from workdays.attendance import absent_participants
from workdays.inputs import (
    AnalysisIn,
    ArchiveIn,
    BriefingIn,
    CancelIn,
    EditIn,
    InformIn,
    InvitationIn,
    PlanIn,
    PostponeIn,
    PublishIn,
    ReportIn,
    ScreeningIn,
    SignInIn,
    VoidIn,
)
from workdays.models import Report, SignIn, Status, WorkDay
from workdays.rules import (
    deadlines_for,
    flags_for,
    notice_on_time_for,
    report_on_time,
    results_on_time,
    screening_on_time,
)
from workdays.selectors import WORKDAY_PREFETCH, access_workday_by_id, visible_workdays
from workdays.sites import sites_of
from workdays.transitions import TABLE
from xinfang.api_types import ApiError, ClockTime, Id, Page

router = Router(tags=["workdays"])


class InvitationOut(Schema):
    leader_id: int
    answer: str


class WorkDayOut(Schema):
    id: int
    host_unit_id: int
    host_unit_name: str
    date: datetime.date
    start_time: ClockTime
    end_time: ClockTime
    place: str
    extension_sites: list[str]
    leader: str
    contact_person: str
    contact_phone: str
    leading_district_leader_id: int | None
    participants: list[str]
    invited_leader_ids: list[int]
    invitations: list[InvitationOut]
    liaison_department_ids: list[int]
    agenda: str
    procedure: str
    activity_forms: list[str]
    visit_targets: list[str]
    research_topics: list[str]
    relief_areas: list[str]
    status: str
    version: int
    cancelled_at: datetime.datetime | None
    screening_due: datetime.date
    screening_count: int
    leader_informed_at: datetime.datetime | None
    notice_earliest: datetime.date
    notice_latest: datetime.date
    notice_published_at: datetime.datetime | None
    notice_on_time: bool | None
    held_at: datetime.datetime | None
    report_due: datetime.date
    report_due_provisional: bool
    report_submitted_at: datetime.datetime | None
    report_on_time: bool | None
    report_forwarded_at: datetime.datetime | None
    publication_due: datetime.date
    results_published_at: datetime.datetime | None
    results_on_time: bool | None
    registrations_count: int
    absent_participants: list[str]
    flags: list[str]
    # The main place first, then the extension sites (R2): what a registration's `site` may name.
    sites: list[str]


class WorkDayList(Schema):
    items: list[WorkDayOut]
    total: int


def _out(workday: WorkDay) -> dict:
    d = deadlines_for(workday.date)
    report = getattr(workday, "report", None)
    return {
        **{f: getattr(workday, f) for f in WorkDayOut.model_fields if hasattr(workday, f) and not callable(getattr(workday, f))},
        "host_unit_name": workday.host_unit.name,
        "invited_leader_ids": [leader.pk for leader in workday.invited_leaders.all()],
        "invitations": [{"leader_id": i.leader_id, "answer": i.answer} for i in workday.invitations.all()],
        "liaison_department_ids": [u.pk for u in workday.liaison_departments.all()],
        "screening_due": d.screening_due,
        "screening_count": workday.n_screening if hasattr(workday, "n_screening") else workday.screening_items.count(),
        "notice_earliest": d.notice_earliest,
        "notice_latest": d.notice_latest,
        "notice_on_time": notice_on_time_for(workday),
        "report_due": d.report_due,
        "report_due_provisional": d.report_due_provisional,
        "report_submitted_at": report.submitted_at if report else None,
        "report_on_time": report_on_time(workday.date, report.submitted_at if report else None),
        "report_forwarded_at": report.forwarded_at if report else None,
        "publication_due": d.publication_due,
        "results_on_time": results_on_time(workday.date, workday.results_published_at),
        "registrations_count": workday.n_registrations if hasattr(workday, "n_registrations") else Registration.counted.filter(workday=workday).count(),
        "absent_participants": absent_participants(workday),
        "flags": [f.code for f in flags_for(workday)],
        "sites": sites_of(workday),
    }


def _reload(user, workday_id: int) -> dict:
    return _out(access_workday_by_id(user, workday_id))


@router.post("", response={201: WorkDayOut})
def create_workday(request, payload: PlanIn):
    workday = services.workday_plan(actor=request.user, **payload.arguments())
    return 201, _reload(request.user, workday.pk)


class WorkDayFilters(Schema):
    host_unit_id: Id | None = None
    status: str | None = None
    date_from: datetime.date | None = Field(None, alias="from")
    date_to: datetime.date | None = Field(None, alias="to")
    page: Page = 1
    page_size: Annotated[int, Field(ge=1, le=200)] = 50


@router.get("", response=WorkDayList)
def list_workdays(request, filters: Query[WorkDayFilters]):
    host_unit_id, status, page, page_size = filters.host_unit_id, filters.status, filters.page, filters.page_size
    date_from, date_to = filters.date_from, filters.date_to
    workdays = (
        visible_workdays(request.user)
        .select_related("report")
        .prefetch_related(*WORKDAY_PREFETCH)
        .annotate(n_screening=Count("screening_items", distinct=True), n_registrations=Count("registrations", distinct=True, filter=~Q(registrations__status=RegistrationStatus.WITHDRAWN)))
    )
    if host_unit_id is not None:
        workdays = workdays.filter(host_unit_id=host_unit_id)
    if status:
        if status not in Status.values:
            raise ApiError(400, _("The input is not valid."), {"status": [_("Unknown status.")]})
        workdays = workdays.filter(status=status)
    if date_from:
        workdays = workdays.filter(date__gte=date_from)
    if date_to:
        workdays = workdays.filter(date__lte=date_to)
    if page < 1 or not (1 <= page_size <= 200):
        raise ApiError(400, _("The input is not valid."), {"page": [_("Pages start at 1; page_size is 1 to 200.")]})
    total = workdays.count()
    start = (page - 1) * page_size
    return {"items": [_out(w) for w in workdays[start : start + page_size]], "total": total}


@router.get("/{workday_id}", response=WorkDayOut)
def get_workday(request, workday_id: int):
    return _reload(request.user, workday_id)


@router.patch("/{workday_id}", response=WorkDayOut)
def edit_workday(request, workday_id: Id, payload: EditIn):
    """Change the plan before the day (the host unit): the fields given replace the plan's; `version`
    is the one last read (409 when stale)."""
    workday = access_workday_by_id(request.user, workday_id)
    services.workday_edit(workday=workday, actor=request.user, **payload.arguments())
    return _reload(request.user, workday_id)


@router.post("/{workday_id}/postpone", response=WorkDayOut)
def postpone(request, workday_id: Id, payload: PostponeIn):
    workday = access_workday_by_id(request.user, workday_id)
    services.workday_postpone(workday=workday, actor=request.user, **payload.arguments())
    return _reload(request.user, workday_id)


@router.post("/{workday_id}/cancel", response=WorkDayOut)
def cancel(request, workday_id: Id, payload: CancelIn):
    workday = access_workday_by_id(request.user, workday_id)
    services.workday_cancel(workday=workday, actor=request.user, **payload.arguments())
    return _reload(request.user, workday_id)


@router.post("/{workday_id}/invitations/{leader_id}", response=WorkDayOut)
def answer_invitation(request, workday_id: Id, leader_id: Id, payload: InvitationIn):
    """Record or change the answer of a leader invited to the day (the host unit); 404 for a leader
    who is not invited."""
    workday = access_workday_by_id(request.user, workday_id)
    services.invitation_answer(workday=workday, actor=request.user, leader_id=leader_id, **payload.arguments())
    return _reload(request.user, workday_id)


class ScreeningOut(Schema):
    id: int
    description: str
    outcome: str
    opinion: str
    recorded_at: datetime.datetime
    on_time: bool


@router.post("/{workday_id}/screening-items", response={201: ScreeningOut})
def add_screening_item(request, workday_id: Id, payload: ScreeningIn):
    workday = access_workday_by_id(request.user, workday_id)
    item = services.screening_add(workday=workday, actor=request.user, **payload.arguments())
    return 201, {
        **{f: getattr(item, f) for f in ("id", "description", "outcome", "opinion", "recorded_at")},
        "on_time": screening_on_time(workday.date, item.recorded_at),
    }


@router.post("/{workday_id}/leader-informed", response=WorkDayOut)
def inform_leader(request, workday_id: Id, payload: InformIn):
    workday = access_workday_by_id(request.user, workday_id)
    services.workday_inform_leader(workday=workday, actor=request.user, **payload.arguments())
    return _reload(request.user, workday_id)


class SignInOut(Schema):
    id: int
    name: str
    title: str
    unit_name: str
    signed_at: datetime.datetime


@router.post("/{workday_id}/sign-ins", response={201: SignInOut})
def add_sign_in(request, workday_id: Id, payload: SignInIn):
    workday = access_workday_by_id(request.user, workday_id)
    return 201, services.sign_in_add(workday=workday, actor=request.user, **payload.arguments())


class SignInList(Schema):
    items: list[SignInOut]
    total: int


@router.get("/{workday_id}/sign-ins", response=SignInList)
def list_sign_ins(request, workday_id: int):
    workday = access_workday_by_id(request.user, workday_id)
    items = list(SignIn.objects.filter(workday=workday))
    return {"items": items, "total": len(items)}


@router.post("/{workday_id}/notice", response=WorkDayOut)
def publish_notice(request, workday_id: int):
    workday = access_workday_by_id(request.user, workday_id)
    services.notice_publish(workday=workday, actor=request.user)
    return _reload(request.user, workday_id)


@router.post("/{workday_id}/briefing", response=WorkDayOut)
def record_briefing(request, workday_id: Id, payload: BriefingIn):
    workday = access_workday_by_id(request.user, workday_id)
    services.briefing_record(workday=workday, actor=request.user, **payload.arguments())
    return _reload(request.user, workday_id)


@router.post("/{workday_id}/registrations", response={200: RegistrationOut, 201: RegistrationOut})
def register_citizen(request, workday_id: Id, payload: RegistrationIn):
    workday = access_workday_by_id(request.user, workday_id)
    registration, created = intake_services.registration_create(workday=workday, actor=request.user, data=payload)
    return (201 if created else 200), registration_out(registration)


class RegistrationList(Schema):
    items: list[RegistrationOut]
    total: int


@router.get("/{workday_id}/registrations", response=RegistrationList)
def list_registrations(request, workday_id: int):
    workday = access_workday_by_id(request.user, workday_id)
    items = [registration_out(r) for r in workday.registrations.select_related("case").prefetch_related("petitioners")]
    return {"items": items, "total": len(items)}


@router.post("/{workday_id}/report", response=WorkDayOut)
def submit_report(request, workday_id: Id, payload: ReportIn | None = None):
    workday = access_workday_by_id(request.user, workday_id)
    services.report_submit(workday=workday, actor=request.user, **(payload or ReportIn()).arguments())
    return _reload(request.user, workday_id)


@router.post("/{workday_id}/report/forward", response=WorkDayOut)
def forward_report(request, workday_id: int):
    workday = access_workday_by_id(request.user, workday_id)
    services.report_forward(workday=workday, actor=request.user)
    return _reload(request.user, workday_id)


class ResultRowOut(Schema):
    case_id: int
    number: int
    petitioners: str
    people_count: int
    kind: str
    category: str
    status: str
    status_code: str
    public_summary: str
    default_summary: str
    default: bool
    promised_due: datetime.date | None


class ResultRowList(Schema):
    items: list[ResultRowOut]
    total: int


@router.get("/{workday_id}/results-preview", response=ResultRowList)
def results_preview(request, workday_id: int):
    """The rows exactly as the public results page shows them, for those who may publish them."""
    workday = access_workday_by_id(request.user, workday_id)
    if not TABLE["results"].who(request.user, workday):
        raise PermissionDenied
    rows = public_rows(workday)
    return {"items": [{**vars(row), "default": row.default} for row in rows], "total": len(rows)}


@router.post("/{workday_id}/publish-results", response=WorkDayOut)
def publish_results(request, workday_id: Id, payload: PublishIn | None = None):
    """The confirming step: the summaries given (none: every case shows its default summary)."""
    workday = access_workday_by_id(request.user, workday_id)
    services.results_publish(workday=workday, actor=request.user, **(payload or PublishIn()).arguments())
    return _reload(request.user, workday_id)


@router.post("/{workday_id}/void", response=WorkDayOut)
def void(request, workday_id: Id, payload: VoidIn):
    """Void a day planned in error, before it is held (the host unit or the joint office); it is never
    deleted and stays listed with the status `voided` and the reason."""
    workday = access_workday_by_id(request.user, workday_id)
    services.workday_void(workday=workday, actor=request.user, **payload.arguments())
    return _reload(request.user, workday_id)


@router.post("/{workday_id}/archive", response=WorkDayOut)
def archive(request, workday_id: Id, payload: ArchiveIn | None = None):
    """Archive after the results are published; `reason` is required while cases of the day are open
    (409 with `open_cases` without one)."""
    workday = access_workday_by_id(request.user, workday_id)
    services.workday_archive(workday=workday, actor=request.user, **(payload or ArchiveIn()).arguments())
    return _reload(request.user, workday_id)


class HotIssueOut(Schema):
    category: str
    count: int


class AnalysisOut(Schema):
    registrations: int
    by_kind: dict[str, int]
    by_category: dict[str, int]
    by_territory: dict[str, int]
    by_site: dict[str, int]
    by_disposition: dict[str, int]
    group_visits: int
    repeat_petitioners: int
    hot_issues: list[HotIssueOut]
    judgement: str
    measures: str


@router.get("/{workday_id}/analysis", response=AnalysisOut)
def get_analysis(request, workday_id: int):
    """分析研判: the figures computed now from the day's registrations, and the unit's texts."""
    return analysis_for(access_workday_by_id(request.user, workday_id))


@router.put("/{workday_id}/analysis", response=AnalysisOut)
def put_analysis(request, workday_id: Id, payload: AnalysisIn):
    workday = access_workday_by_id(request.user, workday_id)
    workday = services.analysis_record(workday=workday, actor=request.user, **payload.arguments())
    return analysis_for(workday)


class ReferredOut(Schema):
    registration_id: int
    case_id: int
    category: str
    territory: str
    summary: str
    channel: str


class ActivityRecordOut(Schema):
    kind: str
    subject: str
    target: str
    people: str
    done_on: datetime.date
    found: str
    done: str
    follow_up_on: datetime.date | None
    outcome: str


class ReportFiguresOut(AnalysisOut):
    referred: list[ReferredOut]
    activities: dict[str, int]
    activity_records: list[ActivityRecordOut] = []


class ReportOut(Schema):
    submitted: bool
    submitted_at: datetime.datetime | None
    submitted_by: str
    summary: str
    forwarded_at: datetime.datetime | None
    forwarded_by: str
    figures: ReportFiguresOut


@router.get("/{workday_id}/report", response=ReportOut)
def get_report(request, workday_id: int):
    """The report to the joint office: its figures as stored at submission; before it is submitted,
    the figures the report would carry now (`submitted` false)."""
    workday = access_workday_by_id(request.user, workday_id)
    report = Report.objects.select_related("submitted_by", "forwarded_by").filter(workday=workday).first()
    if report is None:
        return {
            "submitted": False, "submitted_at": None, "submitted_by": "", "summary": "", "forwarded_at": None,
            "forwarded_by": "", "figures": report_figures(workday),
        }
    return {
        "submitted": True,
        "submitted_at": report.submitted_at,
        "submitted_by": report.submitted_by.display_name,
        "summary": report.summary,
        "forwarded_at": report.forwarded_at,
        "forwarded_by": report.forwarded_by.display_name if report.forwarded_by else "",
        # A report submitted before its figures were stored shows them as computed now.
        "figures": report.figures or report_figures(workday),
    }


