"""`kinerja check`: exit status by errors found, the stable JSON, the Indonesian table."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from kinerja.cli import app
from kinerja.dataset.schema import Dataset
from kinerja.dataset.yamlio import write_yaml

EXAMPLE = Path(__file__).parents[2] / "examples" / "kpu-kota-metro-2024.yaml"
runner = CliRunner()


def test_check_exits_1_when_the_review_finds_errors() -> None:
    result = runner.invoke(app, ["check", str(EXAMPLE)], env={"COLUMNS": "200"})
    assert result.exit_code == 1, result.output
    assert "Reviu Data Kinerja KPU Kota Metro Tahun 2024" in result.stdout
    assert "Temuan: 36 kesalahan, 32 peringatan, 1 info." in result.stdout


def test_check_json_is_a_list_of_rule_severity_location_message() -> None:
    result = runner.invoke(app, ["check", str(EXAMPLE), "--json"])
    assert result.exit_code == 1
    findings = json.loads(result.stdout)
    assert len(findings) == 69
    assert all(set(f) == {"rule", "severity", "location", "message"} for f in findings)
    assert all(
        set(f["location"]) == {"table", "objective", "indicator", "quarter", "indicator_names"}
        for f in findings
    )
    assert {f["severity"] for f in findings} == {"error", "warning", "info"}
    first = findings[0]
    assert first["rule"] == "target-mismatch"
    name = (
        "Persentase Pegawai yang Telah Mengikuti Pendidikan dan Pelatihan dalam Rangka "
        "Peningkatan Kompetensi SDM"
    )
    assert first["location"] == {
        "table": "Tabel 9",
        "objective": "SS01",
        "indicator": "IK01",
        "quarter": None,
        "indicator_names": [name],
    }
    assert first["message"].startswith(f"Target IK01 ({name}) di Tabel 9 adalah '90%'")
    shared = next(f for f in findings if f["location"]["indicator"] == "IK12, IK13")
    assert [n.split()[0:2] for n in shared["location"]["indicator_names"]] == [
        ["Persentase", "KPU"],
        ["Jumlah", "Laporan"],
    ]


def test_check_exits_0_on_a_consistent_office(tmp_path: Path, consistent_dataset: Dataset) -> None:
    path = tmp_path / "kantor.yaml"
    write_yaml(consistent_dataset, path)
    result = runner.invoke(app, ["check", str(path)])
    assert result.exit_code == 0, result.output
    assert "tidak ada temuan" in result.stdout
    as_json = runner.invoke(app, ["check", str(path), "--json"])
    assert as_json.exit_code == 0
    assert json.loads(as_json.stdout) == []


def test_check_exits_0_when_only_warnings_are_found(tmp_path: Path, consistent_data: dict) -> None:
    consistent_data["years"][0]["realizations"] = []
    path = tmp_path / "kantor.yaml"
    write_yaml(Dataset.model_validate(consistent_data), path)
    result = runner.invoke(app, ["check", str(path), "--json"])
    assert result.exit_code == 0
    assert [f["rule"] for f in json.loads(result.stdout)] == ["quarters-absent"]


def test_check_an_unknown_year_fails_with_2() -> None:
    result = runner.invoke(app, ["check", str(EXAMPLE), "--year", "2019"])
    assert result.exit_code == 2
    assert "Tahun 2019 tidak ada di dataset" in result.stderr


def test_check_a_previous_year_reviews_that_year() -> None:
    result = runner.invoke(app, ["check", str(EXAMPLE), "--year", "2023", "--json"])
    assert result.exit_code in (0, 1)
    assert isinstance(json.loads(result.stdout), list)


def test_check_needs_exactly_one_source() -> None:
    result = runner.invoke(app, ["check"])
    assert result.exit_code == 2
    assert "sebutkan tepat satu sumber" in result.stderr
