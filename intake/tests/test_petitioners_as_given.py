"""A registration keeps what was given that day: a wrong ID number never rewrites another citizen's
record; it is stopped at the table, showing the name on file masked, until the clerk corrects the
number or confirms it is the same person."""

import uuid

import pytest

from cases.models import Case
from intake.models import Person, Petitioner, Registration
from units.models import Category, Unit

pytestmark = pytest.mark.django_db

ZHANG_ID = "500224195803120026"  # 张桂英's, on file since her first visit


@pytest.fixture
def days(clock, town_clerk, plan_workday):
    clock.set("2026-11-20 10:00")
    first, second = plan_workday(town_clerk, "2026-12-01"), plan_workday(town_clerk, "2026-12-10")
    return first, second


def payload(name, phone, *, id_number=ZHANG_ID, content="低保申请未获答复", **extra):
    return {
        "client_ref": str(uuid.uuid4()),
        "petitioners": [{"name": name, "id_number": id_number, "phone": phone, "address": "玉皇村"}],
        "kind": "request", "category_id": Category.objects.get(name="欠薪讨薪").pk,
        "territory_unit_id": Unit.objects.get(name="巴川街道").pk, "content": content,
        "disposition": "refer", "channel": "区人力社保局", **extra,
    }


def api_register(client, day, body):
    return client.post(
        f"/api/v1/workdays/{day.pk}/registrations", body, content_type="application/json", HTTP_ACCEPT_LANGUAGE="zh-hans"
    )


@pytest.fixture
def zhang_on_file(client, clock, days, town_clerk):
    clock.set("2026-12-01 10:00")
    client.force_login(town_clerk)
    response = api_register(client, days[0], payload("张桂英", "13800002345"))
    assert response.status_code == 201
    clock.set("2026-12-10 10:00")
    return Case.objects.get(pk=response.json()["case_id"])


def test_a_wrong_id_number_is_stopped_and_changes_nobody(client, zhang_on_file, days):
    response = api_register(client, days[1], payload("刘建国", "13900001111", content="路灯损坏"))
    assert response.status_code == 400
    (message,) = response.json()["errors"]["petitioners.0.id_number"]
    assert "张**" in message and "张桂英" not in message
    assert Registration.objects.count() == 1
    earlier = zhang_on_file.registration.petitioners.get()
    assert (earlier.name, earlier.phone) == ("张桂英", "13800002345")


def test_the_page_asks_for_the_confirmation_beside_the_id_number(client, zhang_on_file, days):
    data = {
        "client_ref": str(uuid.uuid4()), "p-TOTAL_FORMS": "5", "p-INITIAL_FORMS": "0", "p-MIN_NUM_FORMS": "1",
        "p-MAX_NUM_FORMS": "5", "p-0-name": "刘建国", "p-0-id_number": ZHANG_ID, "p-0-phone": "13900001111",
        "people_count": "1", "kind": "request", "category_id": str(Category.objects.get(name="欠薪讨薪").pk),
        "territory_unit_id": str(Unit.objects.get(name="巴川街道").pk), "content": "路灯损坏",
        "disposition": "refer", "channel": "区人力社保局", "responsible_person": "李娜",
    }
    response = client.post(f"/workdays/{days[1].pk}/register/", data)
    assert response.status_code == 400
    assert "张**" in response.context["formset"].forms[0].errors["id_number"][0]
    page = response.content.decode()
    assert 'name="identity_confirmed"' in page and "路灯损坏" in page  # what was typed is kept
    assert Registration.objects.count() == 1
    response = client.post(f"/workdays/{days[1].pk}/register/", {**data, "identity_confirmed": "on"})
    assert response.status_code == 302 and Registration.objects.count() == 2


def test_a_confirmed_mismatch_is_stored_as_given_and_flagged(client, zhang_on_file, days):
    response = api_register(client, days[1], payload("刘建国", "13900001111", content="路灯损坏", identity_confirmed=True))
    assert response.status_code == 201
    given = Petitioner.objects.get(registration_id=response.json()["id"])
    assert (given.name, given.phone, given.identity_mismatch) == ("刘建国", "13900001111", True)
    person = Person.objects.get()
    assert (person.name, person.phone) == ("张桂英", "13800002345") and given.person == person
    earlier = Case.objects.get(pk=zhang_on_file.pk).registration.petitioners.get()
    assert (earlier.name, earlier.phone, earlier.identity_mismatch) == ("张桂英", "13800002345", False)
    # Her earlier case page still shows her, not the later petitioner.
    page = client.get(f"/cases/{zhang_on_file.pk}/").content.decode()
    assert "张桂英" in page and "刘建国" not in page


def test_the_same_person_returning_with_a_new_phone_keeps_both_entries_as_given(client, zhang_on_file, days):
    response = api_register(client, days[1], payload("张桂英", "13700007777", content="再次反映"))
    assert response.status_code == 201
    phones = list(Petitioner.objects.order_by("id").values_list("phone", flat=True))
    assert phones == ["13800002345", "13700007777"]
    assert Person.objects.get().phone == "13800002345"
