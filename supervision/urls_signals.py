from django.urls import path

from supervision import signal_views

app_name = "signals"
urlpatterns = [
    path("", signal_views.signal_table, name="table"),
    path("cases/", signal_views.signal_cases, name="cases"),
]
