import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse
from django.utils import timezone

from workdays.models import WorkDay

pytestmark = pytest.mark.django_db


def test_it_returns_404_before_the_notice_is_published(client, planned_day):
    response = client.get(reverse("public:notice", args=[planned_day.pk]))
    assert response.status_code == 404


def test_it_shows_the_published_notice_without_login(client, published_day):
    response = client.get(reverse("public:notice", args=[published_day.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    assert "巴川街道关于开展“群众工作日”活动的公告" in page
    for text in (
        "2026年12月7日",
        "星期一",
        "09:00",
        "12:00",
        "巴川广场",
        "玉皇村、金龙社区",
        "张伟",
        "党工委书记、办事处主任",
        "李明（区委常委）",
        "区住房城乡建委",
        "接待群众来访",
        "现场答复诉求",
        "登记、分流、答复",
        "2026年12月1日",  # publication date
    ):
        assert text in page, text


def test_it_offers_a_print_layout_for_an_a4_poster(client, published_day):
    page = client.get(reverse("public:notice", args=[published_day.pk])).content.decode()
    assert "data-print" in page and "/static/js/print.js" in page  # bound by a file: the CSP allows no inline handler
    assert "public/notice.css" in page
    with open(finders.find("public/notice.css"), encoding="utf-8") as css:
        stylesheet = css.read()
    assert "@page { size: A4; margin: 18mm }" in stylesheet
    assert ".topbar, .no-print" in stylesheet


def test_it_returns_404_for_a_voided_day(client, published_day):
    WorkDay.objects.filter(pk=published_day.pk).update(status="voided", voided_at=timezone.now(), void_reason="重复录入")
    assert client.get(reverse("public:notice", args=[published_day.pk])).status_code == 404


def test_it_returns_404_for_an_unknown_day(client, reference):
    assert client.get("/public/notices/999999/").status_code == 404


def test_it_shows_no_navigation_to_a_visitor(client, published_day):
    page = client.get(reverse("public:notice", args=[published_day.pk])).content.decode()
    assert 'class="mainnav"' not in page
