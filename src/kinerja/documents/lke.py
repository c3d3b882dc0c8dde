"""The evaluation report (LKE, PermenPAN-RB 88/2021) as a document tree, for the DOCX/PDF writers.

Built from `kinerja.dataset.evaluation.EvaluationResult`: the score per component and
sub-component (the office's self-assessment beside the evaluator's value, which alone counts), the
total and predicate, then every sub-component with its criteria checked, the answers, the system's
proposal and its reason, and the note. Written by `documents.render.write`.
"""

from __future__ import annotations

from kinerja.dataset.evaluation import EvaluationResult
from kinerja.dataset.worksheet import load_worksheet
from kinerja.documents.gaps import WATERMARK
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
from kinerja.formats import format_date, format_number

METHOD_TEXT = {
    "subcomponent": "Setiap subkomponen dijawab satu kali (AA sampai E) dan bernilai persentase "
    "jawabannya dikali bobotnya.",
    "criterion": "Setiap kriteria dijawab (AA sampai E); subkomponen bernilai rata-rata nilai "
    "jawaban kriterianya dikali bobotnya.",
}


def _number(value: object, places: int = 2, *, trim: bool = False) -> str:
    from decimal import Decimal

    return format_number(Decimal(str(value)), places, trim=trim)


def score_table(result: EvaluationResult, numbering: Numbering) -> Table:
    """`Komponen / Subkomponen | Bobot | Nilai`, with the total and predicate as footer."""
    scored, own = result.score, result.self_score
    rows: list[tuple[Cell, ...]] = []
    for comp, own_comp in zip(scored.components, own.components, strict=True):
        rows.append(
            (
                Cell(f"{comp.code}. {comp.name}", bold=True),
                Cell(_number(comp.weight, trim=True), bold=True),
                Cell(_number(own_comp.score), bold=True),
                Cell(_number(comp.score), bold=True),
            )
        )
        for sub, own_sub in zip(comp.subcomponents, own_comp.subcomponents, strict=True):
            mine = f" ({own_sub.answer})" if own_sub.answer else ""
            theirs = f" ({sub.answer})" if sub.answer else ""
            rows.append(
                (
                    Cell(f"    {sub.code} {sub.name}"),
                    Cell(_number(sub.weight, trim=True)),
                    Cell(_number(own_sub.score) + mine),
                    Cell(_number(sub.score) + theirs),
                )
            )
    footer = (
        (
            Cell("Nilai total", bold=True),
            Cell("100"),
            Cell(_number(own.total)),
            Cell(_number(scored.total), bold=True),
        ),
        (
            Cell("Predikat", bold=True),
            Cell(""),
            Cell(f"{own.predicate.grade} ({own.predicate.label})"),
            Cell(f"{scored.predicate.grade} ({scored.predicate.label})", bold=True),
        ),
    )
    return Table(
        columns=(Column(5.4, "left"), Column(1.1, "right"), Column(2, "right"), Column(2, "right")),
        header=(
            (Cell("Komponen / Subkomponen"), Cell("Bobot"), Cell("Mandiri"), Cell("Evaluator")),
        ),
        rows=tuple(rows),
        footer=footer,
        caption=f"Nilai Evaluasi AKIP {result.agency_name} Tahun {result.year}",
        number=numbering.table(),
    )


def criteria_table(result: EvaluationResult, numbering: Numbering) -> Table:
    """Every answered item: code, text with its criteria (checked or not) and note, the two
    answers, and the system's proposal with its reason."""
    rows: list[tuple[Cell, ...]] = []
    for row in result.rows:
        lines = [row.text]
        if result.method == "subcomponent":
            met = [c.code for c in row.criteria if c.met]
            unmet = [f"{c.code} {c.text.rstrip('.')}" for c in row.criteria if not c.met]
            lines.append(
                f"Terpenuhi ({len(met)} dari {len(row.criteria)}): {', '.join(met)}."
                if met
                else f"Belum ada dari {len(row.criteria)} kriteria yang dicentang terpenuhi."
            )
            if unmet and met:
                lines.append("Belum terpenuhi: " + "; ".join(unmet) + ".")
        if row.note:
            lines.append(f"Catatan: {row.note}")
        answer = row.answer or "belum dinilai"
        if row.proposed:
            answer += "\n(usulan)"
        elif row.overrides_proposal:
            answer += "\n(diubah)"
        proposal = f"{row.proposal.answer}: {row.proposal.reason}" if row.proposal else "-"
        rows.append(
            (
                Cell(row.code),
                Cell("\n".join(lines)),
                Cell(row.self_assessment or "-", align="center"),
                Cell(answer, align="center"),
                Cell(proposal),
            )
        )
    return Table(
        columns=(Column(1), Column(6.2), Column(1.3, "center"), Column(1.4, "center"), Column(3.6)),
        header=(
            (
                Cell("Kode"),
                Cell("Subkomponen dan kriteria"),
                Cell("Mandiri"),
                Cell("Evaluator"),
                Cell("Usulan sistem"),
            ),
        ),
        rows=tuple(rows),
        caption="Jawaban, Kriteria Terpenuhi dan Usulan Sistem",
        number=numbering.table(),
        size=8.5,
    )


