"""Helpers of the file tests: read an .xlsx back, and let LibreOffice open it (CI installs Calc)."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import openpyxl


def workbook(content: bytes):
    return openpyxl.load_workbook(io.BytesIO(content))


def body(response) -> bytes:
    return b"".join(response.streaming_content) if getattr(response, "streaming", False) else response.content


def all_text(book) -> str:
    return "\n".join(str(c.value) for sheet in book.worksheets for row in sheet.iter_rows() for c in row if c.value is not None)


def libreoffice_csv(content: bytes, tmp_path: Path, name: str = "file.xlsx") -> str:
    """Convert the workbook's first sheet to CSV with LibreOffice headless: proof that a real office
    program opens the file. Fails (never skips) when soffice is missing: CI installs it."""
    soffice = shutil.which("soffice")
    assert soffice, "LibreOffice (soffice) is needed: apt-get install libreoffice-calc-nogui"
    source = tmp_path / name
    source.write_bytes(content)
    profile = tmp_path / "lo-profile"
    subprocess.run(
        [soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76",
         "--outdir", str(tmp_path), str(source)],
        check=True, capture_output=True, timeout=180,
    )
    return (tmp_path / (source.stem + ".csv")).read_text(encoding="utf-8")
