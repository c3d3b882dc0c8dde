"""`kinerja measure` and `kinerja check` on a dataset that uses units, caps and references."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from kinerja.cli import app

runner = CliRunner()
HEALTH = Path(__file__).parents[1] / "dataset" / "health-office.yaml"


def _health(tmp_path: Path, extra_setting: str = "") -> Path:
    setting = "  cap_applies: indicator\n"
    body = HEALTH.read_text(encoding="utf-8").replace(setting, setting + extra_setting)
    path = tmp_path / "dinkes.yaml"
    path.write_text(body, encoding="utf-8")
    return path


def test_measure_prints_the_uncapped_figure_and_reference_targets(tmp_path: Path) -> None:
    result = runner.invoke(app, ["measure", str(_health(tmp_path))], env={"COLUMNS": "220"})
    assert result.exit_code == 0, result.output
    # IK01: 200 - 42/49 x 100 = 114,29 (rounded), shown capped at 100
    assert "100,00% (tanpa batas 114,29%)" in result.stdout
    assert "42 per 100.000 KH" in result.stdout  # the bare realisation printed with its Satuan
    assert "IK01 Target akhir Renstra 2026 (kurang dari 40 per 100.000 KH): 95,00%" in result.stdout


def test_measure_json_states_unit_and_uncapped_figure(tmp_path: Path) -> None:
    result = runner.invoke(app, ["measure", str(_health(tmp_path)), "--json"])
    assert result.exit_code == 0, result.output
    ik03 = json.loads(result.stdout)["objectives"][1]["indicators"][0]
    # "maksimal 2%", realisasi 1,5%: (4 - 1,5) / 2 x 100 = 125, shown 100
    assert (ik03["achievement"], ik03["uncapped_achievement"]) == (100.0, 125.0)
    assert ik03["target"] == "maksimal 2%" and ik03["realization"] == "1,5%"


def test_check_warns_about_a_former_formula_name(tmp_path: Path) -> None:
    path = _health(tmp_path, "  lower_is_better: ratio\n")
    result = runner.invoke(app, ["check", str(path)])
    assert "Peringatan: settings.lower_is_better: 'ratio' adalah nama lama" in result.stderr
    assert "tulis 'inverse' (T / R × 100)" in result.stderr
    plain = runner.invoke(app, ["check", str(_health(tmp_path))])
    assert "Peringatan" not in plain.stderr


def test_check_reads_the_same_bound_in_renstra_and_pk_as_one_target(tmp_path: Path) -> None:
    result = runner.invoke(app, ["check", str(_health(tmp_path)), "--json"])
    assert result.exit_code == 0, result.output
    rules = {finding["rule"] for finding in json.loads(result.stdout)}
    assert "target-mismatch" not in rules
