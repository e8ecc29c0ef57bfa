"""One mask per kind of personal data, the same on the Work Day pages, the case page and the API."""

import pytest

from intake.masking import mask_id_number, mask_name, mask_phone
from intake.tests.factories import register_matter
from units.models import Category, Unit

LANDLINE = "45642812"


@pytest.mark.parametrize(
    "phone, masked",
    [
        ("13800000031", "138****0031"),
        ("138 0000 0031", "138****0031"),
        (LANDLINE, "****2812"),
        ("023-45642812", "****2812"),
        ("4564281", "****4281"),
        ("", ""),
    ],
)
def test_a_phone_keeps_its_last_four_digits(phone, masked):
    assert mask_phone(phone) == masked


def test_an_id_number_keeps_its_first_four_and_last_four():
    assert mask_id_number("50022419900101123X") == "5002**********123X"
    assert mask_id_number("") == ""


def test_a_name_keeps_the_surname():
    assert mask_name("张三丰") == "张**"


@pytest.mark.django_db
def test_a_landline_is_masked_the_same_on_every_page_and_in_the_api(client, clock, town_clerk, plan_workday):
    clock.set("2026-11-20 10:00")
    day = plan_workday(town_clerk, "2026-12-10")
    clock.set("2026-12-10 10:00")
    registration, _ = register_matter(
        workday=day,
        actor=town_clerk,
        petitioners=[{"name": "李四", "phone": LANDLINE}],
        kind="request",
        category=Category.objects.get(name="市容环境"),
        territory=Unit.objects.get(name="巴川街道"),
        content="路灯不亮",
        disposition="time_limit",
    )
    client.force_login(town_clerk)
    pages = [
        f"/workdays/{day.pk}/",
        f"/workdays/{day.pk}/registrations/{registration.pk}/",
        f"/cases/{registration.case.pk}/",
    ]
    for url in pages:
        html = client.get(url).content.decode()
        assert "****2812" in html and LANDLINE not in html and "456*2812" not in html, url
    listed = client.get(f"/api/v1/workdays/{day.pk}/registrations").json()["items"]
    assert listed[0]["petitioners"][0]["phone_masked"] == "****2812"
