"""The Back button, a double tap or a second tab never make a second entry silently: the same form
returns the same registration, the same person with the same category at the same day is held as a
possible duplicate until confirmed, and an entry made by mistake is withdrawn on the day; no total
counts it, and the joint office still sees it."""

import uuid

import pytest

from cases.models import Case, CaseStatus
from intake.models import Registration
from units.models import Category, Unit

pytestmark = pytest.mark.django_db


@pytest.fixture
def day(client, clock, town_clerk, plan_workday):
    clock.set("2026-11-20 10:00")
    day = plan_workday(town_clerk, "2026-12-10")
    clock.set("2026-12-10 10:00")
    client.force_login(town_clerk)
    return day


def body(**extra):
    return {
        "client_ref": str(uuid.uuid4()),
        "petitioners": [{"name": "王五", "phone": "13800138000"}],
        "kind": "request", "category_id": Category.objects.get(name="欠薪讨薪").pk,
        "territory_unit_id": Unit.objects.get(name="巴川街道").pk, "content": "工地拖欠工资",
        "disposition": "time_limit", "promised_days": 10, **extra,
    }


def post(client, path, data):
    return client.post(f"/api/v1{path}", data, content_type="application/json", HTTP_ACCEPT_LANGUAGE="zh-hans")


def form(**extra):
    return {
        "client_ref": str(uuid.uuid4()), "p-TOTAL_FORMS": "5", "p-INITIAL_FORMS": "0", "p-MIN_NUM_FORMS": "1",
        "p-MAX_NUM_FORMS": "5", "p-0-name": "王五", "p-0-phone": "13800138000", "people_count": "1", "kind": "request",
        "category_id": str(Category.objects.get(name="欠薪讨薪").pk), "territory_unit_id": str(Unit.objects.get(name="巴川街道").pk),
        "content": "工地拖欠工资", "disposition": "time_limit", "promised_days": "10", "responsible_person": "李娜", **extra,
    }


def test_a_second_entry_of_the_same_matter_is_held_until_confirmed(client, day):
    first = post(client, f"/workdays/{day.pk}/registrations", body())
    assert first.status_code == 201
    again = post(client, f"/workdays/{day.pk}/registrations", body())
    assert again.status_code == 409
    assert again.json()["duplicate_of"] == first.json()["id"] and "第1条" in again.json()["detail"]
    assert Registration.objects.count() == 1
    confirmed = post(client, f"/workdays/{day.pk}/registrations", body(duplicate_confirmed=True))
    assert confirmed.status_code == 201 and Registration.objects.count() == 2


def test_the_same_client_ref_returns_the_registration_before_any_check(client, day):
    data = body()
    first = post(client, f"/workdays/{day.pk}/registrations", data)
    repeat = post(client, f"/workdays/{day.pk}/registrations", data)
    assert repeat.status_code == 200 and repeat.json()["id"] == first.json()["id"]


def test_one_client_ref_for_another_matter_is_refused_not_answered_with_the_first(client, day):
    data = body()
    post(client, f"/workdays/{day.pk}/registrations", data)
    other = post(client, f"/workdays/{day.pk}/registrations", {**data, "content": "另一件事：路灯损坏"})
    assert other.status_code == 400 and "client_ref" in other.json()["errors"]
    assert Registration.objects.count() == 1


def test_back_and_submit_again_on_the_page_is_caught_with_what_was_typed_kept(client, day):
    ref = client.get(f"/workdays/{day.pk}/register/").context["form"].initial["client_ref"]
    assert client.post(f"/workdays/{day.pk}/register/", form(client_ref=str(ref))).status_code == 302
    # Back: the form is shown again (a new reference, since the submission succeeded), refilled.
    new_ref = client.get(f"/workdays/{day.pk}/register/").context["form"].initial["client_ref"]
    response = client.post(f"/workdays/{day.pk}/register/", form(client_ref=str(new_ref)))
    assert response.status_code == 409
    page = response.content.decode()
    assert "第1条" in page and 'name="duplicate_confirmed"' in page and "工地拖欠工资" in page
    assert Registration.objects.count() == 1
    # Submitting the very same form twice (a double tap) returns the first registration.
    assert client.post(f"/workdays/{day.pk}/register/", form(client_ref=str(ref))).status_code == 302
    assert Registration.objects.count() == 1
    confirmed = client.post(f"/workdays/{day.pk}/register/", form(client_ref=str(new_ref), duplicate_confirmed="on"))
    assert confirmed.status_code == 302 and Registration.objects.count() == 2


@pytest.fixture
def entry(client, day) -> Registration:
    response = post(client, f"/workdays/{day.pk}/registrations", body())
    return Registration.objects.get(pk=response.json()["id"])


def test_the_registering_unit_withdraws_an_entry_on_the_day(client, day, entry, supervisor):
    response = post(client, f"/registrations/{entry.pk}/withdraw", {"reason": "重复录入"})
    assert response.status_code == 200 and response.json()["status"] == "withdrawn"
    assert Case.objects.get(registration=entry).status == CaseStatus.VOIDED
    assert client.get(f"/api/v1/workdays/{day.pk}").json()["registrations_count"] == 0
    assert client.get(f"/workdays/{day.pk}/register/").context["count"] == 0
    assert client.get("/api/v1/cases").json()["total"] == 0  # the unit no longer sees the voided case
    client.force_login(supervisor)
    assert client.get(f"/api/v1/cases/{entry.case.pk}").json()["status"] == "voided"


def test_a_withdrawal_is_refused_without_a_reason_after_the_day_or_by_another_unit(
    client, clock, day, entry, other_town_clerk, district_leader
):
    assert post(client, f"/registrations/{entry.pk}/withdraw", {"reason": " "}).status_code == 400
    client.force_login(other_town_clerk)
    assert post(client, f"/registrations/{entry.pk}/withdraw", {"reason": "x"}).status_code == 404
    client.force_login(district_leader)
    assert post(client, f"/registrations/{entry.pk}/withdraw", {"reason": "x"}).status_code == 403
    clock.set("2026-12-11 09:00")
    client.force_login(entry.registered_by)
    response = post(client, f"/registrations/{entry.pk}/withdraw", {"reason": "重复录入"})
    assert response.status_code == 409 and "联席办" in response.json()["detail"]
    entry.refresh_from_db()
    assert entry.status == "registered" and Case.objects.get(registration=entry).status != CaseStatus.VOIDED


def test_the_entry_page_withdraws_it_and_says_so(client, day, entry):
    page = client.get(f"/workdays/{day.pk}/registrations/{entry.pk}/")
    assert page.context["may_withdraw"]
    response = client.post(f"/workdays/{day.pk}/registrations/{entry.pk}/withdraw/", {"reason": "重复录入"}, follow=True)
    assert "已撤回" in response.content.decode() and "重复录入" in response.content.decode()
    again = client.post(f"/workdays/{day.pk}/registrations/{entry.pk}/withdraw/", {"reason": "重复录入"})
    assert again.status_code == 409


def test_the_days_page_lists_a_withdrawn_entry_marked_and_counts_it_nowhere(client, day, entry):
    post(client, f"/workdays/{day.pk}/registrations", body(duplicate_confirmed=True, content="另一件"))
    post(client, f"/registrations/{entry.pk}/withdraw", {"reason": "重复录入"})
    response = client.get(f"/workdays/{day.pk}/")
    assert response.context["counted"] == 1 and len(response.context["registrations"]) == 2
    page = response.content.decode()
    assert "共登记1件事项" in page and "已撤回" in page
