from django.urls import path

from cases import views

app_name = "cases"
urlpatterns = [
    path("", views.case_list, name="list"),
    path("<int:case_id>/", views.case_detail, name="detail"),
    path("<int:case_id>/personal-data/", views.personal_data, name="personal_data"),
    path("<int:case_id>/assign/", views.assign, name="assign"),
    path("<int:case_id>/receive/", views.receive, name="receive"),
    path("<int:case_id>/return/", views.return_case, name="return"),
    path("<int:case_id>/assist-opinion/", views.assist_opinion, name="assist_opinion"),
    path("<int:case_id>/feedback/", views.feedback, name="feedback"),
    path("<int:case_id>/reply/", views.reply, name="reply"),
    path("<int:case_id>/rate/", views.rate, name="rate"),
    path("<int:case_id>/revisit/", views.revisit, name="revisit"),
    path("<int:case_id>/close/", views.close, name="close"),
    path("<int:case_id>/void/", views.void, name="void"),
]
