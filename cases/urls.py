from django.urls import path

from cases import views
from cases.transitions import TABLE

app_name = "cases"
urlpatterns = [
    path("", views.case_list, name="list"),
    path("<int:case_id>/", views.case_detail, name="detail"),
    path("<int:case_id>/personal-data/", views.personal_data, name="personal_data"),
    # One POST URL per step of the case's transition table, e.g. /cases/7/assist-opinion/.
    *(path(f"<int:case_id>/{t.slug}/", views.act, {"name": t.name}, name=t.name) for t in TABLE),
]
