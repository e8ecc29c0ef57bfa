"""The report to the joint office carries the day's figures computed from the registrations at
submission (not typed), the analysis and the matters referred to the joint office; the unit's
summary is an addition. A joint-office day's report is received by the joint office itself."""

import json

import pytest
from django.utils import translation

from accounts.models import Role
from cases.models import Approval
from history.selectors import timeline_for
from units.models import DistrictLeader, DistrictSettings
from workdays import services
from workdays.analysis import analysis_for
from workdays.models import Report, WorkDay
from workdays.selectors import home_todo
from workdays.tests.test_analysis import EXPECTED, day, matter  # noqa: F401 (a fixture)

pytestmark = pytest.mark.django_db

NO_ACTIVITIES = {"visit": 0, "research": 0, "relief": 0}


def referred_of(workday):
    registration = workday.registrations.get(petitioners__name="丙")
    return [{
        "registration_id": registration.pk, "case_id": registration.case.pk, "category": "劳动和社会保障 / 欠薪讨薪",
        "territory": "巴川街道", "summary": "拖欠工资三个月", "channel": "向区人力社保局反映",
    }]


@pytest.mark.parametrize("door", ["page", "api"])
def test_the_submitted_report_stores_the_figures_computed_from_the_registrations(client, clock, day, town_clerk, door):  # noqa: F811
    client.force_login(town_clerk)
    services.analysis_record(workday=day, actor=town_clerk, judgement="欠薪集中", measures="专项督办")
    clock.set("2026-12-11 16:00")
    if door == "page":
        response = client.post(f"/workdays/{day.pk}/report/", {"summary": "另：现场发放宣传资料"})
        assert response.status_code == 302
    else:
        response = client.post(f"/api/v1/workdays/{day.pk}/report", {"summary": "另：现场发放宣传资料"}, content_type="application/json")
        assert response.status_code == 200
    report = Report.objects.get(workday=day)
    want = {**EXPECTED, "judgement": "欠薪集中", "measures": "专项督办", "referred": referred_of(day), "activities": NO_ACTIVITIES, "activity_records": []}
    assert report.figures == want and report.summary == "另：现场发放宣传资料"
    # Personal data stays out of the report's figures.
    stored = json.dumps(report.figures, ensure_ascii=False)
    assert not any(text in stored for text in ("甲", "乙", "丙", "13800138", "500224"))
    # A paper form entered later and a new judgement change the live analysis, not the report.
    clock.set("2026-12-12 10:00")
    matter(WorkDay.objects.get(pk=day.pk), town_clerk, name="己", phone="13900139000")
    services.analysis_record(workday=day, actor=town_clerk, judgement="改写", measures="")
    assert analysis_for(WorkDay.objects.get(pk=day.pk))["registrations"] == 4
    body = client.get(f"/api/v1/workdays/{day.pk}/report").json()
    assert body["submitted"] is True and body["figures"] == want
    assert body["summary"] == "另：现场发放宣传资料" and body["submitted_by"] == town_clerk.display_name
    page = client.get(f"/workdays/{day.pk}/", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    shown = page[page.index('data-testid="report-figures"'):page.index('id="results"')]
    assert "报送时根据登记数据生成" in page and "<dd>3</dd>" in shown and "拖欠工资三个月" in shown


def test_before_submission_the_report_shows_the_live_figures(client, day, town_clerk):  # noqa: F811
    client.force_login(town_clerk)
    body = client.get(f"/api/v1/workdays/{day.pk}/report").json()
    assert body == {
        "submitted": False, "submitted_at": None, "submitted_by": "", "summary": "", "forwarded_at": None,
        "forwarded_by": "", "figures": {**EXPECTED, "referred": referred_of(day), "activities": NO_ACTIVITIES, "activity_records": []},
    }
    page = client.get(f"/workdays/{day.pk}/", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert "报告将载明的数据" in page
    shown = page[page.index('data-testid="report-figures"'):page.index('id="results"')]
    assert "<dd>3</dd>" in shown and "拖欠工资三个月" in page[page.index('data-testid="referred"'):]


def test_another_unit_cannot_read_the_report(client, day, other_town_clerk):  # noqa: F811
    client.force_login(other_town_clerk)
    assert client.get(f"/api/v1/workdays/{day.pk}/report").status_code == 404


def test_a_signed_off_report_carries_the_figures_at_its_release(client, clock, day, town_clerk, make_user):  # noqa: F811
    leader = make_user(Role.UNIT_LEADER, "巴川街道", username="bachuan_leader")
    DistrictSettings.objects.update(signoff_required=True)
    services.report_submit(workday=day, actor=town_clerk, summary="草稿")
    approval = Approval.objects.get(workday=day)
    clock.set("2026-12-11 09:00")
    matter(WorkDay.objects.get(pk=day.pk), town_clerk, name="己", phone="13900139000")
    client.force_login(leader)
    assert client.post(f"/api/v1/approvals/{approval.pk}/approve", {}, content_type="application/json").status_code == 200
    assert Report.objects.get(workday=day).figures["registrations"] == 4


@pytest.fixture
def joint_day(clock, supervisor, plan_workday, district_leader):
    clock.set("2026-11-20 10:00")
    made = plan_workday(supervisor, "2026-12-10", leading_district_leader=DistrictLeader.objects.get(name="王建国"))
    clock.set("2026-12-10 10:00")
    matter(made, supervisor, name="甲", phone="13800138000", territory="土桥镇")
    clock.set("2026-12-11 10:00")
    return WorkDay.objects.get(pk=made.pk)


@pytest.mark.parametrize("door", ["page", "api"])
def test_a_joint_office_days_report_is_received_by_itself(client, joint_day, supervisor, door):
    client.force_login(supervisor)
    if door == "page":
        assert client.post(f"/workdays/{joint_day.pk}/report/", {"summary": ""}).status_code == 302
    else:
        assert client.post(f"/api/v1/workdays/{joint_day.pk}/report", {}, content_type="application/json").status_code == 200
    report = Report.objects.get(workday=joint_day)
    assert report.forwarded_at == report.submitted_at and report.forwarded_by == supervisor
    assert report.figures["registrations"] == 1
    actions = [e.action for e in timeline_for(joint_day)]
    assert actions[-2:] == ["report_submitted", "report_forwarded"]
    # The forward step is not offered, and refused with the reason.
    response = client.post(f"/api/v1/workdays/{joint_day.pk}/report/forward", HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert response.status_code == 409 and response.json()["detail"] == "联席办自身活动的报告在报送时即由联席办接收。"
    page = client.get(f"/workdays/{joint_day.pk}/", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert "转送投诉受理中心</button>" not in page
    body = client.get(f"/api/v1/workdays/{joint_day.pk}").json()
    assert body["report_forwarded_at"] == body["report_submitted_at"]
    # Nothing waits at the intake.
    with translation.override("zh-hans"):
        assert not any("待收发员" in str(item.text) for item in home_todo(supervisor))


def test_a_units_report_still_waits_to_be_forwarded(client, clock, day, town_clerk, supervisor):  # noqa: F811
    services.report_submit(workday=day, actor=town_clerk)
    assert Report.objects.get(workday=day).forwarded_at is None
    with translation.override("zh-hans"):
        assert any("1份群众工作日报告待收发员" in str(item.text) for item in home_todo(supervisor))
    client.force_login(supervisor)
    assert client.post(f"/api/v1/workdays/{day.pk}/report/forward").status_code == 200


def test_the_report_carries_the_visits_research_and_relief_recorded_with_the_day(client, clock, day, town_clerk):  # noqa: F811
    from workdays.activities import activity_add

    client.force_login(town_clerk)
    activity_add(
        workday=day, actor=town_clerk, kind="visit", subject="分片走访", target="玉皇村3组", people="张伟、李明",
        done_on=day.date, found="村道积水", done="协调修排水沟",
    )
    clock.set("2026-12-11 16:00")
    assert client.post(f"/api/v1/workdays/{day.pk}/report", {}, content_type="application/json").status_code == 200
    stored = Report.objects.get(workday=day).figures
    assert stored["activities"]["visit"] == 1
    assert [(r["kind"], r["subject"], r["target"], r["done"]) for r in stored["activity_records"]] == [
        ("visit", "分片走访", "玉皇村3组", "协调修排水沟")
    ]
    page = client.get(f"/workdays/{day.pk}/", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    shown = page[page.index('data-testid="report-activities"'):page.index('id="results"')]
    assert "分片走访" in shown and "玉皇村3组" in shown and "协调修排水沟" in shown


def test_a_joint_office_report_submitted_before_the_rule_is_received_by_the_migration(clock, supervisor, plan_workday):
    """Reports of joint-office days left waiting at the intake are marked received at submission."""
    import importlib

    from django.apps import apps as global_apps

    from units.models import DistrictLeader, Unit

    clock.set("2026-11-20 10:00")
    leader = DistrictLeader.objects.create(name="王建国", title="副区长")
    own = plan_workday(supervisor, "2026-12-10", host_unit=Unit.objects.get(kind="joint_office"), leading_district_leader=leader)
    clock.set("2026-12-10 10:00")
    services.sign_in_add(workday=own, actor=supervisor, name="张伟")
    services.report_submit(workday=own, actor=supervisor)
    Report.objects.filter(workday=own).update(forwarded_at=None, forwarded_by=None)  # as before the rule
    migration = importlib.import_module("workdays.migrations.0007_joint_office_reports_received_by_itself")
    migration.receive_own_reports(global_apps, None)
    report = Report.objects.get(workday=own)
    assert report.forwarded_at == report.submitted_at and report.forwarded_by == supervisor
