"""BAB III Akuntabilitas Kinerja of the LKj: measurement, the seven analyses, budget.

For each objective, the analyses of `domain.md` section 6 as far as the data allows: (a) target
against realisation; (b) earlier years; (c) the Renstra end-of-period target; (d) a national
standard; (e) causes and remedies; (f) efficiency; (g) supporting programs and activities. Each
analysis takes the planner's narrative with the objective set (keys `capaian`,
`perbandingan_tahun`, `perbandingan_renstra`, `standar_nasional`, `analisis`, `efisiensi`,
`program_pendukung`) in place of the draft.
"""

from __future__ import annotations

from kinerja.core.scales import validate_scale
from kinerja.dataset.measure import ObjectiveResult
from kinerja.documents import drafts, narrative, remedies
from kinerja.documents.charts import budget_chart, indicators_chart, objectives_chart, trend_chart
from kinerja.documents.context import ReportContext
from kinerja.documents.lkj_budget import (
    efficiency_blocks,
    objectives_budget_blocks,
    support_blocks,
)
from kinerja.documents.lkj_writing import LkjWriting
from kinerja.documents.organisation import (
    dangling_introductions,
    listed_in,
    opens_with_introduction,
    place_after_introductions,
)
from kinerja.documents.tables import (
    agreement_table,
    budget_lines_table,
    budget_table,
    history_table,
    measurement_table,
    objective_table,
    reference_table,
    scale_table,
    supporting_table,
    unit_measurement_table,
)
from kinerja.documents.tree import (
    Block,
    Blocks,
    Figure,
    Heading,
    ItemList,
    ListItem,
    Paragraph,
    Run,
)
from kinerja.formats import count_text, format_percent

ANALYSES = (
    ("capaian", "a. Target dan realisasi"),
    ("perbandingan_tahun", "b. Perbandingan dengan tahun-tahun sebelumnya"),
    ("perbandingan_renstra", "c. Perbandingan dengan target akhir Renstra"),
    ("standar_nasional", "d. Perbandingan dengan standar nasional"),
    ("analisis", "e. Penyebab keberhasilan atau kegagalan dan upaya perbaikan"),
    ("efisiensi", "f. Efisiensi penggunaan sumber daya"),
    ("program_pendukung", "g. Program dan kegiatan pendukung"),
)


def _lead(text: str) -> Paragraph:
    return Paragraph.of(text, bold=True, keep_with_next=True)


def _title(key: str) -> str:
    """An analysis's title without its letter: the letters are given as printed, in order."""
    return dict(ANALYSES)[key].split(". ", 1)[1]


def absent_everywhere(ctx: ReportContext) -> dict[str, str]:
    """The comparisons (b, c, d) the data allows for no objective at all, each with the one
    sentence that says so. Printed once before the objectives, instead of the same sentence
    under every objective."""
    objectives = ctx.result.objectives
    indicators = [i for o in objectives for i in o.indicators]
    absent: dict[str, str] = {}
    if objectives and not any(
        ctx.earlier_objective(o.code) or any(ctx.earlier_indicator(i.code) for i in o.indicators)
        for o in objectives
    ):
        absent["perbandingan_tahun"] = (
            "Capaian tahun-tahun sebelumnya belum tercatat, sehingga perbandingan antartahun "
            "belum dapat disajikan."
        )
    if indicators and not any(ctx.renstra_gap(i) or i.references for i in indicators):
        absent["perbandingan_renstra"] = (
            f"Target akhir periode Renstra {ctx.plan.start}-{ctx.plan.end} untuk indikator "
            "kinerja belum tercantum, sehingga perbandingan dengan target jangka menengah belum "
            "dapat disajikan."
        )
    if indicators and not any(r.kind == "standard" for i in indicators for r in i.references):
        absent["standar_nasional"] = (
            "Indikator kinerja tidak memiliki standar nasional sebagai pembanding, sehingga "
            "perbandingan dengan standar nasional tidak disajikan."
        )
    return absent


