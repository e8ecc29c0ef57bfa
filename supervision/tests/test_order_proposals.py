"""The daily scan proposes a supervision order once per trigger and stage, never twice across
repeated scans; a new assignment can trigger again."""

import datetime

import pytest
from django.core.management import call_command
from django.db import transaction

from cases import handling
from cases.models import AssistOpinion
from history.services import record
from supervision.models import OrderProposal
from supervision.proposals import propose_orders
from supervision.tests.helpers import assign_case
from supervision.tests.order_helpers import assigned_case

pytestmark = pytest.mark.django_db
T = OrderProposal.Trigger


@pytest.fixture
def case(clock, town_clerk, supervisor, plan_workday):
    return assigned_case(clock, town_clerk, supervisor, plan_workday)


@pytest.fixture
def labour(make_user):
    return make_user("clerk", "区人力社保局")


def scan(clock, *days):
    for day in days:
        clock.set(f"{day} 08:00")
        propose_orders()
        propose_orders()


def triggers(case):
    return sorted(OrderProposal.objects.filter(case=case).values_list("trigger", flat=True))


def sign(case, labour):
    case.refresh_from_db()
    handling.case_receive(case=case, actor=labour, version=case.version, responsible_person="赵六")


def test_unsigned_after_one_working_day_proposed_once(clock, case):
    scan(clock, "2026-10-22")
    assert triggers(case) == []
    scan(clock, "2026-10-23", "2026-10-24", "2026-10-26")
    assert triggers(case) == [T.UNSIGNED]
    proposal = OrderProposal.objects.get(case=case)
    assert proposal.proposed_for == datetime.date(2026, 10, 23)


def test_half_time_without_progress_proposed_once(clock, case, labour):
    clock.set("2026-10-22 09:00")
    sign(case, labour)  # signing for it is not progress
    scan(clock, "2026-10-26")
    assert triggers(case) == []
    scan(clock, "2026-10-27", "2026-10-28")
    assert triggers(case) == [T.HALF_TIME]


@pytest.mark.parametrize("progress", ["history_event", "assisting_opinion"])
def test_half_time_not_proposed_after_progress(clock, case, labour, progress):
    clock.set("2026-10-22 09:00")
    sign(case, labour)
    clock.set("2026-10-23 09:00")
    if progress == "history_event":
        with transaction.atomic():
            record(instance=case, actor=labour, action="updated", note="已约谈当事人")
    else:
        AssistOpinion.objects.create(case=case, unit=case.lead_unit, content="已联系", created_at=clock.now(), created_by=labour)
    scan(clock, "2026-10-27")
    assert triggers(case) == []


def test_due_tomorrow_and_overdue_proposed_once_each(clock, case, labour):
    clock.set("2026-10-22 09:00")
    sign(case, labour)
    AssistOpinion.objects.create(case=case, unit=case.lead_unit, content="已联系", created_at=clock.now(), created_by=labour)
    scan(clock, "2026-10-28")
    assert triggers(case) == []
    scan(clock, "2026-10-29", "2026-10-30")
    assert triggers(case) == [T.DUE_TOMORROW]
    scan(clock, "2026-10-31", "2026-11-02", "2026-11-03")
    assert triggers(case) == [T.DUE_TOMORROW, T.OVERDUE]


def test_returned_not_reassigned_proposed_once_and_new_assignment_triggers_again(clock, case, labour, supervisor):
    clock.set("2026-10-22 09:00")
    handling.case_return(case=case, actor=labour, version=case.version, reason="非本部门职责")
    scan(clock, "2026-10-26")
    assert triggers(case) == []
    scan(clock, "2026-10-27", "2026-10-28")
    assert triggers(case) == [T.NOT_REASSIGNED]
    clock.set("2026-10-28 10:00")
    assign_case(case, supervisor, "区住房城乡建委")
    scan(clock, "2026-10-30", "2026-11-02")
    assert triggers(case) == [T.NOT_REASSIGNED, T.UNSIGNED]


def test_the_command_runs_the_scan(clock, case):
    clock.set("2026-10-23 08:00")
    call_command("propose_orders")
    call_command("propose_orders")
    assert triggers(case) == [T.UNSIGNED]


def test_a_failed_revisit_not_handled_again_within_two_working_days_is_proposed_once(client, clock, case, labour, supervisor):
    clock.set("2026-10-22 09:00")
    sign(case, labour)
    case.refresh_from_db()
    handling.case_reply(case=case, actor=labour, version=case.version, content="已支付", concluded=True)
    case.refresh_from_db()
    clock.set("2026-10-23 10:00")  # Friday
    handling.case_revisit(case=case, actor=supervisor, version=case.version, reached=True, satisfied=False, confirms_reply=False)
    scan(clock, "2026-10-27")  # two working days later: not yet
    assert T.NOT_REHANDLED not in triggers(case)
    scan(clock, "2026-10-28", "2026-10-29")
    assert triggers(case).count(T.NOT_REHANDLED) == 1
    client.force_login(supervisor)
    page = client.get("/supervision/orders/").content.decode()
    assert f'href="/cases/{case.pk}/#action-rehandle"' in page
    case.refresh_from_db()
    handling.case_rehandle(case=case, actor=supervisor, version=case.version, reason="群众不认可答复")
    assert "#action-rehandle" not in client.get("/supervision/orders/").content.decode()  # done: off the list
    clock.set("2026-11-10 08:00")
    propose_orders()
    assert triggers(case).count(T.NOT_REHANDLED) == 1  # handled again: no new proposal of this kind
