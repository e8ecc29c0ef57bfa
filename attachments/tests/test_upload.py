"""Attaching a file through the page and the API: the same files get the same verdict at both doors."""

import hashlib

import pytest

from attachments.models import Attachment
from attachments.tests.conftest import EXE, LIMIT, OLE2, docm_bytes, docx_bytes, pdf_bytes, png_bytes, xlsx_bytes
from conftest import door_verdict
from history.models import Event

pytestmark = pytest.mark.django_db

FILES = {
    "png": (("现场照片.png", png_bytes()), "done"),
    "pdf": (("签字登记表.pdf", pdf_bytes()), "done"),
    "docx": (("整改报告.docx", docx_bytes()), "done"),
    "xlsx": (("台账.xlsx", xlsx_bytes()), "done"),
    "doc": (("情况反馈.doc", OLE2), "done"),
    "xls": (("统计表.xls", OLE2), "done"),
    "ole2 named png": (("photo.png", OLE2), "bad input"),
    "docm named docx": (("整改报告.docx", docm_bytes()), "bad input"),
    "xlsx named docx": (("台账.docx", xlsx_bytes()), "bad input"),
    "exe renamed jpg": (("photo.jpg", EXE), "bad input"),
    "exe": (("setup.exe", EXE), "bad input"),
    "png named pdf": (("scan.pdf", png_bytes()), "bad input"),
    "html named pdf": (("scan.pdf", b"<html><script>alert(1)</script></html>"), "bad input"),
    "zip named docx": (("report.docx", b"PK\x03\x04" + b"\x00" * 60), "bad input"),
    "empty": (("empty.pdf", b""), "bad input"),
    "oversize": (("big.pdf", pdf_bytes(padding=LIMIT)), "bad input"),
    "no file": (None, "bad input"),
}


@pytest.mark.parametrize("case", FILES)
def test_both_doors_give_the_same_verdict(case, send_upload, workday_factory, town_clerk):
    workday = workday_factory(actor=town_clerk)
    file, expected = FILES[case]
    verdicts = {door: door_verdict(lambda door=door: send_upload(door, town_clerk, "workday", workday.pk, file)) for door in ("page", "api")}
    assert verdicts == {"page": expected, "api": expected}
    assert not Attachment.objects.exists()  # door_verdict rolled both back


@pytest.mark.parametrize(
    ("case", "message"),
    [
        ("exe renamed jpg", "not a .jpg file"),
        ("exe", "Only JPG or PNG pictures"),
        ("empty", "The file is empty."),
        ("oversize", "at most 0.06 MB"),
        ("no file", "Choose a file to attach."),
    ],
)
def test_a_refused_file_says_why_on_the_file_field(case, message, send_upload, workday_factory, town_clerk, settings):
    settings.LANGUAGE_CODE = "en"
    workday = workday_factory(actor=town_clerk)
    file, _ = FILES[case]
    api = send_upload("api", town_clerk, "workday", workday.pk, file)
    assert api.status_code == 400
    assert any(message in m for m in api.json()["errors"]["file"]), api.json()
    page = send_upload("page", town_clerk, "workday", workday.pk, file)
    assert page.status_code == 400
    assert message in page.content.decode()
    assert 'enctype="multipart/form-data"' in page.content.decode()  # the form is offered again
    assert not Attachment.objects.exists()


def test_the_message_is_in_chinese(send_upload, workday_factory, town_clerk):
    workday = workday_factory(actor=town_clerk)
    response = send_upload("api", town_clerk, "workday", workday.pk, FILES["exe renamed jpg"][0])
    assert "扩展名" in response.json()["errors"]["file"][0] or "文件内容" in response.json()["errors"]["file"][0]


def test_upload_answers_id_sha256_size_and_name(send_upload, workday_factory, town_clerk, attachment_storage):
    workday = workday_factory(actor=town_clerk)
    data = pdf_bytes()
    response = send_upload("api", town_clerk, "workday", workday.pk, ("签字登记表.pdf", data))
    assert response.status_code == 201
    body = response.json()
    attachment = Attachment.objects.get()
    assert body == {"id": attachment.pk, "sha256": hashlib.sha256(data).hexdigest(), "size": len(data), "name": "签字登记表.pdf"}
    assert attachment.workday == workday and attachment.content_type == "application/pdf"
    assert attachment.uploaded_by == town_clerk and attachment.unit == town_clerk.unit
    stored = attachment_storage / attachment.path
    assert stored.read_bytes() == data
    assert "签字登记表" not in attachment.path  # the stored name is the system's, not the uploader's
    assert Event.objects.filter(object_id=workday.pk, action="attachment_added", note="签字登记表.pdf").exists()


