"""The case ledger's Excel export and background jobs, mounted under /exports/ in xinfang/urls.py."""

from django.urls import path

from exports import views

app_name = "exports"
urlpatterns = [
    path("ledger.xlsx", views.ledger_xlsx, name="ledger"),
    path("jobs/<int:job_id>/", views.job_page, name="job"),
]