def method(b: LkjWriting) -> list[Block]:
    ctx, out = b.ctx, Blocks()
    out.add(Heading("Metode Pengukuran", 3))
    written = b.planner("metode_pengukuran") or []
    scale = ctx.dataset.settings.rating_scale
    printed = {band.label: band.printed for band in scale.bands if band.printed} if scale else {}
    name = scale.name if scale else ctx.result.scale.name
    formulas = ItemList(
        tuple(
            ListItem((Run(t),), label=f"{n}.")
            for n, t in enumerate(drafts.method_items(ctx), start=1)
        )
    )
    # What the planner's text announces follows the paragraph announcing it: the rating scale
    # ("... skala penilaian capaian sebagai berikut :") and the formulas ("... rumus:").
    scale_announced = bool(dangling_introductions(written, "skala"))
    formulas_announced = bool(dangling_introductions(written, "rumus"))
    blocks: list[Block] = list(written)
    if scale_announced:
        table = scale_table(ctx.result.scale, printed, b.numbers, f"Kategori Capaian ({name})")
        blocks = place_after_introductions(blocks, [table], "skala")
    if formulas_announced:
        blocks = place_after_introductions(blocks, [formulas], "rumus")
    out.extend(blocks)
    if not formulas_announced:
        out.add(
            Paragraph.of(
                "Capaian setiap indikator dihitung dengan rumus dan ketentuan berikut:",
                keep_with_next=True,
            )
        )
        out.add(formulas)
    if not scale_announced:
        out.add(
            Paragraph.of(
                "Capaian setiap indikator dikategorikan menurut skala pada tabel berikut:",
                keep_with_next=True,
            )
        )
        out.add(scale_table(ctx.result.scale, printed, b.numbers, f"Kategori Capaian ({name})"))
    for problem in validate_scale(ctx.result.scale):
        # A flaw of the scale is the review's finding, for the planner; never in the body.
        b.gaps.note("BAB III A. Metode Pengukuran", f"Skala penilaian, {problem.message}.")
    return out.items


def measurement(b: LkjWriting) -> list[Block]:
    ctx, out = b.ctx, Blocks()
    out.add(Heading(f"Pengukuran Kinerja Tahun {ctx.year}", 3))
    out.add(
        Paragraph.of(
            f"Hasil pengukuran {count_text(len(ctx.result.indicators), 'indikator kinerja')} "
            f"Tahun {ctx.year} disajikan pada tabel berikut."
        )
    )
    out.add(
        measurement_table(ctx, b.numbers, f"Pengukuran Kinerja {ctx.agency.name} Tahun {ctx.year}")
    )
    if b.charts and ctx.result.objectives:
        out.add(
            Figure(
                objectives_chart(ctx.result),
                f"Target dan Realisasi Capaian per Sasaran Strategis Tahun {ctx.year}",
                b.numbers.figure(),
            )
        )
        out.add(
            Figure(
                indicators_chart(ctx.result),
                f"Capaian per Indikator Kinerja Tahun {ctx.year} menurut Kategori Capaian",
                b.numbers.figure(),
            )
        )
    trend = ctx.trend()
    if b.charts and len(trend) >= 2:
        out.add(
            Paragraph.of(
                "Perkembangan capaian kinerja instansi dari tahun ke tahun: "
                + narrative.join_words([f"{format_percent(v)} ({y})" for y, v in trend])
                + "."
            )
        )
        out.add(
            Figure(
                trend_chart(trend),
                f"Perkembangan Capaian Kinerja {ctx.agency.name} "
                f"Tahun {trend[0][0]}-{trend[-1][0]}",
                b.numbers.figure(),
                width=0.85,
            )
        )
    return out.items


