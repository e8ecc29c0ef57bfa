import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_it_lists_published_notices_of_upcoming_days(client, clock, published_day, plan_workday, other_town_clerk):
    unpublished = plan_workday(other_town_clerk, "2026-12-09", place="土桥场镇广场")
    response = client.get(reverse("public:index"))
    assert response.status_code == 200
    page = response.content.decode()
    assert reverse("public:notice", args=[published_day.pk]) in page
    assert reverse("public:notice", args=[unpublished.pk]) not in page
    assert "土桥场镇广场" not in page


def test_it_lists_days_with_published_results(client, results_day):
    page = client.get(reverse("public:index")).content.decode()
    assert reverse("public:results", args=[results_day.pk]) in page
    # The day is past: its notice is no longer among the upcoming ones.
    assert reverse("public:notice", args=[results_day.pk]) not in page


def test_it_answers_without_login_when_empty(client, reference):
    response = client.get(reverse("public:index"))
    assert response.status_code == 200
    assert "目前没有" in response.content.decode()
