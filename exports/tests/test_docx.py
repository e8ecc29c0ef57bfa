import io

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn

from exports.docx import (
    BODY_FALLBACK,
    BODY_FONT,
    HEADING_FONT,
    TITLE_FALLBACK,
    TITLE_FONT,
    Body,
    Heading,
    official_notice,
)


def _build(**overrides):
    fields = {
        "title": "关于开展“群众工作日”活动的公告",
        "blocks": [Body("现将有关事项公告如下："), Heading("一、活动时间"), Body("2026年12月7日")],
        "signature": ["巴川街道", "2026年12月1日"],
    }
    fields.update(overrides)
    return docx.Document(io.BytesIO(official_notice(**fields)))


def test_it_lays_out_an_a4_page():
    section = _build().sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)


def test_it_writes_title_blocks_and_signature_in_order():
    paragraphs = [p for p in _build().paragraphs if p.text]
    assert [p.text for p in paragraphs] == [
        "关于开展“群众工作日”活动的公告",
        "现将有关事项公告如下：",
        "一、活动时间",
        "2026年12月7日",
        "巴川街道",
        "2026年12月1日",
    ]
    assert paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert paragraphs[-1].alignment == WD_ALIGN_PARAGRAPH.RIGHT


def test_it_names_chinese_fonts_for_each_kind_of_paragraph():
    paragraphs = [p for p in _build().paragraphs if p.text]
    east_asia = [p.runs[0]._element.rPr.rFonts.get(qn("w:eastAsia")) for p in paragraphs]
    assert east_asia[:4] == [TITLE_FONT, BODY_FONT, HEADING_FONT, BODY_FONT]


def test_it_replaces_the_templates_theme_fonts_and_language():
    styles = _build().styles.element
    rpr = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    fonts = rpr.find(qn("w:rFonts"))
    assert fonts.get(qn("w:eastAsia")) == BODY_FONT
    assert fonts.get(qn("w:eastAsiaTheme")) is None
    assert rpr.find(qn("w:lang")).get(qn("w:eastAsia")) == "zh-CN"


def test_it_declares_font_fallbacks():
    document = _build()
    table = next(
        p for p in document.part.package.iter_parts() if str(p.partname) == "/word/fontTable.xml"
    ).blob.decode()
    assert f'w:name="{BODY_FONT}"' in table and f'w:val="{BODY_FALLBACK}"' in table
    assert f'w:name="{TITLE_FONT}"' in table and f'w:val="{TITLE_FALLBACK}"' in table


def test_it_puts_the_draft_mark_in_the_header():
    assert _build(draft_mark="草稿").sections[0].header.paragraphs[0].text == "草稿"
    assert _build().sections[0].header.paragraphs[0].text == ""
