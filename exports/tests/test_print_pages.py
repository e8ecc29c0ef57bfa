"""The print pages: the sign-in book (blank and signed), the registration form (blank and filled)."""

import re

import pytest

from accounts.models import Role
from conftest import _make_user
from exports.printing import SIGN_IN_ROWS, split_participant
from exports.tests.conftest import ID_NUMBER, PHONE
from workdays.services import sign_in_add

pytestmark = pytest.mark.django_db


def _rows(page: str) -> list[list[str]]:
    """The cells of the sign-in table, tags stripped."""
    body = page.split('data-testid="sign-in-table"', 1)[1].split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    return [[re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)] for row in body.split("</tr>")[:-1]]


def test_a_participant_is_split_into_name_and_post():
    assert split_participant("张伟（党工委书记）") == ("张伟", "党工委书记")
    assert split_participant("李明 (办事处主任)") == ("李明", "办事处主任")
    assert split_participant("办事处主任") == ("", "办事处主任")


def test_the_blank_book_lists_the_planned_participants_then_empty_lines(client, town_clerk, day):
    client.force_login(town_clerk)
    response = client.get(f"/workdays/{day.pk}/print/sign-in/blank/")
    assert response.status_code == 200
    page = response.content.decode()
    rows = _rows(page)
    assert rows[0] == ["1", "张伟", "巴川街道", "党工委书记", "", ""]
    assert rows[1] == ["2", "", "巴川街道", "办事处主任", "", ""]
    assert len(rows) == SIGN_IN_ROWS and all(r[1:] == ["", "", "", "", ""] for r in rows[2:])
    for header in ("序号", "姓名", "单位", "职务", "签名", "时间"):
        assert f"<th>{header}</th>" in page
    assert "data-print" in page and "/static/js/print.js" in page


def test_the_signed_book_lists_who_signed(client, clock, town_clerk, day):
    clock.set("2026-12-10 09:05")
    sign_in_add(workday=day, actor=town_clerk, name="张伟", title="党工委书记", unit_name="巴川街道")
    client.force_login(town_clerk)
    rows = _rows(client.get(f"/workdays/{day.pk}/print/sign-in/").content.decode())
    assert rows == [["1", "张伟", "巴川街道", "党工委书记", "", "09:05"]]


def test_another_unit_gets_404_on_every_print_page(client, other_town_clerk, registered, day):
    client.force_login(other_town_clerk)
    for url in (
        f"/workdays/{day.pk}/print/sign-in/",
        f"/workdays/{day.pk}/print/sign-in/blank/",
        f"/workdays/{day.pk}/print/registration-form/",
        f"/workdays/{day.pk}/registrations/{registered.pk}/print/",
    ):
        assert client.get(url).status_code == 404, url


def test_the_joint_office_and_the_host_unit_may_print(client, supervisor, town_clerk, registered, day):
    for user in (supervisor, town_clerk):
        client.force_login(user)
        assert client.get(f"/workdays/{day.pk}/registrations/{registered.pk}/print/").status_code == 200
        assert client.get(f"/workdays/{day.pk}/print/registration-form/").status_code == 200


def test_a_registration_of_another_day_is_not_found_under_this_one(client, clock, town_clerk, plan_workday, registered):
    clock.set("2026-11-20 10:00")
    other_day = plan_workday(town_clerk, "2026-12-17")
    client.force_login(town_clerk)
    assert client.get(f"/workdays/{other_day.pk}/registrations/{registered.pk}/print/").status_code == 404


def test_the_filled_form_masks_the_id_number_and_phone_for_everyone(client, supervisor, town_clerk, registered, day):
    for user in (supervisor, town_clerk):
        client.force_login(user)
        page = client.get(f"/workdays/{day.pk}/registrations/{registered.pk}/print/").content.decode()
        assert "群众工作日登记表" in page
        for expected in ("李四", "5002**********2314", "138****8000", "玉皇村", "工地拖欠工资三个月", "区人力社保局"):
            assert expected in page, expected
        assert ID_NUMBER not in page and PHONE not in page


def test_the_blank_form_has_empty_boxes(client, town_clerk, day):
    client.force_login(town_clerk)
    page = client.get(f"/workdays/{day.pk}/print/registration-form/").content.decode()
    assert "群众工作日登记表" in page
    assert page.count('class="box"></span>') >= 6  # kinds and dispositions to tick by hand
    assert "write-in" in page


def test_the_pages_link_the_print_views(client, town_clerk, registered, day):
    client.force_login(town_clerk)
    workday_page = client.get(f"/workdays/{day.pk}/").content.decode()
    for url in (f"/workdays/{day.pk}/print/sign-in/blank/", f"/workdays/{day.pk}/print/sign-in/", f"/workdays/{day.pk}/print/registration-form/"):
        assert f'href="{url}"' in workday_page
    registration_page = client.get(f"/workdays/{day.pk}/registrations/{registered.pk}/").content.decode()
    assert f'href="/workdays/{day.pk}/registrations/{registered.pk}/print/"' in registration_page


def test_an_unlisted_clerk_of_the_unit_may_print_too(client, day):
    client.force_login(_make_user("bachuan_viewer", "巴川街道", Role.CLERK))
    assert client.get(f"/workdays/{day.pk}/print/sign-in/blank/").status_code == 200
