"""A Work Day of 巴川街道 on Monday 2026-12-07, taken through its life with the clock."""

from __future__ import annotations

import pytest

from intake.tests.factories import register_matter
from units.models import Category, DistrictLeader, Unit
from workdays import services
from workdays.models import Invitation

DAY = "2026-12-07"
ID_NUMBER = "11010519491231002X"
PHONE = "13800138000"


@pytest.fixture
def planned_day(clock, town_clerk, plan_workday):
    clock.set("2026-11-25 09:00")
    leader = DistrictLeader.objects.create(name="李明", title="区委常委")
    day = plan_workday(
        town_clerk,
        DAY,
        extension_sites=["玉皇村", "金龙社区"],
        invited_leaders=[leader],
        liaison_departments=[Unit.objects.get(name="区住房城乡建委")],
        agenda="接待群众来访\n现场答复诉求",
        procedure="登记、分流、答复",
    )
    # The leader accepted: the notice names the invited leaders who accepted as attending.
    day.invitations.update(answer=Invitation.Answer.ACCEPTED)
    return day


@pytest.fixture
def published_day(clock, town_clerk, planned_day):
    clock.set("2026-12-01 10:00")  # day−6: inside the window
    return services.notice_publish(workday=planned_day, actor=town_clerk)


def register(
    workday, actor, *, name, disposition, answer="", content="路灯损坏，夜间出行不便", id_number="", phone=PHONE
):
    registration, _created = register_matter(
        workday=workday,
        actor=actor,
        petitioners=[{"name": name, "id_number": id_number, "phone": phone, "address": "玉皇村3组"}],
        kind="request",
        category=Category.objects.filter(parent__isnull=True).first(),
        territory=Unit.objects.get(name="巴川街道"),
        content=content,
        disposition=disposition,
        answer=answer,
        channel="请向区人民法院提起诉讼" if disposition == "refer" else "",
    )
    return registration


@pytest.fixture
def held_day(clock, town_clerk, published_day):
    """Two citizens registered on the day: one answered on the spot, one with a committed time limit."""
    clock.set(f"{DAY} 09:30")
    register(
        published_day,
        town_clerk,
        name="张三丰",
        disposition="on_the_spot",
        answer="已联系供电所，三日内修复路灯。",
        id_number=ID_NUMBER,
    )
    register(
        published_day,
        town_clerk,
        name="欧阳明月",
        disposition="time_limit",
        content="小区排水管道堵塞，雨天积水严重，" * 5,
    )
    clock.set(f"{DAY} 17:00")
    services.report_submit(workday=published_day, actor=town_clerk)
    published_day.refresh_from_db()
    return published_day


@pytest.fixture
def results_day(clock, town_clerk, held_day):
    clock.set("2026-12-20 10:00")
    services.results_publish(workday=held_day, actor=town_clerk)
    held_day.refresh_from_db()
    return held_day
