"""`kinerja report`: files written whole, clear Indonesian errors."""

from __future__ import annotations

from pathlib import Path

from document_readers import pdf_text
from typer.testing import CliRunner

from kinerja.cli import app

RICH = Path(__file__).with_name("rich.yaml")
runner = CliRunner()


def test_report_writes_pdf_and_docx(tmp_path: Path) -> None:
    for name in ("lkj.pdf", "lkj.docx"):
        result = runner.invoke(app, ["report", str(RICH), "-o", str(tmp_path / name)])
        assert result.exit_code == 0, result.output
        assert "ditulis ke" in result.output
    assert "BAB III" in pdf_text((tmp_path / "lkj.pdf").read_bytes())
    assert (tmp_path / "lkj.docx").read_bytes().startswith(b"PK")


def test_report_writes_a_unit_pk(tmp_path: Path) -> None:
    out = tmp_path / "pk.pdf"
    result = runner.invoke(
        app, ["report", str(RICH), "--kind", "pk", "--unit", "pdi", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert "SUB BAGIAN PERENCANAAN" in pdf_text(out.read_bytes())


def test_report_refuses_what_it_cannot_write(tmp_path: Path) -> None:
    cases = [
        (["-o", str(tmp_path / "x.txt")], "gunakan .docx atau .pdf"),
        (["--kind", "lkj", "--unit", "pdi", "-o", str(tmp_path / "x.pdf")], "--kind pk"),
        (["--kind", "lakip", "-o", str(tmp_path / "x.pdf")], "tidak dikenal"),
        (["--year", "2019", "-o", str(tmp_path / "x.pdf")], "Tahun 2019 tidak ada"),
        (["--kind", "pk", "--unit", "xx", "-o", str(tmp_path / "x.pdf")], "tidak dikenal"),
    ]
    for options, message in cases:
        result = runner.invoke(app, ["report", str(RICH), *options])
        assert result.exit_code == 2
        assert message in result.output
    assert not list(tmp_path.iterdir())
