"""A dataset whose LKE is final (`years[].evaluation.final`): `kinerja evaluate` prints the state
and its JSON carries it; the schema reads the score exactly and refuses what cannot be meant."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path

import pytest
from pydantic import ValidationError
from typer.testing import CliRunner

from kinerja.cli import app
from kinerja.dataset.schema import EvaluationFinal
from kinerja.dataset.yamlio import read_yaml, write_yaml

EXAMPLE = Path(__file__).parents[2] / "examples" / "kpu-kota-metro-2024.yaml"
runner = CliRunner()
FINAL = {
    "date": dt.date(2025, 3, 10),
    "by": {"name": "Siti Aminah", "position": "Auditor Ahli Muda"},
    "score": "71,55",
    "predicate": "BB",
}


def test_evaluate_prints_and_writes_the_final_state(tmp_path: Path) -> None:
    dataset = read_yaml(EXAMPLE)
    final = EvaluationFinal.model_validate(FINAL)
    assert final.score == Decimal("71.55")
    changed = dataset.with_years(
        lambda y: (
            y.model_copy(update={"evaluation": y.evaluation.model_copy(update={"final": final})})
            if y.year == 2024 and y.evaluation is not None
            else y
        )
    )
    path = tmp_path / "final.yaml"
    write_yaml(changed, path)
    assert "score: 71.55" in path.read_text(encoding="utf-8")
    assert read_yaml(path) == changed

    text = runner.invoke(app, ["evaluate", str(path)], env={"COLUMNS": "200"})
    assert text.exit_code == 0, text.output
    assert (
        "Status: LKE final, nilai 71,55 predikat BB, difinalkan oleh Siti Aminah, Auditor Ahli "
        "Muda pada 10 Maret 2025." in text.stdout
    )
    data = json.loads(runner.invoke(app, ["evaluate", str(path), "--json"]).stdout)
    assert data["final"] == {
        "date": "2025-03-10",
        "by": "Siti Aminah",
        "position": "Auditor Ahli Muda",
        "score": 71.55,
        "predicate": "BB",
    }
    draft = json.loads(runner.invoke(app, ["evaluate", str(EXAMPLE), "--json"]).stdout)
    assert draft["final"] is None


@pytest.mark.parametrize(
    ("field", "value", "problem"),
    [
        ("score", "101", "less than or equal to 100"),
        ("score", "71.555", "decimal places"),
        ("score", "tujuh", "nilai 'tujuh' tidak terbaca"),
        ("predicate", "Z", "Input should be"),
    ],
)
def test_a_final_state_that_cannot_be_meant_is_refused(field: str, value: str, problem: str):
    with pytest.raises(ValidationError, match=problem):
        EvaluationFinal.model_validate({**FINAL, field: value})
