"""`kinerja synth` (into the database and as files) and `kinerja consolidate`."""

import csv
import json
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from kinerja.agencies.models import Agency
from kinerja.cli import app
from kinerja.consolidation.models import OfficeResult
from kinerja.dataset.yamlio import read_yaml

EXAMPLE = Path(__file__).parents[2] / "examples" / "kpu-kota-metro-2024.yaml"
runner = CliRunner()
pytestmark = pytest.mark.django_db


def _synth(*args: str) -> None:
    result = runner.invoke(
        app,
        [
            "synth",
            "--offices",
            "9",
            "--years",
            "2",
            "--seed",
            "4",
            "--example",
            str(EXAMPLE),
            *args,
        ],
    )
    assert result.exit_code == 0, result.output
    assert "9 instansi x 2 tahun (benih 4)" in result.stdout


def test_synth_into_the_database_then_consolidate_as_json(tmp_path: Path) -> None:
    _synth()
    assert Agency.objects.filter(has_dataset=True).count() == 9
    assert OfficeResult.objects.filter(kind="office").count() == 9 * 2
    workbook = tmp_path / "nasional.xlsx"
    result = runner.invoke(
        app,
        ["consolidate", "--agency", "kpu-ri", "--year", "2024", "--json", "--excel", str(workbook)],
    )
    assert result.exit_code == 0, result.output
    body = json.loads(result.stdout)
    assert (body["agency"], body["year"], body["offices"]) == ("kpu-ri", 2024, 9)
    assert len(body["indicators"]) == 25 and len(body["objectives"]) == 16
    assert body["overall"]["measured"] == 9
    assert [p["year"] for p in body["trend"]] == [2023, 2024]
    assert load_workbook(workbook)["Ringkasan"]["F2"].value == body["overall"]["achievement"]
    printed = runner.invoke(app, ["consolidate", "--agency", "kpu-ri", "--year", "2024"])
    assert printed.exit_code == 0, printed.output
    assert "Konsolidasi KPU RI tahun 2024" in printed.stdout and "9 instansi" in printed.stdout
    regencies = runner.invoke(
        app, ["consolidate", "-a", "kpu-ri", "-y", "2024", "--level", "regency_city", "--json"]
    )
    assert json.loads(regencies.stdout)["offices"] == 7


def test_consolidate_refuses_an_unknown_office_or_level() -> None:
    unknown = runner.invoke(app, ["consolidate", "--agency", "kpu-entah", "--year", "2024"])
    assert unknown.exit_code == 2 and "instansi 'kpu-entah' tidak ada" in unknown.stderr
    level = runner.invoke(app, ["consolidate", "-a", "kpu-ri", "-y", "2024", "--level", "desa"])
    assert level.exit_code == 2 and "tingkat 'desa' tidak dikenal" in level.stderr


def test_synth_as_files_writes_a_dataset_per_office_and_the_workflow(tmp_path: Path) -> None:
    _synth("-o", str(tmp_path / "pohon"))
    files = sorted((tmp_path / "pohon").glob("*.yaml"))
    assert len(files) == 9
    metro = read_yaml(tmp_path / "pohon" / "kpu-kota-metro.yaml")
    assert [p.code for p in metro.agency.parents] == ["kpu-ri", "kpu-provinsi-lampung"]
    with (tmp_path / "pohon" / "workflow.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    realizations = sum(len(y.realizations) for f in files for y in read_yaml(f).years)
    assert len(rows) == realizations
    assert {row["status"] for row in rows} >= {"verified"}
    assert not Agency.objects.exists()


def test_synth_without_the_example_says_which_file_is_missing(tmp_path: Path) -> None:
    result = runner.invoke(app, ["synth", "--offices", "2", "--example", str(tmp_path / "x.yaml")])
    assert result.exit_code == 2
    assert "tidak ditemukan; sebutkan dengan --example" in result.stderr


def test_check_from_the_database_reviews_the_pohon_kinerja() -> None:
    from kinerja.plans.models import Indicator

    _synth()
    Indicator.objects.filter(objective__plan__agency__code="kpu-kota-metro", code="IK05").update(
        serves=None
    )
    result = runner.invoke(app, ["check", "--agency", "kpu-kota-metro", "--year", "2024", "--json"])
    found = {(f["rule"], f["location"]["indicator"]) for f in json.loads(result.stdout)}
    assert ("cascade-unlinked", "IK05") in found
    assert not {rule for rule, _ in found} & {"cascade-unknown", "cascade-unserved"}
