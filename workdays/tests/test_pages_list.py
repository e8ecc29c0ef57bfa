"""The Work Day list and month calendar: /workdays/."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.fixture
def days(clock, town_clerk, other_town_clerk, plan_workday):
    clock.set("2026-11-20 10:00")
    return plan_workday(town_clerk, "2026-12-10"), plan_workday(other_town_clerk, "2026-12-03", place="土桥广场")


def test_it_lists_only_the_units_own_days(client, town_clerk, days):
    client.force_login(town_clerk)
    response = client.get("/workdays/")
    assert response.status_code == 200
    assert [row["workday"] for row in response.context["rows"]] == [days[0]]
    page = response.content.decode()
    assert "巴川广场" in page and "土桥广场" not in page
    assert "已计划" in page and "制定群众工作日计划" in page


def test_it_lists_all_units_newest_first_for_the_joint_office_with_a_unit_filter(client, supervisor, days):
    client.force_login(supervisor)
    response = client.get("/workdays/")
    assert [row["workday"] for row in response.context["rows"]] == [days[0], days[1]]
    response = client.get(f"/workdays/?unit={days[1].host_unit_id}")
    assert [row["workday"] for row in response.context["rows"]] == [days[1]]
    assert client.get("/workdays/?unit=abc").status_code == 200


def test_it_counts_the_flags(client, clock, town_clerk, days):
    clock.set("2026-12-06 10:00")  # screening and notice both missing by now
    client.force_login(town_clerk)
    response = client.get("/workdays/")
    assert {f.code for f in response.context["rows"][0]["flags"]} == {"screening_missing", "notice_missing"}
    assert "2 项提示" in response.content.decode()


def test_it_shows_a_month_calendar(client, supervisor, days):
    client.force_login(supervisor)
    response = client.get("/workdays/?view=calendar&month=2026-12")
    assert response.status_code == 200
    cells = {cell.date.isoformat(): cell for week in response.context["grid"] for cell in week}
    assert cells["2026-12-10"].workdays == [days[0]] and cells["2026-12-03"].workdays == [days[1]]
    assert not cells["2026-12-05"].is_workday  # a Saturday
    page = response.content.decode()
    assert "2026年12月" in page and f"/workdays/{days[0].pk}/" in page


@pytest.mark.parametrize("month", ["2026-13", "abc", "0001-01", "1900-01", "2100-12", "9999-12"])
def test_it_falls_back_to_the_current_month_on_a_bad_month(client, town_clerk, days, month):
    client.force_login(town_clerk)
    response = client.get(f"/workdays/?view=calendar&month={month}")
    assert response.status_code == 200
    assert response.context["month"].isoformat() == "2026-11-01"


def test_it_hides_the_plan_button_from_a_district_leader(client, district_leader, days):
    client.force_login(district_leader)
    response = client.get("/workdays/")
    assert [row["workday"] for row in response.context["rows"]] == [days[0]]
    assert not response.context["may_plan"]


def test_it_narrows_to_a_period_and_a_status(client, clock, town_clerk, plan_workday):
    clock.set("2026-11-20 10:00")
    plan_workday(town_clerk, "2026-12-10", place="十二月广场")
    plan_workday(town_clerk, "2027-01-12", place="一月广场")
    client.force_login(town_clerk)
    body = client.get("/workdays/?from=2027-01-01&to=2027-03-31").content.decode()
    assert "一月广场" in body and "十二月广场" not in body
    assert "一月广场" not in client.get("/workdays/?status=held").content.decode()
    assert client.get("/workdays/?from=not-a-date&status=bogus").status_code == 200
