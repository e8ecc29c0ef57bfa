from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.i18n import set_language

from accounts import views as account_views
from xinfang.api import api

admin.site.site_header = _("Masses Work Day system administration")
admin.site.site_title = _("Masses Work Day system administration")
admin.site.index_title = _("Reference data and accounts")

urlpatterns = [
    path("", account_views.home, name="home"),
    path("accounts/login/", account_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", account_views.logout_view, name="logout"),
    path("accounts/", account_views.account, name="account"),
    path("accounts/password/", account_views.PasswordChangeView.as_view(), name="password_change"),
    path("accounts/tokens/<int:token_id>/revoke/", account_views.revoke_token, name="revoke_token"),
    path("i18n/setlang/", set_language, name="set_language"),
    path("units/", include("units.urls")),
    path("calendar/", include("workcal.urls")),
    path("workdays/", include("workdays.urls")),
    path("workdays/", include("public.urls_internal")),
    path("workdays/", include("exports.urls")),
    path("", include("exports.urls_documents")),
    path("cases/", include("cases.urls")),
    path("exports/", include("exports.urls_jobs")),
    path("reports/", include("exports.urls_reports")),
    path("dashboard/", include("dashboards.urls")),
    path("persons/", include("intake.urls")),
    path("reminders/", include("cases.urls_reminders")),
    path("approvals/", include("cases.urls_approvals")),
    path("supervision/", include("supervision.urls")),
    path("supervision/signals/", include("supervision.urls_signals")),
    path("bulletins/", include("supervision.urls_bulletins")),
    path("notifications/", include("notifications.urls")),
    path("attachments/", include("attachments.urls")),
    path("public/", include("public.urls")),
    path("audit/", include("audit.urls")),
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
]

handler404 = "accounts.views.not_found"
handler403 = "accounts.views.forbidden"
handler500 = "accounts.views.server_error"
