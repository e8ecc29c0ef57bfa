from django.urls import path

from public import views

app_name = "public"
urlpatterns = [
    path("", views.index, name="index"),
    path("notices/<int:workday_id>/", views.notice, name="notice"),
    path("results/<int:workday_id>/", views.results, name="results"),
]
