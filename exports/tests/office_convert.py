"""Convert a .docx to PDF with LibreOffice and read its text back with pdftotext: proof that a real
office program opens what the app writes. CI installs both (.ci/run) and fails without them."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest


def _program(*names: str) -> str:
    for name in names:
        found = shutil.which(name)
        if found:
            return found
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"CI=true but {names[0]} is missing")
    pytest.skip(f"{names[0]} is not installed: the .docx is not converted to PDF here")


def pdf_text(content: bytes, tmp_path: Path, name: str = "document") -> str:
    """The PDF's text with all white space removed (pdftotext breaks lines where the layout does)."""
    office = _program("soffice", "libreoffice")
    pdftotext = _program("pdftotext")
    source = tmp_path / f"{name}.docx"
    source.write_bytes(content)
    subprocess.run(
        [office, f"-env:UserInstallation=file://{tmp_path}/profile", "--headless", "--convert-to", "pdf",
         "--outdir", str(tmp_path), str(source)],
        check=True, capture_output=True, timeout=180,
    )
    text = subprocess.run(
        [pdftotext, "-enc", "UTF-8", str(tmp_path / f"{name}.pdf"), "-"], check=True, capture_output=True, timeout=60
    ).stdout.decode()
    return "".join(text.split())
