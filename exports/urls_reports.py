"""The joint office's reports, mounted under /reports/ in xinfang/urls.py."""

from django.urls import path

from exports import views

app_name = "reports"
urlpatterns = [
    path("periodic/", views.periodic_page, name="periodic"),
]
