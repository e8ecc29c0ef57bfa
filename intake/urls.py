from django.urls import path

from intake import views

app_name = "persons"
urlpatterns = [
    path("<int:person_id>/", views.person_detail, name="detail"),
    path("<int:person_id>/personal-data/", views.person_personal_data, name="personal_data"),
    path("<int:person_id>/correct/", views.person_correct, name="correct"),
]
