"""The JSON API at /api/v1/: one NinjaAPI that mounts each app's router. Shared types are in
xinfang/api_types.py, the error responses in xinfang/api_errors.py; docs/api.md explains both."""

from __future__ import annotations

from ninja import NinjaAPI
from ninja.security import django_auth

from accounts.api import TokenAuth
from accounts.api import router as auth_router
from attachments.api import router as attachments_router
from cases.api import router as cases_router
from cases.api_approvals import router as approvals_router
from exports.api import router as exports_router
from exports.api_documents import router as documents_router
from exports.api_workday import router as workday_files_router
from intake.api import router as registrations_router
from intake.api_persons import persons_router, petitioners_router
from notifications.api import router as notifications_router
from supervision.api import router as supervision_router
from supervision.api_orders import router as orders_router
from supervision.api_signals import router as signals_router
from units.api import router as units_router
from workcal.api import router as calendar_router
from workdays.api import router as workdays_router
from workdays.api_activities import router as activities_router
from workdays.api_activities import screening_router
from xinfang import api_errors
from xinfang.api_types import GatedParser, LocalTimeRenderer


class XinfangAPI(NinjaAPI):
    def get_openapi_schema(self, **kwargs):
        api_errors.document(self)  # the error answers of every operation, in one place
        return super().get_openapi_schema(**kwargs)


api = XinfangAPI(
    title="群众工作日 API",
    version="1",
    urls_namespace="api",
    renderer=LocalTimeRenderer(),
    parser=GatedParser(),
    auth=[TokenAuth(), django_auth],
    docs_url="/docs",
    openapi_url="/openapi.json",
)
api_errors.install(api)
api.add_router("/auth", auth_router)
api.add_router("/", units_router)
# Before the routers whose `/bulletins/{id}` and `/cases/{id}` would otherwise take the file paths.
api.add_router("/", documents_router)
api.add_router("/", workday_files_router)
api.add_router("/calendar", calendar_router)
api.add_router("/workdays", workdays_router)
api.add_router("/workdays", activities_router)
api.add_router("/screening-items", screening_router)
# before /cases: its /cases/export.xlsx must not be taken for /cases/{case_id}
api.add_router("/", exports_router)
api.add_router("/cases", cases_router)
api.add_router("/approvals", approvals_router)
api.add_router("/registrations", registrations_router)
api.add_router("/persons", persons_router)
api.add_router("/petitioners", petitioners_router)
api.add_router("/", supervision_router)
api.add_router("/", signals_router)
api.add_router("/", orders_router)
api.add_router("/notifications", notifications_router)
api.add_router("/", attachments_router)
