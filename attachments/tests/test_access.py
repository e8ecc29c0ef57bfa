"""Attachments are seen, opened and added under the rules of what they are attached to."""

import hashlib

import pytest

from attachments.models import Attachment
from attachments.tests.conftest import pdf_bytes, png_bytes
from cases.models import CaseStatus
from conftest import door_verdict

pytestmark = pytest.mark.django_db


@pytest.fixture
def attached(send_upload, workday_factory, town_clerk):
    """A PDF attached to a Work Day of 巴川街道 by its clerk."""
    workday = workday_factory(actor=town_clerk)
    data = pdf_bytes()
    assert send_upload("api", town_clerk, "workday", workday.pk, ("签字登记表.pdf", data)).status_code == 201
    return Attachment.objects.get(), data


def test_download_is_the_same_file_as_an_attachment_without_sniffing(attached, client, town_clerk, attachment_storage):
    attachment, data = attached
    client.force_login(town_clerk)
    for url in (f"/api/v1/attachments/{attachment.pk}", f"/attachments/{attachment.pk}/"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert b"".join(response.streaming_content) == data
        assert response["Content-Type"] == "application/pdf"
        assert response["Content-Disposition"].startswith("attachment;")
        assert "filename*=utf-8''%E7%AD%BE" in response["Content-Disposition"]
        assert response["X-Content-Type-Options"] == "nosniff"
    stored = (attachment_storage / attachment.path).read_bytes()
    assert hashlib.sha256(stored).hexdigest() == attachment.sha256 == hashlib.sha256(data).hexdigest()


def test_another_units_clerk_gets_404_on_download_list_and_upload(attached, client, send_upload, other_town_clerk):
    attachment, _ = attached
    client.force_login(other_town_clerk)
    assert client.get(f"/api/v1/attachments/{attachment.pk}").status_code == 404
    assert client.get(f"/attachments/{attachment.pk}/").status_code == 404
    assert client.get(f"/api/v1/attachments?target=workday&target_id={attachment.workday_id}").status_code == 404
    for door in ("page", "api"):
        assert send_upload(door, other_town_clerk, "workday", attachment.workday_id, ("x.png", png_bytes())).status_code == 404
    assert Attachment.objects.count() == 1


def test_a_district_leader_may_open_but_not_attach(attached, client, send_upload, district_leader):
    attachment, data = attached
    client.force_login(district_leader)
    response = client.get(f"/api/v1/attachments/{attachment.pk}")
    assert response.status_code == 200 and b"".join(response.streaming_content) == data
    for door in ("page", "api"):
        assert send_upload(door, district_leader, "workday", attachment.workday_id, ("x.png", png_bytes())).status_code == 403
    assert Attachment.objects.count() == 1


def test_the_joint_office_may_attach_to_any_units_day(attached, send_upload, supervisor):
    attachment, _ = attached
    response = send_upload("api", supervisor, "workday", attachment.workday_id, ("x.png", png_bytes()))
    assert response.status_code == 201


@pytest.mark.parametrize(
    ("target", "target_id", "status"),
    [("workday", 999999, 404), ("case", 999999, 404), ("reply", 999999, 404), ("supervision_order", 999999, 404),
     ("folder", 1, 400), ("", 1, 400), ("workday", "abc", 400), ("workday", 0, 400), ("workday", 2**70, 400)],
)
def test_unknown_targets(target, target_id, status, send_upload, town_clerk):
    for door in ("page", "api"):
        assert send_upload(door, town_clerk, target, target_id, ("x.png", png_bytes())).status_code == status
    assert not Attachment.objects.exists()


def test_unknown_attachment_is_404(client, town_clerk):
    client.force_login(town_clerk)
    assert client.get("/api/v1/attachments/999999").status_code == 404
    assert client.get("/attachments/999999/").status_code == 404
    assert client.post("/api/v1/attachments/999999/void", {"reason": "x"}, content_type="application/json").status_code == 404


def test_the_list_shows_the_files_of_a_target(attached, client, district_leader):
    attachment, data = attached
    client.force_login(district_leader)
    response = client.get(f"/api/v1/attachments?target=workday&target_id={attachment.workday_id}")
    assert response.status_code == 200
    [item] = response.json()["items"]
    assert item["id"] == attachment.pk and item["sha256"] == hashlib.sha256(data).hexdigest()
    assert item["target"] == "workday" and item["target_id"] == attachment.workday_id
    assert item["download_url"] == f"/api/v1/attachments/{attachment.pk}" and item["voided_at"] is None
    assert client.get("/api/v1/attachments?target=nothing&target_id=1").status_code == 400


def test_a_voided_or_archived_work_day_takes_no_files(send_upload, workday_factory, town_clerk):
    from workdays.services import workday_void

    workday = workday_factory(actor=town_clerk)
    workday_void(workday=workday, actor=town_clerk, reason="计划有误")
    for door in ("page", "api"):
        verdict = door_verdict(lambda door=door: send_upload(door, town_clerk, "workday", workday.pk, ("x.png", png_bytes())))
        assert verdict == "refused"


# --- Cases, replies and 督办 -------------------------------------------------------------------


@pytest.fixture
def replied_case(case_factory):
    return case_factory(CaseStatus.REPLIED)


def test_the_units_handling_a_case_may_attach_to_it_and_its_reply(replied_case, send_upload, town_clerk, labour_clerk, other_town_clerk, supervisor):
    reply = replied_case.replies.get()
    for user in (town_clerk, labour_clerk, other_town_clerk, supervisor):  # host, lead, assisting, joint office
        for door in ("page", "api"):
            assert door_verdict(lambda door=door, user=user: send_upload(door, user, "case", replied_case.pk, ("x.png", png_bytes()))) == "done", user
            assert door_verdict(lambda door=door, user=user: send_upload(door, user, "reply", reply.pk, ("x.pdf", pdf_bytes()))) == "done", user


def test_a_unit_not_on_the_case_gets_404_and_a_leader_403(replied_case, send_upload, dept_clerk, district_leader):
    reply = replied_case.replies.get()
    for door in ("page", "api"):
        assert send_upload(door, dept_clerk, "case", replied_case.pk, ("x.png", png_bytes())).status_code == 404
        assert send_upload(door, dept_clerk, "reply", reply.pk, ("x.png", png_bytes())).status_code == 404
        assert send_upload(door, district_leader, "case", replied_case.pk, ("x.png", png_bytes())).status_code == 403
    assert not Attachment.objects.exists()


def test_a_voided_case_takes_no_files(case_factory, send_upload, supervisor):
    case = case_factory(CaseStatus.VOIDED)
    for door in ("page", "api"):
        assert send_upload(door, supervisor, "case", case.pk, ("x.png", png_bytes())).status_code == 409


def test_a_supervision_order_takes_files_from_the_joint_office_and_the_answering_unit(
    case_factory, send_upload, supervisor, labour_clerk, town_clerk, dept_clerk, client
):
    from supervision.orders import order_issue

    case = case_factory(CaseStatus.ASSIGNED)
    order = order_issue(case=case, actor=supervisor, version=case.version, text="请加快办理", respond_within_days=5)
    assert send_upload("api", supervisor, "supervision_order", order.pk, ("督办单.pdf", pdf_bytes())).status_code == 201
    assert send_upload("page", labour_clerk, "supervision_order", order.pk, ("反馈.pdf", pdf_bytes(padding=1))).status_code == 302
    # the registering unit sees the case but the order is the lead unit's business
    assert send_upload("api", town_clerk, "supervision_order", order.pk, ("x.pdf", pdf_bytes())).status_code == 404
    assert send_upload("api", dept_clerk, "supervision_order", order.pk, ("x.pdf", pdf_bytes())).status_code == 404
    # the case's list gathers the order's files
    client.force_login(labour_clerk)
    names = [a["name"] for a in client.get(f"/api/v1/attachments?target=case&target_id={case.pk}").json()["items"]]
    assert names == ["督办单.pdf", "反馈.pdf"]
    page = client.get(f"/cases/{case.pk}/").content.decode()
    assert "督办单.pdf" in page and "反馈.pdf" in page
