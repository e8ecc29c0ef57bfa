from django.urls import path

from attachments import views

app_name = "attachments"
urlpatterns = [
    path("", views.upload, name="upload"),
    path("<int:attachment_id>/", views.download, name="download"),
    path("<int:attachment_id>/void/", views.void, name="void"),
]
