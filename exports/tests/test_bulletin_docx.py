"""The bulletin as an official .docx: the page's link and GET /api/v1/bulletins/{id}.docx."""

import pytest

from exports.docx import BODY_FONT, HEADING_FONT, TITLE_FONT
from exports.tests.docx_checks import east_asia, header_text, margins_mm, open_docx, texts
from exports.tests.office_convert import pdf_text
from supervision import bulletins
from supervision.tests.conftest import story  # noqa: F401 - the four referred cases of 2026Q4

pytestmark = pytest.mark.django_db

DOORS = ("/bulletins/{id}.docx", "/api/v1/bulletins/{id}.docx")


@pytest.fixture
def issued(request, clock, supervisor):
    request.getfixturevalue("story")
    clock.set("2026-12-20 10:00")
    draft = bulletins.bulletin_generate(period="2026Q4", actor=supervisor)
    return bulletins.bulletin_issue(bulletin=draft, actor=supervisor)


@pytest.fixture
def draft(clock, supervisor):
    clock.set("2026-12-20 10:00")
    return bulletins.bulletin_generate(period="2026Q4", actor=supervisor)


@pytest.mark.parametrize("door", DOORS)
def test_an_issued_bulletin_opens_with_the_mark_and_its_number(client, town_clerk, issued, door):
    client.force_login(town_clerk)
    document = open_docx(client.get(door.format(id=issued.pk)))
    paragraphs = [p for p in document.paragraphs if p.text]
    assert [p.text for p in paragraphs[:3]] == ["铜梁区信访工作联席会议办公室", "铜信联办〔2026〕1号", issued.title]
    assert [east_asia(p) for p in paragraphs[:3]] == [TITLE_FONT, BODY_FONT, TITLE_FONT]
    body = texts(document)
    # The text paragraph by paragraph: the section headings in 黑体, the findings in 仿宋.
    headings = [p for p in paragraphs if p.text.startswith(("一、", "二、", "三、", "四、"))]
    assert len(headings) == 4
    assert all(east_asia(p) == HEADING_FONT for p in headings)
    assert any("区人力社保局" in t for t in body)
    assert body[-2:] == ["铜梁区信访工作联席会议办公室", "2026年12月20日"]
    assert margins_mm(document) == (37, 35, 28, 26)
    assert "征求意见稿" not in header_text(document)


def test_a_draft_says_so_and_has_no_number(client, supervisor, draft):
    client.force_login(supervisor)
    for door in DOORS:
        document = open_docx(client.get(door.format(id=draft.pk)))
        assert "征求意见稿" in header_text(document)
        body = texts(document)
        assert body[0] == draft.title  # no red mark, no number above the title
        assert not any("〔" in t for t in body)


def test_a_draft_is_not_found_for_a_unit_and_an_unknown_id_for_anyone(client, town_clerk, supervisor, draft):
    client.force_login(town_clerk)
    assert client.get(f"/bulletins/{draft.pk}.docx").status_code == 404
    assert client.get(f"/api/v1/bulletins/{draft.pk}.docx").status_code == 404
    client.force_login(supervisor)
    assert client.get("/bulletins/999999.docx").status_code == 404
    assert client.get("/api/v1/bulletins/999999.docx").status_code == 404
    assert client.get("/api/v1/bulletins/99999999999999999999.docx").status_code in (400, 404)


def test_the_api_still_answers_the_bulletin_itself(client, supervisor, draft):
    client.force_login(supervisor)
    assert client.get(f"/api/v1/bulletins/{draft.pk}").json()["id"] == draft.pk


def test_the_bulletin_page_links_the_word_file(client, town_clerk, issued):
    client.force_login(town_clerk)
    page = client.get(f"/bulletins/{issued.pk}/").content.decode()
    assert f'href="/bulletins/{issued.pk}.docx"' in page


def test_libreoffice_opens_it(client, town_clerk, issued, tmp_path):
    client.force_login(town_clerk)
    text = pdf_text(client.get(f"/bulletins/{issued.pk}.docx").content, tmp_path)
    assert "".join(issued.title.split()) in text
    assert "铜信联办〔2026〕1号" in text
