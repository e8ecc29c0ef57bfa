"""Every allowed case transition and every refusal (R7–R10)."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from cases import deadlines, handling
from cases.models import Case, CaseStatus
from history.selectors import timeline_for
from intake.tests.factories import register_matter
from lifecycle import StaleVersion, TransitionError
from units.models import Category, Unit

pytestmark = pytest.mark.django_db


@pytest.fixture
def referred(clock, town_clerk, plan_workday):
    """A wage matter referred to the joint office at 巴川街道's Work Day on Thursday 2026-12-10."""
    clock.set("2026-11-20 10:00")
    day = plan_workday(town_clerk, "2026-12-10")
    clock.set("2026-12-10 10:00")
    registration, _ = register_matter(
        workday=day,
        actor=town_clerk,
        petitioners=[{"name": "李四", "phone": "13800138000"}],
        kind="request",
        category=Category.objects.get(name="欠薪讨薪"),
        territory=Unit.objects.get(name="巴川街道"),
        content="工地拖欠工资",
        disposition="refer",
        channel="区人力社保局",
    )
    return registration.case


@pytest.fixture
def self_handled(clock, town_clerk, plan_workday):
    clock.set("2026-11-20 10:00")
    day = plan_workday(town_clerk, "2026-12-10")
    clock.set("2026-12-10 10:00")
    registration, _ = register_matter(
        workday=day,
        actor=town_clerk,
        petitioners=[{"name": "王五", "phone": "13800138001"}],
        kind="request",
        category=Category.objects.get(name="市容环境"),
        territory=Unit.objects.get(name="巴川街道"),
        content="路灯不亮",
        disposition="time_limit",
    )
    return registration.case


def assign(case, supervisor, lead="区人力社保局", assisting=("巴川街道",)):
    return handling.case_assign(
        case=case,
        actor=supervisor,
        version=case.version,
        lead_unit=Unit.objects.get(name=lead),
        assisting_units=[Unit.objects.get(name=n) for n in assisting],
    )


def test_routing_proposes_the_category_department_with_the_territory_assisting(referred):
    lead, assisting = handling.routing_proposal(referred)
    assert lead.name == "区人力社保局" and [u.name for u in assisting] == ["巴川街道"]


def test_assign_starts_the_clock_at_delivery(referred, supervisor, clock):
    clock.set("2026-12-11 15:00")  # Friday
    case = assign(referred, supervisor)
    assert case.status == CaseStatus.ASSIGNED and case.lead_unit.name == "区人力社保局"
    assert case.clock_start == dt.date(2026, 12, 11) and case.due_date == dt.date(2026, 12, 22)
    assert [u.name for u in case.assisting_units.all()] == ["巴川街道"]
    assert case.version == 2
    assert timeline_for(case).last().action == "assigned"


def test_only_the_joint_office_assigns(referred, town_clerk):
    with pytest.raises(PermissionDenied):
        assign(referred, town_clerk)


def test_assign_refuses_a_unit_twice_or_the_lead_as_assistant(referred, supervisor):
    with pytest.raises(ValidationError) as err:
        assign(referred, supervisor, assisting=("巴川街道", "巴川街道"))
    assert "assisting_unit_ids" in err.value.message_dict
    with pytest.raises(ValidationError):
        assign(referred, supervisor, assisting=("区人力社保局",))
    referred.refresh_from_db()
    assert referred.status == CaseStatus.AWAITING_ASSIGNMENT and referred.version == 1


def test_a_stale_version_is_refused(referred, supervisor):
    stale = referred.version
    assign(referred, supervisor)
    referred.refresh_from_db()
    with pytest.raises(StaleVersion):
        handling.case_void(case=referred, actor=supervisor, version=stale, reason="重复登记")
    referred.refresh_from_db()
    assert referred.status == CaseStatus.ASSIGNED


def test_late_signing_is_flagged_and_does_not_move_the_deadline(referred, supervisor, labour_clerk, clock):
    clock.set("2026-12-11 15:00")
    case = assign(referred, supervisor)
    clock.set("2026-12-16 09:00")  # 3 working days later
    case = handling.case_receive(case=case, actor=labour_clerk, version=case.version)
    assert case.due_date == dt.date(2026, 12, 22)
    assert handling.receive_is_late(case.current_assignment)
    assert timeline_for(case).last().changes["received_late"] == [None, True]
    with pytest.raises(TransitionError):
        handling.case_receive(case=case, actor=labour_clerk, version=case.version)