def objective_analysis(b: LkjWriting, number: int, obj: ObjectiveResult) -> list[Block]:
    ctx, out = b.ctx, Blocks()
    out.add(Heading(f"Sasaran Strategis {number}: {obj.name}", 3))
    drafted: dict[str, list[Block]] = {}

    first: list[Block] = [objective_table(obj, b.numbers, f"Capaian Sasaran Strategis {number}")]
    first += [Paragraph.of(narrative.indicator_sentence(i)) for i in obj.indicators]
    first.append(Paragraph.of(narrative.objective_sentence(obj, ctx.result)))
    drafted["capaian"] = first

    history: list[Block] = []
    table = history_table(
        ctx, obj, b.numbers, f"Realisasi Indikator Sasaran Strategis {number} dari Tahun ke Tahun"
    )
    if table:
        history.append(table)
    history += [Paragraph.of(t) for t in narrative.history_sentences(ctx, obj)]
    drafted["perbandingan_tahun"] = history
    compared = reference_table(
        obj, b.numbers, f"Realisasi Sasaran Strategis {number} terhadap Target Rujukan"
    )
    drafted["perbandingan_renstra"] = [
        *([compared] if compared else []),
        *(Paragraph.of(t) for t in narrative.renstra_sentences(ctx, obj)),
    ]
    drafted["standar_nasional"] = [Paragraph.of(t) for t in narrative.standard_sentences(obj)]
    # A comparison the data allows for no objective is stated once, before the objectives.
    for key in absent_everywhere(ctx):
        drafted[key] = []

    causes: list[Block] = [Paragraph.of(t) for t in narrative.cause_sentences(obj)]
    units = [
        u for u in ctx.objective_units(obj) if ctx.narrative("analisis", work_unit=u) is not None
    ]
    if units:
        causes.append(
            Paragraph.of(
                "Uraian penyebab dan upaya dari "
                + narrative.join_words([ctx.unit_name(u) for u in units])
                + " disajikan pada bagian Capaian per Unit Kerja."
            )
        )
    elif ctx.narrative("analisis", objective=obj.code) is None:
        b.gaps.need(
            f"BAB III A. Sasaran Strategis {number}, penyebab keberhasilan atau kegagalan",
            f"Penyebab keberhasilan atau kegagalan serta upaya perbaikan sasaran {obj.code} "
            "belum diuraikan",
            remedies.narrative("analisis", obj.code),
        )
    drafted["analisis"] = causes
    drafted["efisiensi"] = efficiency_blocks(ctx, obj)
    drafted["program_pendukung"] = support_blocks(
        ctx, obj, b.numbers, f"Program dan Kegiatan Pendukung Sasaran Strategis {number}"
    )

    letters = iter("abcdefg")
    for key, _title_with_letter in ANALYSES:
        # With no budget mapping, f and g have nothing of their own to say: B. Realisasi
        # Anggaran says so once, and the lead is left out unless the planner wrote the section;
        # so are the comparisons the data allows for no objective (`absent_everywhere`).
        # Causes and remedies are the planner's to write, here or in the units' part.
        b.ask(key, obj.code, None, drafted[key], required=key == "analisis" and not units)
        blocks = b.text(key, drafted[key], objective=obj.code)
        if blocks:
            out.add(_lead(f"{next(letters)}. {_title(key)}"))
            out.extend(blocks)
    return out.items


