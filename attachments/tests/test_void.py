"""A file attached by mistake is voided with a reason, never deleted: struck through in the list,
opened afterwards by the joint office only (for audit)."""

import pytest

from attachments.models import Attachment
from attachments.tests.conftest import pdf_bytes
from history.models import Event

pytestmark = pytest.mark.django_db


@pytest.fixture
def attached(send_upload, workday_factory, town_clerk):
    workday = workday_factory(actor=town_clerk)
    assert send_upload("api", town_clerk, "workday", workday.pk, ("错误的扫描件.pdf", pdf_bytes())).status_code == 201
    return Attachment.objects.get()


def _void(client, door: str, user, attachment, reason: str):
    client.force_login(user)
    if door == "api":
        return client.post(f"/api/v1/attachments/{attachment.pk}/void", {"reason": reason}, content_type="application/json")
    return client.post(f"/attachments/{attachment.pk}/void/", {"reason": reason})


@pytest.mark.parametrize("door", ["page", "api"])
def test_void_needs_a_reason(door, attached, client, town_clerk, settings):
    settings.LANGUAGE_CODE = "en"
    response = _void(client, door, town_clerk, attached, "   ")
    assert response.status_code == 400
    text = response.content.decode()
    assert "Give the reason for voiding this attachment." in text
    attached.refresh_from_db()
    assert attached.voided_at is None


@pytest.mark.parametrize("door", ["page", "api"])
def test_another_clerk_of_the_uploaders_unit_voids_it(door, attached, client, make_user, attachment_storage):
    colleague = make_user("clerk", "巴川街道")
    response = _void(client, door, colleague, attached, "扫描件不清晰，重新上传")
    assert response.status_code == (302 if door == "page" else 200)
    attached.refresh_from_db()
    assert attached.voided_by == colleague and attached.void_reason == "扫描件不清晰，重新上传"
    assert (attachment_storage / attached.path).read_bytes() == pdf_bytes()  # never deleted
    assert Event.objects.filter(object_id=attached.workday_id, action="attachment_voided").exists()
    assert Event.objects.filter(object_id=attached.pk, action="voided").exists()


@pytest.mark.parametrize("door", ["page", "api"])
def test_who_may_not_void(door, attached, client, other_town_clerk, district_leader):
    assert _void(client, door, other_town_clerk, attached, "不是我的").status_code == 404
    assert _void(client, door, district_leader, attached, "看错了").status_code == 403
    attached.refresh_from_db()
    assert attached.voided_at is None


@pytest.mark.parametrize("door", ["page", "api"])
def test_the_joint_office_voids_any_units_file_once(door, attached, client, supervisor):
    assert _void(client, door, supervisor, attached, "与本次活动无关").status_code in (200, 302)
    assert _void(client, door, supervisor, attached, "再次作废").status_code == 409
    attached.refresh_from_db()
    assert attached.void_reason == "与本次活动无关"


def test_a_voided_file_is_struck_through_and_opened_by_the_joint_office_only(attached, client, town_clerk, supervisor):
    _void(client, "api", town_clerk, attached, "上传错了文件")
    client.force_login(town_clerk)
    page = client.get(f"/workdays/{attached.workday_id}/").content.decode()
    assert "<del>错误的扫描件.pdf</del>" in page and "上传错了文件" in page
    assert f'href="/attachments/{attached.pk}/"' not in page
    assert client.get(f"/api/v1/attachments/{attached.pk}").status_code == 410
    assert client.get(f"/attachments/{attached.pk}/").status_code == 410
    [item] = client.get(f"/api/v1/attachments?target=workday&target_id={attached.workday_id}").json()["items"]
    assert item["voided_at"] and item["void_reason"] == "上传错了文件" and item["download_url"] is None
    client.force_login(supervisor)
    response = client.get(f"/api/v1/attachments/{attached.pk}")
    assert response.status_code == 200 and b"".join(response.streaming_content) == pdf_bytes()
    assert f'href="/attachments/{attached.pk}/"' in client.get(f"/workdays/{attached.workday_id}/").content.decode()