def test_signing_the_next_working_day_is_not_late(referred, supervisor, labour_clerk, clock):
    clock.set("2026-12-11 15:00")  # Friday; Monday is the next working day
    case = assign(referred, supervisor)
    clock.set("2026-12-14 17:00")
    case = handling.case_receive(case=case, actor=labour_clerk, version=case.version)
    assert not handling.receive_is_late(case.current_assignment)


def test_return_needs_a_reason_and_goes_back_to_the_joint_office(referred, supervisor, labour_clerk):
    case = assign(referred, supervisor)
    with pytest.raises(ValidationError):
        handling.case_return(case=case, actor=labour_clerk, version=case.version, reason=" ")
    case = handling.case_return(case=case, actor=labour_clerk, version=case.version, reason="不属于本部门职责")
    assert case.status == CaseStatus.AWAITING_ASSIGNMENT and case.lead_unit is None and case.return_count == 1
    assert not case.is_bounced
    case = assign(case, supervisor, lead="区住房城乡建委", assisting=())
    from conftest import _make_user

    housing = _make_user("housing_clerk", "区住房城乡建委", "clerk")
    case = handling.case_return(case=case, actor=housing, version=case.version, reason="应由人社部门办理")
    assert case.return_count == 2 and case.is_bounced


def test_only_the_lead_unit_returns_or_replies(referred, supervisor, town_clerk, other_town_clerk):
    case = assign(referred, supervisor)
    for actor in (town_clerk, other_town_clerk, supervisor):
        with pytest.raises(PermissionDenied):
            handling.case_reply(case=case, actor=actor, version=case.version, content="已处理", concluded=True)
        with pytest.raises(PermissionDenied):
            handling.case_return(case=case, actor=actor, version=case.version, reason="x")


def test_an_assisting_unit_records_opinions_the_lead_sees(referred, supervisor, town_clerk, other_town_clerk):
    case = assign(referred, supervisor)
    opinion = handling.case_assist_opinion(case=case, actor=town_clerk, version=case.version, content="已核实工地位置")
    assert opinion.unit.name == "巴川街道"
    case.refresh_from_db()
    with pytest.raises(PermissionDenied):
        handling.case_assist_opinion(case=case, actor=other_town_clerk, version=case.version, content="x")
    with pytest.raises(ValidationError):
        handling.case_assist_opinion(case=case, actor=town_clerk, version=case.version, content="")


def test_an_assigned_reply_not_concluded_needs_feedback_to_the_centre(referred, supervisor, labour_clerk, clock):
    case = assign(referred, supervisor)
    with pytest.raises(ValidationError) as err:
        handling.case_reply(case=case, actor=labour_clerk, version=case.version, content="正在协调", concluded=False)
    assert "feedback_to_center" in err.value.message_dict
    with pytest.raises(ValidationError) as err:
        handling.case_reply(case=case, actor=labour_clerk, version=case.version, content="", concluded=True)
    assert "content" in err.value.message_dict
    reply = handling.case_reply(
        case=case, actor=labour_clerk, version=case.version, content="正在协调", concluded=False,
        feedback_to_center="已书面反馈：涉及劳务分包，需进一步调查",
    )
    assert reply.on_time and not reply.concluded
    case.refresh_from_db()
    assert case.status == CaseStatus.REPLIED


def test_a_late_reply_is_frozen_as_late(referred, supervisor, labour_clerk, clock):
    clock.set("2026-12-11 15:00")
    case = assign(referred, supervisor)
    clock.set("2026-12-23 10:00")  # due 22nd
    reply = handling.case_reply(case=case, actor=labour_clerk, version=case.version, content="已支付", concluded=True)
    assert reply.on_time is False


def test_the_host_unit_replies_to_a_self_handled_case(self_handled, town_clerk, other_town_clerk):
    with pytest.raises(PermissionDenied):
        handling.case_reply(case=self_handled, actor=other_town_clerk, version=1, content="x", concluded=True)
    reply = handling.case_reply(case=self_handled, actor=town_clerk, version=1, content="已维修", concluded=True)
    assert reply.unit.name == "巴川街道"


def test_the_host_unit_gives_feedback_on_a_referred_matter(referred, town_clerk, self_handled):
    handling.case_feedback(case=referred, actor=town_clerk, version=referred.version, content="已告知正在交办")
    referred.refresh_from_db()
    assert referred.feedback_at is not None
    with pytest.raises(TransitionError):
        handling.case_feedback(case=self_handled, actor=town_clerk, version=self_handled.version, content="x")


