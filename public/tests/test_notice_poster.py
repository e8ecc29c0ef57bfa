import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _login(client, user):
    client.force_login(user)


def test_it_requires_login(client, planned_day):
    response = client.get(reverse("workdays_notice_poster", args=[planned_day.pk]))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_it_is_a_draft_before_publication(client, town_clerk, planned_day):
    _login(client, town_clerk)
    response = client.get(reverse("workdays_notice_poster", args=[planned_day.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    assert 'class="watermark"' in page
    assert "草稿" in page
    assert "巴川街道关于开展“群众工作日”活动的公告" in page
    assert "public/notice.css" in page
    assert 'class="mainnav"' not in page


def test_it_has_no_watermark_once_published(client, town_clerk, published_day):
    _login(client, town_clerk)
    page = client.get(reverse("workdays_notice_poster", args=[published_day.pk])).content.decode()
    assert 'class="watermark"' not in page
    assert "巴川广场" in page


def test_it_returns_404_to_another_towns_clerk(client, other_town_clerk, planned_day):
    _login(client, other_town_clerk)
    assert client.get(reverse("workdays_notice_poster", args=[planned_day.pk])).status_code == 404


@pytest.mark.parametrize("viewer", ["supervisor", "district_leader"])
def test_it_opens_for_the_joint_office_and_the_linked_leader(client, request, viewer, planned_day):
    _login(client, request.getfixturevalue(viewer))
    assert client.get(reverse("workdays_notice_poster", args=[planned_day.pk])).status_code == 200


def test_it_marks_a_voided_day(client, town_clerk, published_day):
    from django.utils import timezone

    from workdays.models import WorkDay

    WorkDay.objects.filter(pk=published_day.pk).update(status="voided", voided_at=timezone.now(), void_reason="重复录入")
    _login(client, town_clerk)
    page = client.get(reverse("workdays_notice_poster", args=[published_day.pk])).content.decode()
    assert 'class="watermark"' in page
    assert "已作废" in page
