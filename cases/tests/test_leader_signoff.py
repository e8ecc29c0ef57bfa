"""The leading district leader of a joint-office day acts on it as its leader: they sign off its
report and results drafts (审核签发) through the day's page, the approvals page and the API, as a
unit leader does for their unit's days; nobody else among the district leaders may."""

import pytest

from accounts.models import Role
from cases.models import Approval, ApprovalStatus
from conftest import _make_user
from units.models import DistrictLeader, DistrictSettings, Unit
from workdays import services
from workdays.models import Status, WorkDay

pytestmark = pytest.mark.django_db


@pytest.fixture
def other_leader(reference):
    """A district leader invited to the day but not leading it."""
    leader = DistrictLeader.objects.create(name="李秀英", title="副区长")
    user = _make_user("leader_li", "铜梁区", Role.DISTRICT_LEADER)
    user.district_leader = leader
    user.save(update_fields=["district_leader"])
    return user


@pytest.fixture
def drafted_day(clock, supervisor, district_leader, other_leader, workday_factory):
    """A joint-office day led by 王建国 (李秀英 invited), held, its report drafted under sign-off."""
    clock.set("2026-11-20 10:00")
    office = Unit.objects.get(name="区信访工作联席会议办公室")
    day = workday_factory(
        host_unit=office, actor=supervisor, date="2026-12-10",
        leading_district_leader=district_leader.district_leader, invited_leaders=[other_leader.district_leader],
    )
    clock.set("2026-12-10 10:00")
    services.sign_in_add(workday=day, actor=supervisor, name="王建国")
    DistrictSettings.objects.update(signoff_required=True)
    services.report_submit(workday=WorkDay.objects.get(pk=day.pk), actor=supervisor, summary="接待群众12人次")
    return WorkDay.objects.get(pk=day.pk)


def test_the_leading_leader_sees_the_draft_on_the_day_the_list_and_home(client, drafted_day, district_leader):
    approval = Approval.objects.get(workday=drafted_day)
    client.force_login(district_leader)
    day_page = client.get(f"/workdays/{drafted_day.pk}/").content.decode()
    assert 'data-testid="signoff-draft"' in day_page and f"/approvals/{approval.pk}/approve/" in day_page
    listing = client.get("/approvals/").content.decode()
    assert "接待群众12人次" in listing and f"/approvals/{approval.pk}/approve/" in listing
    assert [a["id"] for a in client.get("/api/v1/approvals").json()["items"]] == [approval.pk]
    assert "/approvals/" in client.get("/", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()


def test_an_invited_leader_reads_the_day_but_neither_sees_nor_decides_the_draft(client, drafted_day, other_leader):
    approval = Approval.objects.get(workday=drafted_day)
    client.force_login(other_leader)
    day_page = client.get(f"/workdays/{drafted_day.pk}/")
    assert day_page.status_code == 200 and f"/approvals/{approval.pk}/approve/" not in day_page.content.decode()
    assert client.get("/api/v1/approvals").json()["items"] == []
    assert client.post(f"/approvals/{approval.pk}/approve/").status_code == 403
    assert client.post(f"/api/v1/approvals/{approval.pk}/approve").status_code == 403
    assert Approval.objects.get(pk=approval.pk).status == ApprovalStatus.PENDING


@pytest.mark.parametrize("door", ["page", "api"])
def test_the_leading_leader_approves_the_report_then_the_results(client, drafted_day, district_leader, supervisor, door):
    def approve(approval):
        if door == "page":
            response = client.post(f"/approvals/{approval.pk}/approve/", {"back": "target"})
            assert response.status_code == 302 and response["Location"] == f"/workdays/{drafted_day.pk}/"
        else:
            assert client.post(f"/api/v1/approvals/{approval.pk}/approve").status_code == 200

    client.force_login(district_leader)
    approve(Approval.objects.get(workday=drafted_day, kind="report"))
    day = WorkDay.objects.get(pk=drafted_day.pk)
    assert day.status == Status.REPORTED and day.report.summary == "接待群众12人次"
    services.results_publish(workday=day, actor=supervisor)
    approve(Approval.objects.get(workday=drafted_day, kind="results"))
    assert WorkDay.objects.get(pk=drafted_day.pk).status == Status.RESULTS_PUBLISHED
    # A decided draft is not decided twice (409 at both doors).
    decided = Approval.objects.get(workday=drafted_day, kind="report")
    assert client.post(f"/approvals/{decided.pk}/approve/").status_code == 409
    assert client.post(f"/api/v1/approvals/{decided.pk}/approve").status_code == 409


@pytest.mark.parametrize("door", ["page", "api"])
def test_the_leading_leader_sends_a_draft_back_with_a_reason(client, drafted_day, district_leader, door):
    approval = Approval.objects.get(workday=drafted_day)
    client.force_login(district_leader)
    if door == "page":
        assert client.post(f"/approvals/{approval.pk}/send-back/", {"reason": ""}).status_code == 400
        assert client.post(f"/approvals/{approval.pk}/send-back/", {"reason": "补充群众诉求分类"}).status_code == 302
    else:
        url = f"/api/v1/approvals/{approval.pk}/send-back"
        assert client.post(url, {"reason": ""}, content_type="application/json").status_code == 400
        assert client.post(url, {"reason": "补充群众诉求分类"}, content_type="application/json").status_code == 200
    assert Approval.objects.get(pk=approval.pk).status == ApprovalStatus.SENT_BACK
    assert WorkDay.objects.get(pk=drafted_day.pk).status == Status.HELD


def test_a_leader_leading_a_units_day_does_not_sign_it_off(client, clock, town_clerk, district_leader, plan_workday):
    """On a town's day the town's own leaders sign off; the district leader only reads it."""
    clock.set("2026-11-20 10:00")
    day = plan_workday(town_clerk, "2026-12-10", leading_district_leader=district_leader.district_leader)
    clock.set("2026-12-10 10:00")
    services.sign_in_add(workday=day, actor=town_clerk, name="张伟")
    DistrictSettings.objects.update(signoff_required=True)
    services.report_submit(workday=WorkDay.objects.get(pk=day.pk), actor=town_clerk)
    approval = Approval.objects.get(workday=day)
    client.force_login(district_leader)
    assert client.get(f"/workdays/{day.pk}/").status_code == 200
    assert client.post(f"/api/v1/approvals/{approval.pk}/approve").status_code == 403
