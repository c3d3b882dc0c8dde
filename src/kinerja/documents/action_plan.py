"""The Rencana Aksi: the year's quarterly action plan of the office and of each work unit.

For every PK of the year (the office's first, then each work unit's): the indicators with the
year's target and the cumulative target of each quarter (TW I-IV), then the programs and
activities with their budget and the objectives they serve, and the signatures as on the PK
(`pk.signatures`). A missing quarterly target, party or date is a gap: listed at the end of a
draft, and a final Rencana Aksi is refused while any remains (`gaps.DocumentIncomplete`).
"""

from __future__ import annotations

from kinerja.core.budget import total
from kinerja.dataset import schema
from kinerja.documents import remedies
from kinerja.documents.context import ReportContext
from kinerja.documents.gaps import WATERMARK, DocumentIncomplete, Gap, Mode
from kinerja.documents.pk import agreement_name, find_agreement, signatory_gaps, signatures
from kinerja.documents.quarterly import QUARTER_NAMES
from kinerja.documents.tables import agreement_table, header
from kinerja.documents.tree import (
    Block,
    Cell,
    Column,
    Document,
    Heading,
    ItemList,
    ListItem,
    Numbering,
    PageBreak,
    Paragraph,
    Run,
    Section,
    Spacer,
    Table,
)
from kinerja.formats import count_text, format_number, format_rupiah


def _owner(ctx: ReportContext, agreement: schema.Agreement) -> str:
    if agreement.work_unit is None:
        return ctx.agency.full_name or ctx.agency.name
    return ctx.unit_name(agreement.work_unit)


def _served(ctx: ReportContext, kind: str, code: str) -> str:
    """The objectives a budget line serves, with the share when it is not the whole."""
    shares = ctx.objective_shares.get((kind, code), {})
    if kind == "program" and not shares:
        program = next((p for p in ctx.plan.programs if p.code == code), None)
        found: dict[str, None] = {}
        for activity in program.activities if program else []:
            for share in activity.objectives:
                found[share.objective] = None
        return ", ".join(found) or "-"
    return (
        ", ".join(
            code if share == 100 else f"{code} ({format_number(share, 2, trim=True)}%)"
            for code, share in shares.items()
        )
        or "-"
    )


def budget_table(
    ctx: ReportContext, agreement: schema.Agreement, numbering: Numbering, caption: str
) -> Table:
    """`No | Program / Kegiatan | Sasaran yang Didukung | Anggaran` with the `Jumlah`; a program
    line lists the plan's activities of the program under its name."""
    programs = {p.code: p for p in ctx.plan.programs}
    activities = {a.code: a.name for p in ctx.plan.programs for a in p.activities}
    rows = []
    for number, line in enumerate(agreement.budget, start=1):
        if line.program is not None:
            program = programs.get(line.program)
            lines = [program.name if program else line.program]
            lines += [f"- {a.name}" for a in (program.activities if program else [])]
            name, served = "\n".join(lines), _served(ctx, "program", line.program)
        else:
            assert line.activity is not None
            name = activities.get(line.activity, line.activity)
            served = _served(ctx, "activity", line.activity)
        rows.append(
            (
                Cell(str(number)),
                Cell(name),
                Cell(served, align="center"),
                Cell(format_rupiah(line.amount)),
            )
        )
    amount = total(line.amount for line in agreement.budget)
    return Table(
        columns=(Column(0.5, "center"), Column(5.0), Column(1.8, "center"), Column(2.2, "right")),
        header=(header("No", "Program / Kegiatan", "Sasaran yang Didukung", "Anggaran"),),
        rows=tuple(rows),
        footer=(
            (
                Cell(""),
                Cell("Jumlah", bold=True),
                Cell(""),
                Cell(format_rupiah(amount), bold=True),
            ),
        ),
        caption=caption,
        number=numbering.table(),
    )


def quarter_gaps(ctx: ReportContext, agreement: schema.Agreement, place: str) -> list[Gap]:
    """A gap for each PK row whose quarterly targets are not all there."""
    name = agreement_name(ctx, agreement)
    gaps = []
    for row in agreement.rows:
        missing = [f"TW {QUARTER_NAMES[q]}" for q in (1, 2, 3, 4) if q not in row.quarterly_targets]
        if missing:
            gaps.append(
                Gap(
                    place,
                    f"Target {', '.join(missing)} indikator {row.indicator} belum ada",
                    remedies.quarterly_targets(row.indicator, name, ctx.year),
                )
            )
    return gaps


