"""After a failed revisit or a poor rating the joint office sends a case back (重新办理) on a new clock,
the earlier reply kept and marked; an assignment carries the joint office's instructions (交办意见),
and the department opens its ledger and home page on the assignments waiting to be signed for."""

import pytest

from cases import handling
from cases.models import Case, CaseStatus
from cases.tests.conftest import FOUND_WANTING
from units.models import Unit

pytestmark = pytest.mark.django_db


def post(client, user, case, step, data):
    client.force_login(user)
    body = {"version": case.version, **data}
    return client.post(f"/api/v1/cases/{case.pk}/{step}", body, content_type="application/json", HTTP_ACCEPT_LANGUAGE="zh-hans")


def test_a_failed_revisit_sends_the_case_back_on_a_new_clock(client, clock, case_factory, supervisor, labour_clerk):
    case = case_factory(FOUND_WANTING)
    clock.set("2026-12-14 09:00")
    response = post(client, supervisor, case, "rehandle", {"reason": "群众反映工资仍未支付"})
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "assigned" and body["due_date"] == "2026-12-23" and body["replied_at"] is None
    case = Case.objects.get(pk=case.pk)
    assert case.replies.get().superseded_at is not None
    assert case.current_assignment.instructions == "群众反映工资仍未支付"
    assert labour_clerk.notifications.filter(kind="rehandle").exists()
    client.force_login(supervisor)
    assert "已被重新办理取代" in client.get(f"/cases/{case.pk}/").content.decode()
    assert "重新办理" in client.get(f"/cases/{case.pk}/").content.decode()


def test_re_handling_needs_a_failed_revisit_or_a_poor_rating(client, case_factory, supervisor):
    case = case_factory(CaseStatus.REPLIED)
    response = post(client, supervisor, case, "rehandle", {"reason": "再查"})
    assert response.status_code == 409 and "回访" in response.json()["detail"]
    handling.case_rate(case=case, actor=supervisor, version=case.version, acceptable=False, reason="答复敷衍")
    case = Case.objects.get(pk=case.pk)
    assert post(client, supervisor, case, "rehandle", {"reason": ""}).status_code == 400
    assert post(client, supervisor, case, "rehandle", {"reason": "答复敷衍，请重新办理"}).status_code == 200


def test_the_department_sees_its_unsigned_assignments_first_with_the_instructions(client, case_factory, supervisor, labour_clerk):
    case = case_factory(CaseStatus.AWAITING_ASSIGNMENT)
    response = post(client, supervisor, case, "assign", {
        "lead_unit_id": Unit.objects.get(name="区人力社保局").pk, "instructions": "请于三日内约谈施工方",
    })
    assert response.status_code == 200
    client.force_login(labour_clerk)
    ledger = client.get("/cases/")
    assert [a.case_id for a in ledger.context["inbox"]] == [case.pk]
    assert "请于三日内约谈施工方" in ledger.content.decode()
    assert "待签收" in client.get("/").content.decode()
    post(client, labour_clerk, Case.objects.get(pk=case.pk), "receive", {})
    client.force_login(labour_clerk)
    assert client.get("/cases/").context["inbox"] == []
