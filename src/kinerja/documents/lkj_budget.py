"""The budget side of the LKj: each objective's efficiency (analysis f) and supporting programs
and activities (analysis g), and the budget per objective in B. Realisasi Anggaran.

Every amount of an objective is the part the plan's mapping gives it (`Program.objectives`,
`Activity.objectives`), allocated in whole rupiah by `kinerja.core.budget`: the amounts of all
objectives add up to the mapped budget exactly, and no line is counted for two objectives in full.
Where the plan maps no budget at all, the analyses f and g are left out and B says so once
(`MISSING_MAPPING`), instead of setting a unit's or the office's whole budget against each
objective.
"""

from __future__ import annotations

from decimal import Decimal

from kinerja.core.budget import absorption, total
from kinerja.dataset.measure import ObjectiveResult
from kinerja.documents.context import BudgetItem, ReportContext
from kinerja.documents.narrative import join_words
from kinerja.documents.tables import header
from kinerja.documents.tree import Block, Cell, Column, Numbering, Paragraph, Table
from kinerja.formats import format_number, format_percent, format_rupiah

MISSING_MAPPING = (
    "Program dan kegiatan yang mendukung setiap sasaran strategis beserta porsi anggarannya "
    "belum ditetapkan. Karena itu anggaran tidak dibagi ke sasaran dan efisiensi tidak dinilai "
    "per sasaran; efisiensi dinilai untuk instansi secara keseluruhan."
)

KINDS = {"activity": "kegiatan", "program": "program"}


def share_text(share: Decimal) -> str:
    """`60%`, `33,33%`."""
    return format_number(share, 2, trim=True) + "%"


def _item(item: BudgetItem) -> str:
    return f"{KINDS[item.kind]} {item.name}"


def _served_by(ctx: ReportContext, obj: ObjectiveResult) -> str:
    """`kegiatan A (60% dari Rp 828.483.000) dan kegiatan B (seluruhnya)`."""
    parts = []
    for item, share, _ in ctx.serving_items(obj):
        portion = "seluruhnya" if share == 100 else f"{share_text(share)} dari "
        if share != 100:
            portion += format_rupiah(item.ceiling)
        parts.append(f"{_item(item)} ({portion})")
    return join_words(parts)


def efficiency_blocks(ctx: ReportContext, obj: ObjectiveResult) -> list[Block]:
    """Analysis f: the objective's achievement next to the absorption of its allocated budget.
    Nothing when the plan maps no budget (B says so once)."""
    budget = ctx.objective_budget(obj)
    if budget is None:
        return []
    if not budget.lines:
        return [
            Paragraph.of(
                "Tidak ada program atau kegiatan yang dinyatakan mendukung sasaran ini, "
                "sehingga efisiensi penggunaan anggarannya tidak dinilai."
            )
        ]
    text = (
        f"Sasaran ini didukung anggaran sebesar {format_rupiah(budget.ceiling)}, yaitu bagian "
        f"sasaran ini dari {_served_by(ctx, obj)}"
    )
    if budget.spent is None or budget.absorption is None:
        return [
            Paragraph.of(
                text + ". Realisasi anggarannya belum dicatat, sehingga efisiensi belum dapat "
                "dinilai."
            )
        ]
    text += (
        f", dengan realisasi {format_rupiah(budget.spent)} "
        f"(penyerapan {format_percent(budget.absorption)})."
    )
    result = ctx.objective_efficiency(obj)
    if result is None or result.efficient is None:
        return [
            Paragraph.of(text),
            Paragraph.of("Capaian sasaran belum dapat dihitung, sehingga efisiensi belum dinilai."),
        ]
    verdict = (
        "efisien, karena capaian tidak lebih rendah dari penyerapan anggaran"
        if result.efficient
        else "belum efisien, karena capaian lebih rendah dari penyerapan anggaran"
    )
    return [
        Paragraph.of(text),
        Paragraph.of(
            f"Dengan capaian {format_percent(obj.achievement)} dan penyerapan "
            f"{format_percent(budget.absorption)}, penggunaan anggaran dinilai {verdict}."
        ),
    ]


