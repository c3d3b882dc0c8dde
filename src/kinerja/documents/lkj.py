"""The Laporan Kinerja (LKj) of an office and year, in the layout of PermenPAN-RB 53/2014.

Front matter (cover, Kata Pengantar with its signature, Ringkasan Eksekutif, Daftar Isi, Daftar
Tabel, Daftar Gambar), BAB I to IV and the Lampiran (`domain.md` section 6). BAB III is built in
`lkj_analysis.py`. Every section takes the planner's narrative when the dataset has one for its key
and a drafted text otherwise; planner sections no layout key claims are printed in the Lampiran, so
nothing written is lost.
"""

from __future__ import annotations

from kinerja.dataset import schema
from kinerja.documents import drafts
from kinerja.documents.context import ReportContext
from kinerja.documents.lkj_analysis import bab3
from kinerja.documents.lkj_writing import LkjWriting
from kinerja.documents.narrative import missing, text_blocks
from kinerja.documents.pk import attachment, statement
from kinerja.documents.review_statement import missing_review, review_statement
from kinerja.documents.tables import agreement_table, budget_lines_table, header
from kinerja.documents.tree import (
    Block,
    Blocks,
    Cell,
    Column,
    Contents,
    Cover,
    Document,
    Heading,
    ItemList,
    ListItem,
    PageBreak,
    Paragraph,
    Run,
    Section,
    Signature,
    Signatures,
    Table,
)
from kinerja.formats import format_date, format_percent

BLANK = "...................."


