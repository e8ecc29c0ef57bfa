"""Word documents in the layout of a Chinese official notice (GB/T 9704 in spirit): A4, a centred
title in a Song-style display face, body in FangSong at 16 pt, section headings in HeiTi, the issuer
and date at the bottom right.

This module knows nothing about Work Days: callers pass the text, already translated. The fonts
are named for Chinese Word installations; a machine without them uses the fallback written into the
font table (`w:altName`), so the document never opens in a Western font.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from dataclasses import dataclass

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from lxml import etree

LATIN_FONT = "Times New Roman"
TITLE_FONT, TITLE_FALLBACK = "方正小标宋简体", "宋体"
BODY_FONT, BODY_FALLBACK = "方正仿宋_GBK", "仿宋"
HEADING_FONT = "黑体"

TITLE_SIZE = Pt(22)  # 二号
BODY_SIZE = Pt(16)  # 三号
LINE_PITCH = Pt(28)


@dataclass(frozen=True)
class Heading:
    text: str


@dataclass(frozen=True)
class Body:
    text: str
    indent: bool = True


Block = Heading | Body


def _set_fonts(run_or_style_font_element, east_asia: str) -> None:
    """python-docx sets only the Latin font; Chinese text uses w:eastAsia."""
    rpr = run_or_style_font_element.get_or_add_rPr()
    fonts = rpr.get_or_add_rFonts()
    fonts.set(qn("w:ascii"), LATIN_FONT)
    fonts.set(qn("w:hAnsi"), LATIN_FONT)
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


def _paragraph(document, text: str, *, font: str, size, bold: bool = False, align=None, indent: bool = False):
    paragraph = document.add_paragraph()
    fmt = paragraph.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = LINE_PITCH
    fmt.space_before = fmt.space_after = Pt(0)
    if indent:
        fmt.first_line_indent = size * 2  # two characters
    if align is not None:
        paragraph.alignment = align
    run = paragraph.add_run(text)
    run.font.size = size
    run.font.bold = bold
    _set_fonts(run._element, font)
    return paragraph


def official_notice(
    *, title: str, blocks: Iterable[Block], signature: Iterable[str], draft_mark: str = "", subject: str = ""
) -> bytes:
    """The document as bytes. `draft_mark` (e.g. 草稿) goes in red into the page header."""
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)

    _set_defaults(document)
    normal = document.styles["Normal"]
    normal.font.size = BODY_SIZE
    _set_fonts(normal.element, BODY_FONT)
    _add_font_fallbacks(document, {TITLE_FONT: TITLE_FALLBACK, BODY_FONT: BODY_FALLBACK})

    if draft_mark:
        header = section.header.paragraphs[0]
        header.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        run = header.add_run(draft_mark)
        run.font.size, run.font.bold, run.font.color.rgb = Pt(14), True, RGBColor(0xB7, 0x1C, 0x1C)
        _set_fonts(run._element, HEADING_FONT)

    heading = _paragraph(document, title, font=TITLE_FONT, size=TITLE_SIZE, align=WD_ALIGN_PARAGRAPH.CENTER)
    heading.paragraph_format.line_spacing = Pt(36)
    heading.paragraph_format.space_after = Pt(18)

    for block in blocks:
        if isinstance(block, Heading):
            _paragraph(document, block.text, font=HEADING_FONT, size=BODY_SIZE, indent=True)
        else:
            _paragraph(document, block.text, font=BODY_FONT, size=BODY_SIZE, indent=block.indent)

    document.add_paragraph()
    for line in signature:
        paragraph = _paragraph(document, line, font=BODY_FONT, size=BODY_SIZE, align=WD_ALIGN_PARAGRAPH.RIGHT)
        paragraph.paragraph_format.right_indent = BODY_SIZE * 4

    document.core_properties.title = title
    document.core_properties.subject = subject
    document.core_properties.language = "zh-CN"
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
