"""The files, mounted under /workdays/ in xinfang/urls.py; no namespace, so the names stay as they are."""

from django.urls import path

from exports import views

urlpatterns = [
    path("<int:workday_id>/notice.docx", views.notice_docx, name="workdays_notice_docx"),
    path("<int:workday_id>/statistics.xlsx", views.statistics_xlsx, name="workdays_statistics_xlsx"),
]
