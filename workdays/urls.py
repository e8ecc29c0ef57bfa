from django.urls import path

from workdays import registration_views, views

app_name = "workdays"
urlpatterns = [
    path("", views.workday_list, name="list"),
    path("new/", views.workday_new, name="new"),
    path("petitioners/lookup/", registration_views.petitioner_lookup, name="petitioner_lookup"),
    path("<int:workday_id>/", views.workday_detail, name="detail"),
    path("<int:workday_id>/inform-leader/", views.inform_leader, name="inform_leader"),
    path("<int:workday_id>/screening/", views.screening_add, name="screening_add"),
    path("<int:workday_id>/notice/publish/", views.notice_publish, name="notice_publish"),
    path("<int:workday_id>/sign-ins/", views.sign_in_add, name="sign_in_add"),
    path("<int:workday_id>/briefing/", views.briefing_record, name="briefing_record"),
    path("<int:workday_id>/register/", registration_views.register, name="register"),
    path(
        "<int:workday_id>/registrations/<int:registration_id>/", registration_views.registration_detail, name="registration_detail"
    ),
    path("<int:workday_id>/report/", views.report_submit, name="report_submit"),
    path("<int:workday_id>/report/forward/", views.report_forward, name="report_forward"),
    path("<int:workday_id>/results/publish/", views.results_publish, name="results_publish"),
    path("<int:workday_id>/archive/", views.workday_archive, name="archive"),
    path("<int:workday_id>/void/", views.workday_void, name="void"),
]
