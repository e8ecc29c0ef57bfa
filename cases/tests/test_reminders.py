import pytest
from django.core.management import call_command

from cases.models import Reminder
from cases.reminders import home_todo
from intake.tests.factories import register_matter
from units.models import Category, Unit

pytestmark = pytest.mark.django_db


@pytest.fixture
def cases(clock, town_clerk, plan_workday):
    clock.set("2026-11-20 10:00")
    day = plan_workday(town_clerk, "2026-12-10")
    clock.set("2026-12-10 10:00")
    made = []
    for disposition, extra in (("time_limit", {"promised_days": 15}), ("refer", {"channel": "区人力社保局"})):
        registration, _ = register_matter(
            workday=day, actor=town_clerk, petitioners=[{"name": "李四", "phone": "13800138000"}], kind="request",
            category=Category.objects.get(name="欠薪讨薪"), territory=Unit.objects.get(name="巴川街道"),
            content="欠薪", disposition=disposition, **extra,
        )
        made.append(registration.case)
    return made  # both due 2026-12-21 (reply / feedback); the promise runs to 2026-12-31


def test_the_scan_lists_due_soon_then_overdue_per_unit(cases, clock, capsys):
    clock.set("2026-12-17 08:00")  # Thursday: the 21st is two working days ahead
    call_command("scan_deadlines")
    assert "巴川街道" in capsys.readouterr().out
    kinds = set(Reminder.objects.values_list("kind", flat=True))
    assert kinds == {"due_soon", "feedback_due_soon"}
    clock.set("2026-12-22 08:00")
    call_command("scan_deadlines")
    latest = Reminder.objects.filter(scan__for_date="2026-12-22")
    assert set(latest.values_list("kind", flat=True)) == {"overdue", "feedback_overdue"}


def test_nothing_is_due_a_week_ahead(cases, clock):
    clock.set("2026-12-11 08:00")
    call_command("scan_deadlines")
    assert Reminder.objects.count() == 0


def test_the_home_page_shows_the_units_reminders_only(client, cases, clock, town_clerk, other_town_clerk):
    clock.set("2026-12-22 08:00")
    call_command("scan_deadlines")
    texts = [i.text for i in home_todo(town_clerk)]
    assert any("1" in t for t in texts) and len(texts) == 2
    assert home_todo(other_town_clerk) == []
    client.force_login(town_clerk)
    body = client.get("/").content.decode()
    assert "/cases/?overdue=1" in body


def test_only_the_joint_office_runs_the_scan_from_the_page(client, cases, town_clerk, supervisor):
    client.force_login(town_clerk)
    assert client.post("/reminders/scan/").status_code == 403
    client.force_login(supervisor)
    assert client.post("/reminders/scan/").status_code == 302
    assert client.get("/reminders/scan/").status_code == 405
    assert client.get("/reminders/").status_code == 200


def test_a_promised_resolution_date_is_reminded_and_then_reported_broken(cases, clock):
    clock.set("2026-12-29 08:00")  # Tuesday: the 31st is two working days ahead
    call_command("scan_deadlines")
    promise = Reminder.objects.filter(scan__for_date="2026-12-29", kind="promise_due_soon").get()
    assert (promise.case_id, promise.unit.name, str(promise.due_date)) == (cases[0].pk, "巴川街道", "2026-12-31")
    clock.set("2027-01-04 08:00")
    call_command("scan_deadlines")
    assert Reminder.objects.filter(scan__for_date="2027-01-04", kind="promise_broken", case=cases[0]).exists()
