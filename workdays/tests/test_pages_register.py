"""The phone registration form (/workdays/<id>/register/) and the returning-petitioner lookup."""

import uuid

import pytest

from cases.models import Case, CaseStatus
from intake.models import Petitioner, Registration
from units.models import Category, Unit

pytestmark = pytest.mark.django_db

ID_OK = "50022419900101123X"  # valid GB 11643 check digit
ID_BAD = "500224199001011234"  # wrong check digit


def reg_data(**overrides):
    data = {
        "client_ref": str(uuid.uuid4()),
        "p-TOTAL_FORMS": "5",
        "p-INITIAL_FORMS": "0",
        "p-MIN_NUM_FORMS": "1",
        "p-MAX_NUM_FORMS": "5",
        "p-0-name": "张三",
        "p-0-id_number": ID_OK,
        "p-0-phone": "13800138000",
        "p-0-address": "玉皇村",
        "people_count": "1",
        "kind": "request",
        "category_id": str(Category.objects.get(name="欠薪讨薪").pk),
        "territory_unit_id": str(Unit.objects.get(name="巴川街道").pk),
        "content": "工地拖欠工资三个月",
        "disposition": "time_limit",
        "promised_days": "15",
        "responsible_person": "李娜",
    }
    data.update(overrides)
    return data


@pytest.fixture
def day(clock, town_clerk, plan_workday):
    clock.set("2026-11-20 10:00")
    return plan_workday(town_clerk, "2026-12-10")


@pytest.fixture
def on_the_day(clock, client, town_clerk, day):
    clock.set("2026-12-10 10:00")
    client.force_login(town_clerk)
    return day


def test_it_shows_the_form_with_defaults_and_keeps_its_client_ref_until_a_submission_succeeds(
    client, on_the_day, town_clerk
):
    first = client.get(f"/workdays/{on_the_day.pk}/register/")
    second = client.get(f"/workdays/{on_the_day.pk}/register/")  # reload, or Back to the form
    assert first.status_code == 200
    form = first.context["form"]
    assert form.initial["territory_unit_id"] == on_the_day.host_unit_id
    assert form.initial["responsible_person"] == town_clerk.display_name
    assert form.initial["client_ref"] == second.context["form"].initial["client_ref"]
    client.post(f"/workdays/{on_the_day.pk}/register/", reg_data(client_ref=str(form.initial["client_ref"])))
    third = client.get(f"/workdays/{on_the_day.pk}/register/")
    assert third.context["form"].initial["client_ref"] != form.initial["client_ref"]
    page = first.content.decode()
    for text in (
        "登记群众来访事项",
        "信访人姓名",
        "身份证号码",
        "诉求",
        "意见",
        "建议",
        "当场答复",
        "承诺解决时限",
        "超越职权",
        "集体访",
    ):
        assert text in page
    assert "<optgroup" in page and "欠薪讨薪" in page


def test_it_registers_a_citizen_and_opens_the_case(client, on_the_day, town_clerk):
    response = client.post(f"/workdays/{on_the_day.pk}/register/", reg_data())
    assert response.status_code == 302 and response["Location"] == f"/workdays/{on_the_day.pk}/register/"
    registration = Registration.objects.get()
    assert registration.registered_by == town_clerk and registration.promised_days == 15
    assert [p.name for p in registration.petitioners.all()] == ["张三"]
    case = Case.objects.get(registration=registration)
    assert case.status == CaseStatus.HANDLING and case.responsible_person == "李娜"
    followed = client.get(response["Location"])
    assert "已登记第1条" in followed.content.decode()


def test_it_creates_nothing_twice_for_the_same_client_ref(client, on_the_day):
    data = reg_data()
    client.post(f"/workdays/{on_the_day.pk}/register/", data)
    response = client.post(f"/workdays/{on_the_day.pk}/register/", data, follow=True)
    assert Registration.objects.count() == 1 and Case.objects.count() == 1 and Petitioner.objects.count() == 1
    assert "第1条已保存，未重复登记" in response.content.decode()


def test_it_registers_a_group_visit_with_several_petitioners(client, on_the_day):
    data = reg_data(**{"p-1-name": "李四", "p-1-phone": "13900139000", "p-2-name": "王五", "people_count": "6"})
    client.post(f"/workdays/{on_the_day.pk}/register/", data)
    registration = Registration.objects.get()
    assert registration.petitioners.count() == 3 and registration.is_group_visit
    page = client.get(f"/workdays/{on_the_day.pk}/").content.decode()
    assert "集体访" in page and "5002**********123X" in page and "138****8000" in page
    assert ID_OK not in page and "13800138000" not in page


@pytest.mark.parametrize(
    ("overrides", "where", "field", "message"),
    [
        ({"p-0-id_number": ID_BAD}, "petitioner", "id_number", "身份证号码校验码不正确，请逐位核对。"),
        (
            {"p-0-id_number": "5002241990"},
            "petitioner",
            "id_number",
            "身份证号码为18位：前17位为数字，最后一位为数字或X。",
        ),
        ({"p-0-phone": "12345"}, "petitioner", "phone", "请输入11位手机号码或固定电话号码，如023-45642812。"),
        ({"p-0-phone": ""}, "petitioner", "phone", "请填写联系电话，以便答复群众。"),
        ({"p-0-name": ""}, "petitioner", "name", "请填写信访人姓名。"),
        ({"disposition": "on_the_spot", "answer": ""}, "form", "answer", "请填写当场答复的内容。"),
        ({"disposition": "refer", "channel": ""}, "form", "channel", "请填写告知群众的反映渠道。"),
        ({"content": ""}, "form", "content", "请填写群众反映的内容。"),
        ({"people_count": "0"}, "form", "people_count", "人数不能少于所列信访人人数。"),
    ],
)
def test_it_shows_bad_input_on_the_field_in_chinese_and_saves_nothing(
    client, on_the_day, overrides, where, field, message
):
    response = client.post(f"/workdays/{on_the_day.pk}/register/", reg_data(**overrides))
    assert response.status_code == 400
    errors = response.context["formset"].forms[0].errors if where == "petitioner" else response.context["form"].errors
    assert errors[field] == [message]
    assert not Registration.objects.exists() and not Petitioner.objects.exists() and not Case.objects.exists()
    assert "请更正标出的字段，本次未保存任何内容。" in response.content.decode()


