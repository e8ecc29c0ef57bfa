"""重复访 and 并案: the joint office links a case to an earlier one of the same person, or merges it
into that one; unmerging restores the status it had. And the assign panel's warning when the
proposed lead unit returned this person's earlier matter."""

import pytest

from cases import handling
from cases.models import Case, CaseStatus
from cases.tests.conftest import MERGED
from history.selectors import timeline_for
from intake.tests.factories import register_matter
from units.models import Category, Unit

pytestmark = pytest.mark.django_db


def post(client, user, case, step, **data):
    client.force_login(user)
    body = {"version": case.version, **data}
    return client.post(f"/api/v1/cases/{case.pk}/{step}", body, content_type="application/json", HTTP_ACCEPT_LANGUAGE="zh-hans")


def test_a_merge_closes_the_later_case_into_the_earlier_and_unmerge_restores_it(client, case_factory, supervisor):
    earlier, later = case_factory(CaseStatus.HANDLING), case_factory(CaseStatus.ASSIGNED)
    response = post(client, supervisor, later, "link", repeat_of=earlier.pk, merge=True, reason="同一诉求")
    assert response.status_code == 200 and response.json()["status"] == "closed"
    later = Case.objects.get(pk=later.pk)
    assert (later.merged_into, later.repeat_of, later.status_before_merge) == (earlier, earlier, "assigned")
    assert timeline_for(later).get(action="linked").note == "同一诉求"
    assert post(client, supervisor, later, "unmerge", reason="").status_code == 400
    response = post(client, supervisor, later, "unmerge", reason="并案有误")
    assert response.status_code == 200 and response.json()["status"] == "assigned"
    later = Case.objects.get(pk=later.pk)
    assert (later.merged_into, later.repeat_of, later.status_before_merge, later.closed_at) == (None, earlier, "", None)


def test_a_repeat_visit_only_records_the_link(client, case_factory, supervisor):
    earlier, later = case_factory(CaseStatus.REPLIED), case_factory(CaseStatus.HANDLING)
    assert post(client, supervisor, later, "link", repeat_of=earlier.pk, merge=False, reason="再次来访").status_code == 200
    later = Case.objects.get(pk=later.pk)
    assert (later.status, later.repeat_of, later.merged_into) == ("handling", earlier, None)
    client.force_login(supervisor)
    assert f'href="/cases/{earlier.pk}/"' in client.get(f"/cases/{later.pk}/").content.decode()


@pytest.mark.parametrize(
    "target, message",
    [
        ("itself", "不能与自身关联或合并"),
        ("voided", "已作废"),
        ("later", "登记晚于本事项"),
        ("stranger", "不是同一人"),
        ("unknown", "不存在"),
    ],
)
def test_a_link_to_a_wrong_case_is_400_on_repeat_of_and_changes_nothing(client, case_factory, supervisor, town_clerk, target, message):
    case_factory(CaseStatus.HANDLING)  # an earlier case it could be linked to
    voided = case_factory(CaseStatus.VOIDED)
    case = case_factory(CaseStatus.HANDLING)
    later = case_factory(CaseStatus.HANDLING)
    registration, _ = register_matter(
        workday=case.workday, actor=town_clerk, petitioners=[{"name": "王五", "id_number": "110101199003074514", "phone": "13900139000"}],
        kind="request", category=Category.objects.get(name="欠薪讨薪"), territory=Unit.objects.get(name="巴川街道"),
        content="另一人的事项", disposition="refer", channel="区人力社保局",
    )
    ids = {"itself": case.pk, "voided": voided.pk, "later": later.pk, "stranger": registration.case.pk, "unknown": 999999}
    response = post(client, supervisor, case, "link", repeat_of=ids[target], merge=True, reason="并案")
    assert response.status_code == 400 and message in response.json()["errors"]["repeat_of"][0]
    assert Case.objects.get(pk=case.pk).version == case.version


def test_the_link_and_unmerge_refusals_the_table_declares(client, case_factory, supervisor, town_clerk):
    closed, voided, merged = case_factory(CaseStatus.CLOSED), case_factory(CaseStatus.VOIDED), case_factory(MERGED)
    response = post(client, supervisor, closed, "unmerge", reason="x")
    assert response.status_code == 409 and response.json()["detail"] == "只有已并案的事项才能撤销并案。"
    assert post(client, supervisor, voided, "link", repeat_of=closed.pk, reason="x").json()["detail"] == "该事项已作废。"
    response = post(client, supervisor, merged, "link", repeat_of=closed.pk, reason="x")
    assert response.status_code == 409 and "请先撤销并案" in response.json()["detail"]
    assert post(client, town_clerk, merged, "unmerge", reason="x").status_code == 403
    first = Case.objects.order_by("id").first()
    response = post(client, supervisor, first, "link", repeat_of=closed.pk, reason="x")
    assert response.status_code == 409 and response.json()["detail"] == "此人没有可关联的前次事项。"


def test_the_page_links_through_its_panel(client, case_factory, supervisor):
    earlier, later = case_factory(CaseStatus.HANDLING), case_factory(CaseStatus.AWAITING_ASSIGNMENT)
    client.force_login(supervisor)
    page = client.get(f"/cases/{later.pk}/")
    form = next(p["form"] for p in page.context["panels"] if p["action"].name == "link")
    assert earlier.pk in [c for c, _ in form.fields["repeat_of"].choices]
    response = client.post(f"/cases/{later.pk}/link/", {"version": later.version, "repeat_of": earlier.pk, "merge": "yes", "reason": ""})
    assert response.status_code == 400 and Case.objects.get(pk=later.pk).merged_into is None
    response = client.post(f"/cases/{later.pk}/link/", {"version": later.version, "repeat_of": earlier.pk, "merge": "yes", "reason": "同一诉求"})
    assert response.status_code == 302 and Case.objects.get(pk=later.pk).merged_into == earlier


def test_the_assign_panel_warns_when_the_proposed_lead_returned_this_persons_matter(client, case_factory, supervisor, labour_clerk):
    earlier = case_factory(CaseStatus.ASSIGNED)
    handling.case_return(case=earlier, actor=labour_clerk, version=earlier.version, reason="不属本单位职责")
    later = case_factory(CaseStatus.AWAITING_ASSIGNMENT)
    client.force_login(supervisor)
    note = client.get(f"/cases/{later.pk}/", HTTP_ACCEPT_LANGUAGE="zh-hans").context["routing_note"]
    assert f"注意：区人力社保局曾退回此人的第{earlier.pk}号事项。" in note
    # The returned case itself carries no warning about itself.
    assert "注意" not in client.get(f"/cases/{earlier.pk}/", HTTP_ACCEPT_LANGUAGE="zh-hans").context["routing_note"]
