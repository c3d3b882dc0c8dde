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
from kinerja.dataset.evaluation import EvaluationError, Outcome, evaluate
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
        (lambda d: d["answers"].pop("E"), "nilai dan arti jawaban"),
        (lambda d: d["predicates"][6].update(above=0), "predikat terakhir"),
        (lambda d: d["predicates"].reverse(), "predikat"),
        (
            lambda d: d["components"][0]["subcomponents"][0]["criteria"][0].update(check="x"),
            "check",
        ),
        (lambda d: d["proposal_by_share"][-1].update(above=0), "pita usulan"),
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


def checks(dataset: Dataset) -> dict[str, tuple[Outcome, str | None]]:
    result = evaluate(dataset)
    return {c.code: (c.data, c.reason) for row in result.rows for c in row.criteria if c.data}


def test_the_consistent_office_meets_every_tested_criterion(consistent_dataset: Dataset) -> None:
    found = checks(consistent_dataset)
    assert "1.a.4" in found and "3.a.6" in found
    unmet = {code for code, (outcome, _) in found.items() if outcome is not Outcome.MET}
    assert unmet == {"3.a.4"}  # no review recorded
    assert found["1.a.4"][1] == "PK ditandatangani 15 Januari 2024 (batas 31 Januari 2024)"


def test_unanswered_subcomponents_are_proposed_from_the_data(consistent_dataset: Dataset) -> None:
    rows = {row.code: row for row in evaluate(consistent_dataset).rows}
    # 1.a: the data shows 1.a.3, 1.a.4, 1.a.5 met, 3 of 6 (50%): C
    assert rows["1.a"].proposal.answer == "C"
    assert rows["1.a"].proposal.reason.startswith("3 dari 6 kriteria terpenuhi (50%) menurut data")
    assert rows["2.c"].proposal is None  # no criterion of 2.c can be tested


def test_a_late_pk_and_a_late_lkj_are_only_partly_met(consistent_data: dict) -> None:
    consistent_data["years"][0]["agreements"][0]["signed_on"] = "2024-02-15"
    consistent_data["years"][0]["report"]["date"] = "2025-03-03"
    found = checks(Dataset.model_validate(consistent_data))
    assert found["1.a.4"][0] is Outcome.PARTLY
    assert "setelah batas 31 Januari 2024" in (found["1.a.4"][1] or "")
    assert found["3.a.6"][0] is Outcome.PARTLY


def test_a_recorded_review_meets_the_reviewed_criterion(consistent_data: dict) -> None:
    consistent_data["years"][0]["review"] = {
        "reviewer": {"name": "Budi Santoso"},
        "date": "2025-02-20",
        "statement": "Kami telah mereviu.",
    }
    found = checks(Dataset.model_validate(consistent_data))
    assert found["3.a.4"] == (Outcome.MET, "direviu Budi Santoso, 20 Februari 2025")


def test_the_example_office_scores_71_55_bb() -> None:
    result = evaluate(read_yaml(EXAMPLE))
    assert str(result.score.total) == "71.55"
    assert result.score.predicate.grade == "BB"
    assert str(result.self_score.total) == "76.55"  # the office's own column does not count
    assert result.score.complete
    assert [str(c.score) for c in result.score.components] == ["21.60", "21.60", "10.35", "18.00"]
    rows = {row.code: row for row in result.rows}
    assert rows["1.b"].proposed and rows["1.b"].proposal.answer == "CC"
    assert rows["1.b"].proposal.reason.startswith("7 dari 11 kriteria terpenuhi (63,6%)")
    assert rows["4.a"].overrides_proposal and rows["4.a"].proposal.answer == "BB"


def test_answers_to_items_the_worksheet_lacks_are_refused(consistent_data: dict) -> None:
    consistent_data["years"][0]["evaluation"] = {
        "regulation": "permenpanrb-88-2021",
        "answers": [{"item": "9.z", "answer": "A"}],
    }
    with pytest.raises(EvaluationError, match=r"subkomponen .*9\.z"):
        evaluate(Dataset.model_validate(consistent_data))
    consistent_data["years"][0]["evaluation"]["answers"] = [{"item": "1.a", "met": ["2.a.1"]}]
    with pytest.raises(EvaluationError, match=r"2\.a\.1 bukan kriteria subkomponen 1\.a"):
        evaluate(Dataset.model_validate(consistent_data))


def test_the_per_criterion_variant_still_scores(consistent_data: dict) -> None:
    consistent_data["years"][0]["evaluation"] = {
        "regulation": "permenpanrb-88-2021",
        "method": "criterion",
        "answers": [{"item": "2.a.1", "answer": "AA"}, {"item": "2.a.2", "answer": "B"}],
    }
    result = evaluate(Dataset.model_validate(consistent_data))
    assert str(result.score.total) == "3.40"  # (100 + 70 + 0) / 3 % of 6
    assert len(result.rows) == 80


def test_an_item_answered_twice_does_not_load(consistent_data: dict) -> None:
    consistent_data["years"][0]["evaluation"] = {
        "regulation": "permenpanrb-88-2021",
        "answers": [{"item": "1.a", "answer": "A"}, {"item": "1.a", "answer": "B"}],
    }
    with pytest.raises(ValueError, match="dijawab lebih dari sekali"):
        Dataset.model_validate(consistent_data)


def test_evaluate_json_keys() -> None:
    result = runner.invoke(app, ["evaluate", str(EXAMPLE), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert {"components", "total", "predicate"} <= set(data)
    assert data["total"] == 71.55
    assert data["self_assessment"]["total"] == 76.55
    assert data["predicate"] == "BB"
    assert [set(c) >= {"name", "weight", "score"} for c in data["components"]] == [True] * 4
    assert data["components"][0] | {"subcomponents": None} == {
        "code": "1",
        "name": "Perencanaan Kinerja",
        "weight": 30.0,
        "score": 21.6,
        "subcomponents": None,
    }


def test_evaluate_prints_an_indonesian_table() -> None:
    result = runner.invoke(app, ["evaluate", str(EXAMPLE)], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert (
        "Nilai total: 71,55, predikat BB (Sangat Baik); penilaian mandiri 76,55." in result.stdout
    )
    assert "Jawaban dan usulan sistem" in result.stdout
    assert "Status: draf (belum difinalkan evaluator)." in result.stdout


def test_evaluate_warns_about_unanswered_criteria(tmp_path: Path, consistent_dataset) -> None:
    path = tmp_path / "kantor.yaml"
    write_yaml(consistent_dataset, path)
    result = runner.invoke(app, ["evaluate", str(path)], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    assert "12 subkomponen belum dinilai evaluator dan dihitung 0" in result.stdout
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


def test_answers_in_the_former_criterion_form_are_read_as_the_variant(consistent_data) -> None:
    consistent_data["years"][0]["evaluation"] = {
        "regulation": "permenpanrb-88-2021",
        "answers": [{"criterion": "2.a.1", "answer": "AA"}, {"criterion": "2.a.2", "answer": "B"}],
    }
    dataset = Dataset.model_validate(consistent_data)
    evaluation = dataset.years[0].evaluation
    assert evaluation.method == "criterion"
    assert [a.item for a in evaluation.answers] == ["2.a.1", "2.a.2"]
    assert str(evaluate(dataset).score.total) == "3.40"