def _state(result: EvaluationResult) -> list[Block]:
    """The LKE's state: final (the score and predicate as finalised, by whom, when) or draft."""
    final = result.final
    if final is None:
        return [
            Paragraph.of(
                "DRAF: LKE ini belum difinalkan evaluator; nilai dan jawabannya masih dapat "
                "berubah.",
                bold=True,
            )
        ]
    labels = {
        band.grade: band.label
        for band in load_worksheet(result.score.regulation).worksheet.predicates
    }
    label = f" ({labels[final.predicate]})" if final.predicate in labels else ""
    who = final.by.name + (f", {final.by.position}" if final.by.position else "")
    blocks: list[Block] = [
        Paragraph.of(
            f"LKE FINAL: nilai {_number(final.score)}, predikat {final.predicate}{label}, "
            f"difinalkan oleh {who} pada {format_date(final.date)}.",
            bold=True,
        )
    ]
    if (final.score, final.predicate) != (result.score.total, result.score.predicate.grade):
        blocks.append(
            Paragraph.of(
                f"Nilai yang dihitung dari jawaban dengan lembar kerja sekarang "
                f"({_number(result.score.total)}, {result.score.predicate.grade}) berbeda dari "
                "nilai final; yang berlaku adalah nilai final.",
                italic=True,
            )
        )
    return blocks


def build_evaluation_document(result: EvaluationResult) -> Document:
    """The evaluation report of one office's year, marked final (with the finalised score and
    who finalised it) or draft."""
    numbering = Numbering()
    scored = result.score
    blocks: list[Block] = [
        Heading(f"Evaluasi Akuntabilitas Kinerja {result.agency_name}", 1),
        Paragraph.of(f"{result.title}, Tahun {result.year}."),
        *_state(result),
        Paragraph.of(
            f"Nilai total {_number(scored.total)}, predikat {scored.predicate.grade} "
            f"({scored.predicate.label}). {METHOD_TEXT[result.method]} Nilai total adalah "
            "jumlah nilai komponen. Hanya nilai evaluator yang dihitung; penilaian mandiri "
            f"kantor bernilai {_number(result.self_score.total)}."
        ),
    ]
    if scored.unanswered:
        what = "subkomponen" if result.method == "subcomponent" else "kriteria"
        blocks.append(
            Paragraph.of(
                f"{len(scored.unanswered)} {what} belum dinilai evaluator dan dihitung 0: "
                f"{', '.join(scored.unanswered)}.",
                italic=True,
            )
        )
    blocks += [
        score_table(result, numbering),
        Heading("Jawaban per Subkomponen", 2),
        Paragraph.of(
            "Kriteria berfungsi sebagai pertanyaan pendalaman: kantor mencentang kriteria yang "
            "terpenuhi, dan bagian kriteria yang terpenuhi menjadi usulan jawaban sistem beserta "
            "alasannya. Nilai ditetapkan evaluator, yang dapat menerima (usulan) atau mengubah "
            "(diubah) usulan itu."
        ),
        criteria_table(result, numbering),
    ]
    state = "" if result.final else " (Draf)"
    return Document(
        title=f"Evaluasi AKIP {result.agency_name} Tahun {result.year}{state}",
        sections=(Section(tuple(blocks)),),
        author=result.agency_name,
        subject=result.title,
        watermark=None if result.final else WATERMARK,
    )
