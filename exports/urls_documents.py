"""The official documents (.docx) and the print pages, mounted at the site's root in xinfang/urls.py
so each sits under the path of its object's page. No namespace: the names are prefixed instead."""

from django.urls import path

from exports import document_views as views

urlpatterns = [
    path("bulletins/<int:bulletin_id>.docx", views.bulletin_docx, name="bulletin_docx"),
    path("cases/<int:case_id>/assignment.docx", views.assignment_docx, name="case_assignment_docx"),
    path("supervision/orders/<int:order_id>.docx", views.order_docx, name="supervision_order_docx"),
    path("cases/<int:case_id>/print/assignment/", views.print_assignment, name="print_assignment"),
    path("workdays/<int:workday_id>/print/sign-in/", views.print_sign_in, name="print_sign_in"),
    path("workdays/<int:workday_id>/print/sign-in/blank/", views.print_sign_in_blank, name="print_sign_in_blank"),
    path(
        "workdays/<int:workday_id>/print/registration-form/",
        views.print_registration_form_blank,
        name="print_registration_form",
    ),
    path(
        "workdays/<int:workday_id>/registrations/<int:registration_id>/print/",
        views.print_registration,
        name="print_registration",
    ),
]
