"""LibreOffice opens the DOCX and converts it to PDF without error: the planner's path."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from document_readers import need, pdf_pages, pdf_text


def test_libreoffice_converts_the_example_docx(example_docx: bytes, tmp_path: Path) -> None:
    soffice = need("soffice")
    source = tmp_path / "lkj.docx"
    source.write_bytes(example_docx)
    result = subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{tmp_path / 'profile'}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        capture_output=True,
        timeout=180,
        check=False,
    )
    assert result.returncode == 0, result.stderr.decode()
    pdf = (tmp_path / "lkj.pdf").read_bytes()
    assert pdf_pages(pdf) >= 20
    text = pdf_text(pdf)
    assert "AKUNTABILITAS KINERJA" in text
    assert re.search("Rp[ \\u00a0]15\\.534\\.394\\.000", text)
