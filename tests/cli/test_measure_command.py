"""`kinerja measure` on a file: the Indonesian table, the stable JSON and clear failures."""

import json
from pathlib import Path

from typer.testing import CliRunner

from kinerja.cli import app

EXAMPLE = Path(__file__).parents[2] / "examples" / "kpu-kota-metro-2024.yaml"
runner = CliRunner()


def test_measure_json_on_the_example():
    result = runner.invoke(app, ["measure", str(EXAMPLE), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["year"] == 2024
    assert len(data["objectives"]) == 16
    assert sum(len(o["indicators"]) for o in data["objectives"]) == 25
    assert data["budget"]["ceiling"] == 15_534_394_000
    measured = [
        i for o in data["objectives"] for i in o["indicators"] if i["realization"] is not None
    ]
    assert measured and all(i["achievement"] is not None for i in measured)


def test_measure_prints_an_indonesian_table():
    result = runner.invoke(app, ["measure", str(EXAMPLE)], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "Capaian Kinerja KPU Kota Metro Tahun 2024" in result.stdout
    assert "166,67%" in result.stdout
    assert "Rp 15.534.394.000" in result.stdout
    assert "belum diukur" in result.stdout


def test_measure_an_unknown_year_fails_clearly():
    result = runner.invoke(app, ["measure", str(EXAMPLE), "--year", "2019"])
    assert result.exit_code == 2
    assert "Tahun 2019 tidak ada di dataset (tersedia: 2024, 2023)" in result.stderr


def test_measure_a_broken_file_names_file_line_and_field(tmp_path):
    broken = tmp_path / "rusak.yaml"
    text = EXAMPLE.read_text(encoding="utf-8").replace("level: regency_city", "level: kota", 1)
    broken.write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["measure", str(broken)])
    assert result.exit_code == 2
    assert f"{broken}, baris" in result.stderr
    assert "agency.level: harus salah satu dari" in result.stderr


def test_measure_needs_exactly_one_source(tmp_path):
    result = runner.invoke(app, ["measure"])
    assert result.exit_code == 2
    assert "sebutkan tepat satu sumber" in result.stderr


def test_measure_refuses_an_unsupported_file_type(tmp_path):
    other = tmp_path / "data.txt"
    other.write_text("x")
    result = runner.invoke(app, ["measure", str(other)])
    assert result.exit_code == 2
    assert "jenis berkas '.txt' tidak didukung" in result.stderr
