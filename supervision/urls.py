from django.urls import path

from supervision import order_views, views

app_name = "supervision"
urlpatterns = [
    path("compliance/", views.compliance, name="compliance"),
    path("orders/", order_views.order_list, name="orders"),
    path("orders/propose/", order_views.proposals_scan, name="orders_propose"),
    path("orders/proposals/<int:proposal_id>/dismiss/", order_views.proposal_dismiss, name="proposal_dismiss"),
    path("orders/case/<int:case_id>/issue/", order_views.order_issue, name="order_issue"),
    path("orders/<int:order_id>/respond/", order_views.order_respond, name="order_respond"),
]
