"""The LKj's narrative sections as the planner edits them: every place the LKj asks for, in its
order, with its drafted text and the figures that text is made from.

The sections come from building the LKj itself (`LkjWriting.asked`), so the editor lists exactly
the sections the document prints, with the draft the document would print. A section's state:
`written` (the planner's text replaces the draft), `drafted` (the document prints the text made
from the numbers), `required` (the data cannot say what belongs there, such as causes or strategic
issues, and the final LKj is refused until it is written: a gap; a draft of what the numbers do
say may still start it) or `optional` (nothing is printed unless the planner writes it). A written
section no place claims (printed in the Lampiran, "Uraian Tambahan") is listed last.

The draft as editable text uses the planner's notation (`narrative.text_blocks`): paragraphs
separated by a blank line, `- ` lines as list items. Tables and figures of a draft cannot be
written in it; they are named (`kept_apart`), since a written section replaces them too.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from kinerja.dataset import schema
from kinerja.dataset.measure import IndicatorResult, ObjectiveResult
from kinerja.documents.context import ReportContext
from kinerja.documents.lkj import LkjBuilder
from kinerja.documents.lkj_analysis import ANALYSES
from kinerja.documents.lkj_writing import Asked
from kinerja.documents.narrative import achievement_text
from kinerja.documents.tree import Block, Figure, ItemList, Paragraph, Table
from kinerja.documents.wording import group_state_text
from kinerja.formats import format_percent, format_rupiah

WRITTEN, DRAFTED, REQUIRED, OPTIONAL = "written", "drafted", "required", "optional"
STATE_NAMES = {
    WRITTEN: "Ditulis perencana",
    DRAFTED: "Teks otomatis dari angka",
    REQUIRED: "Kosong, wajib diisi",
    OPTIONAL: "Kosong, tidak wajib",
}
PLACES = {
    "kata_pengantar": "Kata Pengantar",
    "ringkasan_eksekutif": "Ringkasan Eksekutif",
    "latar_belakang": "BAB I A. Latar Belakang",
    "maksud_tujuan": "BAB I B. Maksud dan Tujuan",
    "tugas_fungsi": "BAB I C. Tugas dan Fungsi",
    "struktur_organisasi": "BAB I D. Struktur Organisasi",
    "isu_strategis": "BAB I E. Isu Strategis",
    "sistematika": "BAB I F. Sistematika Laporan",
    "renstra": "BAB II A. Rencana Strategis",
    "rencana_kinerja": "BAB II B. Rencana Kinerja Tahunan",
    "penetapan_kinerja": "BAB II C. Perjanjian Kinerja",
    "indikator_kinerja": "BAB III, pembuka",
    "metode_pengukuran": "BAB III A. Metode Pengukuran",
    "analisis": "BAB III A. Analisis Capaian Kinerja (pembuka)",
    "realisasi_anggaran": "BAB III B. Realisasi Anggaran",
    "penutup": "BAB IV A. Kesimpulan",
    "kesimpulan": "BAB IV A. Kesimpulan",
    "permasalahan": "BAB IV B. Permasalahan dan Kendala",
    "langkah_ke_depan": "BAB IV C. Langkah ke Depan",
    "pernyataan_reviu": "Lampiran, Pernyataan Telah Direviu",
}
ANALYSIS_TITLES = dict(ANALYSES)

# Which figures each section's draft is made from (`figures`).
OFFICE = ("objectives", "indicators")
FIGURES: dict[str, tuple[str, ...]] = {
    "kata_pengantar": OFFICE,
    "ringkasan_eksekutif": (*OFFICE, "budget"),
    "rencana_kinerja": OFFICE,
    "penetapan_kinerja": (*OFFICE, "budget"),
    "indikator_kinerja": OFFICE,
    "analisis": OFFICE,
    "realisasi_anggaran": ("budget",),
    "penutup": OFFICE,
    "kesimpulan": OFFICE,
    "permasalahan": ("indicators",),
    "langkah_ke_depan": ("indicators",),
    "renstra": ("objectives",),
}
OBJECTIVE_FIGURES: dict[str, tuple[str, ...]] = {
    "capaian": ("objectives", "indicators"),
    "perbandingan_tahun": ("objectives", "indicators", "history"),
    "perbandingan_renstra": ("indicators", "renstra"),
    "standar_nasional": ("indicators", "references"),
    "analisis": ("indicators",),
    "efisiensi": ("objectives", "budget"),
    "program_pendukung": ("budget",),
}


@dataclass(frozen=True)
class Section:
    """One narrative place of the LKj and what is there now."""

    key: str
    objective: str | None
    work_unit: str | None
    place: str
    draft: tuple[Block, ...]
    required: bool
    written: schema.NarrativeSection | None

    @property
    def state(self) -> str:
        if self.written is not None:
            return WRITTEN
        if self.required:
            return REQUIRED
        return DRAFTED if self.draft else OPTIONAL

    @property
    def state_name(self) -> str:
        return STATE_NAMES[self.state]

    @property
    def draft_text(self) -> str:
        return blocks_text(self.draft)

    @property
    def kept_apart(self) -> list[str]:
        """The tables and figures of the draft, which a written text replaces too."""
        return [
            f"{'Tabel' if isinstance(b, Table) else 'Gambar'} {b.caption}"
            for b in self.draft
            if isinstance(b, Table | Figure) and b.caption
        ]

    @property
    def text(self) -> str:
        """What the editor starts from: the planner's text, else the draft as text."""
        return self.written.text if self.written is not None else self.draft_text


