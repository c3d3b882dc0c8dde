"""What the LKj lacks and what its planner should know, gathered once the chapters are written,
and the draft's last appendix that lists both (`gaps.py`; `lkj.py` decides draft or final).
"""

from __future__ import annotations

from kinerja.documents import remedies
from kinerja.documents.context import ReportContext
from kinerja.documents.lkj_writing import LkjWriting
from kinerja.documents.narrative import calculation_notes, doubled_words
from kinerja.documents.tree import (
    Block,
    Blocks,
    Heading,
    ItemList,
    ListItem,
    PageBreak,
    Paragraph,
    Run,
)
from kinerja.formats import format_percent


def _unit(ctx: ReportContext, indicator: str) -> str | None:
    """The name of the work unit whose operator enters an indicator's values."""
    code = ctx.indicator(indicator).work_unit
    return ctx.unit_name(code) if code else None


def data_gaps(b: LkjWriting) -> None:
    """What the measured year lacks, and the notes on how figures were computed."""
    ctx = b.ctx
    for ind in ctx.result.indicators:
        place = f"BAB III, indikator {ind.code}"
        if ind.achievement.status.value == "unmeasured":
            b.gaps.need(
                place,
                f"Realisasi indikator {ind.code} ({ind.name}) belum diisi",
                remedies.realisation(ctx.year, _unit(ctx, ind.code)),
            )
        for note in calculation_notes(ind):
            b.gaps.note(place, f"Perhitungan capaian {ind.code}, {note}.")
        if ind.reported_differs and ind.achievement.value is not None:
            b.gaps.note(
                place,
                f"Capaian {ind.code} yang tercetak pada tabel pengukuran unit kerja "
                f"({ind.reported_printed}) berbeda dari hasil hitung "
                f"({format_percent(ind.achievement.value)}).",
            )
    doubled_word_notes(b)
    budget = ctx.result.budget
    if budget.ceiling is not None and budget.spent is None:
        b.gaps.need(
            "BAB III B. Realisasi Anggaran",
            "Realisasi anggaran per program dan kegiatan belum dicatat",
            remedies.spending(ctx.year),
        )


def doubled_word_notes(b: LkjWriting) -> None:
    """Doubled words in the dataset's own text are printed as written; the planner is told
    where they are."""
    ctx = b.ctx
    texts = [
        (f"Rencana Strategis, indikator {i.code}", i.name)
        for o in ctx.plan.objectives
        for i in o.indicators
    ]
    texts += [(f"Rencana Strategis, sasaran {o.code}", o.name) for o in ctx.plan.objectives]
    texts += [
        (f"Uraian \u201c{section.key}\u201d", section.text) for section in ctx.entry.narrative
    ]
    for place, text in texts:
        for words in doubled_words(text):
            b.gaps.note(place, f"Kata ganda \u201c{words}\u201d.")


def gaps_appendix(b: LkjWriting, letter: str) -> list[Block]:
    """The draft's last appendix: what is still missing, then the notes for the planner."""
    out = Blocks()
    out.add(PageBreak(), Heading(f"{letter}. Daftar Kekurangan (Draf)", 2))
    out.add(
        Paragraph.of(
            "Lampiran ini hanya ada pada draf. Laporan final dapat dibuat setelah semua "
            "kekurangan berikut dilengkapi."
            if b.gaps.missing
            else "Tidak ada kekurangan; laporan final dapat dibuat."
        )
    )
    if b.gaps.missing:
        out.add(
            ItemList(
                tuple(
                    ListItem((Run(gap.text),), label=f"{n}.")
                    for n, gap in enumerate(b.gaps.missing, start=1)
                )
            )
        )
    if b.gaps.notes:
        out.add(Paragraph.of("Catatan untuk penyusun", bold=True, keep_with_next=True))
        out.add(
            ItemList(
                tuple(
                    ListItem((Run(f"{note.place}. {note.text}"),), label=f"{n}.")
                    for n, note in enumerate(b.gaps.notes, start=1)
                )
            )
        )
    return out.items
