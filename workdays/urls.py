from django.urls import path

from workdays import activity_views, registration_views, views

app_name = "workdays"

# The day's steps of workdays/transitions.py, each posted from its section of the day's page.
STEPS = [
    ("inform-leader/", "inform", "inform_leader"),
    ("screening/", "screening", "screening_add"),
    ("notice/publish/", "notice", "notice_publish"),
    ("sign-ins/", "sign_in", "sign_in_add"),
    ("briefing/", "briefing", "briefing_record"),
    ("analysis/", "analysis", "analysis_record"),
    ("report/", "report", "report_submit"),
    ("report/forward/", "forward", "report_forward"),
    ("results/publish/", "results", "results_publish"),
    ("archive/", "archive", "archive"),
    ("postpone/", "postpone", "postpone"),
    ("cancel/", "cancel", "cancel"),
    ("void/", "void", "void"),
]

urlpatterns = [
    path("", views.workday_list, name="list"),
    path("new/", views.workday_new, name="new"),
    path("petitioners/lookup/", registration_views.petitioner_lookup, name="petitioner_lookup"),
    path("<int:workday_id>/", views.workday_detail, name="detail"),
    path("<int:workday_id>/edit/", views.workday_edit, name="edit"),
    path("<int:workday_id>/results/preview/", views.results_preview, name="results_preview"),
    path("<int:workday_id>/register/", registration_views.register, name="register"),
    path(
        "<int:workday_id>/registrations/<int:registration_id>/", registration_views.registration_detail, name="registration_detail"
    ),
    path(
        "<int:workday_id>/registrations/<int:registration_id>/withdraw/",
        registration_views.registration_withdraw,
        name="registration_withdraw",
    ),
    path(
        "<int:workday_id>/registrations/<int:registration_id>/correct/",
        registration_views.petitioner_correct,
        name="petitioner_correct",
    ),
    path("<int:workday_id>/activities/<str:kind>/", activity_views.activity_add, name="activity_add"),
    path("<int:workday_id>/relief/<int:activity_id>/outcome/", activity_views.relief_follow_up, name="relief_follow_up"),
    path("<int:workday_id>/screening/<int:item_id>/", activity_views.screening_update, name="screening_update"),
    *(path(f"<int:workday_id>/{route}", views.step, {"name": step}, name=name) for route, step, name in STEPS),
    # An invited leader's answer: the leader is named by the URL, as in the API.
    path("<int:workday_id>/invitations/<int:leader_id>/", views.step, {"name": "invitation"}, name="invitation_answer"),
]
