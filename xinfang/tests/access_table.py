"""The expected answers of the access matrix (test_access_matrix.py).

`REACH` has one line per role: what the role gets from each kind of route, for an object of each
relation to 巴川街道 (access_world.py): "own assist unrelated", or one answer for all three.
`PAGES` (by URL name) and `API` (by operation) give every route its kind: a field of `Reach`, or a
fixed answer for every signed-in role (`Fixed`). Anonymous requests get `Reach`-kinds' default:
"login" (a redirect to the login page) for a page, 401 for the API, unless `Fixed` says otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Reach:
    host: str  # a unit's page, its Work Days and what hangs on them (entries, items, files, prints)
    case: str  # a case and the person of its petitioner
    joint_office: str  # the joint office's own pages (periodic report, calendar)
    day_desk: str  # the forms that write on a day: registration, the results' preview
    planner: str  # planning a new Work Day
    plan_edit: str  # editing a plan (the world's days are past their plan: 409 for who may edit)


REACH: dict[str, Reach | None] = {
    "supervisor":      Reach(host="200", case="200", joint_office="200", day_desk="200", planner="200", plan_edit="409"),
    "town_clerk":      Reach(host="200 404 404", case="200 200 404", joint_office="403", day_desk="200 404 404", planner="200", plan_edit="409 404 404"),
    "unit_leader":     Reach(host="200 404 404", case="200 200 404", joint_office="403", day_desk="403 404 404", planner="403", plan_edit="403 404 404"),
    "dept_clerk":      Reach(host="404", case="404 200 404", joint_office="403", day_desk="404", planner="200", plan_edit="404"),
    "district_leader": Reach(host="200 404 404", case="200 200 404", joint_office="403", day_desk="403 404 404", planner="403", plan_edit="403 404 404"),
    "anonymous":       None,
}

# The duties (三员分立, accounts/duties.py): the system administrator, the security administrator and
# the auditor open only their own pages and the ones every account has (COMMON); every other page
# and API route answers them 403, whoever's the object, before any view runs. route → answer.
DUTIES: dict[str, dict[str, str]] = {
    "admin": {
        "units:list": "200", "units:detail": "200", "workcal:year": "200", "workcal:import_notice": "200",
        "workcal:confirm_year": "405", "workcal:set_day": "405",
    },
    "security_admin": {},
    "auditor": {"audit:log": "200", "audit:export": "200"},
}
# Every account: its own account, password and tokens, signing in and out, the language; a duty's
# home page sends it to its own page (302).
COMMON = {
    "home": "302", "account": None, "login": None, "logout": None, "password_change": None, "revoke_token": None,
    "set_language": None, "GET /api/v1/auth/tokens": None,
}


@dataclass(frozen=True)
class Fixed:
    """The same answer for every signed-in role and relation; `anonymous` when it differs from the
    default ("login" for a page, 401 for the API)."""

    answer: str
    anonymous: str | None = None


ANY = Fixed("200")  # every signed-in user: their own lists, filtered to what they may see
POST_ONLY = Fixed("405")  # a write: GET is refused (anonymous: sent to log in)
POST_ONLY_ANY = Fixed("405", anonymous="405")  # a write whose method check comes before the login check
UNKNOWN = Fixed("404")  # the world has no object of this kind: an unknown id

PAGES: dict[str, str | Fixed] = {
    # Accounts and the site
    "home": ANY,
    "account": ANY,
    "login": Fixed("302", anonymous="200"),
    "logout": POST_ONLY_ANY,
    "password_change": ANY,
    "revoke_token": POST_ONLY,
    "set_language": Fixed("302", anonymous="302"),
    "dashboards:dashboard": ANY,
    "notifications:list": ANY,
    "notifications:open": UNKNOWN,
    "notifications:read_all": POST_ONLY,
    # The audit log: the auditor's alone (DUTIES)
    "audit:log": Fixed("403"),
    "audit:export": Fixed("403"),
    # The API's own pages
    "api:api-root": Fixed("404", anonymous="404"),
    "api:openapi-json": Fixed("200", anonymous="200"),
    "api:openapi-view": Fixed("200", anonymous="200"),
    # Units, calendar, reports
    "units:list": ANY,
    "units:detail": "host",
    "workcal:year": "joint_office",
    "workcal:import_notice": "joint_office",
    "workcal:confirm_year": POST_ONLY_ANY,
    "workcal:set_day": POST_ONLY_ANY,
    "reports:periodic": "joint_office",
    "exports:ledger": ANY,
    "exports:job": UNKNOWN,
    # Work Days
    "workdays:list": ANY,
    "workdays:new": "planner",
    "workdays:detail": "host",
    "workdays:edit": "plan_edit",
    "workdays:register": "day_desk",
    "workdays:results_preview": "day_desk",
    "workdays:petitioner_lookup": ANY,
    "workdays:registration_detail": "host",
    "workdays_dossier_zip": "host",
    "workdays_notice_docx": "host",
    "workdays_notice_poster": "host",
    "workdays_report_docx": "host",
    "workdays_statistics_xlsx": "host",
    "workdays_change_docx": UNKNOWN,
    "print_registration": "host",
    "print_registration_form": "host",
    "print_sign_in": "host",
    "print_sign_in_blank": "host",
    "workdays:activity_add": POST_ONLY,
    "workdays:analysis_record": POST_ONLY,
    "workdays:archive": POST_ONLY,
    "workdays:briefing_record": POST_ONLY,
    "workdays:cancel": POST_ONLY,
    "workdays:inform_leader": POST_ONLY,
    "workdays:invitation_answer": POST_ONLY,
    "workdays:notice_publish": POST_ONLY,
    "workdays:petitioner_correct": POST_ONLY,
    "workdays:postpone": POST_ONLY,
    "workdays:registration_withdraw": POST_ONLY,
    "workdays:relief_follow_up": POST_ONLY,
    "workdays:report_forward": POST_ONLY,
    "workdays:report_submit": POST_ONLY,
    "workdays:results_publish": POST_ONLY,
    "workdays:screening_add": POST_ONLY,
    "workdays:screening_update": POST_ONLY,
    "workdays:sign_in_add": POST_ONLY,
    "workdays:void": POST_ONLY,
    # Cases and persons
    "cases:list": ANY,
    "cases:detail": "case",
    "persons:detail": "case",
    "case_assignment_docx": Fixed("404 200 404"),  # only the assisted case has been assigned
    "print_assignment": Fixed("404 200 404"),
    "cases:assign": POST_ONLY_ANY,
    "cases:assist_opinion": POST_ONLY_ANY,
    "cases:close": POST_ONLY_ANY,
    "cases:feedback": POST_ONLY_ANY,
    "cases:link": POST_ONLY_ANY,
    "cases:personal_data": POST_ONLY_ANY,
    "cases:rate": POST_ONLY_ANY,
    "cases:receive": POST_ONLY_ANY,
    "cases:rehandle": POST_ONLY_ANY,
    "cases:reply": POST_ONLY_ANY,
    "cases:return": POST_ONLY_ANY,
    "cases:revisit": POST_ONLY_ANY,
    "cases:unmerge": POST_ONLY_ANY,
    "cases:void": POST_ONLY_ANY,
    "persons:correct": POST_ONLY_ANY,
    "persons:personal_data": POST_ONLY_ANY,
    "approvals:list": ANY,
    "approvals:approve": POST_ONLY_ANY,
    "approvals:send_back": POST_ONLY_ANY,
    "reminders:list": ANY,
    "reminders:scan": POST_ONLY_ANY,
    # Supervision and bulletins
    "signals:table": ANY,
    "signals:cases": ANY,  # the cases behind a number: of the units the user sees
    "supervision:compliance": ANY,
    "supervision:orders": ANY,
    "supervision:order_issue": POST_ONLY_ANY,
    "supervision:order_respond": POST_ONLY_ANY,
    "supervision:orders_propose": POST_ONLY_ANY,
    "supervision:proposal_dismiss": POST_ONLY_ANY,
    "supervision_order_docx": UNKNOWN,
    "bulletins:list": ANY,
    "bulletins:detail": UNKNOWN,
    "bulletin_docx": UNKNOWN,
    "bulletins:create": POST_ONLY_ANY,
    "bulletins:edit": POST_ONLY_ANY,
    "bulletins:issue": POST_ONLY_ANY,
    # Attachments
    "attachments:upload": POST_ONLY,
    "attachments:void": POST_ONLY,
    "attachments:download": UNKNOWN,
    # The citizens' pages: public, and only what has been published
    "public:index": Fixed("200", anonymous="200"),
    "public:notice": Fixed("404", anonymous="404"),  # the world's notices are not published
    "public:results": Fixed("404", anonymous="404"),
}

# Writes (POST/PUT/PATCH/DELETE) are not sent with GET; test_access_matrix aims them at the unrelated
# unit's objects (`WRITES_REFUSED_BY_ROLE` lists those that refuse a role before reading the object).
WRITE = "write"

API: dict[str, str | Fixed] = {
    "GET /api/v1/approvals": ANY,
    "POST /api/v1/approvals/{approval_id}/approve": WRITE,
    "POST /api/v1/approvals/{approval_id}/send-back": WRITE,
    "GET /api/v1/attachments": "host",  # of a Work Day
    "POST /api/v1/attachments": WRITE,
    "GET /api/v1/attachments/{attachment_id}": UNKNOWN,
    "POST /api/v1/attachments/{attachment_id}/void": WRITE,
    "POST /api/v1/auth/token": WRITE,
    "DELETE /api/v1/auth/token": WRITE,
    "GET /api/v1/auth/tokens": ANY,
    "DELETE /api/v1/auth/tokens/{token_id}": WRITE,
    "GET /api/v1/bulletins": ANY,
    "POST /api/v1/bulletins": WRITE,
    "GET /api/v1/bulletins/{bulletin_id}": UNKNOWN,
    "PUT /api/v1/bulletins/{bulletin_id}": WRITE,
    "GET /api/v1/bulletins/{bulletin_id}.docx": UNKNOWN,
    "POST /api/v1/bulletins/{bulletin_id}/issue": WRITE,
    "GET /api/v1/calendar/add": ANY,
    "GET /api/v1/calendar/between": ANY,
    "GET /api/v1/cases": ANY,
    "GET /api/v1/cases/export.xlsx": ANY,
    "GET /api/v1/cases/{case_id}": "case",
    "GET /api/v1/cases/{case_id}/assignment.docx": Fixed("404 200 404"),
    "POST /api/v1/cases/{case_id}/assign": WRITE,
    "POST /api/v1/cases/{case_id}/assist-opinion": WRITE,
    "POST /api/v1/cases/{case_id}/close": WRITE,
    "POST /api/v1/cases/{case_id}/feedback": WRITE,
    "POST /api/v1/cases/{case_id}/link": WRITE,
    "POST /api/v1/cases/{case_id}/personal-data": WRITE,
    "POST /api/v1/cases/{case_id}/rate": WRITE,
    "POST /api/v1/cases/{case_id}/receive": WRITE,
    "POST /api/v1/cases/{case_id}/rehandle": WRITE,
    "POST /api/v1/cases/{case_id}/reply": WRITE,
    "POST /api/v1/cases/{case_id}/return": WRITE,
    "POST /api/v1/cases/{case_id}/revisit": WRITE,
    "POST /api/v1/cases/{case_id}/supervision-orders": WRITE,
    "POST /api/v1/cases/{case_id}/unmerge": WRITE,
    "POST /api/v1/cases/{case_id}/void": WRITE,
    "GET /api/v1/categories": ANY,
    "GET /api/v1/compliance": ANY,
    "GET /api/v1/jobs/{job_id}": UNKNOWN,
    "GET /api/v1/jobs/{job_id}/file": UNKNOWN,
    "GET /api/v1/leaders": ANY,
    "GET /api/v1/notifications": ANY,
    "POST /api/v1/notifications/{notification_id}/read": WRITE,
    "POST /api/v1/notifications/read-all": WRITE,
    "GET /api/v1/persons": "joint_office",  # the search by ID number
    "GET /api/v1/persons/{person_id}": "case",
    "POST /api/v1/persons/{person_id}/correct": WRITE,
    "POST /api/v1/petitioners/{petitioner_id}/correct": WRITE,
    "POST /api/v1/registrations/{registration_id}/withdraw": WRITE,
    "GET /api/v1/reports/periodic": "joint_office",
    "GET /api/v1/reports/periodic.xlsx": "joint_office",
    "GET /api/v1/screening-items/{item_id}": "host",
    "PATCH /api/v1/screening-items/{item_id}": WRITE,
    "GET /api/v1/supervision": ANY,
    "GET /api/v1/supervision-orders": ANY,
    "GET /api/v1/supervision-orders/{order_id}.docx": UNKNOWN,
    "POST /api/v1/supervision-orders/{order_id}/respond": WRITE,
    "GET /api/v1/supervision/cases": ANY,
    "GET /api/v1/units": ANY,
    "GET /api/v1/workdays": ANY,
    "POST /api/v1/workdays": WRITE,
    "GET /api/v1/workdays/{workday_id}": "host",
    "PATCH /api/v1/workdays/{workday_id}": WRITE,
    "GET /api/v1/workdays/{workday_id}/activities": "host",
    "GET /api/v1/workdays/{workday_id}/analysis": "host",
    "PUT /api/v1/workdays/{workday_id}/analysis": WRITE,
    "POST /api/v1/workdays/{workday_id}/archive": WRITE,
    "POST /api/v1/workdays/{workday_id}/briefing": WRITE,
    "POST /api/v1/workdays/{workday_id}/cancel": WRITE,
    "GET /api/v1/workdays/{workday_id}/dossier.zip": "host",
    "POST /api/v1/workdays/{workday_id}/invitations/{leader_id}": WRITE,
    "POST /api/v1/workdays/{workday_id}/leader-informed": WRITE,
    "POST /api/v1/workdays/{workday_id}/notice": WRITE,
    "GET /api/v1/workdays/{workday_id}/notice-changes/{change_id}.docx": UNKNOWN,
    "GET /api/v1/workdays/{workday_id}/notice.docx": "host",
    "POST /api/v1/workdays/{workday_id}/postpone": WRITE,
    "POST /api/v1/workdays/{workday_id}/publish-results": WRITE,
    "GET /api/v1/workdays/{workday_id}/registrations": "host",
    "POST /api/v1/workdays/{workday_id}/registrations": WRITE,
    "POST /api/v1/workdays/{workday_id}/relief": WRITE,
    "GET /api/v1/workdays/{workday_id}/relief/{activity_id}": UNKNOWN,
    "PATCH /api/v1/workdays/{workday_id}/relief/{activity_id}": WRITE,
    "GET /api/v1/workdays/{workday_id}/report": "host",
    "POST /api/v1/workdays/{workday_id}/report": WRITE,
    "GET /api/v1/workdays/{workday_id}/report.docx": "host",
    "POST /api/v1/workdays/{workday_id}/report/forward": WRITE,
    "POST /api/v1/workdays/{workday_id}/research": WRITE,
    "GET /api/v1/workdays/{workday_id}/results-preview": "day_desk",
    "POST /api/v1/workdays/{workday_id}/screening-items": WRITE,
    "GET /api/v1/workdays/{workday_id}/sign-ins": "host",
    "POST /api/v1/workdays/{workday_id}/sign-ins": WRITE,
    "GET /api/v1/workdays/{workday_id}/statistics.xlsx": "host",
    "POST /api/v1/workdays/{workday_id}/visits": WRITE,
    "POST /api/v1/workdays/{workday_id}/void": WRITE,
}

# The query a GET is sent with, where an operation needs one; {workday_id}, {unit_id} and
# {id_number} are those of the object of the relation in question.
QUERIES: dict[str, str] = {
    "GET /api/v1/attachments": "target=workday&target_id={workday_id}",
    "GET /api/v1/calendar/add": "start=2026-12-10&days=5",
    "GET /api/v1/calendar/between": "start=2026-12-01&end=2026-12-31",
    "GET /api/v1/compliance": "year=2026",
    "GET /api/v1/supervision": "period=2026Q4",
    "GET /api/v1/supervision/cases": "period=2026Q4&unit_id={unit_id}&signal=cases",
    "GET /api/v1/persons": "id_number={id_number}",
    "GET /api/v1/reports/periodic": "period=2026Q4",
    "GET /api/v1/reports/periodic.xlsx": "period=2026Q4",
    "signals:cases": "period=2026Q4&unit={unit_id}&signal=cases",
    "workdays:petitioner_lookup": "id_number={id_number}",
    "cases:list": "workday={workday_id}",
}

# A write aimed at another unit's object answers 404 (the object is not there for the user), except
# where the role is refused the step as such before the object is read: then 403, with no detail of
# the object. route → {role: answer}.
_CORRECTORS_ONLY = {"town_clerk": "403", "unit_leader": "403", "dept_clerk": "403", "district_leader": "403"}
WRITES_REFUSED_BY_ROLE: dict[str, dict[str, str]] = {
    # Corrections of a person or a petitioner are the joint office's: anyone else is refused at once.
    "persons:correct": _CORRECTORS_ONLY,
    "workdays:petitioner_correct": _CORRECTORS_ONLY,
    "POST /api/v1/persons/{person_id}/correct": _CORRECTORS_ONLY,
    "POST /api/v1/petitioners/{petitioner_id}/correct": _CORRECTORS_ONLY,
}
