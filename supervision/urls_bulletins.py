from django.urls import path

from supervision import signal_views

app_name = "bulletins"
urlpatterns = [
    path("", signal_views.bulletin_list, name="list"),
    path("new/", signal_views.bulletin_create, name="create"),
    path("<int:bulletin_id>/", signal_views.bulletin_detail, name="detail"),
    path("<int:bulletin_id>/edit/", signal_views.bulletin_edit, name="edit"),
    path("<int:bulletin_id>/issue/", signal_views.bulletin_issue, name="issue"),
]
