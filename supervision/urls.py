from django.urls import path

from supervision import views

app_name = "supervision"
urlpatterns = [
    path("compliance/", views.compliance, name="compliance"),
]
