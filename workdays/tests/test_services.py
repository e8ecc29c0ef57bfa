"""Every transition of a Work Day and every refusal (R1–R6)."""

import datetime as dt
import uuid

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from cases.models import Case, CaseStatus, Handling
from history.selectors import timeline_for
from intake.models import Person, Petitioner, Registration
from intake.tests.factories import register_matter
from lifecycle import TransitionError
from units.models import Category, DistrictLeader, Unit
from workdays import services
from workdays.models import Status, WorkDay
from workdays.rules import flags_for

pytestmark = pytest.mark.django_db

ID_OK = "50022419900101123X"  # valid GB 11643 check digit


def register(workday, actor, **overrides):
    fields = {
        "petitioners": [{"name": "张三", "id_number": ID_OK, "phone": "13800138000", "address": "玉皇村"}],
        "kind": "request",
        "category": Category.objects.get(name="欠薪讨薪"),
        "territory": Unit.objects.get(name="巴川街道"),
        "content": "工地拖欠工资三个月",
        "disposition": "time_limit",
        "promised_days": 15,
    }
    fields.update(overrides)
    return register_matter(workday=workday, actor=actor, **fields)


@pytest.fixture
def day(clock, town_clerk, plan_workday):
    clock.set("2026-11-20 10:00")
    return plan_workday(town_clerk, "2026-12-10")


# --- plan ---------------------------------------------------------------------------------------


def test_plan_creates_a_planned_day_with_history(day, town_clerk):
    assert day.status == Status.PLANNED and day.host_unit.name == "巴川街道"
    event = timeline_for(day).get()
    assert event.action == "planned" and event.actor == town_clerk
    assert event.changes["place"] == [None, "巴川广场"]


def test_plan_refuses_a_past_date_and_an_end_before_the_start(clock, town_clerk, plan_workday):
    clock.set("2026-11-20 10:00")
    with pytest.raises(ValidationError) as err:
        plan_workday(town_clerk, "2026-11-19", start_time=dt.time(12), end_time=dt.time(9))
    assert set(err.value.message_dict) == {"date", "end_time"}
    assert WorkDay.objects.count() == 0


def test_plan_refuses_a_date_beyond_two_years(clock, town_clerk, plan_workday):
    clock.set("2026-11-20 10:00")
    with pytest.raises(ValidationError) as err:
        plan_workday(town_clerk, "3000-01-01")
    assert "date" in err.value.message_dict
    assert WorkDay.objects.count() == 0
    assert plan_workday(town_clerk, "2028-11-20").date == dt.date(2028, 11, 20)


def test_plan_refuses_another_units_clerk(clock, other_town_clerk, unit, plan_workday):
    clock.set("2026-11-20 10:00")
    with pytest.raises(PermissionDenied):
        plan_workday(other_town_clerk, "2026-12-10", host_unit=unit("巴川街道"))


def test_plan_refuses_unknown_reference_list_items(clock, town_clerk, plan_workday):
    clock.set("2026-11-20 10:00")
    with pytest.raises(ValidationError) as err:
        plan_workday(town_clerk, "2026-12-10", activity_forms=["分片走访", "跳广场舞"])
    assert "跳广场舞" in err.value.message_dict["activity_forms"][0]


def test_a_joint_office_day_is_led_by_a_district_leader(clock, supervisor, plan_workday):
    clock.set("2026-11-20 10:00")
    with pytest.raises(ValidationError) as err:
        plan_workday(supervisor, "2026-12-10")
    assert "leading_district_leader_id" in err.value.message_dict
    leader = DistrictLeader.objects.create(name="李四", title="副区长")
    day = plan_workday(supervisor, "2026-12-10", leading_district_leader=leader, invited_leaders=[leader])
    assert day.leading_district_leader == leader and list(day.invited_leaders.all()) == [leader]


def test_the_linked_district_leaders_are_proposed_as_invitees(district_leader, unit):
    assert [leader.name for leader in services.proposed_invitees(unit("巴川街道"))] == ["王建国"]
    assert services.proposed_invitees(unit("土桥镇")) == []


# --- before -------------------------------------------------------------------------------------


def test_screening_on_time_late_and_unresolved_needs_an_opinion(day, clock, town_clerk):
    services.screening_add(workday=day, actor=town_clerk, description="征地补偿纠纷", outcome="mediation")
    with pytest.raises(ValidationError) as err:
        services.screening_add(workday=day, actor=town_clerk, description="老旧小区漏水", outcome="unresolved")
    assert "opinion" in err.value.message_dict
    assert day.screening_items.count() == 1
    clock.set("2026-12-05 10:00")
    services.screening_add(workday=day, actor=town_clerk, description="老旧小区漏水", outcome="unresolved", opinion="已准备政策解答")
    assert "screening_late" in [f.code for f in flags_for(day)]


