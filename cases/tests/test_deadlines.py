"""One definition of overdue, replied late, due soon and feedback overdue: the queryset filter and
the predicate select the same cases in every situation, and the Overdue tab agrees with the badge."""

import datetime as dt
import itertools
from zoneinfo import ZoneInfo

import pytest

from cases import deadlines, handling
from cases.models import Case, CaseStatus
from intake.tests.factories import register_matter
from units.models import Category, Unit

pytestmark = pytest.mark.django_db

BEIJING = ZoneInfo("Asia/Shanghai")
TODAY = dt.date(2026, 12, 17)  # Thursday; 2 working days ahead is Monday 2026-12-21


def at(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text).replace(tzinfo=BEIJING)


@pytest.fixture
def workday(clock, town_clerk, plan_workday):
    clock.set("2026-11-20 10:00")
    day = plan_workday(town_clerk, "2026-12-10")
    clock.set("2026-12-10 10:00")
    return day


def register(workday, actor, content: str, disposition: str = "time_limit") -> Case:
    registration, _ = register_matter(
        workday=workday, actor=actor, petitioners=[{"name": "王五", "phone": "13800138000"}], kind="request",
        category=Category.objects.get(name="市容环境"), territory=Unit.objects.get(name="巴川街道"),
        content=content, disposition=disposition, channel="区人力社保局" if disposition == "refer" else "",
    )
    return registration.case


DUE = [None, dt.date(2026, 12, 16), TODAY, dt.date(2026, 12, 21), dt.date(2026, 12, 22)]
# Beijing just before and just after midnight at the end of 2026-12-16: the UTC date is the 16th both times.
REPLIED = [None, at("2026-12-16 23:30"), at("2026-12-17 00:30")]
FEEDBACK = [(None, None), (dt.date(2026, 12, 16), None), (dt.date(2026, 12, 18), None), (dt.date(2026, 12, 16), at("2026-12-15 09:00"))]


def test_each_filter_selects_exactly_the_cases_its_predicate_names(workday, town_clerk, clock):
    situations = list(itertools.product(CaseStatus.values, DUE))
    cases = [register(workday, town_clerk, f"事项{i}") for i in range(len(situations))]
    for i, (case, (status, due)) in enumerate(zip(cases, situations, strict=True)):
        feedback_due, feedback_at = FEEDBACK[i % len(FEEDBACK)]
        Case.objects.filter(pk=case.pk).update(
            status=status, due_date=due, replied_at=REPLIED[i % len(REPLIED)], feedback_due=feedback_due, feedback_at=feedback_at
        )
    clock.set("2026-12-17 10:00")
    loaded = list(Case.objects.all())
    facts = [
        (deadlines.overdue_q(), deadlines.is_overdue),
        (deadlines.replied_late_q(), deadlines.is_replied_late),
        (deadlines.due_soon_q(), deadlines.is_due_soon),
        (deadlines.feedback_overdue_q(), deadlines.is_feedback_overdue),
        (deadlines.feedback_due_soon_q(), deadlines.is_feedback_due_soon),
    ]
    for q, predicate in facts:
        by_filter = set(Case.objects.filter(q).values_list("pk", flat=True))
        assert by_filter, predicate.__name__  # every fact occurs in the set
        assert by_filter == {c.pk for c in loaded if predicate(c)}, predicate.__name__
    # Overdue and replied late never overlap: a case has one deadline badge.
    assert not Case.objects.filter(deadlines.overdue_q()).filter(deadlines.replied_late_q()).exists()


def test_a_reply_after_midnight_beijing_time_is_late(workday, town_clerk, clock):
    case = register(workday, town_clerk, "路灯不亮")
    Case.objects.filter(pk=case.pk).update(status=CaseStatus.REPLIED, due_date=dt.date(2026, 12, 16), replied_at=at("2026-12-17 00:30"))
    assert Case.objects.filter(deadlines.replied_late_q()).get() == case
    assert deadlines.is_replied_late(Case.objects.get(pk=case.pk))


