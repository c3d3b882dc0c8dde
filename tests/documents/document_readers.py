"""Reading text back out of the files the writers produce (poppler for PDF, python-docx)."""

from __future__ import annotations

import io
import shutil
import subprocess
import zipfile

import pytest


def need(tool: str) -> str:
    """The path of a command-line tool; a missing tool fails the test, never skips it."""
    path = shutil.which(tool)
    if path is None:
        pytest.fail(f"{tool} is missing; `python3 dev.py test` installs it")
    return path


def pdf_text(pdf: bytes) -> str:
    result = subprocess.run(
        [need("pdftotext"), "-layout", "-", "-"], input=pdf, capture_output=True, check=True
    )
    return result.stdout.decode("utf-8")


def pdf_pages(pdf: bytes) -> int:
    result = subprocess.run([need("pdfinfo"), "-"], input=pdf, capture_output=True, check=True)
    line = next(x for x in result.stdout.decode().splitlines() if x.startswith("Pages:"))
    return int(line.split()[1])


def docx_xml(docx: bytes, part: str = "word/document.xml") -> str:
    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        return archive.read(part).decode("utf-8")


def docx_text(docx: bytes) -> str:
    from docx import Document as open_docx

    word = open_docx(io.BytesIO(docx))
    lines = [p.text for p in word.paragraphs]
    for table in word.tables:
        for row in table.rows:
            lines.append(" | ".join(cell.text for cell in row.cells))
    return "\n".join(lines)
