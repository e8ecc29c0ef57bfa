import pytest
from django.urls import reverse

from units.models import Unit

pytestmark = pytest.mark.django_db


URL = reverse("supervision:compliance")


def _rows(response) -> dict[str, dict[str, str]]:
    """{unit name: {period: state}} from the page's context."""
    return {
        row.unit.name: {cell.period.code: cell.state for cell in row.cells}
        for group in response.context["groups"]
        for row in group.rows
    }


def test_it_requires_login(client, reference):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_it_shows_a_town_compliant_in_the_quarter_it_held_a_day(client, supervisor, held_in_q4):
    client.force_login(supervisor)
    response = client.get(URL, {"year": 2026})
    assert response.status_code == 200
    rows = _rows(response)
    assert rows["巴川街道"]["2026Q4"] == "ok"
    assert rows["巴川街道"]["2026Q3"] == "missing"
    assert rows["土桥镇"]["2026Q4"] == "unplanned"  # Q4 is not over on 12-20


def test_it_counts_held_required_and_planned_in_each_cell(client, supervisor, held_in_q4):
    client.force_login(supervisor)
    page = client.get(URL, {"year": 2026}).content.decode()
    assert "已开展 1/1" in page
    assert "已计划 1" in page


def test_it_shows_a_planned_day_as_pending_until_it_is_held(client, clock, supervisor, town_clerk, plan_workday):
    clock.set("2026-12-01 09:00")
    plan_workday(town_clerk, "2026-12-10")
    client.force_login(supervisor)
    assert _rows(client.get(URL, {"year": 2026}))["巴川街道"]["2026Q4"] == "pending"


def test_it_counts_flagged_days(client, supervisor, held_in_q4):
    # No screening, no leader informed, no notice: the day is flagged.
    client.force_login(supervisor)
    response = client.get(URL, {"year": 2026})
    cell = next(
        c
        for g in response.context["groups"]
        for r in g.rows
        if r.unit.name == "巴川街道"
        for c in r.cells
        if c.period.code == "2026Q4"
    )
    assert cell.flagged == 1
    assert "1 次活动有问题" in response.content.decode()


def test_it_links_each_cell_to_the_units_work_days_of_the_period(client, supervisor, held_in_q4):
    client.force_login(supervisor)
    page = client.get(URL, {"year": 2026}).content.decode()
    unit_id = Unit.objects.get(name="巴川街道").pk
    assert f"/workdays/?unit={unit_id}&amp;from=2026-10-01&amp;to=2026-12-31" in page


def test_it_has_rows_for_key_departments_only(client, supervisor, held_in_q4):
    client.force_login(supervisor)
    rows = _rows(client.get(URL, {"year": 2026}))
    assert set(rows["区住房城乡建委"]) == {"2026Q1", "2026Q2", "2026Q3", "2026Q4"}
    assert "区发展改革委" not in rows  # not a key petition department


def test_it_gives_the_joint_office_half_years(client, supervisor, held_in_q4):
    client.force_login(supervisor)
    response = client.get(URL, {"year": 2026})
    assert set(_rows(response)["区信访工作联席会议办公室"]) == {"2026H1", "2026H2"}
    groups = [(g.key, [code for code, _label in g.periods]) for g in response.context["groups"]]
    assert groups[0] == ("joint_office", ["2026H1", "2026H2"])
    assert [key for key, _codes in groups] == ["joint_office", "territories", "departments"]


def test_it_shows_a_town_clerk_only_their_own_unit(client, town_clerk, held_in_q4):
    client.force_login(town_clerk)
    response = client.get(URL, {"year": 2026})
    assert response.status_code == 200
    assert set(_rows(response)) == {"巴川街道"}


def test_it_hides_another_towns_row(client, other_town_clerk, held_in_q4):
    client.force_login(other_town_clerk)
    page = client.get(URL, {"year": 2026}).content.decode()
    assert "巴川街道" not in page
    assert "土桥镇" in page


def test_it_shows_a_district_leader_their_linked_units(client, district_leader, held_in_q4):
    client.force_login(district_leader)
    assert set(_rows(client.get(URL, {"year": 2026}))) == {"巴川街道", "区住房城乡建委"}


def test_it_explains_the_rules_and_the_colours(client, supervisor, reference):
    client.force_login(supervisor)
    page = client.get(URL).content.decode()
    assert "每半年" in page and "每季度" in page
    assert "仅重点信访部门" in page
    for state in ("ok", "missing", "pending", "unplanned"):
        assert f"swatch state-{state}" in page


@pytest.mark.parametrize("year", ["abc", "1899", "9999", "0000", "20266", "-1"])
def test_it_falls_back_to_this_year_on_a_bad_year(client, clock, supervisor, reference, year):
    clock.set("2026-12-20 09:00")
    client.force_login(supervisor)
    response = client.get(URL, {"year": year})
    assert response.status_code == 200
    assert response.context["year"] == 2026
    assert 'role="alert"' in response.content.decode()


def test_it_shows_the_current_year_by_default(client, clock, supervisor, reference):
    clock.set("2027-03-01 09:00")
    client.force_login(supervisor)
    response = client.get(URL)
    assert response.context["year"] == 2027
    assert '<option value="2027" selected>' in response.content.decode()
