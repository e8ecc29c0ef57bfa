"""Two clerks act on the same case at the same moment with the version they both loaded: exactly one
succeeds, the other is told the case changed, and no update is lost."""

import threading

import pytest
from django.db import connection

from cases import handling
from cases.models import Case, CaseStatus
from conftest import _make_user
from intake.tests.factories import register_matter
from lifecycle import StaleVersion
from units.models import Category, Unit

pytestmark = pytest.mark.django_db(transaction=True)


def test_one_of_two_simultaneous_writes_wins_the_other_is_refused(clock, town_clerk, supervisor, plan_workday):
    clock.set("2026-11-20 10:00")
    day = plan_workday(town_clerk, "2026-12-10")
    clock.set("2026-12-10 10:00")
    registration, _ = register_matter(
        workday=day, actor=town_clerk, petitioners=[{"name": "李四", "phone": "13800138000"}], kind="request",
        category=Category.objects.get(name="欠薪讨薪"), territory=Unit.objects.get(name="巴川街道"),
        content="欠薪", disposition="refer", channel="区人力社保局",
    )
    case = registration.case
    case = handling.case_assign(case=case, actor=supervisor, version=case.version, lead_unit=Unit.objects.get(name="区人力社保局"))
    first, second = _make_user("labour_a", "区人力社保局", "clerk"), _make_user("labour_b", "区人力社保局", "clerk")
    seen = case.version
    start = threading.Barrier(2)
    outcomes: dict[str, str] = {}

    def reply(user):
        try:
            start.wait()
            handling.case_reply(case=case, actor=user, version=seen, content=f"{user.username}的答复", concluded=True)
            outcomes[user.username] = "ok"
        except StaleVersion:
            outcomes[user.username] = "stale"
        except Exception as exc:  # noqa: BLE001 - reported by the assertion below
            outcomes[user.username] = repr(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=reply, args=(u,)) for u in (first, second)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    assert sorted(outcomes.values()) == ["ok", "stale"], outcomes
    case = Case.objects.get(pk=case.pk)
    assert case.status == CaseStatus.REPLIED and case.version == seen + 1
    assert case.replies.count() == 1