class LkjBuilder(LkjWriting):
    """Walks the LKj layout, taking planner narrative where there is some."""

    # --- the parts ------------------------------------------------------------------------------

    def title(self) -> str:
        report = self.ctx.entry.report
        if report and report.title:
            return report.title
        return f"Laporan Kinerja {self.ctx.agency.name} Tahun {self.ctx.year}"

    def cover(self) -> Cover:
        agency = self.ctx.agency
        organisation = [agency.full_name or agency.name]
        if agency.address:
            organisation.append(agency.address)
        return Cover(
            title=("LAPORAN KINERJA", f"TAHUN {self.ctx.year}"),
            subtitle=("(LKj)",),
            organisation=tuple(line.upper() for line in organisation),
            footer=(agency.name.upper(), str(self.ctx.year + 1)),
        )

    def signature(self) -> Signatures:
        ctx = self.ctx
        report = ctx.entry.report or schema.ReportInfo()
        person = report.signatory or ctx.agency.head
        place = report.place or ctx.agency.signing_place or ctx.agency.city or BLANK
        when = format_date(report.date) if report.date else f"{BLANK} {ctx.year + 1}"
        position = person.position if person and person.position else "Kepala"
        return Signatures(
            (
                Signature(
                    role=(f"{position} {ctx.agency.name},",),
                    name=person.name if person else BLANK,
                    nip=person.nip if person else None,
                    place_date=f"{place}, {when}",
                ),
            )
        )

    def front_matter(self) -> tuple[Block, ...]:
        ctx, out = self.ctx, Blocks()
        out.add(Heading("KATA PENGANTAR", 1))
        out.extend(self.text("kata_pengantar", drafts.kata_pengantar(ctx)))
        out.add(self.signature(), PageBreak(), Heading("RINGKASAN EKSEKUTIF", 1))
        out.extend(self.text("ringkasan_eksekutif", drafts.ringkasan(ctx)))
        out.add(self.summary_table())
        for title, kind in (
            ("DAFTAR ISI", "headings"),
            ("DAFTAR TABEL", "tables"),
            ("DAFTAR GAMBAR", "figures"),
        ):
            out.add(PageBreak(), Heading(title, 1, outlined=kind != "headings"), Contents(kind))  # type: ignore[arg-type]
        return out.freeze()

    def summary_table(self) -> Table:
        result = self.ctx.result
        rows = tuple(
            (
                Cell(str(n)),
                Cell(o.name),
                Cell(str(len(o.indicators)), align="center"),
                Cell(format_percent(o.achievement), align="right"),
                Cell(o.rating.label if o.rating else "-", align="center"),
            )
            for n, o in enumerate(result.objectives, start=1)
        )
        return Table(
            columns=(Column(0.5, "center"), Column(5.0), Column(1.0), Column(1.2), Column(1.3)),
            header=(header("No", "Sasaran Strategis", "Jumlah Indikator", "Capaian", "Kategori"),),
            rows=rows,
            footer=(
                (
                    Cell(""),
                    Cell("Capaian kinerja instansi", bold=True, colspan=2),
                    Cell(format_percent(result.achievement), bold=True, align="right"),
                    Cell(result.rating.label if result.rating else "-", bold=True, align="center"),
                ),
            ),
            caption=f"Ringkasan Capaian Sasaran Strategis Tahun {self.ctx.year}",
            number=self.numbers.table(),
            size=9,
        )

    def bab1(self) -> list[Block]:
        ctx, out = self.ctx, Blocks()
        out.items = [Heading("PENDAHULUAN", 1, label="BAB I")]
        out.add(Heading("A. Latar Belakang", 2))
        out.extend(self.text("latar_belakang", drafts.latar_belakang(ctx)))
        out.add(Heading("B. Maksud dan Tujuan", 2))
        out.extend(self.text("maksud_tujuan", drafts.maksud_tujuan(ctx)))
        out.add(Heading("C. Tugas dan Fungsi", 2))
        out.extend(self.text("tugas_fungsi", [missing("tugas dan fungsi", "tugas_fungsi")]))
        out.add(Heading("D. Struktur Organisasi", 2))
        out.extend(self.text("struktur_organisasi", []))
        out.extend(self.organisation())
        out.add(Heading("E. Isu Strategis", 2))
        out.extend(self.text("isu_strategis", [missing("isu strategis", "isu_strategis")]))
        out.add(Heading("F. Sistematika Laporan", 2))
        systematics: list[Block] = [
            Paragraph.of(
                f"Laporan Kinerja {ctx.agency.name} Tahun {ctx.year} disusun dengan "
                "sistematika sebagai berikut:"
            ),
            ItemList(
                tuple(
                    ListItem((Run(title, bold=True), Run(": " + body)))
                    for title, body in drafts.SYSTEMATICS
                )
            ),
        ]
        out.extend(self.text("sistematika", systematics))
        return out.items

    def organisation(self) -> list[Block]:
        ctx, blocks = self.ctx, list[Block]()
        org = ctx.dataset.organization
        if org.divisions:
            blocks.append(Paragraph.of(f"Pembagian divisi {ctx.agency.name}:", keep_with_next=True))
            blocks.append(ItemList(tuple(ListItem((Run(d.name),)) for d in org.divisions)))
        if ctx.dataset.work_units:
            rows = tuple(
                (Cell(str(n)), Cell(u.name), Cell(u.head.name if u.head else "-"))
                for n, u in enumerate(ctx.dataset.work_units, start=1)
            )
            blocks.append(
                Table(
                    columns=(Column(0.5, "center"), Column(5.0), Column(3.0)),
                    header=(header("No", "Unit Kerja", "Kepala"),),
                    rows=rows,
                    caption=f"Unit Kerja Sekretariat {ctx.agency.name}",
                    number=self.numbers.table(),
                )
            )
        if org.staff:
            rows = tuple(
                (
                    Cell(s.dimension.capitalize()),
                    Cell(s.category),
                    Cell(f"{s.count} orang", align="right"),
                )
                for s in org.staff
            )
            blocks.append(
                Table(
                    columns=(Column(2.0), Column(4.0), Column(1.5, "right")),
                    header=(header("Aspek", "Kategori", "Jumlah"),),
                    rows=rows,
                    caption=f"Sumber Daya Manusia {ctx.agency.name}",
                    number=self.numbers.table(),
                )
            )
        for period in org.commissioner_periods:
            if not period.members:
                continue
            divisions = {d.code: d.name for d in org.divisions}
            rows = tuple(
                (Cell(m.name), Cell(m.position or "-"), Cell(divisions.get(m.division or "", "-")))
                for m in period.members
            )
            blocks.append(
                Table(
                    columns=(Column(3.0), Column(2.0), Column(4.0)),
                    header=(header("Nama", "Jabatan", "Divisi"),),
                    rows=rows,
                    caption=f"Anggota {ctx.agency.name} Periode {period.start}-{period.end}",
                    number=self.numbers.table(),
                )
            )
        return blocks

    def bab2(self) -> list[Block]:
        ctx, plan, out = self.ctx, self.ctx.plan, Blocks()
        out.items = self.chapter("BAB II", "PERENCANAAN KINERJA")
        out.add(Heading(f"A. Rencana Strategis {plan.start}-{plan.end}", 2))
        out.extend(self.text("renstra", drafts.renstra(ctx)))
        out.add(
            Paragraph.of("Visi", bold=True, keep_with_next=True),
            Paragraph.of(f"\u201c{plan.vision}\u201d", italic=True, align="center"),
        )
        if plan.missions:
            out.add(
                Paragraph.of("Misi", bold=True, keep_with_next=True),
                ItemList(
                    tuple(
                        ListItem((Run(m.text),), label=f"{n}.")
                        for n, m in enumerate(plan.missions, start=1)
                    )
                ),
            )
        if plan.goals:
            rows = tuple(
                (Cell(str(n)), Cell(g.text), Cell("\n".join(i.name for i in g.indicators) or "-"))
                for n, g in enumerate(plan.goals, start=1)
            )
            out.add(
                Table(
                    columns=(Column(0.5, "center"), Column(3.5), Column(5.0)),
                    header=(header("No", "Tujuan", "Indikator Tujuan"),),
                    rows=rows,
                    caption=f"Tujuan Renstra {plan.start}-{plan.end}",
                    number=self.numbers.table(),
                    size=9,
                )
            )
        out.add(self.renstra_table())
        if plan.programs:
            out.add(
                Paragraph.of("Program", bold=True, keep_with_next=True),
                ItemList(
                    tuple(
                        ListItem((Run(p.name),), label=f"{n}.")
                        for n, p in enumerate(plan.programs, start=1)
                    )
                ),
            )
        out.add(Heading(f"B. Rencana Kinerja Tahun {ctx.year}", 2))
        out.extend(self.text("rencana_kinerja", drafts.rencana_kinerja(ctx)))
        agreement = ctx.office_agreement
        if agreement and any(r.quarterly_targets for r in agreement.rows):
            out.add(
                agreement_table(
                    ctx,
                    agreement,
                    self.numbers,
                    f"Rencana Aksi Tahun {ctx.year} (Target Triwulan)",
                    quarterly=True,
                )
            )
        else:
            out.add(Paragraph.of("Target triwulan (Rencana Aksi) tidak dimuat dalam data."))
        out.add(Heading(f"C. Perjanjian Kinerja Tahun {ctx.year}", 2))
        out.extend(self.text("penetapan_kinerja", drafts.penetapan_kinerja(ctx)))
        if agreement:
            out.add(
                agreement_table(
                    ctx,
                    agreement,
                    self.numbers,
                    f"Perjanjian Kinerja {ctx.agency.name} Tahun {ctx.year}",
                    quarterly=False,
                )
            )
            if agreement.budget:
                out.add(
                    budget_lines_table(
                        ctx,
                        agreement,
                        self.numbers,
                        f"Anggaran Perjanjian Kinerja Tahun {ctx.year}",
                    )
                )
        return out.items

    def renstra_table(self) -> Table:
        plan = self.ctx.plan
        years = sorted(
            {y for o in plan.objectives for i in o.indicators for y in i.renstra_targets}
        )
        rows = []
        for n, obj in enumerate(plan.objectives, start=1):
            for index, ind in enumerate(obj.indicators):
                cells = [
                    Cell(str(n) if index == 0 else ""),
                    Cell(obj.name if index == 0 else ""),
                    Cell(ind.name),
                ]
                cells += [
                    Cell(
                        schema.printed(ind.renstra_targets[y]) if y in ind.renstra_targets else "-",
                        align="center",
                    )
                    for y in years
                ]
                rows.append(tuple(cells))
        width = 3.0 / max(1, len(years))
        return Table(
            columns=(
                Column(0.5, "center"),
                Column(3.0),
                Column(4.2),
                *[Column(width, "center")] * len(years),
            ),
            header=(
                header("No", "Sasaran Strategis", "Indikator Kinerja", *[str(y) for y in years]),
            ),
            rows=tuple(rows),
            caption=(
                f"Sasaran Strategis dan Indikator Kinerja Renstra {plan.start}-{plan.end}"
                + (" beserta Targetnya" if years else "")
            ),
            number=self.numbers.table(),
            size=8.5 if years else 9,
        )

    def bab4(self) -> list[Block]:
        ctx, out = self.ctx, Blocks()
        out.items = self.chapter("BAB IV", "PENUTUP")
        out.add(Heading("A. Kesimpulan", 2))
        written = self.planner("penutup") or self.planner("kesimpulan")
        out.extend(written or [Paragraph.of(t) for t in drafts.kesimpulan(ctx)])
        out.add(Heading("B. Permasalahan dan Kendala", 2))
        problems = drafts.permasalahan(ctx)
        out.extend(
            self.text(
                "permasalahan",
                [
                    ItemList(
                        tuple(
                            ListItem((Run(t),), label=f"{n}.")
                            for n, t in enumerate(problems, start=1)
                        )
                    )
                ]
                if problems
                else ["Data pengukuran tidak menunjukkan permasalahan."],
            )
        )
        out.add(Heading("C. Langkah ke Depan", 2))
        out.extend(
            self.text(
                "langkah_ke_depan",
                [
                    ItemList(
                        tuple(
                            ListItem((Run(t),), label=f"{n}.")
                            for n, t in enumerate(drafts.langkah(ctx), start=1)
                        )
                    )
                ],
            )
        )
        return out.items

    def appendix(self) -> list[Block]:
        ctx, out = self.ctx, Blocks()
        out.items = [PageBreak(), Heading("LAMPIRAN", 1)]
        agreement = ctx.office_agreement
        if agreement:
            out.add(Heading(f"A. Perjanjian Kinerja Tahun {ctx.year}", 2))
            out.extend(statement(ctx, agreement))
            out.add(PageBreak())
            out.extend(attachment(ctx, agreement, self.numbers))
        reviewed = review_statement(
            ctx.entry, ctx.agency.name, ctx.agency.signing_place or ctx.agency.city
        )
        letter = "B"
        if reviewed:
            out.add(PageBreak(), Heading("B. Pernyataan Telah Direviu", 2))
            out.extend(reviewed)
            letter = "C"
        else:
            self.missing.append(missing_review(ctx.entry) or "")
        leftover = [s for s in ctx.entry.narrative if id(s) not in self.used]
        if leftover:
            out.add(Heading(f"{letter}. Uraian Tambahan", 2))
            for section in leftover:
                out.add(Paragraph.of(section.title or section.key, bold=True, keep_with_next=True))
                out.extend(text_blocks(section.text))
        return out.items

    def build(self) -> Document:
        ctx = self.ctx
        front = self.front_matter()
        body = [*self.bab1(), *self.bab2(), *bab3(self), *self.bab4(), *self.appendix()]
        title = self.title()
        return Document(
            title=title,
            sections=(
                Section((self.cover(),), numbering="none"),
                Section(front, numbering="roman"),
                Section(tuple(body), numbering="arabic", header=title),
            ),
            author=ctx.agency.name,
            subject=f"Laporan Kinerja Tahun {ctx.year}",
        )


def build_lkj(ctx: ReportContext, *, charts: bool = True) -> Document:
    """The LKj document tree of the context's office and year."""
    return LkjBuilder(ctx, charts=charts).build()
