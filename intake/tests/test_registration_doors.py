"""The page and the API register through one input contract and one service: the same input gives
the same stored registration, and the same refusal on the same field."""

import uuid

import pytest

from intake.models import Registration
from units.models import Category, Unit

pytestmark = pytest.mark.django_db

ID_OK = "50022419900101123X"
STORED = ("disposition", "answer", "channel", "promised_days", "content", "people_count")


@pytest.fixture
def on_the_day(client, clock, town_clerk, plan_workday):
    clock.set("2026-11-20 10:00")
    day = plan_workday(town_clerk, "2026-12-10")
    clock.set("2026-12-10 10:00")
    client.force_login(town_clerk)
    return day


def matter(disposition: str) -> dict:
    """One matter with an answer, a channel and a promised period all filled in."""
    return {
        "petitioner": {"name": "张三", "id_number": ID_OK, "phone": "13800138000", "address": "玉皇村"},
        "kind": "request",
        "category": Category.objects.get(name="欠薪讨薪").pk,
        "territory": Unit.objects.get(name="巴川街道").pk,
        "content": "工地拖欠工资三个月",
        "disposition": disposition,
        "answer": "已当场解释政策",
        "channel": "区人力社保局",
        "promised_days": 15,
    }


def through_the_page(client, day, m: dict):
    data = {
        "client_ref": str(uuid.uuid4()),
        "p-TOTAL_FORMS": "5", "p-INITIAL_FORMS": "0", "p-MIN_NUM_FORMS": "1", "p-MAX_NUM_FORMS": "5",
        **{f"p-0-{k}": v for k, v in m["petitioner"].items()},
        "people_count": "1", "kind": m["kind"], "category_id": str(m["category"]), "territory_unit_id": str(m["territory"]),
        "content": m["content"], "disposition": m["disposition"], "answer": m["answer"], "channel": m["channel"],
        "promised_days": str(m["promised_days"]), "responsible_person": "李娜", "duplicate_confirmed": "on",
    }
    return client.post(f"/workdays/{day.pk}/register/", data)


def through_the_api(client, day, m: dict):
    payload = {
        "client_ref": str(uuid.uuid4()), "petitioners": [m["petitioner"]], "people_count": 1, "kind": m["kind"],
        "category_id": m["category"], "territory_unit_id": m["territory"], "content": m["content"],
        "disposition": m["disposition"], "answer": m["answer"], "channel": m["channel"],
        "promised_days": m["promised_days"], "responsible_person": "李娜", "duplicate_confirmed": True,
    }
    return client.post(f"/api/v1/workdays/{day.pk}/registrations", payload, content_type="application/json")


@pytest.mark.parametrize(
    "disposition, kept",
    [
        ("on_the_spot", {"answer": "已当场解释政策", "channel": "", "promised_days": None}),
        ("time_limit", {"answer": "", "channel": "", "promised_days": 15}),
        ("refer", {"answer": "", "channel": "区人力社保局", "promised_days": None}),
    ],
)
def test_both_doors_keep_only_what_belongs_to_the_disposition(client, on_the_day, disposition, kept):
    assert through_the_page(client, on_the_day, matter(disposition)).status_code == 302
    assert through_the_api(client, on_the_day, matter(disposition)).status_code == 201
    page, api = (Registration.objects.filter(pk=pk).values(*STORED).get() for pk in (
        Registration.objects.order_by("id").values_list("pk", flat=True)
    ))
    assert page == api
    assert {k: page[k] for k in kept} == kept


@pytest.mark.parametrize(
    "change, field, row_field",
    [
        ({"petitioner": {"name": "张三", "id_number": "500224199001011234", "phone": "13800138000"}}, "petitioners.0.id_number", "id_number"),
        ({"petitioner": {"name": "张三", "phone": "12345"}}, "petitioners.0.phone", "phone"),
        ({"petitioner": {"name": "张三", "phone": "１３８００１３８０００"}}, "petitioners.0.phone", "phone"),  # full-width
        ({"petitioner": {"name": "张三", "phone": "١٣٨٠٠١٣٨٠٠٠"}}, "petitioners.0.phone", "phone"),  # Arabic-Indic
        ({"petitioner": {"name": "张三", "phone": "138001380\x0700"}}, "petitioners.0.phone", "phone"),  # the input gate
        ({"answer": ""}, "answer", None),
        ({"promised_days": 400, "disposition": "time_limit"}, "promised_days", None),
    ],
)
def test_both_doors_refuse_the_same_input_on_the_same_field(client, on_the_day, change, field, row_field):
    m = {**matter("on_the_spot"), **change}
    page = through_the_page(client, on_the_day, m)
    api = through_the_api(client, on_the_day, m)
    assert page.status_code == 400 and api.status_code == 400
    if row_field:
        page_errors = page.context["formset"].forms[0].errors[row_field]
    else:
        page_errors = page.context["form"].errors[field]
    assert page_errors == api.json()["errors"][field]
    assert not Registration.objects.exists()


def test_both_doors_name_at_most_five_petitioners_and_count_the_group_in_people_count(client, on_the_day):
    m = matter("on_the_spot")
    six = [{"name": f"代表{i}", "phone": "13800138000"} for i in range(6)]
    payload = {
        "petitioners": six, "people_count": 30, "kind": m["kind"], "category_id": m["category"],
        "territory_unit_id": m["territory"], "content": m["content"], "disposition": "on_the_spot", "answer": "已解释",
    }
    api = client.post(f"/api/v1/workdays/{on_the_day.pk}/registrations", payload, content_type="application/json",
                      HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert api.status_code == 400
    assert "最多填写 5 名来访人" in api.json()["errors"]["petitioners"][0]
    rows = {f"p-{i}-{k}": v for i, p in enumerate(six) for k, v in p.items()}
    page = client.post(f"/workdays/{on_the_day.pk}/register/", {
        "client_ref": str(uuid.uuid4()), "p-TOTAL_FORMS": "6", "p-INITIAL_FORMS": "0", "p-MIN_NUM_FORMS": "1",
        "p-MAX_NUM_FORMS": "5", **rows, "people_count": "30", "kind": "request", "category_id": str(m["category"]),
        "territory_unit_id": str(m["territory"]), "content": m["content"], "disposition": "on_the_spot", "answer": "已解释",
    })
    assert page.status_code == 400 and page.context["formset"].non_form_errors()
    assert not Registration.objects.exists()
    five = client.post(f"/api/v1/workdays/{on_the_day.pk}/registrations", {**payload, "petitioners": six[:5]},
                       content_type="application/json")
    assert five.status_code == 201 and Registration.objects.get().people_count == 30
