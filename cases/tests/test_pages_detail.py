"""A case's page: access, masked personal data and its logged full view, and which action forms each
user is offered."""

import pytest

from cases import handling
from history.models import Event
from intake.models import PersonalDataView
from intake.tests.factories import register_matter
from units.models import Category, Unit

pytestmark = pytest.mark.django_db

ID_NUMBER = "50022419900101123X"


@pytest.fixture
def referred(clock, town_clerk, plan_workday):
    clock.set("2026-11-20 10:00")
    day = plan_workday(town_clerk, "2026-12-10")
    clock.set("2026-12-10 10:00")
    registration, _ = register_matter(
        workday=day, actor=town_clerk,
        petitioners=[{"name": "李四", "phone": "13800138000", "id_number": ID_NUMBER, "address": "玉皇村"}],
        kind="request", category=Category.objects.get(name="欠薪讨薪"), territory=Unit.objects.get(name="巴川街道"),
        content="工地拖欠工资", disposition="refer", channel="区人力社保局",
    )
    return registration.case


def assigned(case, supervisor):
    return handling.case_assign(
        case=case, actor=supervisor, version=case.version,
        lead_unit=Unit.objects.get(name="区人力社保局"), assisting_units=[Unit.objects.get(name="巴川街道")],
    )


def page(client, user, case):
    client.force_login(user)
    response = client.get(f"/cases/{case.pk}/")
    assert response.status_code == 200
    return response


def offered(response) -> list[str]:
    return [panel["action"].name for panel in response.context["panels"]]


def test_it_is_404_for_another_town(client, referred, other_town_clerk):
    client.force_login(other_town_clerk)
    assert client.get(f"/cases/{referred.pk}/").status_code == 404


def test_it_is_404_for_an_unknown_case(client, supervisor):
    client.force_login(supervisor)
    assert client.get("/cases/999999/").status_code == 404


def test_it_masks_the_id_number_and_phone(client, referred, town_clerk):
    html = page(client, town_clerk, referred).content.decode()
    assert "5002**********123X" in html and "138****8000" in html
    assert ID_NUMBER not in html and "13800138000" not in html
    assert "查看完整信息" in html


def test_it_offers_no_full_view_to_a_district_leader(client, referred, district_leader):
    html = page(client, district_leader, referred).content.decode()
    assert "138****8000" in html and "查看完整信息" not in html


def test_it_reveals_personal_data_once_and_logs_it(client, referred, town_clerk):
    client.force_login(town_clerk)
    response = client.post(f"/cases/{referred.pk}/personal-data/")
    assert response.status_code == 200
    html = response.content.decode()
    assert ID_NUMBER in html and "13800138000" in html
    assert "no-store" in response["Cache-Control"]
    view = PersonalDataView.objects.get()
    assert view.viewed_by == town_clerk and view.registration_id == referred.registration_id
    assert Event.objects.filter(action="pii_viewed", object_id=referred.pk).exists()
    assert "13800138000" not in client.get(f"/cases/{referred.pk}/").content.decode()


def test_it_refuses_the_full_view_to_a_district_leader(client, referred, district_leader):
    client.force_login(district_leader)
    assert client.post(f"/cases/{referred.pk}/personal-data/").status_code == 403
    assert not PersonalDataView.objects.exists()


def test_it_does_not_reveal_on_get(client, referred, town_clerk):
    client.force_login(town_clerk)
    assert client.get(f"/cases/{referred.pk}/personal-data/").status_code == 405
    assert not PersonalDataView.objects.exists()


def test_it_offers_the_joint_office_assignment_with_the_routing_proposal(client, referred, supervisor):
    response = page(client, supervisor, referred)
    assert offered(response) == ["assign", "revisit", "void"]
    form = response.context["panels"][0]["form"]
    assert form.initial["lead_unit_id"] == Unit.objects.get(name="区人力社保局").pk
    assert form.initial["assisting_unit_ids"] == [Unit.objects.get(name="巴川街道").pk]
    assert "建议：属事单位区人力社保局为承办单位，属地巴川街道协办" in response.content.decode()


def test_it_offers_the_host_town_feedback_only(client, referred, town_clerk):
    assert offered(page(client, town_clerk, referred)) == ["feedback"]


def test_it_offers_the_lead_unit_signing_return_and_reply(client, referred, supervisor, labour_clerk):
    case = assigned(referred, supervisor)
    assert offered(page(client, labour_clerk, case)) == ["receive", "reply", "return"]
    case = handling.case_receive(case=case, actor=labour_clerk, version=case.version)
    assert offered(page(client, labour_clerk, case)) == ["reply", "return"]


def test_it_offers_an_assisting_unit_its_opinion_but_no_reply(client, referred, supervisor, town_clerk):
    case = assigned(referred, supervisor)
    # 巴川街道 assists and is also the host unit that owes the citizen feedback.
    assert offered(page(client, town_clerk, case)) == ["assist_opinion", "feedback"]


def test_it_offers_nothing_to_a_district_leader(client, referred, district_leader):
    assert offered(page(client, district_leader, referred)) == []


def test_it_offers_rating_and_closing_once_replied(client, referred, supervisor, labour_clerk):
    case = assigned(referred, supervisor)
    handling.case_reply(case=case, actor=labour_clerk, version=case.version, content="已督促支付", concluded=True)
    response = page(client, supervisor, case)
    assert offered(response) == ["rate", "revisit", "close", "void"]
    html = response.content.decode()
    assert "已督促支付" in html and "按时" in html


def test_it_shows_a_late_signing(client, referred, supervisor, labour_clerk, clock):
    case = assigned(referred, supervisor)  # delivered Thursday 2026-12-10
    clock.set("2026-12-14 09:00")  # Monday: later than 1 working day
    handling.case_receive(case=case, actor=labour_clerk, version=case.version)
    assert "逾期签收" in page(client, supervisor, case).content.decode()


def test_it_shows_a_return_with_its_reason(client, referred, supervisor, labour_clerk):
    case = assigned(referred, supervisor)
    handling.case_return(case=case, actor=labour_clerk, version=case.version, reason="不属于本单位职责")
    response = page(client, supervisor, case)
    assert "不属于本单位职责" in response.content.decode()
    assert offered(response)[0] == "assign"
