"""What a dataset import does with a final LKE ("LKE final", `kinerja.evaluations.finality`).

An import replaces an office's years, their evaluations included. For a year whose stored LKE
is final:

- the file must hold the same answers (and worksheet) as stored, else the whole import is
  refused: a final LKE changes only after the auditor reopens it;
- the stored final state is kept as it is (who, when, the score and predicate), whatever the
  file says of it.

A file may itself say that a year's LKE is final (`years[].evaluation.final`, as Kinerja's
export writes it). Only the server's commands (`kinerja load`) take that state from a file
(moving an office between deployments, restoring from an export), and only when the final score
and predicate are what the file's answers score. The web import (YAML or a dataset workbook) is a
planner's, who does not finalise: a final state the database does not already hold is refused.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import prefetch_related_objects
from django.utils import timezone

from kinerja.agencies.datasets.exporting import evaluation_data
from kinerja.core.evaluation import score, score_by_criterion
from kinerja.dataset import schema as ds
from kinerja.dataset.worksheet import WorksheetError, load_worksheet
from kinerja.evaluations.models import Evaluation
from kinerja.formats import format_number

FINAL_FIELDS = (
    "finalized_at",
    "finalized_by_id",
    "finalizer_name",
    "finalizer_position",
    "final_score",
    "final_predicate",
    "version",
)


class FinalLkeConflict(Exception):
    """The import would change a final LKE, or bring a final state it may not (Indonesian)."""


@dataclass(frozen=True)
class KeptFinal:
    """A stored final evaluation: its answers as the dataset holds them, and its state."""

    evaluation: ds.Evaluation
    fields: dict[str, Any]


def _answers(evaluation: ds.Evaluation | None) -> Any:
    if evaluation is None:
        return None
    answers = sorted((a.model_dump() for a in evaluation.answers), key=lambda a: a["item"])
    return (evaluation.regulation, evaluation.method, answers)


def stored_finals(agency_id: int, *, lock: bool) -> dict[int, KeptFinal]:
    """The office's final evaluations by year. With `lock`, every evaluation row of the office
    is locked first, drafts included, so that a finalisation running meanwhile waits for the
    import instead of being deleted by it unseen."""
    found = Evaluation.objects.filter(reporting_year__agency_id=agency_id).select_related(
        "reporting_year"
    )
    if lock:
        found = found.select_for_update(of=("self",))
    finals = [evaluation for evaluation in found if evaluation.is_final]
    prefetch_related_objects(finals, "answers")
    kept = {}
    for evaluation in finals:
        data = evaluation_data(evaluation)
        data.pop("final", None)
        kept[evaluation.reporting_year.year] = KeptFinal(
            ds.Evaluation.model_validate(data),
            {name: getattr(evaluation, name) for name in FINAL_FIELDS},
        )
    return kept


def _scored(evaluation: ds.Evaluation) -> tuple[Any, str] | None:
    try:
        worksheet = load_worksheet(evaluation.regulation).worksheet
    except WorksheetError:
        return None
    scorer = score_by_criterion if evaluation.method == "criterion" else score
    try:
        scored = scorer(worksheet, {a.item: a.answer for a in evaluation.answers if a.answer})
    except ValueError:
        return None
    return scored.total, scored.predicate.grade


def check(dataset: ds.Dataset, kept: dict[int, KeptFinal], *, final_from_file: bool) -> None:
    """Refuse (`FinalLkeConflict`) an import that would change a final LKE or bring a final
    state it may not; the message names every year concerned."""
    incoming = {year.year: year.evaluation for year in dataset.all_years()}
    problems = []
    changed = [
        y for y, k in sorted(kept.items()) if _answers(incoming.get(y)) != _answers(k.evaluation)
    ]
    if changed:
        listed = ", ".join(str(y) for y in changed)
        problems.append(
            f"LKE tahun {listed} sudah final, dan berkas ini mengubah atau menghapus jawabannya "
            "(years[].evaluation). Minta auditor membuka kembali LKE itu dengan alasan sebelum "
            "mengimpor, atau biarkan jawabannya seperti yang tersimpan"
        )
    brought = sorted(
        y for y, e in incoming.items() if e is not None and e.final is not None and y not in kept
    )
    if brought and not final_from_file:
        listed = ", ".join(str(y) for y in brought)
        problems.append(
            f"LKE tahun {listed} dalam berkas berstatus final (years[].evaluation.final), "
            "padahal di sistem masih draf; LKE hanya difinalkan auditor di halaman LKE. Hapus "
            "bagian final itu dari berkas"
        )
    elif brought:
        for y in brought:
            evaluation = incoming[y]
            assert evaluation is not None and evaluation.final is not None
            final = evaluation.final
            found = _scored(evaluation)
            if found != (final.score, final.predicate):
                shown = f"{format_number(found[0], 2)} {found[1]}" if found else "tidak terhitung"
                problems.append(
                    f"LKE tahun {y} (years[].evaluation.final) tercatat final dengan nilai "
                    f"{format_number(final.score, 2)} {final.predicate}, tetapi jawabannya "
                    f"bernilai {shown}"
                )
    if problems:
        raise FinalLkeConflict("; ".join(problems))


def final_fields(
    year: int, evaluation: ds.Evaluation, kept: dict[int, KeptFinal]
) -> dict[str, Any]:
    """The state to write on the year's new evaluation row: the stored final state, or the
    file's (checked by `check`), or nothing (a draft)."""
    if year in kept:
        return dict(kept[year].fields)
    final = evaluation.final
    if final is None:
        return {}
    midnight = dt.datetime.combine(final.date, dt.time(), tzinfo=timezone.get_current_timezone())
    return {
        "finalized_at": midnight,
        "finalizer_name": final.by.name,
        "finalizer_position": final.by.position or "",
        "final_score": final.score,
        "final_predicate": final.predicate,
    }
