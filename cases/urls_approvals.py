from django.urls import path

from cases import approval_views

app_name = "approvals"
urlpatterns = [
    path("", approval_views.approval_list, name="list"),
    path("<int:approval_id>/approve/", approval_views.decide, {"name": "approve"}, name="approve"),
    path("<int:approval_id>/send-back/", approval_views.decide, {"name": "send_back"}, name="send_back"),
]