def test_publishing_the_notice_moves_the_status_and_flags_a_late_notice(day, clock, town_clerk):
    clock.set("2026-12-06 09:00")  # day − 4: too late, still published
    services.notice_publish(workday=day, actor=town_clerk)
    day.refresh_from_db()
    assert day.status == Status.NOTICE_PUBLISHED
    assert "notice_outside_window" in [f.code for f in flags_for(day)]
    with pytest.raises(TransitionError):
        services.notice_publish(workday=day, actor=town_clerk)


def test_missing_steps_are_flagged_but_never_block_the_day(day, clock, town_clerk):
    clock.set("2026-12-10 09:00")
    codes = [f.code for f in flags_for(day)]
    assert {"screening_missing", "leader_not_informed", "notice_missing"} <= set(codes)
    services.sign_in_add(workday=day, actor=town_clerk, name="张伟", title="党工委书记")
    day.refresh_from_db()
    assert day.status == Status.HELD


def test_informing_the_leader_clears_its_flag(day, clock, town_clerk):
    services.workday_inform_leader(workday=day, actor=town_clerk, note="电话报告王建国同志")
    clock.set("2026-12-10 09:00")
    day.refresh_from_db()
    assert "leader_not_informed" not in [f.code for f in flags_for(day)]


# --- during -------------------------------------------------------------------------------------


def test_registration_before_the_day_is_refused(day, town_clerk):
    with pytest.raises(TransitionError):
        register(day, town_clerk)
    assert Registration.objects.count() == 0 and Case.objects.count() == 0


def test_the_first_registration_on_the_day_holds_it_and_opens_a_case(day, clock, town_clerk):
    clock.set("2026-12-10 09:30")
    registration, created = register(day, town_clerk)
    day.refresh_from_db()
    assert created and day.status == Status.HELD
    case = registration.case
    assert case.status == CaseStatus.HANDLING and case.handling == Handling.SELF
    assert case.lead_unit == day.host_unit and case.responsible_person == town_clerk.display_name
    assert case.clock_start == dt.date(2026, 12, 10) and case.due_date == dt.date(2026, 12, 21)
    assert not registration.late_entry


def test_an_on_the_spot_answer_is_required_and_recorded(day, clock, town_clerk):
    clock.set("2026-12-10 09:30")
    with pytest.raises(ValidationError) as err:
        register(day, town_clerk, disposition="on_the_spot")
    assert "answer" in err.value.message_dict
    registration, _ = register(day, town_clerk, disposition="on_the_spot", answer="已当场解释政策")
    assert registration.case.status == CaseStatus.ANSWERED and registration.case.replied_at is not None


def test_a_referred_matter_goes_to_the_joint_office_at_once(day, clock, town_clerk):
    clock.set("2026-12-10 09:30")
    with pytest.raises(ValidationError):
        register(day, town_clerk, disposition="refer")
    registration, _ = register(day, town_clerk, disposition="refer", channel="向区人力社保局劳动监察大队反映")
    case = registration.case
    assert case.status == CaseStatus.AWAITING_ASSIGNMENT and case.lead_unit is None and case.due_date is None
    assert case.feedback_due == dt.date(2026, 12, 21)


@pytest.mark.parametrize(
    "petitioner, field",
    [
        ({"name": "张三", "id_number": "500224199001011237", "phone": "13800138000"}, "petitioners.0.id_number"),
        ({"name": "张三", "id_number": "500224199002301234", "phone": "13800138000"}, "petitioners.0.id_number"),
        ({"name": "张三", "phone": "1380013"}, "petitioners.0.phone"),
        ({"name": "", "phone": "13800138000"}, "petitioners.0.name"),
    ],
)
def test_bad_petitioner_data_is_refused_field_by_field(day, clock, town_clerk, petitioner, field):
    clock.set("2026-12-10 09:30")
    with pytest.raises(ValidationError) as err:
        register(day, town_clerk, petitioners=[petitioner])
    assert field in err.value.message_dict
    assert Registration.objects.count() == 0 and Petitioner.objects.count() == 0


def test_five_people_make_a_group_visit(day, clock, town_clerk):
    clock.set("2026-12-10 09:30")
    registration, _ = register(day, town_clerk, people_count=5)
    assert registration.is_group_visit


def test_the_same_client_ref_creates_nothing_twice(day, clock, town_clerk):
    clock.set("2026-12-10 09:30")
    ref = uuid.uuid4()
    first, created = register(day, town_clerk, client_ref=ref)
    again, created_again = register(day, town_clerk, client_ref=ref)
    assert created and not created_again and first.pk == again.pk
    assert Registration.objects.count() == 1 and Case.objects.count() == 1


