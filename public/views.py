"""Pages without login (published notices and results), and the notice's print version for the
host unit's staff (with login, through the Work Day access helper)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef, prefetch_related_objects
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_GET

from cases.publication import disposition_counts, public_rows
from public.notice import NOTICE_PREFETCH, notice_for
from workdays.models import NoticeChange, Status, WorkDay
from workdays.rules import deadlines_for, results_on_time
from workdays.selectors import access_workday_by_id

RESULTS_PER_PAGE = 30


def _notice_queryset():
    return WorkDay.objects.select_related("host_unit", "leading_district_leader").prefetch_related(*NOTICE_PREFETCH)


def _public_workdays():
    """Voided days never appear on the public pages."""
    return WorkDay.objects.select_related("host_unit").exclude(status=Status.VOIDED)


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    postponed = NoticeChange.objects.filter(workday=OuterRef("pk"), kind=NoticeChange.Kind.POSTPONED)
    upcoming = (
        _public_workdays()
        .filter(notice_published_at__isnull=False, date__gte=today)
        .annotate(postponed=Exists(postponed))
        .order_by("date", "id")
    )
    published_results = _public_workdays().filter(results_published_at__isnull=False).order_by("-date", "-id")
    page = Paginator(published_results, RESULTS_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "public/index.html", {"upcoming": upcoming, "results_page": page})


@require_GET
def notice(request: HttpRequest, workday_id: int) -> HttpResponse:
    workday = get_object_or_404(
        _notice_queryset().exclude(status=Status.VOIDED), pk=workday_id, notice_published_at__isnull=False
    )
    return render(request, "public/notice.html", {"notice": notice_for(workday)})


@require_GET
def results(request: HttpRequest, workday_id: int) -> HttpResponse:
    workday = get_object_or_404(
        _public_workdays(), pk=workday_id, results_published_at__isnull=False
    )
    lines = public_rows(workday)
    context = {
        "workday": workday,
        "lines": lines,
        "counts": disposition_counts(lines),
        "people": sum(line.people_count for line in lines),
        "published_on": timezone.localdate(workday.results_published_at),
        "late": results_on_time(workday.date, workday.results_published_at) is False,
        "due": deadlines_for(workday.date).publication_due,
    }
    return render(request, "public/results.html", context)


@login_required
@require_GET
def notice_poster(request: HttpRequest, workday_id: int) -> HttpResponse:
    workday = access_workday_by_id(request.user, workday_id)
    prefetch_related_objects([workday], *NOTICE_PREFETCH)
    return render(request, "public/poster.html", {"notice": notice_for(workday)})
