import pytest
from django.core.management import CommandError, call_command

from accounts.models import User
from cases.models import Case
from history.models import Event
from workdays.models import WorkDay

pytestmark = pytest.mark.django_db


def test_the_demo_loads_every_role_and_a_lived_in_month_once(reference, capsys, settings):
    settings.DEBUG = True  # development only
    call_command("load_demo")
    out = capsys.readouterr().out
    assert "lianxiban" in out and "demo-2026" in out
    assert {u.role for u in User.objects.all()} == {"supervisor", "clerk", "unit_leader", "district_leader", "admin"}
    counts = (User.objects.count(), WorkDay.objects.count(), Case.objects.count(), Event.objects.count())
    assert counts[1] >= 5 and counts[2] >= 6
    assert set(WorkDay.objects.values_list("status", flat=True)) >= {"planned", "held", "reported"}
    call_command("load_demo")
    assert (User.objects.count(), WorkDay.objects.count(), Case.objects.count(), Event.objects.count()) == counts


def test_the_demo_refuses_to_load_outside_development(reference, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG=1"):
        call_command("load_demo")
    assert not User.objects.exists()
