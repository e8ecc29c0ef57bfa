"""What a district leader sees beyond their linked units: the days they lead or are invited to, with
the registrations and cases of those days, read only (through the pages and the API alike)."""

import pytest

from accounts.models import Role
from cases.models import Case
from conftest import _make_user
from intake.models import Registration
from intake.tests.factories import register_matter
from units.models import Category, DistrictLeader, Unit
from workdays.models import SignIn, WorkDay

pytestmark = pytest.mark.django_db


@pytest.fixture
def tuqiao_clerk(reference):
    return _make_user("tuqiao_clerk", "土桥镇", Role.CLERK)


@pytest.fixture
def tuqiao_days(clock, tuqiao_clerk, district_leader, plan_workday):
    """Three days of 土桥镇 (not linked to the leader): one they are invited to, held with a matter
    registered; one they are not invited to, held too; one they are invited to and declined."""
    clock.set("2026-11-20 10:00")
    leader = district_leader.district_leader
    invited = plan_workday(tuqiao_clerk, "2026-12-10", invited_leaders=[leader])
    other = plan_workday(tuqiao_clerk, "2026-12-10")
    declined = plan_workday(tuqiao_clerk, "2026-12-17", invited_leaders=[leader])
    declined.invitations.update(answer="declined")
    clock.set("2026-12-10 10:00")
    cases = {}
    for day in (invited, other):
        registration, _ = register_matter(
            workday=day, actor=tuqiao_clerk, petitioners=[{"name": "孙秀兰", "id_number": "500224198501012314", "phone": "13709012349"}],
            kind="request", category=Category.objects.get(name="欠薪讨薪"), territory=Unit.objects.get(name="土桥镇"),
            content="耕地补贴未到账", disposition="refer", channel="区农业农村委",
        )
        cases[day.pk] = registration.case
    return {"invited": invited, "other": other, "declined": declined, "cases": cases}


def _status(client, path):
    return client.get(path).status_code


def test_an_invited_leader_reads_the_day_its_registrations_and_cases(client, district_leader, tuqiao_days):
    client.force_login(district_leader)
    invited, other = tuqiao_days["invited"], tuqiao_days["other"]
    seen_case, unseen_case = tuqiao_days["cases"][invited.pk], tuqiao_days["cases"][other.pk]
    registration = Registration.objects.get(workday=invited)
    for path in (
        f"/workdays/{invited.pk}/", f"/api/v1/workdays/{invited.pk}", f"/api/v1/workdays/{invited.pk}/registrations",
        f"/workdays/{invited.pk}/registrations/{registration.pk}/", f"/cases/{seen_case.pk}/", f"/api/v1/cases/{seen_case.pk}",
        f"/workdays/{tuqiao_days['declined'].pk}/",
    ):
        assert _status(client, path) == 200, path
    for path in (
        f"/workdays/{other.pk}/", f"/api/v1/workdays/{other.pk}", f"/api/v1/workdays/{other.pk}/registrations",
        f"/cases/{unseen_case.pk}/", f"/api/v1/cases/{unseen_case.pk}",
    ):
        assert _status(client, path) == 404, path
    listed = {w["id"] for w in client.get("/api/v1/workdays?page_size=200").json()["items"]}
    assert {invited.pk, tuqiao_days["declined"].pk} <= listed and other.pk not in listed
    cases = {c["id"] for c in client.get("/api/v1/cases?page_size=200").json()["items"]}
    assert seen_case.pk in cases and unseen_case.pk not in cases
    page = client.get("/workdays/").content.decode()
    assert f"/workdays/{invited.pk}/" in page and f"/workdays/{other.pk}/" not in page
    # The person's page shows the matter of the day they were invited to (its case is visible).
    person = registration.petitioners.first().person
    page = client.get(f"/persons/{person.pk}/")
    assert page.status_code == 200
    assert f"/cases/{seen_case.pk}/" in page.content.decode() and f"/cases/{unseen_case.pk}/" not in page.content.decode()


def test_the_days_of_linked_units_stay_visible(client, district_leader, plan_workday, town_clerk, clock):
    clock.set("2026-11-20 10:00")
    day = plan_workday(town_clerk, "2026-12-10")  # 巴川街道: the leader liaises with it, no invitation
    client.force_login(district_leader)
    assert _status(client, f"/workdays/{day.pk}/") == 200 and _status(client, f"/api/v1/workdays/{day.pk}") == 200


