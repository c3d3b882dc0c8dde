"""A final LKE and the dataset: the export carries the state (`years[].evaluation.final`), an
import keeps it and refuses to change a final LKE's answers (web import, dataset workbook,
`kinerja load`), and only a server command takes a final state from a file, when its score is
what the file's answers score."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from typer.testing import CliRunner

from kinerja.accounts.models import Membership
from kinerja.agencies.datasets import export_dataset, import_dataset
from kinerja.agencies.datasets.final_lke import FinalLkeConflict
from kinerja.agencies.models import Agency
from kinerja.cli import app
from kinerja.dataset.excel.writer import write_xlsx
from kinerja.dataset.schema import Dataset
from kinerja.dataset.yamlio import dump_yaml, read_yaml
from kinerja.evaluations import finality
from kinerja.evaluations.models import Evaluation
from kinerja.ui import excel_uploads, importing

runner = CliRunner()
EXAMPLE = Path(__file__).parents[2] / "examples" / "kpu-kota-metro-2024.yaml"


@dataclass
class Office:
    """The example office alone (no locked year, which an import would refuse first), with its
    auditor and planner."""

    agency: Agency
    users: dict[str, Any]

    @property
    def own(self) -> Office:
        return self


@pytest.fixture
def world(db: None, settings: Any, tmp_path: Path) -> Office:
    settings.DATA_DIR = tmp_path
    agency = import_dataset(read_yaml(EXAMPLE))
    users = {}
    for role in ("auditor", "planner"):
        users[role] = get_user_model().objects.create_user(role, first_name=role)
        Membership.objects.create(user=users[role], agency=agency, role=role)
    return Office(agency, users)


World = Office


def year(world: World) -> Any:
    return world.own.agency.reporting_years.get(year=2024)


def finalised(world: World) -> Evaluation:
    shown = finality.fingerprint(year(world))
    return finality.finalize_lke(world.users["auditor"], year(world), shown, "Auditor Ahli Muda")


def with_answer(dataset: Dataset, item: str, answer: str) -> Dataset:
    """The dataset with the evaluator's value of `item` in 2024 changed."""

    def changed(entry: Any) -> Any:
        if entry.year != 2024:
            return entry
        evaluation = entry.evaluation
        answers = [
            a.model_copy(update={"answer": answer}) if a.item == item else a
            for a in evaluation.answers
        ]
        return entry.model_copy(
            update={"evaluation": evaluation.model_copy(update={"answers": answers})}
        )

    return dataset.with_years(changed)


def test_the_export_carries_the_final_state_and_a_reimport_keeps_it(world: World) -> None:
    stored = finalised(world)
    exported = export_dataset(world.own.agency)
    final = exported.year(2024).evaluation.final
    assert final is not None
    assert (final.score, final.predicate) == (Decimal("71.55"), "BB")
    assert (final.by.name, final.by.position) == ("auditor", "Auditor Ahli Muda")
    assert "predicate: BB" in dump_yaml(exported)

    preview = importing.prepare(world.own.agency, dump_yaml(exported), "ekspor.yaml")
    importing.apply(world.own.agency, preview.token, world.users["planner"])
    again = Evaluation.objects.get(
        reporting_year__agency=world.own.agency, reporting_year__year=2024
    )
    assert again.pk != stored.pk  # the import wrote the year again
    assert (again.finalized_at, again.finalized_by_id, again.final_score, again.version) == (
        stored.finalized_at,
        stored.finalized_by_id,
        stored.final_score,
        stored.version,
    )


def test_an_import_changing_a_final_lke_is_refused_on_every_path(
    world: World, tmp_path: Path
) -> None:
    finalised(world)
    changed = with_answer(export_dataset(world.own.agency), "1.a", "AA")
    message = "LKE tahun 2024 sudah final, dan berkas ini mengubah atau menghapus jawabannya"
    with pytest.raises(importing.ImportRefused, match=message):
        importing.prepare(world.own.agency, dump_yaml(changed), "ubah.yaml")

    workbook = tmp_path / "ubah.xlsx"
    write_xlsx(changed, workbook)
    with workbook.open("rb") as upload, pytest.raises(importing.ImportRefused, match=message):
        excel_uploads.prepare(world.own.agency, "dataset", upload, "ubah.xlsx")

    with pytest.raises(FinalLkeConflict, match=message):
        import_dataset(changed)
    source = tmp_path / "ubah.yaml"
    source.write_text(dump_yaml(changed), encoding="utf-8")
    loaded = runner.invoke(app, ["load", str(source)])
    assert loaded.exit_code == 2
    assert message in loaded.stderr and "Tidak ada data yang ditulis" in loaded.stderr
    stored = Evaluation.objects.get(reporting_year=year(world))
    assert stored.is_final and stored.answers.get(item="1.a").answer == "B"


def test_a_final_state_comes_from_a_file_only_through_a_server_command(world: World) -> None:
    finalised(world)
    exported = export_dataset(world.own.agency)
    Evaluation.objects.filter(reporting_year=year(world)).update(
        finalized_at=None, finalized_by=None, final_score=None, final_predicate=""
    )
    with pytest.raises(importing.ImportRefused, match="padahal di sistem masih draf"):
        importing.prepare(world.own.agency, dump_yaml(exported), "final.yaml")

    forged = exported.with_years(
        lambda y: (
            y.model_copy(
                update={
                    "evaluation": y.evaluation.model_copy(
                        update={
                            "final": y.evaluation.final.model_copy(update={"score": Decimal("95")})
                        }
                    )
                }
            )
            if y.year == 2024
            else y
        )
    )
    with pytest.raises(FinalLkeConflict, match="tercatat final dengan nilai 95,00 BB"):
        import_dataset(forged)

    import_dataset(exported)  # the server's load: the file's final state, checked
    stored = Evaluation.objects.get(
        reporting_year__agency=world.own.agency, reporting_year__year=2024
    )
    assert stored.is_final and stored.finalized_by is None and stored.finalizer_name == "auditor"
    assert (stored.final_score, stored.final_predicate) == (Decimal("71.55"), "BB")
