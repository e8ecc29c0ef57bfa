from django.urls import path

from cases import reminder_views

app_name = "reminders"
urlpatterns = [
    path("", reminder_views.reminder_list, name="list"),
    path("scan/", reminder_views.run_scan, name="scan"),
]
