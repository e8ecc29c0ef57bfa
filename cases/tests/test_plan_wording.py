"""The case's page in the plan's words: 承办单位 for the unit that handles it, 承诺解决时限 for what
was promised, and a refusal said once."""


import pytest

from cases.models import CaseStatus
from conftest import visible_text

pytestmark = pytest.mark.django_db




def test_the_assignment_names_the_lead_unit_承办单位(client, case_factory, supervisor):
    case = case_factory(CaseStatus.AWAITING_ASSIGNMENT)
    client.force_login(supervisor)
    response = client.get(f"/cases/{case.pk}/")
    assert 'for="assign_lead_unit_id">承办单位' in response.content.decode()
    text = visible_text(response)
    assert "主办单位" not in text
    response = client.post(f"/cases/{case.pk}/assign/", {"version": case.version, "lead_unit_id": ""})
    assert response.status_code == 400 and "请选择承办单位。" in visible_text(response)


def test_a_promised_limit_reads_承诺解决时限(client, case_factory, supervisor):
    case = case_factory(CaseStatus.HANDLING)
    client.force_login(supervisor)
    text = visible_text(client.get(f"/cases/{case.pk}/"))
    assert "承诺解决时限 5 个工作日" in text
    assert "承诺时限" not in text.replace("承诺解决时限", "")


def test_a_refused_step_is_said_once(client, case_factory, supervisor):
    case = case_factory(CaseStatus.AWAITING_ASSIGNMENT)
    client.force_login(supervisor)
    response = client.post(f"/cases/{case.pk}/close/", {"version": case.version})
    assert response.status_code == 409
    assert visible_text(response).count("只有已答复的事项才能办结。") == 1