def test_a_returning_petitioner_is_recognised_by_id_number_and_each_entry_keeps_what_was_given(day, clock, town_clerk):
    clock.set("2026-12-10 09:30")
    first, _ = register(day, town_clerk)
    second, _ = register(
        day, town_clerk, petitioners=[{"name": "张三", "id_number": ID_OK.lower(), "phone": "13900139000"}], content="又一事项"
    )
    person = Person.objects.get()
    assert {p.person_id for p in Petitioner.objects.all()} == {person.pk}
    assert first.petitioners.get().phone != "13900139000" and second.petitioners.get().phone == "13900139000"
    assert person.phone == first.petitioners.get().phone  # the person on file changes only by a correction


def test_a_paper_form_entered_after_the_day_is_marked_late(day, clock, town_clerk):
    clock.set("2026-12-10 09:00")
    services.sign_in_add(workday=day, actor=town_clerk, name="张伟")
    clock.set("2026-12-11 15:00")
    registration, _ = register(day, town_clerk)
    assert registration.late_entry


def test_briefing_and_materials_are_recorded(day, clock, town_clerk):
    clock.set("2026-12-10 12:00")
    services.briefing_record(workday=day, actor=town_clerk, briefing="介绍了活动目的和成效", materials_count=120)
    day.refresh_from_db()
    assert day.materials_count == 120
    with pytest.raises(ValidationError):
        services.briefing_record(workday=day, actor=town_clerk, briefing="", materials_count=-1)


# --- after --------------------------------------------------------------------------------------


def test_a_day_that_has_not_happened_cannot_be_reported(day, town_clerk):
    with pytest.raises(TransitionError):
        services.report_submit(workday=day, actor=town_clerk)


def test_results_cannot_be_published_before_the_report(day, clock, town_clerk):
    clock.set("2026-12-10 09:30")
    register(day, town_clerk)
    with pytest.raises(TransitionError):
        services.results_publish(workday=day, actor=town_clerk)


def test_the_whole_path_to_archived_with_each_step_in_the_history(day, clock, town_clerk, supervisor):
    clock.set("2026-12-04 09:00")
    services.notice_publish(workday=day, actor=town_clerk)
    clock.set("2026-12-10 09:30")
    register(day, town_clerk, disposition="refer", channel="向区人力社保局反映")
    clock.set("2026-12-14 16:00")
    report = services.report_submit(workday=day, actor=town_clerk, summary="共接待群众1人次")
    with pytest.raises(PermissionDenied):
        services.report_forward(workday=day, actor=town_clerk)
    services.report_forward(workday=day, actor=supervisor)
    with pytest.raises(TransitionError):
        services.report_submit(workday=day, actor=town_clerk)
    clock.set("2026-12-20 10:00")
    services.results_publish(workday=day, actor=town_clerk)
    # The referred matter still awaits assignment: the day is archived with a reason.
    services.workday_archive(workday=day, actor=town_clerk, reason="交办事项仍在办理，先行归档")
    day.refresh_from_db()
    report.refresh_from_db()
    assert day.status == Status.ARCHIVED and report.forwarded_by == supervisor
    actions = [e.action for e in timeline_for(day)]
    assert actions == [
        "planned", "notice_published", "held", "registered", "report_submitted", "report_forwarded",
        "results_published", "archived",
    ]
    with pytest.raises(TransitionError):
        register(day, town_clerk)


def test_a_late_report_is_flagged(day, clock, town_clerk):
    clock.set("2026-12-10 09:30")
    register(day, town_clerk)
    clock.set("2026-12-15 09:00")  # report due Monday 14th
    assert "report_overdue" in [f.code for f in flags_for(day)]
    services.report_submit(workday=day, actor=town_clerk)
    day.refresh_from_db()
    assert "report_late" in [f.code for f in flags_for(day)]


def test_a_district_leader_cannot_write(day, clock, district_leader):
    clock.set("2026-12-10 09:30")
    with pytest.raises(PermissionDenied):
        services.sign_in_add(workday=day, actor=district_leader, name="王建国")


def test_a_day_planned_in_error_is_voided_with_a_reason_never_deleted(day, clock, town_clerk, other_town_clerk):
    with pytest.raises(ValidationError):
        services.workday_void(workday=day, actor=town_clerk, reason=" ")
    with pytest.raises(PermissionDenied):
        services.workday_void(workday=day, actor=other_town_clerk, reason="录入错误")
    services.workday_void(workday=day, actor=town_clerk, reason="日期录入错误，已重新制定计划")
    day.refresh_from_db()
    assert day.voided_at is not None and WorkDay.objects.filter(pk=day.pk).exists()
    assert timeline_for(day).last().action == "voided"
    clock.set("2026-12-10 09:30")
    with pytest.raises(TransitionError):
        register(day, town_clerk)


def test_a_held_day_cannot_be_voided(day, clock, town_clerk):
    clock.set("2026-12-10 09:30")
    register(day, town_clerk)
    with pytest.raises(TransitionError):
        services.workday_void(workday=day, actor=town_clerk, reason="错误")
