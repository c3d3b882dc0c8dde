"""`kinerja load`, `export` and `measure --agency`: the database path gives the file's results."""

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kinerja.cli import app
from kinerja.dataset.yamlio import read_yaml

EXAMPLE = Path(__file__).parents[2] / "examples" / "kpu-kota-metro-2024.yaml"
runner = CliRunner()
pytestmark = pytest.mark.django_db


def test_load_then_export_gives_back_the_same_dataset(tmp_path):
    loaded = runner.invoke(app, ["load", str(EXAMPLE)])
    assert loaded.exit_code == 0, loaded.output
    assert "Dataset KPU Kota Metro (kpu-kota-metro) dimuat: tahun 2024, 2023." in loaded.stdout
    out = tmp_path / "cadangan.yaml"
    exported = runner.invoke(app, ["export", "--agency", "kpu-kota-metro", "-o", str(out)])
    assert exported.exit_code == 0, exported.output
    assert read_yaml(out) == read_yaml(EXAMPLE)


def test_measure_from_the_database_prints_the_same_json_as_from_the_file():
    assert runner.invoke(app, ["load", str(EXAMPLE)]).exit_code == 0
    from_db = runner.invoke(
        app, ["measure", "--agency", "kpu-kota-metro", "--year", "2024", "--json"]
    )
    from_file = runner.invoke(app, ["measure", str(EXAMPLE), "--year", "2024", "--json"])
    assert from_db.exit_code == 0, from_db.output
    assert json.loads(from_db.stdout) == json.loads(from_file.stdout)


def test_measure_an_unknown_agency_says_how_to_load_it():
    result = runner.invoke(app, ["measure", "--agency", "kpu-kota-entah"])
    assert result.exit_code == 2
    assert "instansi dengan kode 'kpu-kota-entah' tidak ditemukan" in result.stderr
    assert "kinerja load" in result.stderr


def test_a_parent_office_without_its_own_dataset_cannot_be_measured():
    assert runner.invoke(app, ["load", str(EXAMPLE)]).exit_code == 0
    result = runner.invoke(app, ["measure", "--agency", "kpu-provinsi-lampung"])
    assert result.exit_code == 2
    assert "belum punya dataset sendiri" in result.stderr


def test_load_of_a_broken_file_writes_nothing(tmp_path):
    from kinerja.agencies.models import Agency

    broken = tmp_path / "rusak.yaml"
    broken.write_text(
        EXAMPLE.read_text(encoding="utf-8").replace("indicators: [IK14]", "indicators: [IK99]"),
        encoding="utf-8",
    )
    result = runner.invoke(app, ["load", str(broken)])
    assert result.exit_code == 2
    assert "kode indikator 'IK99' tidak dikenal" in result.stderr
    assert not Agency.objects.exists()


def test_export_refuses_an_unsupported_suffix(tmp_path):
    result = runner.invoke(app, ["export", "--agency", "x", "-o", str(tmp_path / "a.doc")])
    assert result.exit_code == 2
    assert "gunakan .yaml" in result.stderr
