"""The signal orders_overdue: per unit, the supervision orders whose response date fell in the period
and that were not answered by it (answered late, or still unanswered once the date has passed)."""

import pytest

from supervision import orders
from supervision.metrics import signals_for_period
from supervision.tests.helpers import assign_case, referred_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def four_orders(clock, town_clerk, supervisor, plan_workday, make_user):
    labour = make_user("clerk", "区人力社保局")
    clock.set("2026-10-12 09:00")
    day = plan_workday(town_clerk, "2026-10-20")
    clock.set("2026-10-20 10:00")
    cases = [referred_case(day, town_clerk, c) for c in ("欠薪甲", "欠薪乙", "欠薪丙", "欠薪丁")]
    clock.set("2026-10-21 10:00")
    made = []
    for case, days in zip(cases, (1, 1, 1, 5), strict=True):
        assign_case(case, supervisor, "区人力社保局")
        case.refresh_from_db()
        made.append(orders.order_issue(case=case, actor=supervisor, version=case.version, text="请报告办理情况", respond_within_days=days))
    unanswered, late, on_time, not_yet_due = made  # respond by 10-22, 10-22, 10-22, 10-28
    clock.set("2026-10-22 17:00")
    orders.order_respond(order=on_time, actor=labour, content="已办理")
    clock.set("2026-10-23 09:00")
    orders.order_respond(order=late, actor=labour, content="已办理")
    clock.set("2026-10-27 09:00")
    return {"unanswered": unanswered, "late": late, "on_time": on_time, "not_yet_due": not_yet_due, "labour": labour}


def test_unanswered_and_late_answered_orders_count(four_orders, client, supervisor):
    unit_id = four_orders["labour"].unit_id
    signals = signals_for_period("2026Q4")[unit_id]
    assert signals.cases["orders_overdue"] == {four_orders["unanswered"].case_id, four_orders["late"].case_id}
    client.force_login(supervisor)
    row = next(r for r in client.get("/api/v1/supervision?period=2026Q4").json() if r["unit_id"] == unit_id)
    assert row["orders_overdue"] == 2
    drill = client.get(f"/api/v1/supervision/cases?period=2026Q4&unit_id={unit_id}&signal=orders_overdue").json()
    assert drill["case_ids"] == sorted([four_orders["unanswered"].case_id, four_orders["late"].case_id])
    assert "督办逾期未回复" in client.get("/supervision/signals/?period=2026Q4").content.decode()


def test_an_order_counts_once_its_date_has_passed(four_orders, clock):
    clock.set("2026-10-28 18:00")
    unit_id = four_orders["labour"].unit_id
    assert four_orders["not_yet_due"].case_id not in signals_for_period("2026Q4")[unit_id].cases["orders_overdue"]
    clock.set("2026-10-29 09:00")
    assert four_orders["not_yet_due"].case_id in signals_for_period("2026Q4")[unit_id].cases["orders_overdue"]
    assert signals_for_period("2027Q1").get(unit_id) is None


def test_the_draft_bulletin_names_a_unit_that_left_an_order_unanswered(four_orders, supervisor):
    from supervision.bulletins import bulletin_generate

    bulletin = bulletin_generate(period="2026Q4", actor=supervisor)
    unit_id = str(four_orders["labour"].unit_id)
    assert four_orders["unanswered"].case_id in bulletin.findings["late"][unit_id]
