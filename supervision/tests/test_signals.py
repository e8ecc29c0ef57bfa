"""R11: the supervision signals are computed from the record, per unit and period, with the cases
behind every number; the bulletin is drafted from them, edited and issued."""

import pytest
from django.core.exceptions import PermissionDenied

from cases import handling
from lifecycle import TransitionError
from supervision import bulletins
from supervision.metrics import signals_for_period
from supervision.models import Bulletin
from supervision.tests.helpers import assign_case, referred_case
from units.models import Unit

pytestmark = pytest.mark.django_db


def test_signals_name_the_cases_behind_every_number(story):
    labour = Unit.objects.get(name="区人力社保局")
    housing = Unit.objects.get(name="区住房城乡建委")
    signals = signals_for_period("2026Q4")
    s = signals[labour.pk]
    assert s.cases["overdue"] == {story["late"].pk}
    assert s.cases["replied_on_time"] == {story["false_report"].pk, story["poor"].pk}
    assert s.cases["returns"] == {story["bounced"].pk}
    assert s.cases["bounced"] == {story["bounced"].pk}
    assert s.cases["contradicted"] == {story["false_report"].pk} and s.cases["unsatisfied"] == {
        story["false_report"].pk
    }
    assert s.cases["poor_quality"] == {story["poor"].pk}
    assert signals[housing.pk].cases["returns"] == {story["bounced"].pk}
    assert signals_for_period("2026Q3") == {}


def test_an_open_case_past_due_counts_as_overdue(clock, town_clerk, supervisor, plan_workday):
    clock.set("2026-10-12 09:00")
    day = plan_workday(town_clerk, "2026-10-20")
    clock.set("2026-10-20 10:00")
    case = assign_case(referred_case(day, town_clerk, "欠薪"), supervisor, "区人力社保局")
    clock.set("2026-10-29 10:00")
    assert signals_for_period("2026Q4")[case.lead_unit_id].count("overdue") == 0
    clock.set("2026-11-02 10:00")
    assert signals_for_period("2026Q4")[case.lead_unit_id].cases["overdue"] == {case.pk}


def test_the_supervision_api_shape_and_visibility(client, story, supervisor, town_clerk):
    client.force_login(supervisor)
    rows = client.get("/api/v1/supervision?period=2026Q4").json()
    labour = next(r for r in rows if r["unit_id"] == Unit.objects.get(name="区人力社保局").pk)
    assert labour == {
        "unit_id": labour["unit_id"],
        "cases": 4,
        "replied_on_time": 2,
        "overdue": 1,
        "returns": 1,
        "bounced": 1,
        "unsatisfied": 1,
        "contradicted": 1,
        "poor_quality": 1,
        "promises_broken": 0,
        "orders_overdue": 0,
    }
    assert client.get("/api/v1/supervision?period=2026Q9").status_code == 400
    drill = client.get(f"/api/v1/supervision/cases?period=2026Q4&unit_id={labour['unit_id']}&signal=overdue").json()
    assert drill["case_ids"] == [story["late"].pk]
    client.force_login(town_clerk)
    assert client.get("/api/v1/supervision?period=2026Q4").json() == []


def test_the_bulletin_is_drafted_edited_and_issued(client, story, supervisor, town_clerk):
    with pytest.raises(PermissionDenied):
        bulletins.bulletin_generate(period="2026Q4", actor=town_clerk)
    client.force_login(supervisor)
    draft = client.post("/api/v1/bulletins", {"period": "2026Q4"}, content_type="application/json").json()
    assert draft["status"] == "draft"
    assert set(draft["units"]) == {Unit.objects.get(name=n).pk for n in ("区人力社保局", "区住房城乡建委")}
    assert "区人力社保局" in draft["text"] and str(story["late"].pk) in draft["text"]
    assert set(draft["findings"]) == {"late", "poor_quality", "buck_passing", "false_reporting"}
    client.force_login(town_clerk)
    assert client.get(f"/api/v1/bulletins/{draft['id']}").status_code == 404  # drafts stay with the joint office
    client.force_login(supervisor)
    edited = client.put(
        f"/api/v1/bulletins/{draft['id']}",
        {"title": draft["title"], "text": draft["text"] + "\n特此通报。"},
        content_type="application/json",
    ).json()
    assert edited["text"].endswith("特此通报。")
    issued = client.post(f"/api/v1/bulletins/{draft['id']}/issue").json()
    assert issued["status"] == "issued" and issued["issued_at"]
    assert client.post(f"/api/v1/bulletins/{draft['id']}/issue").status_code == 409
    assert (
        client.put(
            f"/api/v1/bulletins/{draft['id']}", {"title": "x", "text": "y"}, content_type="application/json"
        ).status_code
        == 409
    )
    client.force_login(town_clerk)
    assert client.get(f"/api/v1/bulletins/{draft['id']}").json()["text"].endswith("特此通报。")
    client.logout()
    assert client.get(f"/api/v1/bulletins/{draft['id']}").status_code == 401


def test_an_issued_bulletin_is_read_only(story, supervisor):
    bulletin = bulletins.bulletin_generate(period="2026Q4", actor=supervisor)
    bulletins.bulletin_issue(bulletin=bulletin, actor=supervisor)
    with pytest.raises(TransitionError):
        bulletins.bulletin_edit(bulletin=bulletin, actor=supervisor, title="x", text="y")
    assert Bulletin.objects.get(pk=bulletin.pk).status == "issued"


def test_a_case_returned_twice_by_one_unit_is_two_returns(clock, town_clerk, supervisor, plan_workday, make_user):
    labour = make_user("clerk", "区人力社保局")
    clock.set("2026-10-12 09:00")
    day = plan_workday(town_clerk, "2026-10-20")
    clock.set("2026-10-20 10:00")
    case = referred_case(day, town_clerk, "欠薪")
    for _ in range(2):
        case = assign_case(case, supervisor, "区人力社保局")
        handling.case_return(case=case, actor=labour, version=case.version, reason="非本部门职责")
    s = signals_for_period("2026Q4")[Unit.objects.get(name="区人力社保局").pk]
    assert s.count("returns") == 2 and s.cases["returns"] == {case.pk}
    assert s.count("bounced") == 1
