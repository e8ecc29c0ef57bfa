"""The notice's poster, for the host unit's staff (login required). Mounted under
/workdays/ in xinfang/urls.py, next to workdays.urls; no namespace, so the names stay as they are."""

from django.urls import path

from public import views

urlpatterns = [
    path("<int:workday_id>/notice/poster/", views.notice_poster, name="workdays_notice_poster"),
]