def units(b: LkjWriting) -> list[Block]:
    ctx, out = b.ctx, Blocks()
    # The units with something to show: a PK, a measurement table or their text of causes
    # (which the objectives' analyses point to); no empty section is printed.
    reporting = [
        u
        for u in ctx.dataset.work_units
        if ctx.unit_agreement(u.code) is not None
        or ctx.measurement_tables(u.code)
        or ctx.narrative("analisis", work_unit=u.code) is not None
    ]
    general = ctx.supporting_tables(None)
    if not reporting and not general:
        return out.items
    out.add(Heading("Capaian per Unit Kerja", 3))
    if any(ctx.unit_agreement(u.code) or ctx.measurement_tables(u.code) for u in reporting):
        intro = (
            "Bagian ini menyajikan Perjanjian Kinerja dan pengukuran kinerja setiap unit kerja "
            "sebagaimana dilaporkan unit kerja."
        )
        if any(ctx.measurement_tables(u.code) for u in reporting):
            intro += (
                " Di samping capaian yang dilaporkan, tabel pengukuran memuat capaian yang "
                "dihitung dengan rumus pada Metode Pengukuran."
            )
        out.add(Paragraph.of(intro))
    for unit in reporting:
        agreement = ctx.unit_agreement(unit.code)
        tables = ctx.measurement_tables(unit.code)
        out.add(_lead(unit.name))
        if agreement:
            out.add(
                agreement_table(
                    ctx, agreement, b.numbers, f"Perjanjian Kinerja {unit.name} Tahun {ctx.year}"
                )
            )
            if agreement.budget:
                out.add(
                    budget_lines_table(
                        ctx, agreement, b.numbers, f"Anggaran Perjanjian Kinerja {unit.name}"
                    )
                )
        measured: list[Block] = [
            unit_measurement_table(
                ctx, table, b.numbers, f"Pengukuran Kinerja {unit.name} Tahun {ctx.year}"
            )
            for table in tables
        ]
        written = b.planner("analisis", work_unit=unit.code) or []
        # The measurement table follows the unit's text when that opens by announcing it
        # ("Adapun capaian kinerja ... sebagai berikut:"), else it comes before the text.
        if measured and written and opens_with_introduction(written):
            out.add(written[0])
            out.extend(measured)
            written = written[1:]
        else:
            out.extend(measured)
        # A supporting table goes right after the paragraph that announces it ("... tabel
        # berikut:"); an unnumbered one whose rows the text already lists is not printed again.
        extras = [t for t in ctx.supporting_tables(unit.code) if not listed_in(t, written)]
        announced = [t for t in extras if t.table]
        supporting = [supporting_table(t, b.numbers) for t in announced]
        out.extend(place_after_introductions(written, supporting, "tabel"))
        for extra in extras:
            if not extra.table:
                out.add(supporting_table(extra, b.numbers))
    if general:
        out.add(_lead("Tabel Pendukung"))
        for extra in general:
            out.add(supporting_table(extra, b.numbers))
    return out.items


def budget(b: LkjWriting) -> list[Block]:
    ctx, out = b.ctx, Blocks()
    out.add(Heading("B. Realisasi Anggaran", 2))
    out.extend(b.text("realisasi_anggaran", [drafts.budget_sentence(ctx)]))
    if not ctx.result.budget.programs:
        out.extend(objectives_budget_blocks(ctx, b.numbers))
        return out.items
    out.add(
        budget_table(
            ctx, b.numbers, f"Pagu dan Realisasi Anggaran per Program dan Kegiatan Tahun {ctx.year}"
        )
    )
    if b.charts:
        out.add(
            Figure(
                budget_chart(ctx.result.budget),
                f"Pagu dan Realisasi Anggaran per Program Tahun {ctx.year}",
                b.numbers.figure(),
                width=0.9,
            )
        )
    out.extend(objectives_budget_blocks(ctx, b.numbers))
    result = ctx.office_efficiency()
    if result.efficient is not None:
        verdict = "efisien" if result.efficient else "belum efisien"
        out.add(
            Paragraph.of(
                f"Dengan capaian kinerja instansi {format_percent(result.achievement)} dan "
                f"penyerapan anggaran {format_percent(result.absorption)}, penggunaan anggaran "
                f"dinilai {verdict}."
            )
        )
    return out.items


def bab3(b: LkjWriting) -> list[Block]:
    """BAB III: the intro, A. Capaian Kinerja Organisasi, B. Realisasi Anggaran."""
    ctx, out = b.ctx, Blocks()
    out.extend(b.chapter("BAB III", "AKUNTABILITAS KINERJA"))
    out.extend(b.text("indikator_kinerja", drafts.indikator_kinerja(ctx)))
    out.add(Heading("A. Capaian Kinerja Organisasi", 2))
    out.extend(method(b))
    out.extend(measurement(b))
    written = b.planner("analisis")
    if written:
        out.add(_lead("Analisis Capaian Kinerja"))
        out.extend(written)
    absent = absent_everywhere(ctx)
    if absent:
        out.add(Paragraph.of(" ".join(absent.values())))
    for number, obj in enumerate(ctx.result.objectives, start=1):
        out.extend(objective_analysis(b, number, obj))
    out.extend(units(b))
    out.extend(budget(b))
    return out.items
