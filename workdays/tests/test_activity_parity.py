"""The new steps of the Work Day's table (R13 records, a relief's follow-up, a screening item's
progress): for every user × status of the day, the page and the API give the table's verdict."""

import datetime

import pytest
from django.utils import timezone

from conftest import door_verdict, table_verdict
from workdays.models import Activity, ScreeningItem, WorkDay
from workdays.selectors import visible_workdays
from workdays.tests.test_transition_parity import ROLES
from workdays.tests.test_transition_parity import days as days  # noqa: F401 (the fixture)
from workdays.transitions import TABLE

pytestmark = pytest.mark.django_db

VISIT = {"subject": "重点下访", "target": "玉皇村", "people": "张伟", "done_on": "2026-12-01", "found": "", "done": "入户走访"}


def _doors(name: str, day: WorkDay, user):
    """The page's and the API's request for step `name` on `day`."""
    if name == "activity":
        return (
            lambda c: c.post(f"/workdays/{day.pk}/activities/visit/", {f"visit-{k}": v for k, v in VISIT.items()}),
            lambda c: c.post(f"/api/v1/workdays/{day.pk}/visits", VISIT, content_type="application/json"),
        )
    if name == "relief_follow_up":
        relief = Activity.objects.create(
            workday=day, kind="relief", subject="住房", target="李大爷", done="修缮", done_on=datetime.date(2026, 12, 1),
            follow_up_on=datetime.date(2026, 12, 5), recorded_at=timezone.now(), recorded_by=user,
        )
        return (
            lambda c: c.post(f"/workdays/{day.pk}/relief/{relief.pk}/outcome/", {f"relief-{relief.pk}-outcome": "已完成"}),
            lambda c: c.patch(f"/api/v1/workdays/{day.pk}/relief/{relief.pk}", {"outcome": "已完成"}, content_type="application/json"),
        )
    item = ScreeningItem.objects.create(
        workday=day, description="邻里纠纷", outcome="mediation", recorded_at=timezone.now(), recorded_by=user
    )
    return (
        lambda c: c.post(f"/workdays/{day.pk}/screening/{item.pk}/", {f"screening-{item.pk}-outcome": "resolved"}),
        lambda c: c.patch(f"/api/v1/screening-items/{item.pk}", {"outcome": "resolved"}, content_type="application/json"),
    )


@pytest.mark.parametrize("name", ["activity", "relief_follow_up", "screening_update"])
def test_page_and_api_give_the_tables_verdict(name, client, days, town_clerk, request):
    step = TABLE[name]
    seen = set()
    for role in ROLES:
        user = request.getfixturevalue(role)
        client.force_login(user)
        for status, day in days.items():
            day = WorkDay.objects.get(pk=day.pk)
            page, api = _doors(name, day, town_clerk)
            verdicts = (door_verdict(lambda page=page: page(client)), door_verdict(lambda api=api: api(client)))
            want = table_verdict(step, user, day, visible=visible_workdays(user).filter(pk=day.pk).exists())
            assert verdicts == (want, want), f"{name} by {role} on a {status} day"
            seen.add(want)
    assert {"done", "refused", "forbidden", "not found"} <= seen
