import io
import os
import shutil
import subprocess
from urllib.parse import quote

import docx
import pytest
from django.urls import reverse
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn

pytestmark = pytest.mark.django_db

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _download(client, user, workday):
    client.force_login(user)
    response = client.get(reverse("workdays_notice_docx", args=[workday.pk]))
    assert response.status_code == 200
    return response


def _text(document) -> str:
    return "\n".join(p.text for p in document.paragraphs)


def test_it_requires_login(client, planned_day):
    response = client.get(reverse("workdays_notice_docx", args=[planned_day.pk]))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_it_returns_404_to_another_towns_clerk(client, other_town_clerk, planned_day):
    client.force_login(other_town_clerk)
    assert client.get(reverse("workdays_notice_docx", args=[planned_day.pk])).status_code == 404


def test_it_names_the_file_in_utf8(client, town_clerk, published_day):
    response = _download(client, town_clerk, published_day)
    assert response["Content-Type"] == DOCX_TYPE
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert 'filename="workday-notice-2026-12-07.docx"' in disposition
    assert "filename*=UTF-8''" + quote("群众工作日公告-巴川街道-2026-12-07.docx") in disposition


def test_it_opens_with_python_docx_and_holds_the_notice(client, town_clerk, published_day):
    document = docx.Document(io.BytesIO(_download(client, town_clerk, published_day).content))
    text = _text(document)
    for expected in (
        "巴川广场",
        "玉皇村、金龙社区",
        "2026年12月7日",
        "09:00",
        "接待群众来访",
        "现场答复诉求",
        "登记、分流、答复",
        "李明（区委常委）",
    ):
        assert expected in text, expected
    title = document.paragraphs[0]
    assert title.text == "巴川街道关于开展“群众工作日”活动的公告"
    assert title.alignment == WD_ALIGN_PARAGRAPH.CENTER
    # The signature: the host unit and the publication date, right-aligned at the end.
    signature = [p for p in document.paragraphs if p.text][-2:]
    assert [p.text for p in signature] == ["巴川街道", "2026年12月1日"]
    assert all(p.alignment == WD_ALIGN_PARAGRAPH.RIGHT for p in signature)


def test_it_sets_chinese_fonts(client, town_clerk, published_day):
    document = docx.Document(io.BytesIO(_download(client, town_clerk, published_day).content))
    fonts = {r._element.rPr.rFonts.get(qn("w:eastAsia")) for p in document.paragraphs for r in p.runs}
    assert "仿宋_GB2312" in fonts
    font_table = next(p for p in document.part.package.iter_parts() if str(p.partname) == "/word/fontTable.xml")
    assert "仿宋".encode() in font_table.blob  # the fallback of 仿宋_GB2312


def test_it_marks_an_unpublished_notice_as_draft(client, town_clerk, planned_day):
    document = docx.Document(io.BytesIO(_download(client, town_clerk, planned_day).content))
    header = "\n".join(p.text for p in document.sections[0].header.paragraphs)
    assert "草稿" in header


def test_it_has_no_draft_mark_once_published(client, town_clerk, published_day):
    document = docx.Document(io.BytesIO(_download(client, town_clerk, published_day).content))
    assert "草稿" not in "\n".join(p.text for p in document.sections[0].header.paragraphs)


def _office() -> str | None:
    return shutil.which("libreoffice") or shutil.which("soffice")


def _require(program: str | None, name: str) -> str:
    if program:
        return program
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"CI=true but {name} is missing")
    pytest.skip(f"{name} is not installed: the .docx is not converted to PDF here")


def test_it_converts_to_pdf_with_libreoffice(client, town_clerk, published_day, tmp_path):
    office = _require(_office(), "LibreOffice (libreoffice/soffice)")
    pdftotext = _require(shutil.which("pdftotext"), "pdftotext (poppler-utils)")
    source = tmp_path / "notice.docx"
    source.write_bytes(_download(client, town_clerk, published_day).content)
    subprocess.run(
        [
            office,
            f"-env:UserInstallation=file://{tmp_path}/profile",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    text = subprocess.run(
        [pdftotext, "-enc", "UTF-8", str(tmp_path / "notice.pdf"), "-"], check=True, capture_output=True, timeout=60
    ).stdout.decode()
    compact = "".join(text.split())
    assert "巴川广场" in compact
    assert "2026年12月7日" in compact
