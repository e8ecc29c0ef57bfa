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
    FieldTable,
    Heading,
    official_notice,
)
from exports.tests.docx_checks import margins_mm


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


def test_its_margins_leave_the_gb_t_9704_type_area_of_156_by_225_mm():
    document = _build()
    assert margins_mm(document) == (37, 35, 28, 26)  # top, bottom, left, right


def test_it_uses_the_standard_names_and_sizes():
    assert (BODY_FONT, BODY_FALLBACK) == ("仿宋_GB2312", "仿宋")
    assert "小标宋" in TITLE_FONT and HEADING_FONT == "黑体"
    paragraphs = [p for p in _build().paragraphs if p.text]
    assert paragraphs[0].runs[0].font.size.pt == 22  # 二号
    assert {p.runs[0].font.size.pt for p in paragraphs[1:]} == {16}  # 三号


def test_the_body_is_set_on_a_line_pitch_of_22_lines_a_page():
    document = _build()
    body = [p for p in document.paragraphs if p.text][1]
    assert 28 <= body.paragraph_format.line_spacing.pt <= 29
    grid = document.sections[0]._sectPr.find(qn("w:docGrid"))
    assert grid.get(qn("w:type")) == "lines" and 560 <= int(grid.get(qn("w:linePitch"))) <= 580


def test_it_numbers_the_pages_odd_right_and_even_left():
    document = _build()
    section = document.sections[0]
    odd, even = section.footer.paragraphs[0], section.even_page_footer.paragraphs[0]
    assert "PAGE" in odd._p.xml and odd.text.startswith("— ") and odd.text.endswith(" —")
    assert odd.alignment == WD_ALIGN_PARAGRAPH.RIGHT and even.alignment == WD_ALIGN_PARAGRAPH.LEFT
    assert document.settings.odd_and_even_pages_header_footer


def test_it_opens_with_the_red_issuer_mark_and_the_document_number_above_the_title():
    document = _build(issuer_mark="铜梁区信访工作联席会议办公室", document_number="铜信联办〔2026〕12号")
    paragraphs = [p for p in document.paragraphs if p.text]
    assert [p.text for p in paragraphs[:3]] == ["铜梁区信访工作联席会议办公室", "铜信联办〔2026〕12号", "关于开展“群众工作日”活动的公告"]
    mark, number = paragraphs[0], paragraphs[1]
    assert str(mark.runs[0].font.color.rgb) == "E60012"
    assert number.alignment == WD_ALIGN_PARAGRAPH.CENTER and number.runs[0].font.size.pt == 16
    assert number._p.pPr.find(qn("w:pBdr")).find(qn("w:bottom")).get(qn("w:color")) == "E60012"  # the red rule
    assert [p.text for p in _build().paragraphs if p.text][0] == "关于开展“群众工作日”活动的公告"


def test_it_writes_a_form_as_a_two_column_table():
    document = _build(blocks=[FieldTable([("承办单位", "区人力社保局"), ("交办意见", "请依法处理\n按时答复")])])
    table = document.tables[0]
    assert [[c.text for c in row.cells] for row in table.rows] == [["承办单位", "区人力社保局"], ["交办意见", "请依法处理\n按时答复"]]
    assert [round(c.width.mm) for c in table.columns] == [34, 122]  # the type area's 156 mm
    label, value = table.rows[0].cells
    assert label.paragraphs[0].runs[0]._element.rPr.rFonts.get(qn("w:eastAsia")) == HEADING_FONT
    assert value.paragraphs[0].runs[0]._element.rPr.rFonts.get(qn("w:eastAsia")) == BODY_FONT


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
