"""A case registered at 巴川街道's Work Day of 2026-12-10 and assigned to 区人力社保局 (土桥镇
assisting) with instructions, and a supervision order on it. The ledger tests use cases' own factory."""

import pytest

from accounts.models import Role
from cases import handling
from cases.tests.conftest import case_factory  # noqa: F401  (a fixture)
from conftest import _make_user
from intake.tests.factories import register_matter
from supervision import orders
from units.models import Category, Unit

ID_NUMBER, PHONE = "500224198501012314", "13800138000"


@pytest.fixture
def labour_clerk(reference):
    return _make_user("labour_clerk", "区人力社保局", Role.CLERK)


@pytest.fixture
def day(clock, town_clerk, plan_workday):
    clock.set("2026-11-20 10:00")
    return plan_workday(town_clerk, "2026-12-10", participants=["张伟（党工委书记）", "办事处主任"])


@pytest.fixture
def registered(clock, town_clerk, day):
    clock.set("2026-12-10 10:00")
    registration, _ = register_matter(
        workday=day, actor=town_clerk, petitioners=[{"name": "李四", "id_number": ID_NUMBER, "phone": PHONE, "address": "玉皇村"}],
        kind="request", category=Category.objects.get(name="欠薪讨薪"), territory=Unit.objects.get(name="巴川街道"),
        content="工地拖欠工资三个月", disposition="refer", channel="区人力社保局",
    )
    return registration


@pytest.fixture
def assigned(clock, supervisor, registered):
    clock.set("2026-12-11 09:30")
    case = registered.case
    return handling.case_assign(
        case=case, actor=supervisor, version=case.version, lead_unit=Unit.objects.get(name="区人力社保局"),
        assisting_units=[Unit.objects.get(name="土桥镇")], instructions="请核实欠薪情况，依法督促支付。",
    )


@pytest.fixture
def order(clock, supervisor, assigned):
    clock.set("2026-12-15 09:00")
    case = assigned
    case.refresh_from_db()
    return orders.order_issue(case=case, actor=supervisor, version=case.version, text="请加快办理，书面报告进展。", respond_within_days=3)
