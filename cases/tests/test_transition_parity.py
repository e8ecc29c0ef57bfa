"""Generated from the case's transition table: for every step × user × status, the case page and the
API give the same verdict, and it is the table's (a page never offers what the service refuses, and
the API never lets through what the page forbids)."""

import pytest

from cases.models import CaseStatus
from cases.selectors import visible_cases
from cases.tests.conftest import FOUND_WANTING, MERGED
from cases.transitions import TABLE
from conftest import door_verdict, table_verdict
from units.models import Unit

pytestmark = pytest.mark.django_db

ROLES = ["supervisor", "town_clerk", "labour_clerk", "other_town_clerk", "dept_clerk", "district_leader"]

# A valid input for each step: the verdict must come from the table, not from bad input. Each is made
# before the cases of the matrix (`make` is case_factory), so a linked case is registered earlier.
INPUTS = {
    "assign": lambda make: {"lead_unit_id": Unit.objects.get(name="区住房城乡建委").pk, "assisting_unit_ids": []},
    "receive": lambda make: {"responsible_person": "王五"},
    "reply": lambda make: {"content": "已答复群众", "concluded": True, "feedback_to_center": ""},
    "return": lambda make: {"reason": "不属本单位职责"},
    "assist_opinion": lambda make: {"content": "协办意见"},
    "feedback": lambda make: {"content": "已告知群众转办情况"},
    "rate": lambda make: {"acceptable": True, "reason": ""},
    "revisit": lambda make: {"reached": False, "note": "电话无人接听"},
    "rehandle": lambda make: {"reason": "群众反映仍未支付，请重新核查"},
    "close": lambda make: {},
    "link": lambda make: {"repeat_of": make(CaseStatus.HANDLING).pk, "merge": True, "reason": "同一诉求再次来访"},
    "unmerge": lambda make: {"reason": "并案有误"},
    "void": lambda make: {"reason": "录入错误"},
}

def _form(data: dict) -> dict:
    """The same input as the page's form posts it."""
    encoded = {k: ("yes" if v else "no") if isinstance(v, bool) else v for k, v in data.items()}
    return {**encoded, "confirm": "on"}


@pytest.mark.parametrize("name", [t.name for t in TABLE])
def test_page_and_api_give_the_tables_verdict(name, client, case_factory, request):
    transition = TABLE[name]
    data = INPUTS[name](case_factory)
    cases = {status: case_factory(status) for status in [*CaseStatus, MERGED, FOUND_WANTING]}
    users = {role: request.getfixturevalue(role) for role in ROLES}
    seen = set()
    for role, user in users.items():
        for status, case in cases.items():
            body = {"version": case.version, **data}

            def page(user=user, case=case, body=body):
                client.force_login(user)
                return client.post(f"/cases/{case.pk}/{transition.slug}/", _form(body))

            def api(user=user, case=case, body=body):
                client.force_login(user)
                return client.post(f"/api/v1/cases/{case.pk}/{transition.slug}", body, content_type="application/json")

            verdicts = (door_verdict(page), door_verdict(api))
            want = table_verdict(transition, user, case, visible=visible_cases(user).filter(pk=case.pk).exists())
            assert verdicts == (want, want), f"{name} by {role} on a {status} case"
            seen.add(want)
    # The matrix exercises the step both where it is allowed and where it is refused.
    assert "done" in seen and "forbidden" in seen


def test_the_case_page_offers_exactly_what_the_table_allows(client, case_factory, supervisor, labour_clerk):
    case = case_factory(CaseStatus.ASSIGNED)
    for user in (supervisor, labour_clerk):
        client.force_login(user)
        panels = [p["action"].name for p in client.get(f"/cases/{case.pk}/").context["panels"]]
        assert panels == [t.name for t in TABLE.available(case, user)]
    assert panels == ["receive", "reply", "return"]
