"""What a file really is: the allowed kinds, told by their first bytes (and for Office files by the
parts inside the zip), never by the name or the browser's content type alone (docs/adr/0012)."""

from __future__ import annotations

import zipfile
from dataclasses import dataclass


@dataclass(frozen=True)
class Kind:
    extensions: tuple[str, ...]
    content_type: str


JPEG = Kind(("jpg", "jpeg"), "image/jpeg")
PNG = Kind(("png",), "image/png")
PDF = Kind(("pdf",), "application/pdf")
DOCX = Kind(("docx",), "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
XLSX = Kind(("xlsx",), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
# The older Word and Excel formats: many offices' scanners and WPS still write them.
DOC = Kind(("doc",), "application/msword")
XLS = Kind(("xls",), "application/vnd.ms-excel")

KINDS = (JPEG, PNG, PDF, DOCX, XLSX, DOC, XLS)
ALLOWED_EXTENSIONS = tuple(e for k in KINDS for e in k.extensions)

_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP = b"PK\x03\x04"


def extension(name: str) -> str:
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def _office_zip(file) -> Kind | None:
    """A .docx or .xlsx: a zip holding the Office parts, and no macros (a .docm renamed is refused).
    Only the zip's directory is read, nothing is decompressed."""
    try:
        file.seek(0)
        with zipfile.ZipFile(file) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return None
    finally:
        file.seek(0)
    if "[Content_Types].xml" not in names or any(n.lower().endswith("vbaproject.bin") for n in names):
        return None
    if "word/document.xml" in names:
        return DOCX
    if "xl/workbook.xml" in names:
        return XLSX
    return None


def sniff(file, name: str) -> Kind | None:
    """The kind of `file` if its content is one of the allowed kinds and agrees with the extension
    of `name`; None otherwise. `file` is a seekable binary file, left at its start."""
    file.seek(0)
    head = file.read(16)
    file.seek(0)
    ext = extension(name)
    if head.startswith(b"\xff\xd8\xff"):
        found = JPEG
    elif head.startswith(b"\x89PNG\r\n\x1a\n"):
        found = PNG
    elif head.startswith(b"%PDF-"):
        found = PDF
    elif head.startswith(_ZIP):
        found = _office_zip(file)
    elif head.startswith(_OLE2):
        # A legacy Office compound file: its directory does not say Word or Excel cheaply, so the
        # extension chooses between the two; anything else in OLE2 dress is refused.
        found = DOC if ext == "doc" else XLS if ext == "xls" else None
    else:
        found = None
    if found is None or ext not in found.extensions:
        return None
    return found
