"""GET /persons?id_number= (the joint office's logged search) and GET /persons/{id}."""

import pytest

from intake.models import PersonalDataView
from intake.tests.conftest import ID_ZHANG

pytestmark = pytest.mark.django_db


def get(client, user, url):
    client.force_login(user)
    return client.get(f"/api/v1/persons{url}", HTTP_ACCEPT_LANGUAGE="zh-hans")


def test_the_search_finds_the_person_masked_and_is_logged(client, zhang, supervisor):
    body = get(client, supervisor, f"?id_number={ID_ZHANG.lower()}").json()
    assert body["total"] == 1
    person = body["items"][0]
    assert (person["id"], person["name"], person["id_number"], person["phone"]) == (zhang.pk, "张三", "5002**********123X", "138****8000")
    assert person["repeat"] and len(person["registrations"]) == 3
    view = PersonalDataView.objects.get(viewed_by=supervisor)
    assert (view.person, view.fields) == (zhang, "id_number search")


def test_an_unknown_id_number_is_an_empty_list(client, zhang, supervisor):
    assert get(client, supervisor, "?id_number=110101199003074514").json() == {"items": [], "total": 0}


def test_a_malformed_id_number_is_400_with_the_field_error(client, zhang, supervisor):
    response = get(client, supervisor, "?id_number=5002241990")
    assert response.status_code == 400 and "18" in response.json()["errors"]["id_number"][0]
    assert not PersonalDataView.objects.exists()


def test_only_the_joint_office_searches(client, zhang, town_clerk):
    assert get(client, town_clerk, f"?id_number={ID_ZHANG}").status_code == 403
    assert not PersonalDataView.objects.exists()


def test_a_person_shows_only_the_registrations_the_caller_may_see(client, zhang, supervisor, town_clerk, other_town_clerk):
    m = zhang.matters
    mine = get(client, town_clerk, f"/{zhang.pk}").json()
    assert [r["id"] for r in mine["registrations"]] == [m["first"].pk, m["second"].pk]
    assert mine["repeat_registration_ids"] == [m["second"].pk] and mine["views_count"] is None
    theirs = get(client, other_town_clerk, f"/{zhang.pk}").json()
    assert [r["id"] for r in theirs["registrations"]] == [m["group"].pk] and theirs["repeat"] is False
    assert theirs["registrations"][0]["group_visit"] is True
    everything = get(client, supervisor, f"/{zhang.pk}").json()
    assert len(everything["registrations"]) == 3 and everything["views_count"] == 0


def test_an_unknown_or_invisible_person_is_404(client, zhang, dept_clerk, supervisor):
    assert get(client, dept_clerk, f"/{zhang.pk}").status_code == 404
    assert get(client, supervisor, "/999999").status_code == 404
