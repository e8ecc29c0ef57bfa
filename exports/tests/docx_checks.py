"""Reading a downloaded .docx back, paragraph by paragraph."""

from __future__ import annotations

import io

import docx
from docx.oxml.ns import qn

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def open_docx(response):
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"] == DOCX_TYPE
    assert response["Content-Disposition"].startswith("attachment;")
    return docx.Document(io.BytesIO(response.content))


def texts(document) -> list[str]:
    return [p.text for p in document.paragraphs if p.text]


def east_asia(paragraph) -> str:
    return paragraph.runs[0]._element.rPr.rFonts.get(qn("w:eastAsia"))


def header_text(document) -> str:
    return "\n".join(p.text for p in document.sections[0].header.paragraphs)


def table_rows(document) -> dict[str, str]:
    """The form's label → value."""
    return {row.cells[0].text: row.cells[1].text for table in document.tables for row in table.rows}


def margins_mm(document) -> tuple[int, int, int, int]:
    s = document.sections[0]
    return tuple(round(m.mm) for m in (s.top_margin, s.bottom_margin, s.left_margin, s.right_margin))