def test_rating_revisit_and_close(self_handled, town_clerk, supervisor):
    with pytest.raises(TransitionError):
        handling.case_close(case=self_handled, actor=supervisor, version=1)
    with pytest.raises(TransitionError):
        handling.case_rate(case=self_handled, actor=supervisor, version=1, acceptable=True)
    handling.case_reply(case=self_handled, actor=town_clerk, version=1, content="已维修", concluded=True)
    with pytest.raises(ValidationError):
        handling.case_rate(case=self_handled, actor=supervisor, version=2, acceptable=False, reason="")
    handling.case_rate(case=self_handled, actor=supervisor, version=2, acceptable=False, reason="答复过于简单")
    with pytest.raises(ValidationError):
        handling.case_revisit(case=self_handled, actor=supervisor, version=3, reached=True)
    revisit = handling.case_revisit(
        case=self_handled, actor=supervisor, version=3, reached=True, satisfied=False, confirms_reply=False, note="群众称无人联系"
    )
    assert revisit.confirms_reply is False
    with pytest.raises(PermissionDenied):
        handling.case_close(case=self_handled, actor=town_clerk, version=4)
    case = handling.case_close(case=self_handled, actor=supervisor, version=4)
    assert case.status == CaseStatus.CLOSED
    assert [e.action for e in timeline_for(case)] == ["case_created", "replied", "rated", "revisited", "closed"]


def test_voiding_needs_a_reason_and_keeps_the_case(self_handled, supervisor, town_clerk):
    with pytest.raises(PermissionDenied):
        handling.case_void(case=self_handled, actor=town_clerk, version=1, reason="错录")
    with pytest.raises(ValidationError):
        handling.case_void(case=self_handled, actor=supervisor, version=1, reason="")
    case = handling.case_void(case=self_handled, actor=supervisor, version=1, reason="重复录入")
    assert case.status == CaseStatus.VOIDED and case.void_reason == "重复录入"
    with pytest.raises(TransitionError):
        handling.case_revisit(case=case, actor=supervisor, version=case.version, reached=False)


@pytest.mark.parametrize(
    "reception, delivered, due",
    [
        # Spring Festival 2026: Saturday 14 Feb and Saturday 28 Feb are make-up working days, 15–23 Feb off.
        ("2026-02-13", "2026-02-13 16:00", dt.date(2026, 3, 2)),
        # National Day 2026: 1–7 Oct off, Saturday 10 Oct a make-up working day.
        ("2026-09-28", "2026-09-28 16:00", dt.date(2026, 10, 13)),
    ],
)
def test_deadlines_across_the_long_holidays(clock, town_clerk, supervisor, plan_workday, reception, delivered, due):
    clock.set("2026-01-05 09:00")
    day = plan_workday(town_clerk, reception)
    clock.set(reception + " 10:00")
    kwargs = {
        "workday": day, "actor": town_clerk, "petitioners": [{"name": "赵六", "phone": "13800138002"}], "kind": "request",
        "category": Category.objects.get(name="欠薪讨薪"), "territory": Unit.objects.get(name="巴川街道"), "content": "欠薪",
    }
    self_case = register_matter(**kwargs, disposition="time_limit")[0].case
    assert self_case.due_date == due
    referred = register_matter(**kwargs, disposition="refer", channel="人社")[0].case
    assert referred.feedback_due == due
    clock.set(delivered)
    assert assign(referred, supervisor).due_date == due


def test_the_host_units_own_reply_to_a_referred_matter_is_its_feedback(case_factory, supervisor, town_clerk):
    from cases.models import CaseStatus as S
    from units.models import Unit as U

    case = case_factory(S.AWAITING_ASSIGNMENT)
    case = handling.case_assign(case=case, actor=supervisor, version=case.version, lead_unit=U.objects.get(name="巴川街道"))
    handling.case_reply(case=case, actor=town_clerk, version=case.version, content="已解决", concluded=True)
    case = Case.objects.get(pk=case.pk)
    assert case.feedback_at == case.replied_at and not deadlines.is_feedback_overdue(case, dt.date(2027, 1, 29))


def test_a_met_deadline_is_no_longer_provisional(case_factory, labour_clerk):
    from cases.models import CaseStatus as S

    case = case_factory(S.ASSIGNED)
    Case.objects.filter(pk=case.pk).update(due_provisional=True)
    case = Case.objects.get(pk=case.pk)
    handling.case_reply(case=case, actor=labour_clerk, version=case.version, content="已答复", concluded=True)
    assert Case.objects.get(pk=case.pk).due_provisional is False