def part(
    ctx: ReportContext, agreement: schema.Agreement, numbering: Numbering
) -> tuple[list[Block], list[Gap]]:
    """One PK's part: heading, quarterly targets, budget, signatures; and what it lacks."""
    owner = _owner(ctx, agreement)
    place = f"Rencana Aksi {owner}"
    blocks: list[Block] = [
        Paragraph.of("RENCANA AKSI", bold=True, align="center", size=13),
        Paragraph.of(f"TAHUN {ctx.year}", bold=True, align="center", size=13),
        Paragraph.of(owner.upper(), bold=True, align="center", size=13),
    ]
    if agreement.work_unit is not None:
        blocks.append(
            Paragraph.of(
                (ctx.agency.full_name or ctx.agency.name).upper(),
                bold=True,
                align="center",
                size=12,
            )
        )
    count = len(agreement.rows)
    blocks += [
        Spacer(8),
        Heading(f"Target Triwulan {owner}", 2),
        Paragraph.of(
            f"Rencana aksi ini menjabarkan target Perjanjian Kinerja {owner} Tahun {ctx.year} "
            f"atas {count_text(count, 'indikator')} ke dalam target "
            "kumulatif setiap triwulan.",
            keep_with_next=True,
        ),
        agreement_table(
            ctx,
            agreement,
            numbering,
            f"Target Triwulan {owner} Tahun {ctx.year}",
            quarterly=True,
        ),
    ]
    if agreement.budget:
        blocks += [
            Heading(f"Kegiatan dan Anggaran {owner}", 2),
            Paragraph.of(
                "Program dan kegiatan yang mendukung pencapaian target tersebut beserta "
                "anggarannya adalah sebagai berikut.",
                keep_with_next=True,
            ),
            budget_table(
                ctx, agreement, numbering, f"Kegiatan dan Anggaran {owner} Tahun {ctx.year}"
            ),
        ]
    blocks += [Spacer(12), signatures(ctx, agreement)]
    gaps = quarter_gaps(ctx, agreement, place) + signatory_gaps(ctx, agreement, place)
    return blocks, gaps


def missing_list(missing: list[Gap]) -> list[Block]:
    """A draft's last page: what is still missing, numbered."""
    items = tuple(
        ListItem((Run(gap.text),), label=f"{n}.") for n, gap in enumerate(missing, start=1)
    )
    return [PageBreak(), Heading("Daftar Kekurangan (Draf)", 2, outlined=False), ItemList(items)]


def build_action_plan(
    ctx: ReportContext, unit: str | None = None, *, mode: Mode = "draft"
) -> Document:
    """The Rencana Aksi of the year: the office's part and each work unit's (or, with `unit`,
    only that unit's, `pk.AgreementNotFound` when it has no PK); a draft lists what is missing,
    a final one is refused while anything is (`DocumentIncomplete`)."""
    if unit is not None:
        agreements = [find_agreement(ctx, unit)]
    else:
        office = find_agreement(ctx, None)
        units = [a for a in ctx.entry.agreements if a.work_unit is not None]
        agreements = [office, *units]
    numbering = Numbering()
    blocks: list[Block] = []
    missing: list[Gap] = []
    for index, agreement in enumerate(agreements):
        if index:
            blocks.append(PageBreak())
        found, gaps = part(ctx, agreement, numbering)
        blocks += found
        missing += gaps
    title = f"Rencana Aksi Tahun {ctx.year}"
    if unit is not None:
        title += f" {ctx.unit_name(unit)}"
    if mode == "final" and missing:
        raise DocumentIncomplete(title, missing)
    if mode == "draft" and missing:
        blocks += missing_list(missing)
    return Document(
        title=f"{title} {ctx.agency.full_name or ctx.agency.name}",
        sections=(Section(tuple(blocks), numbering="arabic", header=title),),
        author=ctx.agency.name,
        subject=title,
        watermark=WATERMARK if mode == "draft" else None,
    )
