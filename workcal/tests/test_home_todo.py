"""From November on, the joint office's home page warns while next year is not confirmed."""

import pytest

from workcal.selectors import home_todo
from workcal.services import confirm_year

pytestmark = pytest.mark.django_db


def test_it_warns_the_joint_office_in_november(seeded, supervisor, clock):
    clock.set("2026-11-01")
    [item] = home_todo(supervisor)
    assert item.level == "warning"
    assert "2027" in item.text
    assert item.url == "/calendar/?year=2027"


def test_it_is_shown_on_the_home_page(seeded, client, supervisor, clock):
    clock.set("2026-12-15")
    client.force_login(supervisor)
    assert "/calendar/?year=2027" in client.get("/").content.decode()


def test_it_says_nothing_before_november(seeded, supervisor, clock):
    clock.set("2026-10-31")
    assert home_todo(supervisor) == []


def test_it_says_nothing_once_next_year_is_confirmed(seeded, supervisor, clock):
    clock.set("2026-11-20")
    confirm_year(year=2027, actor=supervisor)
    assert home_todo(supervisor) == []


def test_it_says_nothing_to_other_users(seeded, town_clerk, clock):
    clock.set("2026-11-20")
    assert home_todo(town_clerk) == []
