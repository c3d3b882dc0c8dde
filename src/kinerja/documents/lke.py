"""The evaluation report (LKE, PermenPAN-RB 88/2021) as a document tree, for the DOCX/PDF writers.

Built from `kinerja.dataset.evaluation.EvaluationResult`: the score per component and
sub-component, the total and predicate, then every criterion with the answer, the system's
proposal and its reason, and the evaluator's note. Written by `documents.render.write`.
"""

from __future__ import annotations

from kinerja.dataset.evaluation import EvaluationResult
from kinerja.documents.tree import (
    Block,
    Cell,
    Column,
    Document,
    Heading,
    Numbering,
    Paragraph,
    Section,
    Table,
)
from kinerja.formats import format_number


def _number(value: object, places: int = 2, *, trim: bool = False) -> str:
    from decimal import Decimal

    return format_number(Decimal(str(value)), places, trim=trim)


def score_table(result: EvaluationResult, numbering: Numbering) -> Table:
    """`Komponen / Subkomponen | Bobot | Nilai`, with the total and predicate as footer."""
    scored = result.score
    rows: list[tuple[Cell, ...]] = []
    for comp in scored.components:
        rows.append(
            (
                Cell(comp.name, bold=True),
                Cell(_number(comp.weight, trim=True), bold=True),
                Cell(_number(comp.score), bold=True),
            )
        )
        for sub in comp.subcomponents:
            rows.append(
                (
                    Cell(f"    {sub.name}"),
                    Cell(_number(sub.weight, trim=True)),
                    Cell(_number(sub.score)),
                )
            )
    footer = (
        (Cell("Nilai total", bold=True), Cell("100"), Cell(_number(scored.total), bold=True)),
        (
            Cell("Predikat", bold=True),
            Cell(""),
            Cell(f"{scored.predicate.grade} ({scored.predicate.label})", bold=True),
        ),
    )
    return Table(
        columns=(Column(6), Column(1.2, "right"), Column(2, "right")),
        header=((Cell("Komponen / Subkomponen"), Cell("Bobot"), Cell("Nilai")),),
        rows=tuple(rows),
        footer=footer,
        caption=f"Nilai Evaluasi AKIP {result.agency_name} Tahun {result.year}",
        number=numbering.table(),
    )


def criteria_table(result: EvaluationResult, numbering: Numbering) -> Table:
    """Every criterion: code, text (with the note), answer, and the system's proposal."""
    rows: list[tuple[Cell, ...]] = []
    for row in result.criteria:
        text = row.text + (f"\nCatatan: {row.note}" if row.note else "")
        answer = row.answer or "belum dijawab"
        if row.proposed:
            answer += "\n(usulan)"
        elif row.overrides_proposal:
            answer += "\n(diubah)"
        proposal = f"{row.proposal.answer}: {row.proposal.reason}" if row.proposal else "-"
        rows.append((Cell(row.code), Cell(text), Cell(answer, align="center"), Cell(proposal)))
    return Table(
        columns=(Column(1), Column(6), Column(1.4, "center"), Column(4)),
        header=((Cell("Kode"), Cell("Kriteria"), Cell("Jawaban"), Cell("Usulan sistem")),),
        rows=tuple(rows),
        caption="Jawaban Kriteria dan Usulan Sistem",
        number=numbering.table(),
        size=8.5,
    )


def build_evaluation_document(result: EvaluationResult) -> Document:
    """The evaluation report of one office's year."""
    numbering = Numbering()
    scored = result.score
    blocks: list[Block] = [
        Heading(f"Evaluasi Akuntabilitas Kinerja {result.agency_name}", 1),
        Paragraph.of(f"{result.title}, Tahun {result.year}."),
        Paragraph.of(
            f"Nilai total {_number(scored.total)}, predikat {scored.predicate.grade} "
            f"({scored.predicate.label}). Setiap subkomponen bernilai rata-rata nilai jawaban "
            "kriterianya dikali bobotnya; nilai total adalah jumlah nilai komponen."
        ),
    ]
    if scored.unanswered:
        blocks.append(
            Paragraph.of(
                f"{len(scored.unanswered)} kriteria belum dijawab dan dihitung 0: "
                f"{', '.join(scored.unanswered)}.",
                italic=True,
            )
        )
    blocks += [
        score_table(result, numbering),
        Heading("Jawaban per Kriteria", 2),
        Paragraph.of(
            "Usulan sistem diturunkan dari data Kinerja (PK, realisasi, bukti dukung, LKj, hasil "
            "reviu) dengan alasannya; jawaban ditetapkan oleh penilai, yang dapat menerima "
            "(usulan) atau mengubah (diubah) usulan itu."
        ),
        criteria_table(result, numbering),
    ]
    return Document(
        title=f"Evaluasi AKIP {result.agency_name} Tahun {result.year}",
        sections=(Section(tuple(blocks)),),
        author=result.agency_name,
        subject=result.title,
    )
