"""Mounted at /dashboard/ in xinfang/urls.py."""

from django.urls import path

from dashboards import views

app_name = "dashboards"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
]
