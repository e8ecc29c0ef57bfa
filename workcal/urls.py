from django.urls import path

from workcal import views

app_name = "workcal"
urlpatterns = [
    path("", views.year, name="year"),
    path("day/", views.set_day, name="set_day"),
    path("confirm/", views.confirm_year, name="confirm_year"),
    path("import/", views.import_notice, name="import_notice"),
]
