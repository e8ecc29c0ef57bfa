"""Sites (R2): each registration records which site received it, through the page and the API; the
day lists its sites and shows its figures per site."""

import uuid

import pytest

from intake.models import Registration
from intake.tests.factories import register_matter
from units.models import Category, Unit
from workdays.models import WorkDay
from workdays.tests.test_pages_register import reg_data

pytestmark = pytest.mark.django_db

ID_OK = "50022419900101123X"


@pytest.fixture
def day(clock, town_clerk, plan_workday) -> WorkDay:
    clock.set("2026-11-20 10:00")
    made = plan_workday(town_clerk, "2026-12-10", extension_sites=["玉皇村", "龙门社区"])
    clock.set("2026-12-10 10:00")
    return made


def api_payload(**overrides):
    payload = {
        "client_ref": str(uuid.uuid4()),
        "petitioners": [{"name": "张三", "id_number": ID_OK, "phone": "13800138000", "address": "玉皇村"}],
        "kind": "request",
        "category_id": Category.objects.get(name="欠薪讨薪").pk,
        "content": "工地拖欠工资",
        "disposition": "time_limit",
        "promised_days": 10,
        "duplicate_confirmed": True,
    }
    payload.update(overrides)
    return payload


def test_the_day_lists_its_sites_main_place_first(client, town_clerk, day):
    client.force_login(town_clerk)
    assert client.get(f"/api/v1/workdays/{day.pk}").json()["sites"] == ["巴川广场", "玉皇村", "龙门社区"]


# Same site given at both doors: what is stored ("" for the main place), or the field in error.
CASES = [
    (None, ""),
    ("", ""),
    ("巴川广场", ""),
    ("玉皇村", "玉皇村"),
    ("  龙门社区 ", "龙门社区"),
    ("二坪镇广场", "error"),
]


@pytest.mark.parametrize("given, stored", CASES)
def test_both_doors_store_the_site_or_refuse_it_on_the_field(client, town_clerk, day, given, stored):
    client.force_login(town_clerk)
    extra = {} if given is None else {"site": given}
    api = client.post(
        f"/api/v1/workdays/{day.pk}/registrations", api_payload(**extra), content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="zh-hans",
    )
    page = client.post(f"/workdays/{day.pk}/register/", reg_data(duplicate_confirmed="on", **extra), HTTP_ACCEPT_LANGUAGE="zh-hans")
    if stored == "error":
        assert api.status_code == 400 and page.status_code == 400
        assert "不是本次群众工作日的接待点" in api.json()["errors"]["site"][0]
        assert page.context["form"].errors["site"] == api.json()["errors"]["site"]
        assert not Registration.objects.exists()
        return
    assert api.status_code == 201 and page.status_code == 302
    assert list(Registration.objects.values_list("site", flat=True)) == [stored, stored]
    assert api.json()["site"] == (stored or "巴川广场")


def test_a_day_without_extension_sites_takes_only_its_main_place(client, clock, town_clerk, plan_workday):
    clock.set("2026-11-20 10:00")
    plain = plan_workday(town_clerk, "2026-12-10", extension_sites=[])
    clock.set("2026-12-10 10:00")
    client.force_login(town_clerk)
    form = client.get(f"/workdays/{plain.pk}/register/")
    assert "site" not in form.context["form"].fields and 'data-testid="site"' not in form.content.decode()
    bad = client.post(f"/api/v1/workdays/{plain.pk}/registrations", api_payload(site="玉皇村"), content_type="application/json")
    assert bad.status_code == 400 and "site" in bad.json()["errors"]
    assert client.post(f"/workdays/{plain.pk}/register/", reg_data()).status_code == 302
    assert Registration.objects.get().site == ""


def test_the_form_offers_the_sites_and_keeps_the_clerks_last_choice(client, town_clerk, day):
    client.force_login(town_clerk)
    first = client.get(f"/workdays/{day.pk}/register/")
    assert first.context["form"].initial["site"] == "巴川广场"
    page = first.content.decode()
    assert "接待点" in page and ">玉皇村</option>" in page and ">龙门社区</option>" in page
    assert client.post(f"/workdays/{day.pk}/register/", reg_data(site="龙门社区")).status_code == 302
    again = client.get(f"/workdays/{day.pk}/register/")
    assert again.context["form"].initial["site"] == "龙门社区"
    assert 'value="龙门社区" selected' in again.content.decode()
    # Another day of the same clerk starts from its own main place.
    other = WorkDay.objects.create(**{
        f.name: getattr(day, f.name) for f in WorkDay._meta.concrete_fields if f.name not in ("id",)
    })
    assert client.get(f"/workdays/{other.pk}/register/").context["form"].initial["site"] == "巴川广场"


def test_the_days_page_shows_the_figures_per_site(client, town_clerk, day):
    territory, category = Unit.objects.get(name="巴川街道"), Category.objects.get(name="欠薪讨薪")
    common = {"kind": "request", "category": category, "territory": territory, "content": "拖欠工资", "disposition": "refer", "channel": "区人力社保局"}
    register_matter(workday=day, actor=town_clerk, petitioners=[{"name": "甲", "phone": "13800138001"}], **common)
    register_matter(workday=day, actor=town_clerk, site="玉皇村", people_count=6, petitioners=[{"name": "乙", "phone": "13800138002"}], **common)
    register_matter(workday=day, actor=town_clerk, site="玉皇村", people_count=2, petitioners=[{"name": "丙", "phone": "13800138003"}], **common)
    client.force_login(town_clerk)
    response = client.get(f"/workdays/{day.pk}/", HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert response.context["sites"] == [
        {"site": "巴川广场", "registrations": 1, "people": 1, "group_visits": 0},
        {"site": "玉皇村", "registrations": 2, "people": 8, "group_visits": 1},
        {"site": "龙门社区", "registrations": 0, "people": 0, "group_visits": 0},
    ]
    page = response.content.decode()
    table = page[page.index('data-testid="site-figures"'):page.index('data-testid="registrations"')]
    assert "<td>玉皇村</td><td>2</td><td>8</td><td>1</td>" in table
    listed = client.get(f"/api/v1/workdays/{day.pk}/registrations").json()["items"]
    assert [r["site"] for r in listed] == ["巴川广场", "玉皇村", "玉皇村"]
    one = client.get(f"/workdays/{day.pk}/registrations/{listed[1]['id']}/").content.decode()
    assert 'data-testid="site">玉皇村</dd>' in one