def support_blocks(
    ctx: ReportContext, obj: ObjectiveResult, numbering: Numbering, caption: str
) -> list[Block]:
    """Analysis g: the programs and activities the plan says serve the objective, each with its
    share and the part it gives the objective. Nothing when the plan maps no budget."""
    budget = ctx.objective_budget(obj)
    if budget is None:
        return []
    serving = ctx.serving_items(obj)
    if not serving:
        return [
            Paragraph.of("Tidak ada program atau kegiatan yang dinyatakan mendukung sasaran ini.")
        ]
    intro = Paragraph.of(
        f"Capaian sasaran ini didukung oleh {join_words([_item(i) for i, _, _ in serving])}, "
        "dengan porsi anggaran seperti pada tabel berikut:",
        keep_with_next=True,
    )
    rows = tuple(
        (
            Cell(f"{KINDS[item.kind].capitalize()}: {item.name}"),
            Cell(ctx.unit_name(item.work_unit)),
            Cell(format_rupiah(item.ceiling), align="right"),
            Cell(share_text(share), align="right"),
            Cell(format_rupiah(part), align="right"),
        )
        for item, share, part in serving
    )
    table = Table(
        columns=(Column(3.2), Column(2.2), Column(2.1), Column(1.2), Column(2.1)),
        header=(header("Program / Kegiatan", "Unit Kerja", "Pagu", "Porsi", "Bagian Sasaran"),),
        rows=rows,
        footer=(
            (
                Cell("Jumlah", bold=True, colspan=4),
                Cell(format_rupiah(budget.ceiling), bold=True, align="right"),
            ),
        ),
        caption=caption,
        number=numbering.table(),
        size=9,
    )
    return [intro, table]


def objectives_budget_blocks(ctx: ReportContext, numbering: Numbering) -> list[Block]:
    """B. Realisasi Anggaran: the budget of each objective and its efficiency, in one table whose
    total is the mapped budget; or, with no mapping, the one statement that there is none."""
    if not ctx.allocated_items and not ctx.has_budget_mapping:
        return []
    if not ctx.has_budget_mapping:
        return [Paragraph.of(MISSING_MAPPING)]
    budgets = ctx.objective_budgets
    mapped = ctx.mapped_items()
    ceiling = total(i.ceiling for i in mapped)
    spent_lines = [i.spent for i in mapped]
    spent = None if any(s is None for s in spent_lines) else total(s or 0 for s in spent_lines)
    rows = []
    for n, obj in enumerate(ctx.result.objectives, start=1):
        budget = budgets[obj.code]
        result = ctx.objective_efficiency(obj)
        verdict = (
            "-"
            if result is None or result.efficient is None
            else ("efisien" if result.efficient else "belum efisien")
        )
        rows.append(
            (
                Cell(str(n)),
                Cell(obj.name),
                Cell(format_rupiah(budget.ceiling), align="right"),
                Cell(format_rupiah(budget.spent), align="right"),
                Cell(format_percent(budget.absorption), align="right"),
                Cell(format_percent(obj.achievement), align="right"),
                Cell(verdict, align="center"),
            )
        )
    blocks: list[Block] = [
        Paragraph.of(
            "Anggaran setiap program dan kegiatan dibagi kepada sasaran strategis yang "
            "didukungnya menurut porsi yang ditetapkan, dalam rupiah utuh (sisa pembulatan "
            "diberikan kepada bagian dengan pecahan terbesar), sehingga jumlah anggaran seluruh "
            "sasaran sama dengan anggaran yang dibagi dan tidak ada rupiah yang dihitung dua kali. "
            "Anggaran, penyerapan dan efisiensi setiap sasaran disajikan pada tabel berikut:",
            keep_with_next=True,
        ),
        Table(
            columns=(
                Column(0.6, "center"),
                Column(2.7),
                Column(2.3),
                Column(2.3),
                Column(1.6),
                Column(1.2),
                Column(1.4),
            ),
            header=(
                header(
                    "No",
                    "Sasaran Strategis",
                    "Pagu",
                    "Realisasi",
                    "Penyerapan",
                    "Capaian",
                    "Efisiensi",
                ),
            ),
            rows=tuple(rows),
            footer=(
                (
                    Cell(""),
                    Cell("Jumlah", bold=True),
                    Cell(format_rupiah(ceiling), bold=True, align="right"),
                    Cell(format_rupiah(spent), bold=True, align="right"),
                    Cell(format_percent(absorption(spent, ceiling)), bold=True, align="right"),
                    Cell(""),
                    Cell(""),
                ),
            ),
            caption=f"Anggaran dan Efisiensi per Sasaran Strategis Tahun {ctx.year}",
            number=numbering.table(),
            size=8.5,
        ),
    ]
    unmapped = ctx.unmapped_items()
    if unmapped:
        blocks.append(
            Paragraph.of(
                "Anggaran yang tidak dinyatakan mendukung sasaran mana pun, yaitu "
                + join_words([f"{_item(i)} ({format_rupiah(i.ceiling)})" for i in unmapped])
                + f", berjumlah {format_rupiah(total(i.ceiling for i in unmapped))} dan tidak "
                "dibagi ke sasaran."
            )
        )
    return blocks