def test_it_puts_the_services_people_count_check_on_the_field(client, on_the_day):
    response = client.post(
        f"/workdays/{on_the_day.pk}/register/", reg_data(**{"p-1-name": "李四", "people_count": "1"})
    )
    assert response.context["form"].errors["people_count"] == ["人数不能少于所列信访人人数。"]
    assert not Registration.objects.exists()


def test_it_refuses_registrations_before_the_day_with_a_message(client, clock, town_clerk, day):
    client.force_login(town_clerk)
    page = client.get(f"/workdays/{day.pk}/register/").content.decode()
    assert "登记自活动当日（2026-12-10）起开放" in page
    response = client.post(f"/workdays/{day.pk}/register/", reg_data(), follow=True)
    assert "群众工作日在 2026-12-10 举行，当日起方可登记。" in response.content.decode()
    assert not Registration.objects.exists() and not Petitioner.objects.exists()


def test_it_marks_entries_after_the_day_as_late(client, clock, town_clerk, day):
    clock.set("2026-12-11 09:00")
    client.force_login(town_clerk)
    assert "补录" in client.get(f"/workdays/{day.pk}/register/").content.decode()
    client.post(f"/workdays/{day.pk}/register/", reg_data())
    assert Registration.objects.get().late_entry


def test_it_shows_a_referred_matter_as_needing_assignment(client, on_the_day):
    client.post(f"/workdays/{on_the_day.pk}/register/", reg_data(disposition="refer", channel="向区人力社保局反映"))
    case = Case.objects.get()
    assert case.status == CaseStatus.AWAITING_ASSIGNMENT
    page = client.get(f"/workdays/{on_the_day.pk}/").content.decode()
    assert "需联席办交办的事项" in page and "向区人力社保局反映" in page


def test_it_shows_a_registration(client, on_the_day):
    client.post(f"/workdays/{on_the_day.pk}/register/", reg_data())
    registration = Registration.objects.get()
    response = client.get(f"/workdays/{on_the_day.pk}/registrations/{registration.pk}/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "工地拖欠工资三个月" in page and "5002**********123X" in page and ID_OK not in page
    assert f"/cases/{registration.case.pk}/" in page
    assert client.get(f"/workdays/{on_the_day.pk}/registrations/999999/").status_code == 404


def test_another_towns_clerk_cannot_register_or_read_a_registration(client, on_the_day, other_town_clerk):
    client.post(f"/workdays/{on_the_day.pk}/register/", reg_data())
    registration = Registration.objects.get()
    client.force_login(other_town_clerk)
    assert client.post(f"/workdays/{on_the_day.pk}/register/", reg_data()).status_code == 404
    assert client.get(f"/workdays/{on_the_day.pk}/registrations/{registration.pk}/").status_code == 404
    assert Registration.objects.count() == 1


def test_a_district_leader_gets_403_on_the_register_post(client, on_the_day, district_leader):
    client.force_login(district_leader)
    assert client.post(f"/workdays/{on_the_day.pk}/register/", reg_data()).status_code == 403
    assert not Registration.objects.exists()


# --- The returning-petitioner lookup ----------------------------------------------------------------


def test_it_shows_a_returning_petitioners_earlier_matters(client, on_the_day):
    client.post(f"/workdays/{on_the_day.pk}/register/", reg_data())
    response = client.get("/workdays/petitioners/lookup/", {"id_number": ID_OK.lower()})
    page = response.content.decode()
    assert response.status_code == 200
    assert "曾反映过1件事项" in page and "工地拖欠工资三个月" in page and "巴川街道" in page
    assert [r.case.status for r in response.context["earlier"]] == [CaseStatus.HANDLING]


def test_it_does_not_reveal_another_units_content(client, clock, on_the_day, other_town_clerk, plan_workday):
    client.post(f"/workdays/{on_the_day.pk}/register/", reg_data())
    client.force_login(other_town_clerk)
    clock.set("2026-11-20 10:00")
    other_day = plan_workday(other_town_clerk, "2026-12-12")
    clock.set("2026-12-12 10:00")
    client.post(
        f"/workdays/{other_day.pk}/register/",
        reg_data(content="土桥镇的道路破损", territory=str(Unit.objects.get(name="土桥镇").pk)),
    )
    page = client.get("/workdays/petitioners/lookup/", {"id_number": ID_OK}).content.decode()
    assert "土桥镇的道路破损" in page
    assert "工地拖欠工资三个月" not in page and "巴川街道" not in page
    assert "其他单位" not in page  # not even how many matters exist elsewhere


def test_it_answers_nothing_for_an_invalid_or_unknown_id_number(client, on_the_day):
    assert client.get("/workdays/petitioners/lookup/", {"id_number": ID_BAD}).content.decode().strip() == ""
    page = client.get("/workdays/petitioners/lookup/", {"id_number": "110101199003074514"}).content.decode()
    assert "没有以此身份证号码登记的事项" in page


def test_the_lookup_requires_login(client):
    response = client.get("/workdays/petitioners/lookup/", {"id_number": ID_OK})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
