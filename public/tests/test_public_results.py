import pytest
from django.urls import reverse

from cases.handling import case_close, case_reply, case_void
from cases.models import Case, CaseStatus
from public.tests.conftest import ID_NUMBER, PHONE, register
from workdays.services import report_submit, results_publish

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


def test_it_shows_the_default_public_summary_and_no_internal_text(client, results_day):
    page = client.get(reverse("public:results", args=[results_day.pk])).content.decode()
    case = Case.objects.select_related("category").filter(workday=results_day).first()
    assert f"{case.category.name} · " in page
    for internal in ("已联系供电所，三日内修复路灯。", "小区排水管道堵塞", "路灯损坏"):
        assert internal not in page, internal


def test_a_reply_naming_the_citizen_never_reaches_the_public_page(client, clock, town_clerk, published_day):
    """The defect: the reply "已电话告知陈志刚本人" was published verbatim next to his 低保 matter."""
    clock.set("2026-12-07 09:30")
    register(published_day, town_clerk, name="陈志刚", disposition="time_limit", content="申请低保被拒，要求复核")
    case = Case.objects.get(workday=published_day)
    case_reply(case=case, actor=town_clerk, version=case.version, content="已电话告知陈志刚本人，低保复核通过。", concluded=True)
    clock.set("2026-12-07 17:00")
    report_submit(workday=published_day, actor=town_clerk)
    results_publish(workday=published_day, actor=town_clerk)
    page = client.get(reverse("public:results", args=[published_day.pk])).content.decode()
    assert "陈**" in page
    assert "陈志刚" not in page
    assert "低保复核通过" not in page and "申请低保被拒" not in page


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
    assert "已疏通排水管道，并安排每月巡查。" not in page  # a reply is internal text
    case.refresh_from_db()
    case_close(case=case, actor=supervisor, version=case.version)
    assert "已办结" in client.get(url).content.decode()


def test_it_counts_the_matters_by_disposition(client, results_day):
    page = client.get(reverse("public:results", args=[results_day.pk])).content.decode()
    assert "当场答复 <strong>1</strong>" in page
    assert "承诺解决时限 <strong>1</strong>" in page
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
    clock.set("2027-01-07 10:00")  # day + 31
    results_publish(workday=held_day, actor=town_clerk)
    page = client.get(reverse("public:results", args=[held_day.pk])).content.decode()
    assert 'data-testid="published-late"' in page
    assert "2027年1月6日" in page


def test_it_shows_the_date_promised_to_the_citizen(client, results_day):
    from cases.models import Case

    promised = Case.objects.get(workday=results_day, registration__disposition="time_limit").promised_due
    page = client.get(f"/public/results/{results_day.pk}/").content.decode()
    assert f"承诺{promised:%Y-%m-%d}前解决" in page