@dataclass(frozen=True)
class FigureTable:
    """A table of the figures a section's draft is made from."""

    title: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]

    @property
    def labelled_rows(self) -> list[list[tuple[str, str]]]:
        """Each row's cells with their column's name (a narrow screen stacks them)."""
        return [list(zip(self.header, row, strict=True)) for row in self.rows]


def blocks_text(blocks: Sequence[Block]) -> str:
    """Blocks in the planner's notation: paragraphs, and `- ` items (tables and figures left
    out). `narrative.text_blocks` reads it back into the same paragraphs and items."""
    parts = []
    for block in blocks:
        if isinstance(block, Paragraph) and block.text.strip():
            parts.append(" ".join(block.text.split()))
        elif isinstance(block, ItemList):
            parts.append(
                "\n".join(
                    f"- {item.label + ' ' if item.label else ''}{' '.join(item.text.split())}"
                    for item in block.items
                )
            )
    return "\n\n".join(parts)


def _place(ctx: ReportContext, asked: Asked, numbers: dict[str, int]) -> str:
    if asked.objective is not None:
        number = numbers.get(asked.objective)
        title = ANALYSIS_TITLES.get(asked.key, asked.key)
        return f"BAB III A. Sasaran Strategis {number or ''} ({asked.objective}), {title}"
    if asked.work_unit is not None:
        return f"BAB III A. Capaian per Unit Kerja, {ctx.unit_name(asked.work_unit)}"
    return PLACES.get(asked.key, asked.key)


def sections(ctx: ReportContext) -> list[Section]:
    """Every narrative section of the context's LKj in document order, then the written
    sections no place claims."""
    builder = LkjBuilder(ctx, charts=True)
    builder.build("draft")
    numbers = {o.code: n for n, o in enumerate(ctx.result.objectives, start=1)}
    found = []
    for asked in builder.asked.values():
        written = ctx.narrative(asked.key, objective=asked.objective, work_unit=asked.work_unit)
        found.append(
            Section(
                asked.key,
                asked.objective,
                asked.work_unit,
                _place(ctx, asked, numbers),
                asked.draft,
                asked.required,
                written,
            )
        )
    claimed = set(builder.asked)
    for extra in ctx.entry.narrative:
        where = (extra.key, extra.objective, extra.work_unit)
        if where in claimed:
            continue
        claimed.add(where)
        found.append(
            Section(
                extra.key,
                extra.objective,
                extra.work_unit,
                "Lampiran, Uraian Tambahan",
                (),
                False,
                extra,
            )
        )
    return found


def find(
    items: Sequence[Section], key: str, objective: str | None, work_unit: str | None
) -> Section | None:
    return next(
        (s for s in items if (s.key, s.objective, s.work_unit) == (key, objective, work_unit)),
        None,
    )


# --- where the numbers come from ----------------------------------------------------------------


def _indicator_row(ind: IndicatorResult) -> tuple[str, ...]:
    return (
        ind.code,
        ind.name,
        ind.target or "-",
        ind.realization or "-",
        achievement_text(ind),
        ind.rating.label if ind.rating else "-",
    )


def _objective_row(obj: ObjectiveResult) -> tuple[str, ...]:
    return (
        obj.code,
        obj.name,
        str(len(obj.indicators)),
        format_percent(obj.achievement)
        if obj.achievement is not None
        else group_state_text(i.achievement.status for i in obj.indicators),
        obj.rating.label if obj.rating else "-",
    )