def test_page_upload_goes_back_to_the_work_day_and_lists_the_file(send_upload, workday_factory, town_clerk, client):
    workday = workday_factory(actor=town_clerk)
    response = send_upload("page", town_clerk, "workday", workday.pk, ("现场照片.png", png_bytes()))
    assert response.status_code == 302
    assert response["Location"] == f"/workdays/{workday.pk}/#attachments"
    page = client.get(f"/workdays/{workday.pk}/").content.decode()
    attachment = Attachment.objects.get()
    assert "现场照片.png" in page and f"/attachments/{attachment.pk}/" in page


def test_a_path_in_the_name_is_dropped(send_upload, workday_factory, town_clerk):
    workday = workday_factory(actor=town_clerk)
    response = send_upload("api", town_clerk, "workday", workday.pk, ("..\\..\\windows\\scan.pdf", pdf_bytes()))
    assert response.status_code == 201
    assert response.json()["name"] == "scan.pdf"


def test_the_real_limit_takes_a_20_mb_file_through_multipart(send_upload, workday_factory, town_clerk, settings):
    """With the default setting (20 MB) the request body limits let a file at the limit through,
    and one byte more is a 400, not a 500."""
    from django.conf import global_settings

    from xinfang import settings as project_settings

    settings.ATTACHMENTS_MAX_BYTES = project_settings.ATTACHMENTS_MAX_BYTES
    assert settings.ATTACHMENTS_MAX_BYTES == 20 * 1024 * 1024
    assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE == global_settings.DATA_UPLOAD_MAX_MEMORY_SIZE  # JSON bodies: unchanged
    workday = workday_factory(actor=town_clerk)
    base = pdf_bytes()
    exact = base + b" " * (20 * 1024 * 1024 - len(base))
    assert len(exact) == 20 * 1024 * 1024
    assert send_upload("api", town_clerk, "workday", workday.pk, ("大文件.pdf", exact)).status_code == 201
    over = send_upload("api", town_clerk, "workday", workday.pk, ("大文件.pdf", exact + b"\n"))
    assert over.status_code == 400 and "file" in over.json()["errors"]


def test_a_file_longer_than_it_claims_is_stopped_while_streaming(workday_factory, town_clerk, attachment_storage):
    """The size the upload announced is checked first; the bytes are counted again on their way
    to the storage, and a file that turns out larger is refused and leaves nothing behind."""
    from django.core.exceptions import ValidationError

    from attachments.services import attachment_add
    from attachments.tests.conftest import upload

    workday = workday_factory(actor=town_clerk)
    file = upload("big.pdf", pdf_bytes(padding=LIMIT))
    file.size = 100  # what a lying client would announce
    with pytest.raises(ValidationError) as refused:
        attachment_add(actor=town_clerk, target=workday, file=file)
    assert "file" in refused.value.message_dict
    assert not Attachment.objects.exists()
    assert not [p for p in attachment_storage.rglob("*") if p.is_file()]


@pytest.mark.parametrize("door", ["page", "api"])
def test_the_same_file_twice_on_one_target_is_refused(door, send_upload, workday_factory, town_clerk, settings, attachment_storage):
    """A double submit adds nothing; the same file on another target, or after voiding, is fine."""
    settings.LANGUAGE_CODE = "en"
    workday, other = workday_factory(actor=town_clerk), workday_factory(actor=town_clerk)
    assert send_upload("api", town_clerk, "workday", workday.pk, ("照片.png", png_bytes())).status_code == 201
    again = send_upload(door, town_clerk, "workday", workday.pk, ("照片（1）.png", png_bytes()))
    assert again.status_code == 400
    text = str(again.json()["errors"]["file"]) if door == "api" else again.content.decode()
    assert "already attached here (照片.png" in text
    assert Attachment.objects.count() == 1
    assert len([p for p in attachment_storage.rglob("*") if p.is_file()]) == 1
    assert send_upload(door, town_clerk, "workday", other.pk, ("照片.png", png_bytes())).status_code in (201, 302)
