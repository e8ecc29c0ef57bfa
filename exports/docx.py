"""Word documents in the layout of a Chinese official document (GB/T 9704-2012 《党政机关公文格式》):
A4 with the type area 156 × 225 mm (top margin 37 mm, bottom 35 mm, left 28 mm, right 26 mm), 22
lines of 28 characters a page (a 28.95 pt line pitch), the title in 2号 小标宋 centred, the body in
3号 仿宋_GB2312, first-level headings in 黑体, the page number in 4号 宋体 between two dashes under the
type area (odd pages right, even pages left), the issuer and date at the bottom right. An optional
red issuer mark (发文机关标志) with the document number (发文字号) under it and a red rule opens the
document; a draft says so in red in the page header.

This module knows nothing about Work Days, cases or bulletins: callers pass the text, already
translated. The fonts are named as on Chinese Word installations; a machine without them uses the
fallback written into the font table (`w:altName`), so the document never opens in a Western font.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from lxml import etree

from lifecycle.text import storable

LATIN_FONT = "Times New Roman"
TITLE_FONT, TITLE_FALLBACK = "方正小标宋简体", "宋体"
BODY_FONT, BODY_FALLBACK = "仿宋_GB2312", "仿宋"
HEADING_FONT = "黑体"
PAGE_NUMBER_FONT = "宋体"

TITLE_SIZE = Pt(22)  # 二号
BODY_SIZE = Pt(16)  # 三号
TABLE_SIZE = Pt(14)  # 四号, for the cells of a form
PAGE_NUMBER_SIZE = Pt(14)  # 四号
ISSUER_MARK_SIZE = Pt(30)
# 22 lines in the 225 mm type area: 225 mm / 22 = 10.23 mm = 28.95 pt (579 twentieths of a point).
LINE_PITCH = Pt(28.95)
TITLE_LINE_PITCH = Pt(36)

PAGE_WIDTH, PAGE_HEIGHT = Mm(210), Mm(297)
TOP_MARGIN, BOTTOM_MARGIN = Mm(37), Mm(35)
LEFT_MARGIN, RIGHT_MARGIN = Mm(28), Mm(26)
TYPE_AREA_WIDTH = Mm(156)
# The page number's dashes sit 7 mm under the type area; the footer's text ends about 5 mm lower.
FOOTER_DISTANCE = Mm(23)
RED = RGBColor(0xE6, 0x00, 0x12)  # the red of an official document's header


@dataclass(frozen=True)
class Heading:
    text: str


@dataclass(frozen=True)
class Body:
    text: str
    indent: bool = True


@dataclass(frozen=True)
class FieldTable:
    """A form (单) as a bordered two-column table: each row a label and its value. A value may hold
    several lines (\\n)."""

    rows: Sequence[tuple[str, str]]
    label_width_mm: int = 34


Block = Heading | Body | FieldTable


def _set_fonts(run_or_style_font_element, east_asia: str, latin: str = LATIN_FONT) -> None:
    """python-docx sets only the Latin font; Chinese text uses w:eastAsia."""
    rpr = run_or_style_font_element.get_or_add_rPr()
    fonts = rpr.get_or_add_rFonts()
    fonts.set(qn("w:ascii"), latin)
    fonts.set(qn("w:hAnsi"), latin)
    fonts.set(qn("w:eastAsia"), east_asia)


def _set_defaults(document) -> None:
    """The template's defaults name theme fonts (which win over explicit names in Word) and
    English as the East Asian language: replace both."""
    defaults = document.styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}")
    fonts = rpr.find(qn("w:rFonts"))
    for attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attribute), None)
    fonts.set(qn("w:ascii"), LATIN_FONT)
    fonts.set(qn("w:hAnsi"), LATIN_FONT)
    fonts.set(qn("w:eastAsia"), BODY_FONT)
    lang = rpr.find(qn("w:lang"))
    if lang is not None:
        lang.set(qn("w:eastAsia"), "zh-CN")


def _add_font_fallbacks(document, fallbacks: dict[str, str]) -> None:
    """Declare each Chinese face in word/fontTable.xml with its common substitute."""
    part = next(p for p in document.part.package.iter_parts() if str(p.partname) == "/word/fontTable.xml")
    root = etree.fromstring(part.blob)
    for name, alternative in fallbacks.items():
        font = etree.SubElement(root, qn("w:font"))
        font.set(qn("w:name"), name)
        alt = etree.SubElement(font, qn("w:altName"))
        alt.set(qn("w:val"), alternative)
        charset = etree.SubElement(font, qn("w:charset"))
        charset.set(qn("w:val"), "86")  # GB2312
        family = etree.SubElement(font, qn("w:family"))
        family.set(qn("w:val"), "roman" if alternative in ("宋体", "仿宋") else "modern")
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _layout_page(section) -> None:
    section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
    section.top_margin, section.bottom_margin = TOP_MARGIN, BOTTOM_MARGIN
    section.left_margin, section.right_margin = LEFT_MARGIN, RIGHT_MARGIN
    section.footer_distance = FOOTER_DISTANCE
    # The document grid: 22 lines a page, as Word's 文档网格 "只指定行网格".
    sect_pr = section._sectPr
    grid = sect_pr.find(qn("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        sect_pr.append(grid)
    grid.set(qn("w:type"), "lines")
    grid.set(qn("w:linePitch"), str(int(LINE_PITCH.pt * 20)))


def _format(paragraph, *, pitch=LINE_PITCH, align=None, first_line_indent=None) -> None:
    fmt = paragraph.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = pitch
    fmt.space_before = fmt.space_after = Pt(0)
    if first_line_indent is not None:
        fmt.first_line_indent = first_line_indent
    if align is not None:
        paragraph.alignment = align


def _run(paragraph, text: str, *, font: str, size, bold: bool = False, color=None, latin: str = LATIN_FONT):
    # storable(): a text stored before the input gate may hold what XML cannot; the file must open.
    run = paragraph.add_run(storable(text))
    run.font.size = size
    run.font.bold = bold
    if color is not None:
        run.font.color.rgb = color
    _set_fonts(run._element, font, latin)
    return run


def _paragraph(document, text: str, *, font: str, size, bold: bool = False, align=None, indent: bool = False, color=None):
    paragraph = document.add_paragraph()
    _format(paragraph, align=align, first_line_indent=size * 2 if indent else None)  # two characters
    _run(paragraph, text, font=font, size=size, bold=bold, color=color)
    return paragraph


def _red_rule(paragraph) -> None:
    """The header's red rule (分隔线), drawn as the paragraph's bottom border across the type area."""
    ppr = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "12"), ("w:space", "4"), ("w:color", str(RED))):
        bottom.set(qn(key), value)
    borders.append(bottom)
    ppr.append(borders)


def _page_number(paragraph, align) -> None:
    """— 1 — in 4号 宋体, one character in from the edge of the type area."""
    _format(paragraph, pitch=Pt(20), align=align)
    fmt = paragraph.paragraph_format
    if align == WD_ALIGN_PARAGRAPH.RIGHT:
        fmt.right_indent = PAGE_NUMBER_SIZE
    else:
        fmt.left_indent = PAGE_NUMBER_SIZE
    _run(paragraph, "— ", font=PAGE_NUMBER_FONT, size=PAGE_NUMBER_SIZE, latin=PAGE_NUMBER_FONT)
    run = _run(paragraph, "", font=PAGE_NUMBER_FONT, size=PAGE_NUMBER_SIZE, latin=PAGE_NUMBER_FONT)
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "1"), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        elif text.strip() == "PAGE":
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        else:
            element = OxmlElement("w:t")
            element.text = text
        run._r.append(element)
    _run(paragraph, " —", font=PAGE_NUMBER_FONT, size=PAGE_NUMBER_SIZE, latin=PAGE_NUMBER_FONT)


def _add_page_numbers(document, section) -> None:
    document.settings.odd_and_even_pages_header_footer = True
    _page_number(section.footer.paragraphs[0], WD_ALIGN_PARAGRAPH.RIGHT)
    _page_number(section.even_page_footer.paragraphs[0], WD_ALIGN_PARAGRAPH.LEFT)


def _cell_text(cell, text: str, *, font: str, bold: bool = False) -> None:
    lines = text.split("\n") if text else [""]
    for index, line in enumerate(lines):
        paragraph = cell.paragraphs[0] if index == 0 else cell.add_paragraph()
        _format(paragraph, pitch=Pt(22))
        _run(paragraph, line, font=font, size=TABLE_SIZE, bold=bold)


def _field_table(document, block: FieldTable) -> None:
    table = document.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    label_width = Mm(block.label_width_mm)
    value_width = TYPE_AREA_WIDTH - label_width
    # The grid's widths are what LibreOffice reads; Word reads each cell's.
    table.columns[0].width, table.columns[1].width = label_width, value_width
    for label, value in block.rows:
        row = table.add_row()
        row.cells[0].width, row.cells[1].width = label_width, value_width
        _cell_text(row.cells[0], label, font=HEADING_FONT)
        _cell_text(row.cells[1], value, font=BODY_FONT)


def official_notice(
    *,
    title: str,
    blocks: Iterable[Block],
    signature: Iterable[str],
    draft_mark: str = "",
    subject: str = "",
    issuer_mark: str = "",
    document_number: str = "",
) -> bytes:
    """The document as bytes. `draft_mark` (e.g. 草稿) goes in red into the page header;
    `issuer_mark` (e.g. 铜梁区信访工作联席会议办公室) in red above the `document_number`
    (e.g. 铜信联办〔2026〕12号) and the red rule, before the title."""
    document = Document()
    section = document.sections[0]
    _layout_page(section)

    _set_defaults(document)
    normal = document.styles["Normal"]
    normal.font.size = BODY_SIZE
    _set_fonts(normal.element, BODY_FONT)
    _add_font_fallbacks(document, {TITLE_FONT: TITLE_FALLBACK, BODY_FONT: BODY_FALLBACK})
    _add_page_numbers(document, section)

    if draft_mark:
        for header in (section.header, section.even_page_header):
            paragraph = header.paragraphs[0]
            paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            _run(paragraph, draft_mark, font=HEADING_FONT, size=Pt(14), bold=True, color=RGBColor(0xB7, 0x1C, 0x1C))

    if issuer_mark or document_number:
        if issuer_mark:
            mark = _paragraph(document, issuer_mark, font=TITLE_FONT, size=ISSUER_MARK_SIZE, align=WD_ALIGN_PARAGRAPH.CENTER, color=RED)
            mark.paragraph_format.line_spacing = Pt(48)
            mark.paragraph_format.space_after = LINE_PITCH * 2  # the number two lines below the mark
        number = _paragraph(document, document_number, font=BODY_FONT, size=BODY_SIZE, align=WD_ALIGN_PARAGRAPH.CENTER)
        _red_rule(number)
        number.paragraph_format.space_after = LINE_PITCH * 2  # the title two lines below the rule

    heading = _paragraph(document, title, font=TITLE_FONT, size=TITLE_SIZE, align=WD_ALIGN_PARAGRAPH.CENTER)
    heading.paragraph_format.line_spacing = TITLE_LINE_PITCH
    heading.paragraph_format.space_after = LINE_PITCH  # one empty line under the title

    for block in blocks:
        if isinstance(block, Heading):
            _paragraph(document, block.text, font=HEADING_FONT, size=BODY_SIZE, indent=True)
        elif isinstance(block, FieldTable):
            _field_table(document, block)
        else:
            _paragraph(document, block.text, font=BODY_FONT, size=BODY_SIZE, indent=block.indent)

    document.add_paragraph()
    for line in signature:
        paragraph = _paragraph(document, line, font=BODY_FONT, size=BODY_SIZE, align=WD_ALIGN_PARAGRAPH.RIGHT)
        paragraph.paragraph_format.right_indent = BODY_SIZE * 4  # the date four characters in from the right

    document.core_properties.title = title
    document.core_properties.subject = subject
    document.core_properties.language = "zh-CN"
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