def figures(ctx: ReportContext, section: Section) -> list[FigureTable]:
    """The figures the section's draft is made from, as the LKj's context has them: for an
    objective's analysis that objective's, for a work unit its indicators', else the office's."""
    result = ctx.result
    objectives: Sequence[ObjectiveResult] = result.objectives
    indicators: Sequence[IndicatorResult] = result.indicators
    kinds = FIGURES.get(section.key, ())
    if section.objective is not None:
        objectives = [o for o in result.objectives if o.code == section.objective]
        indicators = [i for o in objectives for i in o.indicators]
        kinds = OBJECTIVE_FIGURES.get(section.key, ("indicators",))
    elif section.work_unit is not None:
        indicators = [i for i in result.indicators if i.work_unit == section.work_unit]
        kinds = ("indicators",)
    out = []
    if "objectives" in kinds:
        rows = [_objective_row(o) for o in objectives]
        if section.objective is None:
            office = (
                format_percent(result.achievement)
                if result.achievement is not None
                else group_state_text(i.achievement.status for i in result.indicators)
            )
            rows.append(
                (
                    "",
                    "Capaian kinerja instansi",
                    str(len(result.indicators)),
                    office,
                    result.rating.label if result.rating else "-",
                )
            )
        out.append(
            FigureTable(
                "Sasaran strategis",
                ("Kode", "Sasaran", "Indikator", "Capaian", "Kategori"),
                tuple(rows),
            )
        )
    if "indicators" in kinds and indicators:
        out.append(
            FigureTable(
                f"Indikator kinerja tahun {ctx.year}",
                ("Kode", "Indikator", "Target", "Realisasi", "Capaian", "Kategori"),
                tuple(_indicator_row(i) for i in indicators),
            )
        )
    if "history" in kinds:
        rows = [
            (str(y), i.code, i.realization or "-", achievement_text(i))
            for ind in indicators
            for y, i in ctx.earlier_indicator(ind.code)
        ]
        if rows:
            out.append(
                FigureTable(
                    "Tahun-tahun sebelumnya",
                    ("Tahun", "Indikator", "Realisasi", "Capaian"),
                    tuple(rows),
                )
            )
    if "renstra" in kinds:
        rows = []
        for ind in indicators:
            gap = ctx.renstra_gap(ind)
            if gap is None:
                continue
            share = (
                format_percent(gap.achievement.value)
                if gap.achievement is not None and gap.achievement.value is not None
                else "-"
            )
            rows.append((ind.code, str(gap.target_year), gap.target, ind.realization or "-", share))
        if rows:
            out.append(
                FigureTable(
                    "Target akhir Renstra",
                    ("Indikator", "Tahun", "Target akhir", f"Realisasi {ctx.year}", "Setara"),
                    tuple(rows),
                )
            )
    if "references" in kinds:
        rows = [
            (
                ind.code,
                ref.label,
                ref.target,
                format_percent(ref.achievement.value) if ref.achievement.value is not None else "-",
            )
            for ind in indicators
            for ref in ind.references
        ]
        if rows:
            out.append(
                FigureTable(
                    "Target rujukan", ("Indikator", "Rujukan", "Target", "Setara"), tuple(rows)
                )
            )
    if "budget" in kinds:
        out += _budget(ctx, section)
    return out


def _budget(ctx: ReportContext, section: Section) -> list[FigureTable]:
    budget = ctx.result.budget
    out = []
    if section.objective is not None:
        found = next((o for o in ctx.result.objectives if o.code == section.objective), None)
        spent = ctx.objective_budget(found) if found is not None else None
        if spent is None:
            return []
        efficiency = ctx.objective_efficiency(found) if found is not None else None
        row = (
            format_rupiah(spent.ceiling),
            format_rupiah(spent.spent),
            format_percent(spent.absorption) if spent.absorption is not None else "-",
            format_percent(efficiency.achievement)
            if efficiency and efficiency.achievement is not None
            else "-",
        )
        return [
            FigureTable(
                f"Anggaran sasaran {section.objective}",
                ("Pagu", "Realisasi", "Penyerapan", "Capaian sasaran"),
                (row,),
            )
        ]
    rows = [
        (
            p.code,
            p.name,
            format_rupiah(p.ceiling),
            format_rupiah(p.spent),
            format_percent(p.absorption) if p.absorption is not None else "-",
        )
        for p in budget.programs
    ]
    rows.append(
        (
            "",
            "Jumlah",
            format_rupiah(budget.ceiling),
            format_rupiah(budget.spent),
            format_percent(budget.absorption) if budget.absorption is not None else "-",
        )
    )
    out.append(
        FigureTable(
            f"Anggaran tahun {ctx.year}",
            ("Kode", "Program", "Pagu", "Realisasi", "Penyerapan"),
            tuple(rows),
        )
    )
    return out
