"""Object-level access with the named users."""

import pytest
from django.http import Http404

from accounts.access import access_unit_by_id, can_write_for_unit, is_supervisor, visible_units
from units.models import Unit

pytestmark = pytest.mark.django_db


def test_the_joint_office_sees_every_unit(supervisor):
    assert visible_units(supervisor).count() == Unit.objects.count()
    assert is_supervisor(supervisor)


def test_a_town_clerk_sees_only_their_town_and_its_villages(town_clerk, unit):
    village = Unit.objects.create(name="巴川街道某社区", kind="community", parent=unit("巴川街道"))
    assert set(visible_units(town_clerk)) == {unit("巴川街道"), village}
    assert not is_supervisor(town_clerk)


def test_a_town_clerk_gets_404_for_another_town(town_clerk, unit):
    with pytest.raises(Http404):
        access_unit_by_id(town_clerk, unit("土桥镇").pk)
    assert access_unit_by_id(town_clerk, unit("巴川街道").pk).name == "巴川街道"


def test_a_department_clerk_sees_only_their_department(dept_clerk):
    assert [u.name for u in visible_units(dept_clerk)] == ["区住房城乡建委"]


def test_a_district_leader_sees_the_linked_units(district_leader):
    assert {u.name for u in visible_units(district_leader)} == {"巴川街道", "区住房城乡建委"}


def test_only_the_own_clerk_or_the_joint_office_write_for_a_unit(town_clerk, other_town_clerk, supervisor, district_leader, unit):
    bachuan = unit("巴川街道")
    assert can_write_for_unit(town_clerk, bachuan)
    assert can_write_for_unit(supervisor, bachuan)
    assert not can_write_for_unit(other_town_clerk, bachuan)
    assert not can_write_for_unit(district_leader, bachuan)


def test_unit_pages_follow_the_same_rules(client, town_clerk, unit):
    client.force_login(town_clerk)
    assert client.get(f"/units/{unit('巴川街道').pk}/").status_code == 200
    response = client.get(f"/units/{unit('土桥镇').pk}/")
    assert response.status_code == 404
    assert "土桥镇" not in response.content.decode()
    assert client.get("/units/999999/").status_code == 404


def test_the_unit_list_shows_only_visible_units(client, other_town_clerk):
    client.force_login(other_town_clerk)
    body = client.get("/units/").content.decode()
    assert "土桥镇" in body and "巴川街道" not in body


def test_an_unknown_url_is_a_chinese_404(client, town_clerk):
    client.force_login(town_clerk)
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    assert "不存在" in response.content.decode()
