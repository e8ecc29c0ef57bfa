"""The files, mounted under /workdays/ in xinfang/urls.py; no namespace, so the names stay as they are."""

from django.urls import path

from exports import views, workday_views

urlpatterns = [
    path("<int:workday_id>/notice.docx", workday_views.notice_docx, name="workdays_notice_docx"),
    path("<int:workday_id>/notice-changes/<int:change_id>.docx", workday_views.change_docx, name="workdays_change_docx"),
    path("<int:workday_id>/report.docx", workday_views.report_docx, name="workdays_report_docx"),
    path("<int:workday_id>/dossier.zip", workday_views.dossier_zip, name="workdays_dossier_zip"),
    path("<int:workday_id>/statistics.xlsx", views.statistics_xlsx, name="workdays_statistics_xlsx"),
]
