"""The official documents as .docx and the print pages (A4), for signed-in staff. Each view starts
with the access helper of its object's page, so what the page would answer 404 this answers 404 too."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from cases.selectors import access_case_by_id
from exports.documents import Document, assignment_document, assignment_of, bulletin_document, order_document
from exports.printing import planned_sign_in, registration_for_print, signed_sign_in
from exports.views import DOCX_TYPE, attachment
from intake.models import Disposition, Kind, Registration
from supervision import bulletins, orders
from workdays.selectors import access_workday_by_id


def docx_response(document: Document) -> HttpResponse:
    response = HttpResponse(document.docx(), content_type=DOCX_TYPE)
    response["Content-Disposition"] = attachment(document.filename, fallback=document.fallback)
    return response


# --- Lookups shared with the API (exports/api_documents.py) -------------------------------------------


def bulletin_for(user, bulletin_id: int):
    return get_object_or_404(bulletins.visible_bulletins(user), pk=bulletin_id)


def case_assignment_for(user, case_id: int):
    """The case as its page shows it, and the assignment its form is about (404 without one: a
    self-handled case has no 交办单)."""
    case = access_case_by_id(user, case_id)
    assignment = assignment_of(case)
    if assignment is None:
        raise Http404
    return case, assignment


def order_for(user, order_id: int):
    visible = orders.visible_orders(user).select_related("case__workday", "case__host_unit", "case__registration")
    return get_object_or_404(visible, pk=order_id)


# --- .docx ------------------------------------------------------------------------------------------


@login_required
@require_GET
def bulletin_docx(request: HttpRequest, bulletin_id: int) -> HttpResponse:
    return docx_response(bulletin_document(bulletin_for(request.user, bulletin_id)))


@login_required
@require_GET
def assignment_docx(request: HttpRequest, case_id: int) -> HttpResponse:
    return docx_response(assignment_document(*case_assignment_for(request.user, case_id)))


@login_required
@require_GET
def order_docx(request: HttpRequest, order_id: int) -> HttpResponse:
    return docx_response(order_document(order_for(request.user, order_id)))


# --- Print pages ------------------------------------------------------------------------------------


@login_required
@require_GET
def print_sign_in(request: HttpRequest, workday_id: int) -> HttpResponse:
    """The sign-in book as signed."""
    workday = access_workday_by_id(request.user, workday_id)
    context = {"workday": workday, "lines": signed_sign_in(workday), "blank": False}
    return render(request, "exports/print_sign_in.html", context)


@login_required
@require_GET
def print_sign_in_blank(request: HttpRequest, workday_id: int) -> HttpResponse:
    """The blank book for handwritten signatures, the planned participants listed."""
    workday = access_workday_by_id(request.user, workday_id)
    context = {"workday": workday, "lines": planned_sign_in(workday), "blank": True}
    return render(request, "exports/print_sign_in.html", context)


@login_required
@require_GET
def print_registration_form_blank(request: HttpRequest, workday_id: int) -> HttpResponse:
    """《群众工作日登记表》 with empty boxes, for a clerk at the square without a phone."""
    workday = access_workday_by_id(request.user, workday_id)
    context = {
        "workday": workday, "blank": True, "petitioner_rows": range(3),
        "kinds": Kind.choices, "dispositions": Disposition.choices,
    }
    return render(request, "exports/print_registration.html", context)


@login_required
@require_GET
def print_registration(request: HttpRequest, workday_id: int, registration_id: int) -> HttpResponse:
    """One registration as registered, ID numbers and phones masked."""
    workday = access_workday_by_id(request.user, workday_id)
    try:
        registration, number, petitioners = registration_for_print(workday, registration_id)
    except Registration.DoesNotExist:
        raise Http404 from None
    context = {
        "workday": workday, "blank": False, "registration": registration, "number": number,
        "petitioners": petitioners, "kinds": Kind.choices, "dispositions": Disposition.choices,
    }
    return render(request, "exports/print_registration.html", context)


@login_required
@require_GET
def print_assignment(request: HttpRequest, case_id: int) -> HttpResponse:
    """The 交办单 for printing: the same text as its .docx."""
    case, assignment = case_assignment_for(request.user, case_id)
    return render(request, "exports/print_assignment.html", {"case": case, "document": assignment_document(case, assignment)})