def test_a_case_replied_late_is_not_in_the_overdue_tab_but_shows_replied_late(client, workday, town_clerk, clock):
    case = register(workday, town_clerk, "路灯不亮")
    assert case.due_date == dt.date(2026, 12, 21)
    clock.set("2026-12-22 10:00")
    client.force_login(town_clerk)
    overdue_tab = client.get("/cases/?overdue=1")
    assert [c.pk for c in overdue_tab.context["page"]] == [case.pk]
    assert 'data-deadline="overdue">逾期<' in overdue_tab.content.decode()
    assert client.get(f"/api/v1/cases/{case.pk}").json()["overdue"] is True

    handling.case_reply(case=case, actor=town_clerk, version=case.version, content="已修复", concluded=True)
    assert list(client.get("/cases/?overdue=1").context["page"]) == []
    assert client.get("/api/v1/cases?overdue=true").json()["total"] == 0
    assert 'data-deadline="replied_late">逾期答复<' in client.get("/cases/").content.decode()
    assert 'data-deadline="replied_late">逾期答复<' in client.get(f"/cases/{case.pk}/").content.decode()
    got = client.get(f"/api/v1/cases/{case.pk}").json()
    assert got["overdue"] is False and got["replied_late"] is True


def test_a_case_due_within_two_working_days_is_due_soon_on_the_tab_and_the_badge(client, workday, town_clerk, clock):
    case = register(workday, town_clerk, "路灯不亮")
    clock.set("2026-12-17 10:00")
    client.force_login(town_clerk)
    response = client.get("/cases/?due_soon=1")
    assert [c.pk for c in response.context["page"]] == [case.pk]
    assert 'data-deadline="due_soon">即将到期<' in response.content.decode()


def test_the_promise_facts_select_the_same_cases_by_filter_and_predicate(workday, town_clerk, clock):
    """承诺解决时限: kept by a concluding reply on or before the date; broken once the date passes
    without one; due soon within 2 working days while none came."""
    from cases.models import Reply

    promised = [dt.date(2026, 12, 15), TODAY, dt.date(2026, 12, 21), dt.date(2026, 12, 24)]
    replies = [None, (at("2026-12-14 10:00"), True), (at("2026-12-14 10:00"), False), (at("2026-12-16 23:30"), True)]
    cases = []
    for i, (due, reply) in enumerate(itertools.product(promised, replies)):
        case = register(workday, town_clerk, f"承诺{i}")
        Case.objects.filter(pk=case.pk).update(promised_due=due)
        if reply:
            Reply.objects.create(
                case=case, unit=case.lead_unit, content="答复", concluded=reply[1], replied_at=reply[0],
                replied_by=town_clerk, due_date=case.due_date, on_time=True,
            )
        cases.append(case)
    clock.set("2026-12-17 10:00")
    loaded = list(Case.objects.prefetch_related("replies"))
    for q, predicate in (
        (deadlines.promise_broken_q(), deadlines.is_promise_broken),
        (deadlines.promise_due_soon_q(), deadlines.is_promise_due_soon),
    ):
        by_filter = set(Case.objects.filter(q).values_list("pk", flat=True))
        assert by_filter and by_filter == {c.pk for c in loaded if predicate(c)}, predicate.__name__
    kept = {c.pk: deadlines.promise_kept(c) for c in loaded}
    # Promised for the 15th: kept by the concluding reply of the 14th, broken without one (or with a
    # reply that did not conclude, or one on the 16th); the 24th still runs without a reply.
    assert [kept[c.pk] for c in cases[:4]] == [False, True, False, False]
    assert kept[cases[12].pk] is None and kept[cases[13].pk] is True


def test_a_time_limit_needs_its_promised_period_at_both_doors(client, workday, town_clerk, clock):
    client.force_login(town_clerk)
    body = {
        "petitioners": [{"name": "王五", "phone": "13800138000"}], "kind": "request",
        "category_id": Category.objects.get(name="市容环境").pk, "territory_unit_id": Unit.objects.get(name="巴川街道").pk,
        "content": "路灯不亮", "disposition": "time_limit",
    }
    response = client.post(f"/api/v1/workdays/{workday.pk}/registrations", body, content_type="application/json")
    assert response.status_code == 400 and "promised_days" in response.json()["errors"]
    response = client.post(f"/api/v1/workdays/{workday.pk}/registrations", {**body, "promised_days": 15}, content_type="application/json")
    case = client.get(f"/api/v1/cases/{response.json()['case_id']}").json()
    assert case["promised_due"] == "2026-12-31" and case["promise_kept"] is None and case["due_date"] == "2026-12-21"
    page = client.get(f"/cases/{case['id']}/").content.decode()
    assert "2026-12-31" in page
