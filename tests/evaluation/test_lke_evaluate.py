"""The LKE of an office: the worksheet file, proposals from the data, and `kinerja evaluate`."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from kinerja.cli import app
from kinerja.dataset.evaluation import EvaluationError, Outcome, evaluate, propose
from kinerja.dataset.schema import Dataset
from kinerja.dataset.worksheet import (
    WorksheetError,
    available_regulations,
    load_worksheet,
    parse_worksheet,
)
from kinerja.dataset.yamlio import read_yaml, write_yaml

EXAMPLE = Path(__file__).parents[2] / "examples" / "kpu-kota-metro-2024.yaml"
runner = CliRunner()


def worksheet_data() -> dict[str, Any]:
    resource = resources.files("kinerja").joinpath(
        "evaluation_data", "lke-permenpanrb-88-2021.yaml"
    )
    return yaml.safe_load(resource.read_text("utf-8"))


def test_the_88_2021_worksheet_ships_with_the_weights_of_the_regulation() -> None:
    assert "permenpanrb-88-2021" in available_regulations()
    worksheet = load_worksheet("permenpanrb-88-2021").worksheet
    weights = {
        c.name: (c.weight, [s.weight for s in c.subcomponents]) for c in worksheet.components
    }
    assert {name: (float(w), [float(s) for s in subs]) for name, (w, subs) in weights.items()} == {
        "Perencanaan Kinerja": (30, [6, 9, 15]),
        "Pengukuran Kinerja": (30, [6, 9, 15]),
        "Pelaporan Kinerja": (15, [3, 4.5, 7.5]),
        "Evaluasi Akuntabilitas Kinerja Internal": (25, [5, 7.5, 12.5]),
    }
    assert [(g, int(v)) for g, v in worksheet.answers] == [
        ("AA", 100), ("A", 90), ("BB", 80), ("B", 70), ("CC", 60), ("C", 50), ("D", 30), ("E", 0),
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d["components"][0].update(weight=31), "bobot subkomponen"),
        (lambda d: d["components"][3]["subcomponents"][0].update(weight=6), "bobot"),
        (lambda d: d["answers"].pop("E"), "nilai jawaban"),
        (lambda d: d["predicates"][6].update(above=0), "predikat terakhir"),
        (lambda d: d["predicates"].reverse(), "predikat"),
        (
            lambda d: d["components"][0]["subcomponents"][0]["criteria"][0].update(
                proposal={"check": "menebak", "met": "AA", "partly": "B", "unmet": "E"}
            ),
            "check",
        ),
    ],
)
def test_a_worksheet_file_that_does_not_add_up_is_refused(change, message) -> None:
    data = worksheet_data()
    change(data)
    with pytest.raises(WorksheetError, match=message):
        parse_worksheet(yaml.safe_dump(data), "uji.yaml")


def test_an_unknown_regulation_is_refused_naming_the_available_ones() -> None:
    with pytest.raises(WorksheetError, match="tersedia: permenpanrb-88-2021"):
        load_worksheet("permenpanrb-1-1999")


def test_the_consistent_office_gets_every_proposal_met(consistent_dataset: Dataset) -> None:
    proposals = propose(consistent_dataset)
    assert set(proposals) == {
        "1.a.1", "1.a.2", "1.a.3", "1.a.4", "1.a.5", "1.b.4", "2.a.2", "2.a.3", "2.b.2", "2.b.3",
        "3.a.1", "3.a.2", "3.b.1", "3.b.3",
    }  # fmt: skip
    assert all(p.outcome is Outcome.MET for p in proposals.values())
    assert proposals["1.a.3"].reason == "PK ditandatangani 15 Januari 2024 (batas 31 Januari 2024)"


def test_a_late_pk_and_a_late_lkj_are_proposed_lower(consistent_data: dict) -> None:
    consistent_data["years"][0]["agreements"][0]["signed_on"] = "2024-02-15"
    consistent_data["years"][0]["report"]["date"] = "2025-03-03"
    proposals = propose(Dataset.model_validate(consistent_data))
    assert (proposals["1.a.3"].outcome, proposals["1.a.3"].answer) == (Outcome.PARTLY, "B")
    assert "setelah batas 31 Januari 2024" in proposals["1.a.3"].reason
    assert (proposals["3.a.2"].outcome, proposals["3.a.2"].answer) == (Outcome.PARTLY, "C")


def test_no_quarterly_data_proposes_nothing_about_the_application(consistent_data: dict) -> None:
    consistent_data["years"][0]["realizations"] = []
    proposals = propose(Dataset.model_validate(consistent_data))
    assert "2.b.2" not in proposals
    assert proposals["2.a.2"].outcome is Outcome.UNMET
    assert proposals["3.b.3"].outcome is Outcome.MET  # an info finding is neither error nor warning


def test_the_example_office_scores_70_85_bb() -> None:
    result = evaluate(read_yaml(EXAMPLE))
    assert str(result.score.total) == "70.85"
    assert result.score.predicate.grade == "BB"
    assert result.score.complete
    assert [str(c.score) for c in result.score.components] == ["20.72", "20.40", "11.35", "18.38"]
    rows = {row.code: row for row in result.criteria}
    assert rows["1.a.3"].proposed and rows["1.a.3"].proposal.answer == "B"
    assert rows["2.a.2"].overrides_proposal
    assert rows["3.b.3"].proposal.reason == "reviu menemukan 36 kesalahan dan 32 peringatan"


def test_answers_to_criteria_the_worksheet_lacks_are_refused(consistent_data: dict) -> None:
    consistent_data["years"][0]["evaluation"] = {
        "regulation": "permenpanrb-88-2021",
        "answers": [{"criterion": "9.z.9", "answer": "A"}],
    }
    with pytest.raises(EvaluationError, match=r"9\.z\.9"):
        evaluate(Dataset.model_validate(consistent_data))


def test_a_criterion_answered_twice_does_not_load(consistent_data: dict) -> None:
    consistent_data["years"][0]["evaluation"] = {
        "regulation": "permenpanrb-88-2021",
        "answers": [{"criterion": "1.a.1", "answer": "A"}, {"criterion": "1.a.1", "answer": "B"}],
    }
    with pytest.raises(ValueError, match="dijawab lebih dari sekali"):
        Dataset.model_validate(consistent_data)


def test_evaluate_json_keys() -> None:
    result = runner.invoke(app, ["evaluate", str(EXAMPLE), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert {"components", "total", "predicate"} <= set(data)
    assert data["total"] == 70.85
    assert data["predicate"] == "BB"
    assert [set(c) >= {"name", "weight", "score"} for c in data["components"]] == [True] * 4
    assert data["components"][0] | {"subcomponents": None} == {
        "code": "1",
        "name": "Perencanaan Kinerja",
        "weight": 30.0,
        "score": 20.72,
        "subcomponents": None,
    }


def test_evaluate_prints_an_indonesian_table() -> None:
    result = runner.invoke(app, ["evaluate", str(EXAMPLE)], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "Nilai total: 70,85, predikat BB (Sangat Baik)." in result.stdout
    assert "Jawaban dan usulan sistem" in result.stdout


def test_evaluate_warns_about_unanswered_criteria(tmp_path: Path, consistent_dataset) -> None:
    path = tmp_path / "kantor.yaml"
    write_yaml(consistent_dataset, path)
    result = runner.invoke(app, ["evaluate", str(path)], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    assert "36 kriteria belum dijawab dan dihitung 0" in result.stdout
    assert "predikat D" in result.stdout


@pytest.mark.parametrize("suffix", [".docx", ".pdf"])
def test_evaluate_writes_the_evaluation_report(tmp_path: Path, suffix: str) -> None:
    output = tmp_path / f"lke{suffix}"
    result = runner.invoke(app, ["evaluate", str(EXAMPLE), "-o", str(output), "--json"])
    assert result.exit_code == 0, result.output
    content = output.read_bytes()
    assert content.startswith(b"PK" if suffix == ".docx" else b"%PDF")
    assert json.loads(result.stdout)["predicate"] == "BB"


def test_evaluate_refuses_another_output_type(tmp_path: Path) -> None:
    result = runner.invoke(app, ["evaluate", str(EXAMPLE), "-o", str(tmp_path / "lke.txt")])
    assert result.exit_code == 2
    assert "gunakan .docx atau .pdf" in result.stderr


def test_evaluate_an_unknown_regulation_fails_with_2() -> None:
    result = runner.invoke(app, ["evaluate", str(EXAMPLE), "--regulation", "permenpanrb-1-1999"])
    assert result.exit_code == 2
    assert "tidak ada" in result.stderr
