"""`kinerja logo` keeps the office logo (or refuses, in Indonesian, naming the file) and
`kinerja report --agency` prints it; `--logo FILE` prints a logo without storing it."""

import io
import zipfile
from pathlib import Path

import pytest
from PIL import Image
from typer.testing import CliRunner

from kinerja.cli import app

EXAMPLE = Path(__file__).parents[2] / "examples" / "kpu-kota-metro-2024.yaml"
runner = CliRunner()
pytestmark = pytest.mark.django_db


def _png(path: Path) -> Path:
    buffer = io.BytesIO()
    Image.new("RGB", (80, 100), "#1D4ED8").save(buffer, "PNG")
    path.write_bytes(buffer.getvalue())
    return path


def _media(docx: Path) -> list[str]:
    with zipfile.ZipFile(docx) as archive:
        return [n for n in archive.namelist() if n.startswith("word/media/")]


def test_logo_is_stored_and_printed_on_the_pk_from_the_database(tmp_path: Path) -> None:
    from kinerja.agencies.logo import logo_of
    from kinerja.agencies.models import Agency

    assert runner.invoke(app, ["load", str(EXAMPLE)]).exit_code == 0
    fake = tmp_path / "logo.png"
    fake.write_bytes(b"bukan gambar")
    refused = runner.invoke(app, ["logo", "--agency", "kpu-kota-metro", str(fake)])
    assert refused.exit_code == 2
    assert "logo.png: Berkas logo bukan gambar PNG atau JPEG" in refused.stderr
    image = _png(tmp_path / "lambang.png")
    stored = runner.invoke(app, ["logo", "--agency", "kpu-kota-metro", str(image)])
    assert stored.exit_code == 0, stored.output
    agency = Agency.objects.get(code="kpu-kota-metro")
    assert logo_of(agency) == image.read_bytes()
    out = tmp_path / "pk.docx"
    made = runner.invoke(app, ["report", "--agency", "kpu-kota-metro", "-k", "pk", "-o", str(out)])
    assert made.exit_code == 0, made.output
    assert len(_media(out)) == 1
    assert runner.invoke(app, ["logo", "--agency", "kpu-kota-metro", "--hapus"]).exit_code == 0
    assert logo_of(agency) is None


def test_report_from_a_file_takes_a_logo_file(tmp_path: Path) -> None:
    out = tmp_path / "pk.docx"
    image = _png(tmp_path / "lambang.png")
    made = runner.invoke(
        app, ["report", str(EXAMPLE), "-k", "pk", "--logo", str(image), "-o", str(out)]
    )
    assert made.exit_code == 0, made.output
    assert len(_media(out)) == 1
