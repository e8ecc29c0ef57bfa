import pytest
from django.urls import reverse

from cases.handling import case_close, case_reply, case_void
from cases.models import Case, CaseStatus
from public.tests.conftest import ID_NUMBER, PHONE

pytestmark = pytest.mark.django_db


def test_it_returns_404_before_the_results_are_published(client, held_day):
    assert client.get(reverse("public:results", args=[held_day.pk])).status_code == 404


def test_it_masks_names_and_shows_no_personal_data(client, results_day):
    response = client.get(reverse("public:results", args=[results_day.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    assert "张**" in page
    assert "欧***" in page
    for secret in ("张三丰", "欧阳明月", ID_NUMBER, PHONE, "玉皇村3组"):
        assert secret not in page, secret


def test_it_shows_the_answer_and_a_short_summary(client, results_day):
    page = client.get(reverse("public:results", args=[results_day.pk])).content.decode()
    assert "已联系供电所，三日内修复路灯。" in page
    long_content = "小区排水管道堵塞，雨天积水严重，" * 5
    assert long_content[:60] + "…" in page
    assert long_content not in page


def _open_case(workday):
    return Case.objects.get(registration__workday=workday, status=CaseStatus.HANDLING)


def test_it_shows_the_live_status_of_each_case(client, town_clerk, supervisor, results_day):
    url = reverse("public:results", args=[results_day.pk])
    assert "办理中" in client.get(url).content.decode()
    case = _open_case(results_day)
    case_reply(
        case=case, actor=town_clerk, version=case.version, content="已疏通排水管道，并安排每月巡查。", concluded=True
    )
    page = client.get(url).content.decode()
    assert "办理中" not in page
    assert "已答复" in page
    assert "已疏通排水管道，并安排每月巡查。" in page  # the reply is the result
    case.refresh_from_db()
    case_close(case=case, actor=supervisor, version=case.version)
    assert "已办结" in client.get(url).content.decode()


def test_it_counts_the_matters_by_disposition(client, results_day):
    page = client.get(reverse("public:results", args=[results_day.pk])).content.decode()
    assert "当场答复 <strong>1</strong>" in page
    assert "承诺限时办理 <strong>1</strong>" in page
    assert "指明反映渠道 <strong>0</strong>" in page


def test_it_leaves_out_voided_cases(client, supervisor, results_day):
    case = _open_case(results_day)
    case_void(case=case, actor=supervisor, version=case.version, reason="重复录入")
    page = client.get(reverse("public:results", args=[results_day.pk])).content.decode()
    assert "欧***" not in page
    assert "张**" in page


def test_it_is_not_flagged_when_published_in_time(client, results_day):
    page = client.get(reverse("public:results", args=[results_day.pk])).content.decode()
    assert 'data-testid="published-late"' not in page


def test_it_flags_results_published_late(client, clock, town_clerk, held_day):
    from workdays.services import results_publish

    clock.set("2027-01-07 10:00")  # day + 31
    results_publish(workday=held_day, actor=town_clerk)
    page = client.get(reverse("public:results", args=[held_day.pk])).content.decode()
    assert 'data-testid="published-late"' in page
    assert "2027年1月6日" in page
