"""The person page: a person's matters as the user may see them, marked; the logged full view; the
joint office's list of full views; the link from the case page."""

import pytest

from intake.models import PersonalDataView
from intake.tests.conftest import ID_OTHER, _matter

pytestmark = pytest.mark.django_db


def page(client, user, person):
    client.force_login(user)
    return client.get(f"/persons/{person.pk}/", HTTP_ACCEPT_LANGUAGE="zh-hans")


def listed(response) -> list[int]:
    return [r.pk for r in response.context["registrations"]]


def test_it_shows_the_joint_office_every_matter_marked(client, zhang, supervisor):
    response = page(client, supervisor, zhang)
    m = zhang.matters
    assert response.status_code == 200 and listed(response) == [m["first"].pk, m["second"].pk, m["group"].pk]
    marks = {r.pk: (r.repeat, r.is_group_visit) for r in response.context["registrations"]}
    assert marks == {m["first"].pk: (False, False), m["second"].pk: (True, False), m["group"].pk: (True, True)}
    html = response.content.decode()
    assert "重复访" in html and "5002**********123X" in html and "138****8000" in html
    assert "50022419900101123X" not in html


def test_a_unit_sees_only_its_own_matters_of_the_person(client, zhang, town_clerk, other_town_clerk):
    m = zhang.matters
    assert listed(page(client, town_clerk, zhang)) == [m["first"].pk, m["second"].pk]
    response = page(client, other_town_clerk, zhang)
    assert listed(response) == [m["group"].pk]
    # The earlier matters at 巴川街道 are not this unit's: they neither show nor mark its matter.
    assert not response.context["registrations"][0].repeat
    assert response.context["views"] is None and response.context["correction_form"] is None


def test_another_towns_clerk_gets_404_on_a_person_whose_cases_they_cannot_see(client, zhang, town_clerk, other_town_clerk):
    _matter(zhang.bachuan, town_clerk, "巴川街道", id_number=ID_OTHER, name="王五")
    from intake.models import Person

    other = Person.objects.get(id_number=ID_OTHER)
    assert page(client, other_town_clerk, other).status_code == 404
    assert page(client, town_clerk, other).status_code == 200
    client.force_login(other_town_clerk)
    assert client.get("/persons/999999/").status_code == 404


def test_the_full_view_is_logged_and_listed_for_the_joint_office(client, zhang, town_clerk, supervisor):
    client.force_login(town_clerk)
    response = client.post(f"/persons/{zhang.pk}/personal-data/")
    assert response.status_code == 200 and "50022419900101123X" in response.content.decode()
    assert PersonalDataView.objects.filter(person=zhang, viewed_by=town_clerk).count() == 1
    case = zhang.matters["first"].case
    client.post(f"/cases/{case.pk}/personal-data/")
    views = page(client, supervisor, zhang).context["views"]
    assert [(v.viewed_by, v.registration_id) for v in views] == [(town_clerk, zhang.matters["first"].pk), (town_clerk, None)]


def test_a_district_leader_sees_the_person_but_not_the_full_data(client, zhang, district_leader):
    response = page(client, district_leader, zhang)
    assert response.status_code == 200 and not response.context["may_reveal"]
    client.force_login(district_leader)
    assert client.post(f"/persons/{zhang.pk}/personal-data/").status_code == 403


def test_the_case_page_links_each_petitioner_to_their_person_page(client, zhang, town_clerk):
    client.force_login(town_clerk)
    response = client.get(f"/cases/{zhang.matters['first'].case.pk}/", HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert f'href="/persons/{zhang.pk}/"' in response.content.decode() and "此人其他事项" in response.content.decode()


def test_the_case_page_runs_the_same_queries_with_or_without_a_person(client, zhang, town_clerk, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(town_clerk)
    counts = []
    for registration in (zhang.matters["first"], _matter(zhang.bachuan, town_clerk, "巴川街道", id_number="")):
        client.get(f"/cases/{registration.case.pk}/")
        with CaptureQueriesContext(connection) as queries:
            client.get(f"/cases/{registration.case.pk}/")
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_an_identity_mismatch_is_marked_for_review(client, zhang, town_clerk, supervisor):
    odd = _matter(zhang.bachuan, town_clerk, "巴川街道", name="张三丰", identity_confirmed=True)
    response = page(client, supervisor, zhang)
    marks = {r.pk: r.mismatch for r in response.context["registrations"]}
    assert marks[odd.pk] and not marks[zhang.matters["first"].pk]
    assert "姓名不一致，待核查" in response.content.decode()