def test_the_invited_leader_writes_nothing(client, district_leader, tuqiao_days):
    client.force_login(district_leader)
    day = tuqiao_days["invited"]
    case = tuqiao_days["cases"][day.pk]
    registration = Registration.objects.get(workday=day)
    page = client.get(f"/workdays/{day.pk}/").content.decode()
    assert f"/workdays/{day.pk}/sign-ins/" not in page and f"/workdays/{day.pk}/register/" not in page
    assert client.post(f"/workdays/{day.pk}/sign-ins/", {"name": "王建国"}).status_code == 403
    sign_in = client.post(f"/api/v1/workdays/{day.pk}/sign-ins", {"name": "王建国"}, content_type="application/json")
    assert sign_in.status_code == 403
    leader = district_leader.district_leader
    answer = client.post(f"/api/v1/workdays/{day.pk}/invitations/{leader.pk}", {"answer": "accepted"}, content_type="application/json")
    assert answer.status_code == 403
    withdraw = client.post(f"/api/v1/registrations/{registration.pk}/withdraw", {"reason": "误录"}, content_type="application/json")
    assert withdraw.status_code == 403
    void = client.post(f"/api/v1/cases/{case.pk}/void", {"reason": "重复", "version": case.version}, content_type="application/json")
    assert void.status_code == 403
    assert not SignIn.objects.filter(workday=day, name="王建国").exists()
    assert Case.objects.get(pk=case.pk).status == case.status


def test_the_leading_district_leader_reads_the_joint_office_day(client, clock, supervisor, district_leader, workday_factory, reference):
    clock.set("2026-11-20 10:00")
    office = Unit.objects.get(name="区信访工作联席会议办公室")
    leader = district_leader.district_leader
    led = workday_factory(host_unit=office, actor=supervisor, date="2026-12-10", leading_district_leader=leader)
    other_leader = DistrictLeader.objects.create(name="李秀英", title="副区长")
    not_led = workday_factory(host_unit=office, actor=supervisor, date="2026-12-11", leading_district_leader=other_leader)
    client.force_login(district_leader)
    assert _status(client, f"/workdays/{led.pk}/") == 200 and _status(client, f"/api/v1/workdays/{led.pk}") == 200
    assert _status(client, f"/workdays/{not_led.pk}/") == 404 and _status(client, f"/api/v1/workdays/{not_led.pk}") == 404


def test_the_list_costs_the_same_queries_for_more_invited_days(client, clock, district_leader, tuqiao_clerk, plan_workday, monkeypatch):
    from workcal import calendar

    # The calendar index looks at the database at most once a second: frozen, it looks once (warm-up).
    monkeypatch.setattr(calendar, "_monotonic", lambda: 0.0)
    from units.models import UnitOfficial
    from workdays.services import sign_in_add

    UnitOfficial.objects.create(unit=Unit.objects.get(name="土桥镇"), name="李明", post="党委书记", is_principal=True)
    clock.set("2026-11-20 10:00")
    leader = district_leader.district_leader

    def held_day(date):
        day = plan_workday(tuqiao_clerk, date, invited_leaders=[leader], participants=["李明（党委书记）", "何平（镇长）"])
        clock.set(f"{date} 10:00")
        sign_in_add(workday=day, actor=tuqiao_clerk, name="何平")
        clock.set("2026-11-20 10:00")

    held_day("2026-12-10")
    client.force_login(district_leader)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count(path):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(path).status_code == 200
        return len(queries)

    count("/api/v1/workdays"), count("/workdays/")  # warm up (the calendar index, the session)
    one = (count("/api/v1/workdays"), count("/workdays/"))
    for date in ("2026-12-11", "2026-12-14", "2026-12-15"):
        held_day(date)
    assert (count("/api/v1/workdays"), count("/workdays/")) == one
    items = client.get("/api/v1/workdays").json()["items"]
    assert all("principal_absent" in w["flags"] and w["absent_participants"] == ["李明（党委书记）"] for w in items)
    assert WorkDay.objects.filter(invitations__leader=leader).count() == 4
