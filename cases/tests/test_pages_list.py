"""The ledger page: who sees which cases, the filters and tabs, and a fixed number of queries."""

import pytest

from cases import handling
from intake.tests.factories import register_matter
from units.models import Category, Unit

pytestmark = pytest.mark.django_db


@pytest.fixture
def workday(clock, town_clerk, plan_workday):
    clock.set("2026-11-20 10:00")
    day = plan_workday(town_clerk, "2026-12-10")
    clock.set("2026-12-10 10:00")
    return day


def register(workday, actor, *, content, category="欠薪讨薪", disposition="refer", name="李四"):
    registration, _ = register_matter(
        workday=workday, actor=actor, petitioners=[{"name": name, "phone": "13800138000"}], kind="request",
        category=Category.objects.get(name=category), territory=Unit.objects.get(name="巴川街道"),
        content=content, disposition=disposition, channel="区人力社保局" if disposition == "refer" else "",
    )
    return registration.case


@pytest.fixture
def referred(workday, town_clerk):
    """A wage matter referred to the joint office (reception Thursday 2026-12-10)."""
    return register(workday, town_clerk, content="工地拖欠工资")


@pytest.fixture
def self_handled(workday, town_clerk):
    """A street-light matter 巴川街道 handles itself, due 2026-12-21."""
    return register(workday, town_clerk, content="路灯不亮", category="市容环境", disposition="time_limit", name="王五")


def ledger(client, user, query=""):
    client.force_login(user)
    response = client.get(f"/cases/{query}")
    assert response.status_code == 200
    return response


def listed(response) -> set[int]:
    return {case.pk for case in response.context["page"]}


def test_it_shows_another_town_nothing(client, referred, self_handled, other_town_clerk):
    response = ledger(client, other_town_clerk)
    assert listed(response) == set()
    assert "工地拖欠工资" not in response.content.decode()


def test_it_shows_the_joint_office_everything(client, referred, self_handled, supervisor):
    assert listed(ledger(client, supervisor)) == {referred.pk, self_handled.pk}


def test_it_shows_the_host_town_its_cases_with_names_but_no_phone(client, referred, self_handled, town_clerk):
    response = ledger(client, town_clerk)
    assert listed(response) == {referred.pk, self_handled.pk}
    html = response.content.decode()
    assert "李四" in html and "13800138000" not in html and "138****8000" not in html


def test_it_shows_an_assisting_unit_the_case(client, referred, supervisor, dept_clerk):
    assert listed(ledger(client, dept_clerk)) == set()
    handling.case_assign(
        case=referred, actor=supervisor, version=1, lead_unit=Unit.objects.get(name="区人力社保局"),
        assisting_units=[Unit.objects.get(name="区住房城乡建委")],
    )
    assert listed(ledger(client, dept_clerk)) == {referred.pk}
    assert listed(ledger(client, dept_clerk, "?scope=assist")) == {referred.pk}
    assert listed(ledger(client, dept_clerk, "?scope=lead")) == set()


def test_it_filters_by_status(client, referred, self_handled, supervisor):
    assert listed(ledger(client, supervisor, "?status=awaiting_assignment")) == {referred.pk}
    assert listed(ledger(client, supervisor, "?status=handling")) == {self_handled.pk}


def test_it_ignores_an_unknown_status(client, referred, self_handled, supervisor):
    assert listed(ledger(client, supervisor, "?status=nonsense&unit=abc")) == {referred.pk, self_handled.pk}


def test_it_ignores_numbers_too_large_for_the_database(client, referred, supervisor):
    huge = "99999999999999999999"
    response = ledger(client, supervisor, f"?workday={huge}&category={huge}&page={huge}")
    assert listed(response) == {referred.pk}


def test_it_filters_by_work_day(client, referred, supervisor, clock, plan_workday, other_town_clerk):
    clock.set("2026-11-20 10:00")
    other_day = plan_workday(other_town_clerk, "2026-12-10", place="土桥场镇")
    clock.set("2026-12-10 11:00")
    other = register(other_day, other_town_clerk, content="土桥的事项")
    assert listed(ledger(client, supervisor, f"?workday={referred.workday_id}")) == {referred.pk}
    response = ledger(client, supervisor, f"?workday={other_day.pk}")
    assert listed(response) == {other.pk}
    assert "土桥镇 2026-12-10" in response.content.decode()


