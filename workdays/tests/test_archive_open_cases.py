"""Archive rules (R12): a day is archived after its results are published; while cases of its
registrations are open it is archived only with a reason (without one: 409 listing them), and those
cases stay open in the ledger."""

import pytest

from cases import handling
from cases.models import Case, CaseStatus
from history.selectors import timeline_for
from workdays import services
from workdays.models import Status, WorkDay
from workdays.tests.test_analysis import matter

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(clock, town_clerk, plan_workday):
    """A day with its results published: one matter answered on the spot, one referred (open)."""
    clock.set("2026-11-20 10:00")
    day = plan_workday(town_clerk, "2026-12-10")
    clock.set("2026-12-10 10:00")
    answered = matter(day, town_clerk, name="甲", disposition="on_the_spot")
    referred = matter(day, town_clerk, name="乙", phone="13800138001")
    clock.set("2026-12-11 10:00")
    services.report_submit(workday=day, actor=town_clerk)
    services.results_publish(workday=day, actor=town_clerk)
    return WorkDay.objects.get(pk=day.pk), answered.case, referred.case


def close(case, supervisor):
    handling.case_close(case=Case.objects.get(pk=case.pk), actor=supervisor, version=Case.objects.get(pk=case.pk).version)


@pytest.mark.parametrize("door", ["page", "api"])
def test_without_a_reason_the_open_cases_refuse_the_archive(client, published, town_clerk, supervisor, door):
    day, answered, referred = published
    close(answered, supervisor)
    client.force_login(town_clerk)
    if door == "api":
        response = client.post(f"/api/v1/workdays/{day.pk}/archive", {}, content_type="application/json", HTTP_ACCEPT_LANGUAGE="zh-hans")
        assert response.status_code == 409
        assert response.json()["open_cases"] == [referred.pk]
        assert f"#{referred.pk}" in response.json()["detail"]
        # An empty reason is no reason; and a body may be left out entirely.
        assert client.post(f"/api/v1/workdays/{day.pk}/archive", {"reason": "  "}, content_type="application/json").status_code == 409
        assert client.post(f"/api/v1/workdays/{day.pk}/archive", content_type="application/json").status_code == 409
    else:
        response = client.post(f"/workdays/{day.pk}/archive/", {"reason": ""}, HTTP_ACCEPT_LANGUAGE="zh-hans")
        assert response.status_code == 409
        assert f"#{referred.pk}" in response.content.decode()
    day.refresh_from_db()
    assert day.status == Status.RESULTS_PUBLISHED and day.archive_reason == "" and day.archived_at is None


@pytest.mark.parametrize("door", ["page", "api"])
def test_with_a_reason_the_day_is_archived_and_its_cases_stay_open(client, published, town_clerk, door):
    day, answered, referred = published
    client.force_login(town_clerk)
    reason = "交办事项仍在办理，按期归档"
    if door == "api":
        response = client.post(f"/api/v1/workdays/{day.pk}/archive", {"reason": reason}, content_type="application/json")
        assert response.status_code == 200 and response.json()["status"] == "archived"
    else:
        assert client.post(f"/workdays/{day.pk}/archive/", {"reason": reason}).status_code == 302
    day.refresh_from_db()
    assert day.status == Status.ARCHIVED and day.archive_reason == reason
    entry = [e for e in timeline_for(day) if e.action == "archived"][-1]
    assert entry.note == reason
    # The ledger keeps them open, and they can still be handled.
    assert Case.objects.get(pk=referred.pk).status == CaseStatus.AWAITING_ASSIGNMENT
    assert Case.objects.get(pk=answered.pk).status == CaseStatus.ANSWERED
    listed = client.get("/api/v1/cases?status=awaiting_assignment").json()
    assert referred.pk in [c["id"] for c in listed["items"]]
    page = client.get(f"/workdays/{day.pk}/", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert reason in page[page.index('id="archive"'):]


def test_a_day_whose_cases_are_all_closed_or_voided_archives_without_a_reason(client, published, town_clerk, supervisor):
    day, answered, referred = published
    close(answered, supervisor)
    case = Case.objects.get(pk=referred.pk)
    handling.case_void(case=case, actor=supervisor, version=case.version, reason="重复录入")
    client.force_login(town_clerk)
    response = client.post(f"/api/v1/workdays/{day.pk}/archive", {"reason": "不需要的说明"}, content_type="application/json")
    assert response.status_code == 200
    day.refresh_from_db()
    assert day.status == Status.ARCHIVED and day.archive_reason == ""


def test_the_archive_section_lists_the_open_cases_and_asks_for_a_reason(client, published, town_clerk, supervisor):
    day, answered, referred = published
    close(answered, supervisor)
    client.force_login(town_clerk)
    page = client.get(f"/workdays/{day.pk}/", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    section = page[page.index('id="archive"'):]
    assert f"#{referred.pk}</a>" in section and f"#{answered.pk}</a>" not in section
    assert 'name="reason"' in section and "仍未办结" in section
    close_too = Case.objects.get(pk=referred.pk)
    handling.case_void(case=close_too, actor=supervisor, version=close_too.version, reason="重复录入")
    page = client.get(f"/workdays/{day.pk}/").content.decode()
    assert 'data-testid="open-cases"' not in page and 'name="reason"' not in page[page.index('id="archive"'):]


def test_the_archive_still_waits_for_the_results(client, clock, town_clerk, plan_workday):
    clock.set("2026-11-20 10:00")
    day = plan_workday(town_clerk, "2026-12-10")
    clock.set("2026-12-10 10:00")
    matter(day, town_clerk)
    client.force_login(town_clerk)
    response = client.post(f"/api/v1/workdays/{day.pk}/archive", {"reason": "先归档"}, content_type="application/json", HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert response.status_code == 409 and response.json()["detail"] == "结果公示后方可归档。"
    assert "open_cases" not in response.json()
