"""Several clerks register at the same event at once; resubmitted forms arrive twice. Nothing is lost
and nothing is created twice (DESIGN §6: 20 clerks at one event)."""

import threading
import uuid

import pytest
from django.db import connection

from cases.models import Case
from intake.models import Registration
from intake.tests.factories import register_matter
from units.models import Category, Unit
from workdays.models import Status

pytestmark = pytest.mark.django_db(transaction=True)

CLERKS = 8
FORMS_PER_CLERK = 3


def test_parallel_clerks_lose_nothing_and_duplicate_nothing(clock, town_clerk, plan_workday):
    clock.set("2026-11-20 10:00")
    day = plan_workday(town_clerk, "2026-12-10")
    clock.set("2026-12-10 09:30")
    category = Category.objects.get(name="欠薪讨薪")
    territory = Unit.objects.get(name="巴川街道")
    refs = [[uuid.uuid4() for _ in range(FORMS_PER_CLERK)] for _ in range(CLERKS)]
    errors: list[BaseException] = []
    start = threading.Barrier(CLERKS)

    def clerk(n: int) -> None:
        try:
            start.wait()
            for i, ref in enumerate(refs[n]):
                for _ in range(2):  # every form is submitted twice (double click, retry)
                    register_matter(
                        workday=day,
                        actor=town_clerk,
                        client_ref=ref,
                        petitioners=[{"name": f"群众{n}-{i}", "phone": "13800138000"}],
                        kind="request",
                        category=category,
                        territory=territory,
                        content=f"第{n}号经办人登记的第{i}件事项",
                        disposition="time_limit",
                    )
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=clerk, args=(n,)) for n in range(CLERKS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    assert errors == []
    assert Registration.objects.count() == CLERKS * FORMS_PER_CLERK
    assert Case.objects.count() == CLERKS * FORMS_PER_CLERK
    assert set(Registration.objects.values_list("client_ref", flat=True)) == {r for rs in refs for r in rs}
    day.refresh_from_db()
    assert day.status == Status.HELD