def test_it_filters_by_top_level_category_including_children(client, referred, self_handled, supervisor):
    labour = Category.objects.get(name="劳动和社会保障")
    assert listed(ledger(client, supervisor, f"?category={labour.pk}")) == {referred.pk}


def test_it_filters_by_unit_for_the_joint_office(client, referred, self_handled, supervisor):
    town = Unit.objects.get(name="巴川街道")
    labour = Unit.objects.get(name="区人力社保局")
    assert listed(ledger(client, supervisor, f"?unit={town.pk}")) == {referred.pk, self_handled.pk}
    assert listed(ledger(client, supervisor, f"?unit={labour.pk}")) == set()


def test_it_offers_a_clerk_only_their_own_unit(client, town_clerk):
    form = ledger(client, town_clerk).context["form"]
    offered = [name for group, options in form.fields["unit"].choices[1:] for _, name in options]
    assert offered == ["巴川街道"]


def test_it_finds_due_soon_and_overdue_cases_as_the_clock_moves(client, self_handled, supervisor, clock):
    assert self_handled.due_date.isoformat() == "2026-12-21"
    clock.set("2026-12-16 10:00")  # Wednesday: 3 working days left
    assert listed(ledger(client, supervisor, "?due_soon=1")) == set()
    clock.set("2026-12-17 10:00")  # Thursday: due within 2 working days
    response = ledger(client, supervisor, "?due_soon=1")
    assert listed(response) == {self_handled.pk}
    assert "即将到期" in response.content.decode()
    assert listed(ledger(client, supervisor, "?overdue=1")) == set()
    clock.set("2026-12-22 10:00")
    response = ledger(client, supervisor, "?overdue=1")
    assert listed(response) == {self_handled.pk}
    assert '<span class="badge bad" data-deadline="overdue">逾期</span>' in response.content.decode()


def test_it_shows_the_awaiting_assignment_tab_to_the_joint_office_only(client, supervisor, town_clerk):
    assert "待交办" in ledger(client, supervisor).content.decode()
    html = ledger(client, town_clerk).content.decode()
    assert "待交办" not in html and "我单位承办" in html and "我单位协办" in html


def test_it_marks_a_bounced_case(client, referred, supervisor):
    from conftest import _make_user

    labour_clerk = _make_user("labour_clerk", "区人力社保局", "clerk")
    labour = Unit.objects.get(name="区人力社保局")
    for _ in range(2):
        referred = handling.case_assign(case=referred, actor=supervisor, version=referred.version, lead_unit=labour)
        referred = handling.case_return(case=referred, actor=labour_clerk, version=referred.version, reason="不属于本单位职责")
    assert "推诿" in ledger(client, supervisor).content.decode()


def test_it_pages_by_fifty(client, workday, town_clerk, supervisor):
    for n in range(51):
        register(workday, town_clerk, content=f"事项{n}", disposition="time_limit")
    response = ledger(client, supervisor)
    assert len(response.context["page"]) == 50 and response.context["page"].paginator.count == 51
    assert len(ledger(client, supervisor, "?page=2").context["page"]) == 1


def test_it_runs_the_same_queries_for_one_row_as_for_fifty(client, workday, town_clerk, supervisor, django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    register(workday, town_clerk, content="事项", disposition="time_limit")
    client.force_login(supervisor)
    with CaptureQueriesContext(connection) as one:
        client.get("/cases/")
    for n in range(20):
        register(workday, town_clerk, content=f"事项{n}", disposition="time_limit", name=f"居民{n}")
    with CaptureQueriesContext(connection) as many:
        client.get("/cases/")
    # The calendar's token check runs once every few seconds whatever the page (workcal CHECK_INTERVAL).
    def page_queries(ctx):
        return [q for q in ctx.captured_queries if "workcal_calendarversion" not in q["sql"]]

    assert len(page_queries(many)) == len(page_queries(one))
    counts = [q["sql"] for q in many.captured_queries if "COUNT(" in q["sql"].upper() and "cases_case" in q["sql"]]
    assert len(counts) == 1
