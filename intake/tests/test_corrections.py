"""Corrections with a reason (更正): the person on file and a petitioner as given; the old value stays
in the history and each affected case's timeline shows the change masked."""

import pytest

from history.selectors import timeline_for
from intake.models import Person, Petitioner
from intake.tests.conftest import ID_OTHER, _matter

pytestmark = pytest.mark.django_db


def correct(client, user, url, **body):
    client.force_login(user)
    return client.post(f"/api/v1/{url}/correct", body, content_type="application/json", HTTP_ACCEPT_LANGUAGE="zh-hans")


def test_a_person_correction_keeps_the_old_value_and_the_registrations_as_given(client, zhang, supervisor):
    response = correct(client, supervisor, f"persons/{zhang.pk}", field="phone", value="13900139000", reason="群众来电更正")
    assert response.status_code == 200 and response.json()["phone"] == "139****9000"
    assert Person.objects.get(pk=zhang.pk).phone == "13900139000"
    assert set(Petitioner.objects.filter(person=zhang).values_list("phone", flat=True)) == {"13800138000"}
    event = timeline_for(zhang).get(action="corrected")
    # The history keeps personal data masked, as every page shows it (issue 14, defect 5).
    assert event.changes == {"phone": ["138****8000", "139****9000"]} and event.note == "群众来电更正"
    for registration in zhang.matters.values():
        entry = timeline_for(registration.case).get(action="details_corrected")
        assert entry.changes == {"petitioner_phone": ["138****8000", "139****9000"]}


def test_the_case_timeline_shows_the_correction_masked(client, zhang, supervisor):
    correct(client, supervisor, f"persons/{zhang.pk}", field="name", value="张叁", reason="以身份证为准")
    client.force_login(supervisor)
    html = client.get(f"/cases/{zhang.matters['first'].case.pk}/", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert "信访人信息已更正" in html and "张*" in html and "张叁" not in html


@pytest.mark.parametrize(
    "body, field",
    [
        ({"field": "phone", "value": "13900139000", "reason": " "}, "reason"),
        ({"field": "email", "value": "a@b.cn", "reason": "更正"}, "field"),
        ({"field": "name", "value": "  ", "reason": "更正"}, "value"),
        ({"field": "phone", "value": "12345", "reason": "更正"}, "value"),
        ({"field": "id_number", "value": "500224199001011230", "reason": "更正"}, "value"),
    ],
)
def test_bad_input_is_400_and_changes_nothing(client, zhang, supervisor, body, field):
    response = correct(client, supervisor, f"persons/{zhang.pk}", **body)
    assert response.status_code == 400 and field in response.json()["errors"]
    assert Person.objects.get(pk=zhang.pk).phone == "13800138000" and not timeline_for(zhang).filter(action="corrected").exists()


def test_an_id_number_of_another_person_is_refused(client, zhang, town_clerk, supervisor):
    _matter(zhang.bachuan, town_clerk, "巴川街道", id_number=ID_OTHER, name="王五")
    response = correct(client, supervisor, f"persons/{zhang.pk}", field="id_number", value=ID_OTHER, reason="录错")
    assert response.status_code == 400 and "另一人" in response.json()["errors"]["value"][0]


def test_only_the_joint_office_corrects_and_an_unknown_person_is_404(client, zhang, supervisor, town_clerk):
    assert correct(client, town_clerk, f"persons/{zhang.pk}", field="name", value="张叁", reason="更正").status_code == 403
    assert correct(client, supervisor, "persons/999999", field="name", value="张叁", reason="更正").status_code == 404
    assert correct(client, supervisor, "petitioners/999999", field="name", value="张叁", reason="更正").status_code == 404


def test_a_petitioner_correction_changes_that_registration_only(client, zhang, supervisor):
    petitioner = zhang.matters["second"].petitioners.get()
    response = correct(client, supervisor, f"petitioners/{petitioner.pk}", field="id_number", value=ID_OTHER, reason="当日录错")
    assert response.status_code == 200
    petitioner.refresh_from_db()
    assert petitioner.id_number == ID_OTHER and petitioner.person.id_number == ID_OTHER
    assert zhang.matters["first"].petitioners.get().person == zhang
    entry = timeline_for(zhang.matters["second"].case).get(action="details_corrected")
    assert entry.changes == {"petitioner_id_number": ["5002**********123X", "1101**********4514"]}
    assert not timeline_for(zhang.matters["first"].case).filter(action="details_corrected").exists()


def test_the_person_page_form_corrects_and_shows_errors(client, zhang, supervisor, town_clerk):
    client.force_login(supervisor)
    response = client.post(f"/persons/{zhang.pk}/correct/", {"field": "address", "value": "新华村", "reason": ""}, HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert response.status_code == 400 and "更正的理由" in response.content.decode()
    response = client.post(f"/persons/{zhang.pk}/correct/", {"field": "address", "value": "新华村", "reason": "搬迁"})
    assert response.status_code == 302 and Person.objects.get(pk=zhang.pk).address == "新华村"
    client.force_login(town_clerk)
    assert client.post(f"/persons/{zhang.pk}/correct/", {"field": "address", "value": "x", "reason": "y"}).status_code == 403


def test_the_registration_page_corrects_a_petitioner_as_given(client, zhang, supervisor, town_clerk):
    registration = zhang.matters["first"]
    petitioner = registration.petitioners.get()
    url = f"/workdays/{registration.workday_id}/registrations/{registration.pk}/correct/"
    client.force_login(town_clerk)
    assert client.get(url.replace("correct/", "")).context["correction_form"] is None
    assert client.post(url, {"petitioner": petitioner.pk, "field": "phone", "value": "13900139000", "reason": "录错"}).status_code == 403
    client.force_login(supervisor)
    response = client.post(url, {"petitioner": petitioner.pk, "field": "phone", "value": "139", "reason": "录错"}, HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert response.status_code == 400 and "11位手机号码" in response.content.decode()
    response = client.post(url, {"petitioner": petitioner.pk, "field": "phone", "value": "13900139000", "reason": "录错"})
    assert response.status_code == 302
    petitioner.refresh_from_db()
    assert petitioner.phone == "13900139000" and Person.objects.get(pk=zhang.pk).phone == "13800138000"
    assert timeline_for(petitioner).get(action="corrected").changes == {"phone": ["138****8000", "139****9000"]}
