"""The joint office's calendar pages."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from workcal.models import CalendarDay, CalendarYear, YearStatus

pytestmark = pytest.mark.django_db

D = dt.date


@pytest.fixture
def joint_office(client, supervisor):
    client.force_login(supervisor)
    return client


def test_the_year_page_shows_twelve_months_with_days_off_and_make_up_days(seeded, joint_office):
    response = joint_office.get("/calendar/", {"year": 2026})
    assert response.status_code == 200
    page = response.content.decode()
    assert page.count('class="cal"') == 12
    assert 'data-date="2026-02-17" data-kind="off"' in page
    assert 'data-date="2026-02-14" data-kind="makeup"' in page
    assert 'data-date="2026-02-21" data-kind="weekend"' in page
    assert 'data-date="2026-02-24" data-kind="work"' in page
    assert response.context["overview"].workdays == 248
    assert "2026-11-23" in page and "2026-12-02" in page  # the help text's example


def test_the_year_page_defaults_to_this_year(seeded, joint_office, clock):
    clock.set("2026-11-27")
    assert joint_office.get("/calendar/").context["year"] == 2026


def test_an_estimated_year_is_shown_as_provisional_with_a_confirm_button(seeded, joint_office):
    page = joint_office.get("/calendar/", {"year": 2027}).content.decode()
    assert 'data-testid="year-status"><span class="badge warn">' in page
    assert reverse("workcal:confirm_year") in page
    assert 'data-date="2027-10-01" data-kind="off"' in page


@pytest.mark.parametrize("year", ["1899", "2101", "abc"])
def test_a_year_out_of_range_is_not_found(seeded, joint_office, year):
    assert joint_office.get("/calendar/", {"year": year}).status_code == 404


def test_choosing_a_day_shows_its_form(seeded, joint_office):
    response = joint_office.get("/calendar/", {"year": 2026, "day": "2026-02-17"})
    assert response.context["edit_form"].initial == {"date": D(2026, 2, 17), "is_workday": "off", "note": "春节"}
    assert reverse("workcal:set_day") in response.content.decode()


def test_saving_a_day_changes_it_and_tells_how_many_deadlines_moved(seeded, joint_office):
    response = joint_office.post(
        reverse("workcal:set_day"), {"date": "2026-11-25", "is_workday": "off", "note": "临时"}, follow=True
    )
    assert response.redirect_chain[-1][0] == "/calendar/?year=2026"
    assert CalendarDay.objects.get(date=D(2026, 11, 25)).is_workday is False
    messages = [str(m) for m in response.context["messages"]]
    assert len(messages) == 1 and "2026-11-25" in messages[0] and "0" in messages[0]


def test_a_bad_day_form_changes_nothing(seeded, joint_office):
    response = joint_office.post(reverse("workcal:set_day"), {"date": "2026-02-30", "is_workday": "off"}, follow=True)
    assert response.status_code == 200
    assert [m.level_tag for m in response.context["messages"]] == ["error"]


def test_confirming_a_year(seeded, joint_office):
    response = joint_office.post(reverse("workcal:confirm_year"), {"year": 2027}, follow=True)
    assert response.redirect_chain[-1][0] == "/calendar/?year=2027"
    assert CalendarYear.objects.get(year=2027).status == YearStatus.CONFIRMED


NOTICE_2027 = (
    "国务院办公厅关于2027年部分节假日安排的通知\n"
    "一、元旦：1月1日（周五）至3日（周日）放假，共3天。\n"
    "二、春节：2月6日（周六）至14日（周日）放假调休，共9天。2月20日（周六）上班。\n"
)


def test_importing_shows_a_preview_first_and_stores_nothing(seeded, joint_office):
    response = joint_office.post(reverse("workcal:import_notice"), {"text": NOTICE_2027, "action": "preview"})
    assert response.status_code == 200
    assert [r["day"].date for r in response.context["rows"]] == [
        D(2027, 1, 1),
        *[D(2027, 2, d) for d in range(8, 13)],
        D(2027, 2, 20),
    ]
    assert 'name="action" value="confirm"' in response.content.decode()
    assert not CalendarYear.objects.filter(year=2027).exists()


def test_confirming_the_preview_imports_the_notice(seeded, joint_office):
    response = joint_office.post(
        reverse("workcal:import_notice"), {"text": NOTICE_2027, "action": "confirm"}, follow=True
    )
    assert response.redirect_chain[-1][0] == "/calendar/?year=2027"
    assert CalendarYear.objects.get(year=2027).status == YearStatus.CONFIRMED
    assert CalendarDay.objects.get(date=D(2027, 2, 20)).is_workday is True
    assert [m.level_tag for m in response.context["messages"]] == ["success"]


def test_a_notice_can_be_uploaded_as_a_gbk_file(seeded, joint_office):
    upload = SimpleUploadedFile("2027.txt", NOTICE_2027.encode("gb18030"), content_type="text/plain")
    response = joint_office.post(reverse("workcal:import_notice"), {"file": upload, "action": "preview"})
    assert response.context["parsed"].year == 2027


def test_an_unreadable_notice_is_refused_with_the_part_quoted(seeded, joint_office):
    text = NOTICE_2027 + "三、清明节：4月5日放假，具体另行通知。\n"
    for action in ("preview", "confirm"):
        response = joint_office.post(reverse("workcal:import_notice"), {"text": text, "action": action})
        assert response.status_code == 200
        assert "“4月5日放假，具体另行通知”" in response.content.decode()
    assert not CalendarYear.objects.filter(year=2027).exists()


def test_an_empty_import_is_refused(seeded, joint_office):
    response = joint_office.post(reverse("workcal:import_notice"), {"text": " "})
    assert response.context["form"].errors


def test_the_import_form(seeded, joint_office):
    assert joint_office.get(reverse("workcal:import_notice")).status_code == 200


@pytest.mark.parametrize(
    "method, name, data",
    [
        ("get", "workcal:year", {}),
        ("get", "workcal:import_notice", {}),
        ("post", "workcal:import_notice", {"text": NOTICE_2027, "action": "confirm"}),
        ("post", "workcal:set_day", {"date": "2026-11-25", "is_workday": "off"}),
        ("post", "workcal:confirm_year", {"year": 2027}),
    ],
)
def test_other_users_are_refused(seeded, client, town_clerk, method, name, data):
    client.force_login(town_clerk)
    response = getattr(client, method)(reverse(name), data)
    assert response.status_code == 403
    assert not CalendarYear.objects.filter(year=2027).exists()
    assert not CalendarDay.objects.filter(date=D(2026, 11, 25)).exists()


@pytest.mark.parametrize("name", ["workcal:set_day", "workcal:confirm_year"])
def test_changes_need_a_post(seeded, joint_office, name):
    assert joint_office.get(reverse(name)).status_code == 405
